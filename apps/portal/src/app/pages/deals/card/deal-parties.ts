import { Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { ApiService } from '../../../core/api.service';
import { errorText } from '../../../core/errors';
import { I18nService, TPipe } from '../../../core/i18n.service';
import type { Deal } from '../deals.types';
import { PartyPicker } from './party-picker';
import type { Party, PartyKind } from './party-picker';
import './card.i18n';

/** `tel:` for a phone as stored (E.164 or as typed): digits and a leading plus only. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/**
 * The deal's company and contacts: who they are and how to reach them (tel:/mailto: links); link an existing
 * one, create one inline, or unlink. Emits the deal as the API answered each change.
 */
@Component({
  selector: 'app-deal-parties',
  imports: [MatButtonModule, MatCardModule, PartyPicker, TPipe],
  templateUrl: './deal-parties.html',
  styleUrl: './card.css',
})
export class DealParties {
  private readonly api = inject(ApiService);
  protected readonly i18n = inject(I18nService);

  readonly deal = input.required<Deal>();
  readonly changed = output<Deal>();
  /** Names of the contacts and companies known so far, by id (the timeline names them instead of ids). */
  readonly names = output<Record<string, string>>();

  protected readonly company = signal<Party | null>(null);
  protected readonly contacts = signal<Party[]>([]);
  protected readonly loading = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly picking = signal<PartyKind | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  /** Records already known (just created or picked): shown without asking the API again. */
  private readonly known = new Map<string, Party>();

  protected readonly contactIds = computed(() => this.deal().contactIds ?? []);

  constructor() {
    effect(() => {
      const companyId = this.deal().companyId;
      const contactIds = this.contactIds();
      untracked(() => void this.load(companyId, contactIds));
    });
  }

  private async load(companyId: string | null, contactIds: string[]): Promise<void> {
    this.loadError.set(null);
    const get = async (path: string, id: string): Promise<Party | null> => {
      const cached = this.known.get(id);
      if (cached) return cached;
      const party = await this.api.get<Party>(`${path}/${id}`);
      this.known.set(id, party);
      return party;
    };
    this.loading.set(true);
    try {
      const [company, ...contacts] = await Promise.all([companyId ? get('/companies', companyId) : Promise.resolve(null), ...contactIds.map((id) => get('/contacts', id))]);
      // A later change of the deal has its own load.
      if (this.deal().companyId !== companyId || this.contactIds().join() !== contactIds.join()) return;
      this.company.set(company);
      this.contacts.set(contacts.filter((c): c is Party => !!c));
      this.names.emit(Object.fromEntries([...this.known.values()].map((p) => [p.id, p.name])));
    } catch (err) {
      this.loadError.set(errorText(this.i18n, err));
    } finally {
      this.loading.set(false);
    }
  }

  protected retry(): void {
    void this.load(this.deal().companyId, this.contactIds());
  }

  protected open(kind: PartyKind): void {
    this.error.set(null);
    this.picking.set(kind);
  }

  async picked(kind: PartyKind, party: Party): Promise<void> {
    this.known.set(party.id, party);
    if (kind === 'company') await this.patch({ companyId: party.id });
    else if (!this.contactIds().includes(party.id)) await this.patch({ contactIds: [...this.contactIds(), party.id] });
    else this.picking.set(null);
  }

  async unlinkCompany(): Promise<void> {
    await this.patch({ companyId: null });
  }

  async unlinkContact(id: string): Promise<void> {
    await this.patch({ contactIds: this.contactIds().filter((c) => c !== id) });
  }

  private async patch(body: Record<string, unknown>): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      const deal = await this.api.patch<Deal>(`/deals/${this.deal().id}`, body);
      this.picking.set(null);
      this.changed.emit(deal);
    } catch (err) {
      this.error.set(errorText(this.i18n, err));
    } finally {
      this.busy.set(false);
    }
  }

  protected readonly tel = telHref;

  protected webHref(web: string): string {
    return /^https?:\/\//i.test(web) ? web : `https://${web}`;
  }
}
