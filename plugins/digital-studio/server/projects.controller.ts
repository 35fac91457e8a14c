import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PluginRoute } from '@portal/plugin-sdk';
import type { Response } from 'express';
import { ExpensesService } from './expenses.service';
import { ProfitabilityService } from './profitability.service';

@ApiTags('digital-studio')
@ApiBearerAuth()
@Controller()
@PluginRoute('digital-studio')
export class ProjectsController {
  constructor(
    private readonly expenses: ExpensesService,
    private readonly profitability: ProfitabilityService,
  ) {}

  @Post('deals/:id/expenses')
  @ApiOperation({ summary: 'A direct cost of the project {amount, note, spentAt?}' })
  addExpense(@Param('id') id: string, @Body() body: unknown) {
    return this.expenses.create(id, body);
  }

  @Get('deals/:id/expenses')
  listExpenses(@Param('id') id: string) {
    return this.expenses.list(id);
  }

  @Delete('deals/:id/expenses/:expenseId')
  @HttpCode(204)
  async removeExpense(@Param('id') id: string, @Param('expenseId') expenseId: string): Promise<void> {
    await this.expenses.remove(id, expenseId);
  }

  @Get('deals/:id/profitability')
  @ApiOperation({ summary: 'Revenue, labour cost, expenses, gross profit, margin, minutes vs plan, by user/task/department, alert' })
  ofDeal(@Param('id') id: string) {
    return this.profitability.ofDeal(id);
  }

  @Get('deals/:id/alerts')
  @ApiOperation({ summary: 'The deal-card badge {alert} and every active alert' })
  alerts(@Param('id') id: string) {
    return this.profitability.alertsOf(id);
  }

  @Get('reports/profitability/series')
  @ApiOperation({ summary: 'Gross profit over time by month and currency: ?from=YYYY-MM&to=YYYY-MM&pipeline=&responsibleId=&departmentId=' })
  series(@Query() q: Record<string, unknown>) {
    return this.profitability.series(q);
  }

  @Get('reports/profitability')
  @ApiOperation({ summary: 'One row per project: ?pipeline=&responsibleId=&departmentId=&from=&to=&alert=&sort=margin|-margin|grossProfit|…&limit=&cursor=&format=csv' })
  async report(@Query() q: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const out = await this.profitability.report(q);
    if ('csv' in out) {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', 'attachment; filename="profitability.csv"');
      return out.csv;
    }
    return out;
  }
}
