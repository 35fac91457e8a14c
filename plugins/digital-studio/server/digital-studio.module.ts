import { Module } from '@nestjs/common';
import { AlertsService } from './alerts.service';
import { CostRatesController } from './cost-rates.controller';
import { CostRatesService } from './cost-rates.service';
import { DirtySweeper } from './dirty-sweeper';
import { ExpensesService } from './expenses.service';
import { ProfitabilityService } from './profitability.service';
import { ProjectsController } from './projects.controller';
import { StudioContext } from './studio-context';
import { TimeEntriesController } from './time-entries.controller';
import { TimeEntriesService } from './time-entries.service';

/** Time tracking, cost rates, expenses, profitability, alerts and the report of the digital studio. */
@Module({
  controllers: [TimeEntriesController, CostRatesController, ProjectsController],
  providers: [StudioContext, AlertsService, TimeEntriesService, CostRatesService, ExpensesService, ProfitabilityService, DirtySweeper],
})
export class DigitalStudioModule {}
