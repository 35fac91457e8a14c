import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PluginRoute, Roles } from '@portal/plugin-sdk';
import { CostRatesService } from './cost-rates.service';

/** Rates are for heads and admins only: everyone else gets 403. */
@ApiTags('digital-studio')
@ApiBearerAuth()
@Controller()
@PluginRoute('digital-studio')
@Roles('admin', 'head')
export class CostRatesController {
  constructor(private readonly rates: CostRatesService) {}

  @Put('users/:id/cost-rate')
  @ApiOperation({ summary: 'Set a person’s hourly cost from a date {hourlyCost, currency, validFrom}; recalculates the entries it covers' })
  setUser(@Param('id') id: string, @Body() body: unknown) {
    return this.rates.set({ kind: 'user', id }, body);
  }

  @Get('users/:id/cost-rates')
  @ApiOperation({ summary: 'A person’s rate history, current rate and department default' })
  userHistory(@Param('id') id: string) {
    return this.rates.history({ kind: 'user', id });
  }

  @Put('departments/:id/cost-rate')
  @ApiOperation({ summary: 'A department’s default hourly cost from a date (for people without their own)' })
  setDepartment(@Param('id') id: string, @Body() body: unknown) {
    return this.rates.set({ kind: 'department', id }, body);
  }

  @Get('departments/:id/cost-rates')
  departmentHistory(@Param('id') id: string) {
    return this.rates.history({ kind: 'department', id });
  }

  @Get('cost-rate-changes')
  @ApiOperation({ summary: 'Audit: who set which rate, from when, how many entries it recalculated' })
  changes() {
    return this.rates.changes();
  }
}
