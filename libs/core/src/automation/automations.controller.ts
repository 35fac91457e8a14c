import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../identity/auth/auth.decorators';
import { AutomationRegistry } from './automation-registry';
import { DryRunService } from './dry-run.service';
import { PortalCalendarService } from './portal-calendar.service';
import { RulesService } from './rules.service';
import { RunsService } from './runs.service';
import { TestClockService } from './test-clock.service';

@ApiTags('automations')
@ApiBearerAuth()
@Controller('automations')
export class AutomationsController {
  constructor(
    private readonly rules: RulesService,
    private readonly runs: RunsService,
    private readonly dryRuns: DryRunService,
    private readonly registry: AutomationRegistry,
  ) {}

  @Get('runs')
  @ApiOperation({ summary: 'The run log: done, skipped (why), failed (error, attempts) and scheduled runs; filter by deal, rule, status' })
  listRuns(@Query() query: { dealId?: string; ruleId?: string; status?: string; limit?: string; cursor?: string }) {
    return this.runs.list(query);
  }

  @Get('types')
  @ApiOperation({ summary: 'The trigger and action types this portal can use (core and plugins)' })
  types() {
    return { triggers: this.registry.triggerTypes(), actions: this.registry.actionTypes() };
  }

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: "The portal's automation rules" })
  list(@Query() query: { enabled?: string; trigger?: string }) {
    return this.rules.list(query);
  }

  @Get(':id')
  @Roles('admin')
  get(@Param('id') id: string) {
    return this.rules.get(id);
  }

  @Post()
  @Roles('admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a rule; validated against the trigger/action registries and the portal (400 naming the problem)' })
  create(@Body() body: unknown) {
    return this.rules.create(body);
  }

  @Patch(':id')
  @Roles('admin')
  update(@Param('id') id: string, @Body() body: unknown) {
    return this.rules.update(id, body);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  async remove(@Param('id') id: string) {
    await this.rules.remove(id);
  }

  @Post(':id/dry-run')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'What the rule would do to a deal now and when its delayed part would fire, without doing it' })
  dryRun(@Param('id') id: string, @Body() body: { dealId?: unknown }) {
    return this.dryRuns.dryRun(id, body?.dealId);
  }
}

@ApiTags('automations')
@ApiBearerAuth()
@Controller('test-clock')
export class TestClockController {
  constructor(private readonly clock: TestClockService) {}

  @Get()
  @ApiOperation({ summary: "A sandbox portal's test clock (404 on live portals)" })
  now() {
    return this.clock.now();
  }

  @Post('advance')
  @HttpCode(200)
  @ApiOperation({ summary: 'Moves the test clock; returns after every timer and job that became due has run' })
  advance(@Body() body: { minutes?: unknown; days?: unknown; to?: unknown }) {
    return this.clock.advance(body);
  }
}

@ApiTags('automations')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: PortalCalendarService) {}

  @Get()
  @ApiOperation({ summary: "The portal's business calendar: time zone, working hours, holidays of a year" })
  get(@Query('year') year?: string) {
    return this.calendar.view(year && /^\d{4}$/.test(year) ? Number(year) : undefined);
  }

  @Put()
  @Roles('admin')
  update(@Body() body: { timezone?: unknown; workingHours?: unknown; holidayCalendar?: unknown }) {
    return this.calendar.update(body ?? {});
  }

  @Post('holidays')
  @Roles('admin')
  @HttpCode(201)
  addHoliday(@Body() body: { date?: unknown; name?: unknown }) {
    return this.calendar.addHoliday(body?.date, body?.name);
  }

  @Delete('holidays/:date')
  @Roles('admin')
  @HttpCode(204)
  async removeHoliday(@Param('date') date: string) {
    await this.calendar.removeHoliday(date);
  }
}
