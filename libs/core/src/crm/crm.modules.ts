import { Type } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module';
import { AssignmentModule } from './assignment/assignment.module';
import { CompaniesModule } from './companies/companies.module';
import { ContactsModule } from './contacts/contacts.module';
import { DealsModule } from './deals/deals.module';
import { FieldsModule } from './fields/fields.module';
import { PipelinesModule } from './pipelines/pipelines.module';

/** The business contexts of the core. Each module is global so contexts reach each other's services. */
export const CRM_MODULES: Type<unknown>[] = [AssignmentModule, FieldsModule, PipelinesModule, CompaniesModule, ContactsModule, TasksModule, DealsModule];
