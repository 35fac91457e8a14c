import { Global, Module } from '@nestjs/common';
import { TaskDealRefs } from './task-deal-refs';
import { TasksController } from './tasks.controller';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';

/**
 * Tasks: assignee, deadline (moved only with a comment), result options, open / overdue / done.
 * Owns the `tasks` table; reads `deals` only to check a deal id. Other contexts call TasksService
 * (`openTaskIds`, `create`, `get`, `complete` …), never the repository's tables.
 *
 * Who may do what (amoCRM's defaults): every user of the portal sees and creates tasks, for anyone;
 * the assignee, the creator, a head or an admin completes or edits one; moving a task to another user
 * and deleting it are for admins only.
 */
@Global()
@Module({ controllers: [TasksController], providers: [TasksRepository, TaskDealRefs, TasksService], exports: [TasksService, TasksRepository] })
export class TasksModule {}
