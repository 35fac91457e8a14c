import { Global, Inject, Module, OnModuleInit, Optional } from '@nestjs/common';
import { MessagingModule } from '../messaging/messaging.module';
import { ActionServicesFactory } from './action-services';
import { CORE_ACTIONS } from './actions/core-actions';
import { AutomationRegistry } from './automation-registry';
import { AutomationWorker } from './automation-worker.service';
import { AutomationsController, CalendarController, TestClockController } from './automations.controller';
import { DealFactsLoader } from './deal-facts.loader';
import { DeliveryService } from './delivery.service';
import { DryRunService } from './dry-run.service';
import { OutboxDispatcher } from './outbox-dispatcher.service';
import { PortalCalendarService } from './portal-calendar.service';
import { RulesService } from './rules.service';
import { RunExecutor } from './run-executor.service';
import { RunPlanner } from './run-planner';
import { RunsService } from './runs.service';
import { TestClockService } from './test-clock.service';
import { CORE_TRIGGERS } from './triggers/core-triggers';
import { AUTOMATION_EXTENSIONS } from './automation.types';
import type { AutomationExtensions } from './automation.types';

/** The automation engine ("robots"): rules as data, durable timers, business calendar, exactly-once runs. */
@Global()
@Module({
  imports: [MessagingModule],
  controllers: [AutomationsController, TestClockController, CalendarController],
  providers: [
    AutomationRegistry,
    RulesService,
    RunsService,
    RunPlanner,
    RunExecutor,
    OutboxDispatcher,
    DeliveryService,
    DealFactsLoader,
    ActionServicesFactory,
    PortalCalendarService,
    TestClockService,
    DryRunService,
    AutomationWorker,
  ],
  exports: [AutomationRegistry, RulesService, PortalCalendarService, RunExecutor, OutboxDispatcher, AutomationWorker],
})
export class AutomationModule implements OnModuleInit {
  constructor(
    private readonly registry: AutomationRegistry,
    @Optional() @Inject(AUTOMATION_EXTENSIONS) private readonly extensions: AutomationExtensions[] | null,
  ) {}

  /** Core's own trigger and action types register exactly as a plugin's do. */
  onModuleInit(): void {
    const core: AutomationExtensions = { triggers: CORE_TRIGGERS, actions: CORE_ACTIONS };
    for (const ext of [core, ...(this.extensions ?? [])]) {
      ext.triggers?.forEach((t) => this.registry.registerTrigger(t, ext.pluginId));
      ext.actions?.forEach((a) => this.registry.registerAction(a, ext.pluginId));
    }
  }
}
