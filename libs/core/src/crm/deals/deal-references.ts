import { ValidationFailedError } from '../../common/errors';
import { UsersRepository } from '../../identity/users/users.repository';
import { CompaniesService } from '../companies/companies.service';
import { ContactsService } from '../contacts/contacts.service';
import { PipelineWithStages, PipelinesService } from '../pipelines/pipelines.service';

const CONTACT_CHUNK = 1000;

export interface DealReferenceServices {
  pipelines: PipelinesService;
  users: UsersRepository;
  contacts: ContactsService;
  companies: CompaniesService;
}

/**
 * Resolves pipelines and checks users, contacts and companies for new deals, each reference once per
 * request: the import path creates up to 1000 deals that mostly share them. Errors name the field the
 * caller passes (`items[3].responsibleId`).
 */
export class DealReferences {
  private readonly pipelineByRef = new Map<string, PipelineWithStages>();
  private readonly users = new Set<string>();
  private readonly contacts = new Set<string>();
  private readonly companies = new Set<string>();

  constructor(private readonly services: DealReferenceServices) {}

  async pipeline(ref: string, field: string): Promise<PipelineWithStages> {
    const cached = this.pipelineByRef.get(ref);
    if (cached) return cached;
    const found = await this.services.pipelines.resolvePipeline(ref, field);
    this.pipelineByRef.set(ref, found);
    return found;
  }

  /** Marks a user as checked without a query (the caller, whom the auth guard has just read). */
  trustUser(id: string | undefined): void {
    if (id) this.users.add(id);
  }

  async user(id: string, field: string): Promise<void> {
    if (this.users.has(id)) return;
    await this.services.users.assertExist([id], field);
    this.users.add(id);
  }

  async contactIds(ids: string[], field: string): Promise<void> {
    if (ids.every((id) => this.contacts.has(id))) return;
    await this.services.contacts.assertExist(ids, field);
    ids.forEach((id) => this.contacts.add(id));
  }

  async company(id: string, field: string): Promise<void> {
    if (this.companies.has(id)) return;
    await this.services.companies.assertExists(id, field);
    this.companies.add(id);
  }

  /**
   * Checks every contact of a batch in a few queries (chunks keep each under the driver's parameter limit).
   * When one is unknown, that chunk is not marked, and the per-deal checks that follow name the exact item.
   */
  async preloadContacts(ids: string[]): Promise<void> {
    const distinct = [...new Set(ids)].filter((id) => !this.contacts.has(id));
    for (let i = 0; i < distinct.length; i += CONTACT_CHUNK) {
      const chunk = distinct.slice(i, i + CONTACT_CHUNK);
      try {
        await this.services.contacts.assertExist(chunk, 'contactIds');
        chunk.forEach((id) => this.contacts.add(id));
      } catch (err) {
        if (!(err instanceof ValidationFailedError)) throw err;
      }
    }
  }
}
