import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock } from '../common/clock';
import { Roles } from '../identity/auth/auth.decorators';
import { CompleteTaskDto } from './dto/complete-task.dto';
import { CreateTaskDto } from './dto/create-task.dto';
import { ListTasksQuery, TaskHistoryQuery } from './dto/list-tasks.query';
import { UpdateTaskDto } from './dto/update-task.dto';
import { taskView } from './task.view';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Set a task for an active user of the portal, on a deal or on its own' })
  async create(@Body() dto: CreateTaskDto) {
    return taskView(await this.tasks.create({ ...dto, createdBy: 'user' }), this.clock.now());
  }

  @Get()
  @ApiOperation({ summary: "Every user sees the portal's tasks (as in amoCRM by default); filter by deal, assignee, status, deadline window" })
  async list(@Query() query: ListTasksQuery) {
    const page = await this.tasks.list(query);
    const now = this.clock.now();
    return { items: page.items.map((t) => taskView(t, now)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    return taskView(await this.tasks.get(id), this.clock.now());
  }

  @Get(':id/history')
  @ApiOperation({ summary: "The task's history, newest first: created, deadline moves with their comments, edits, completion" })
  history(@Param('id') id: string, @Query() query: TaskHistoryQuery) {
    return this.tasks.history(id, query);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit an open task: moving dueAt needs a comment (422 comment_required); changing assigneeId is admin-only' })
  async update(@Param('id') id: string, @Body() dto: UpdateTaskDto) {
    return taskView(await this.tasks.update(id, dto), this.clock.now());
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete the task (assignee, creator, head or admin); `result` is required and one of `resultOptions` when those exist' })
  async complete(@Param('id') id: string, @Body() dto: CompleteTaskDto) {
    return taskView(await this.tasks.complete(id, dto), this.clock.now());
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({ summary: 'Delete a task (admin only)' })
  async remove(@Param('id') id: string) {
    await this.tasks.remove(id);
  }
}
