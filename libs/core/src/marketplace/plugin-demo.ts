import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CompaniesService } from '../crm/companies/companies.service';
import { ContactsService } from '../crm/contacts/contacts.service';
import { DealsService } from '../crm/deals/deals.service';
import { NotesService } from '../crm/notes/notes.service';
import { DepartmentsService } from '../identity/departments/departments.service';
import { UsersService } from '../identity/users/users.service';
import { TasksService } from '../tasks/tasks.service';
import type { PluginDataContext, PluginDemoContext } from './plugin-descriptor';

/**
 * The helpers a plugin's `demo()` gets: the portal's own use cases, in the install transaction, so demo
 * records are ordinary records (events, timeline, rules) and a failed demo rolls the install back whole.
 */
@Injectable()
export class PluginDemoContextFactory {
  constructor(
    private readonly users: UsersService,
    private readonly departments: DepartmentsService,
    private readonly companies: CompaniesService,
    private readonly contacts: ContactsService,
    private readonly deals: DealsService,
    private readonly tasks: TasksService,
    private readonly notes: NotesService,
  ) {}

  create(base: PluginDataContext): PluginDemoContext {
    return {
      ...base,
      createDepartment: async (input) => ({ id: (await this.departments.create({ name: input.name, headId: input.headId })).id }),
      createUser: async (input) => {
        // Demo people cannot log in until an admin sets a password: theirs is random and never shown.
        const user = await this.users.create({ ...input, email: input.email, password: randomBytes(18).toString('base64url') });
        return { id: user.id };
      },
      addAbsence: async (userId, input) => {
        await this.users.addAbsence(userId, input);
      },
      createCompany: async (input) => ({ id: (await this.companies.create(input, { allowDuplicate: true })).id }),
      createContact: async (input) => ({ id: (await this.contacts.create(input, { allowDuplicate: true })).id }),
      createDeal: async (input) => ({ id: await this.deals.createInTransaction(input) }),
      createTask: async (input) => ({ id: (await this.tasks.create({ ...input, dealId: input.dealId ?? null })).id }),
      addNote: async (dealId, text, pinned) => {
        await this.notes.addToDeal(dealId, { text, pinned });
      },
    };
  }
}
