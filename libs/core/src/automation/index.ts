export * from './automation.types';
export { AutomationRegistry } from './automation-registry';
export { AutomationModule } from './automation.module';
export { RulesService } from './rules.service';
export { PortalCalendarService } from './portal-calendar.service';
