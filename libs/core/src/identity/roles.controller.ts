import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { BUILT_IN_ROLES } from './roles';

const DESCRIPTIONS: Record<string, string> = {
  admin: 'Portal administrator: settings, users, pipelines, fields, automations, plugins',
  head: 'Leadership: sees and manages the work of their people, profitability, absences',
  manager: 'Sales/project manager: works deals, contacts, companies and tasks',
  accountant: 'Invoices, payments and requisites',
  employee: 'Works on tasks and logs time',
  trainee: 'Learns in the training section; gets no deals until trained',
};

@ApiTags('users')
@ApiBearerAuth()
@Controller('roles')
export class RolesController {
  @Get()
  list() {
    return BUILT_IN_ROLES.map((code) => ({ code, description: DESCRIPTIONS[code] }));
  }
}
