import { Global, Module } from '@nestjs/common';

/** Tasks: assignee, deadline with comment rule, result options, status. */
@Global()
@Module({ controllers: [], providers: [], exports: [] })
export class TasksModule {}
