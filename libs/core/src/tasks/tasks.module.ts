import { Global, Module } from '@nestjs/common';
import { TasksRepository, TasksService } from './tasks.service';

/** Tasks: assignee, deadline with comment rule, result options, status. */
@Global()
@Module({ controllers: [], providers: [TasksRepository, TasksService], exports: [TasksService, TasksRepository] })
export class TasksModule {}
