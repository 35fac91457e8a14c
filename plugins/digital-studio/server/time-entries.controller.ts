import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PluginRoute } from '@portal/plugin-sdk';
import { TimeEntriesService } from './time-entries.service';

@ApiTags('digital-studio')
@ApiBearerAuth()
@Controller()
@PluginRoute('digital-studio')
export class TimeEntriesController {
  constructor(private readonly entries: TimeEntriesService) {}

  @Post('time-entries')
  @ApiOperation({ summary: 'Log whole minutes on a project task or deal: {taskId?, dealId?, minutes, startedAt?, note?, userId? (heads/admins)}' })
  create(@Body() body: unknown) {
    return this.entries.create(body);
  }

  @Get('time-entries')
  @ApiOperation({ summary: 'Time entries (own, own deals’; all for heads/admins): ?dealId=&userId=&taskId=&from=&to=&limit=&cursor=' })
  list(@Query() q: Record<string, unknown>) {
    return this.entries.list(q);
  }

  @Get('time-entries/:id')
  get(@Param('id') id: string) {
    return this.entries.get(id);
  }

  @Patch('time-entries/:id')
  @ApiOperation({ summary: 'Change an own entry (any, for heads/admins); entries older than the lock period: heads/admins only' })
  update(@Param('id') id: string, @Body() body: unknown) {
    return this.entries.update(id, body);
  }

  @Delete('time-entries/:id')
  @HttpCode(204)
  async remove(@Param('id') id: string): Promise<void> {
    await this.entries.remove(id);
  }

  @Get('timers/current')
  @ApiOperation({ summary: 'The caller’s running timer: {running, dealId, taskId, note, startedAt, elapsedMinutes}' })
  current() {
    return this.entries.currentTimer();
  }

  @Post('timers/start')
  @ApiOperation({ summary: 'Start a timer on a task {taskId} (or {dealId}); a running one is stopped into its entry (`stopped`)' })
  start(@Body() body: unknown) {
    return this.entries.startTimer(body);
  }

  @Post('timers/stop')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop the running timer → the time entry (nearest whole minute, at least 1); 409 timer_not_running' })
  stop(@Body() body: unknown) {
    return this.entries.stopTimer(body);
  }
}
