import { Component, DestroyRef, computed, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { ApiError, ApiService } from '../../../core/api.service';
import { errorText, fieldErrorText } from '../../../core/errors';
import { I18nService, TPipe } from '../../../core/i18n.service';
import { itemsOf } from '../deals.types';
import { apiMessageText } from './api-words';
import './card.i18n';

/** A contact or a company as the card shows it (`GET /contacts/:id`, `GET /companies/:id`). */
export interface Party {
  id: string;
  name: string;
  emails: string[];
  phones: string[];
  position?: string | null;
  companyId?: string | null;
  taxId?: string | null;
  web?: string | null;
  address?: string | null;
}

export type PartyKind = 'contact' | 'company';

/** One match of a 409 `duplicate`. */
export interface DuplicateMatch {
  id: string;
  name?: string;
  match?: string;
  value?: string;
}

interface Draft {
  name: string;
  extra: string;
  phone: string;
  email: string;
}

const EMPTY: Draft = { name: '', extra: '', phone: '', email: '' };

/** The `POST /contacts` or `POST /companies` body of the inline form (`extra` is the position or the tax id). */
export function createBody(kind: PartyKind, draft: Draft, companyId: string | null): Record<string, unknown> {
  const body: Record<string, unknown> = { name: draft.name.trim() };
  const extra = draft.extra.trim();
  if (extra) body[kind === 'contact' ? 'position' : 'taxId'] = extra;
  if (draft.phone.trim()) body['phones'] = [draft.phone.trim()];
  if (draft.email.trim()) body['emails'] = [draft.email.trim()];
  if (kind === 'contact' && companyId) body['companyId'] = companyId;
  return body;
}

/** The matches a 409 `duplicate` names (details `[{id, name?, match?, value?}]`). */
export function duplicateMatches(err: ApiError): DuplicateMatch[] {
  return err.details.flatMap((d) => {
    const m = d as Partial<DuplicateMatch> | null;
    return m && typeof m.id === 'string' ? [{ id: m.id, name: m.name, match: m.match, value: m.value }] : [];
  });
}

/**
 * Links a contact or a company: search as you type among the existing ones, or create a new one inline.
 * A duplicate on create offers the existing one, or creating anyway. Emits the chosen (or created) record.
 */
@Component({
  selector: 'app-party-picker',
  imports: [MatButtonModule, TPipe],
  host: { '[attr.data-testid]': "'picker-' + kind()" },
  templateUrl: './party-picker.html',
  styleUrl: './card.css',
})
export class PartyPicker {
  private readonly api = inject(ApiService);
  protected readonly i18n = inject(I18nService);

  readonly kind = input.required<PartyKind>();
  /** Already linked: not offered again. */
  readonly excludeIds = input<string[]>([]);
  /** A new contact is put in the deal's company. */
  readonly companyId = input<string | null>(null);
  readonly picked = output<Party>();
  readonly closed = output<void>();

  protected readonly query = signal('');
  protected readonly results = signal<Party[]>([]);
  protected readonly searching = signal(false);
  protected readonly searchError = signal<string | null>(null);
  protected readonly creating = signal(false);
  protected readonly draft = signal<Draft>({ ...EMPTY });
  protected readonly busy = signal(false);
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly general = signal<string | null>(null);
  protected readonly duplicates = signal<DuplicateMatch[]>([]);

  protected readonly shown = computed(() => this.results().filter((r) => !this.excludeIds().includes(r.id)));
  private timer: ReturnType<typeof setTimeout> | null = null;
  private seq = 0;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.timer && clearTimeout(this.timer));
  }

  ngOnInit(): void {
    void this.search('');
  }

  private get path(): string {
    return this.kind() === 'contact' ? '/contacts' : '/companies';
  }

  protected typed(value: string): void {
    this.query.set(value);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.search(value.trim()), 250);
  }

  async search(q: string): Promise<void> {
    const seq = ++this.seq;
    this.searching.set(true);
    this.searchError.set(null);
    try {
      const res = await this.api.get<Party[] | { items: Party[] }>(`${this.path}?limit=10${q ? `&q=${encodeURIComponent(q)}` : ''}`);
      if (seq === this.seq) this.results.set(itemsOf(res));
    } catch (err) {
      if (seq === this.seq) this.searchError.set(errorText(this.i18n, err));
    } finally {
      if (seq === this.seq) this.searching.set(false);
    }
  }

  protected startCreate(): void {
    const q = this.query().trim();
    // What was searched for goes where it belongs: digits to the phone (or the tax id), an e-mail, else the name.
    const draft: Draft = { ...EMPTY };
    if (/@/.test(q)) draft.email = q;
    else if (/^[+\d\s()-]{6,}$/.test(q)) {
      if (this.kind() === 'company' && /^\d{8}(\d{2})?$/.test(q.replace(/\s/g, ''))) draft.extra = q;
      else draft.phone = q;
    } else draft.name = q;
    this.draft.set(draft);
    this.errors.set({});
    this.general.set(null);
    this.duplicates.set([]);
    this.creating.set(true);
  }

  protected setDraft(key: keyof Draft, value: string): void {
    this.draft.update((d) => ({ ...d, [key]: value }));
    const apiField = { name: 'name', extra: this.kind() === 'contact' ? 'position' : 'taxId', phone: 'phones', email: 'emails' }[key];
    if (this.errors()[apiField]) this.errors.update(({ [apiField]: _gone, ...rest }) => rest);
    this.duplicates.set([]);
  }

  protected error(field: string): string | null {
    return this.errors()[field] ?? null;
  }

  async create(allowDuplicate = false): Promise<void> {
    if (this.busy()) return;
    if (!this.draft().name.trim()) {
      this.errors.set({ name: this.i18n.t('dealcard.party.nameRequired') });
      return;
    }
    this.busy.set(true);
    this.errors.set({});
    this.general.set(null);
    this.duplicates.set([]);
    try {
      const created = await this.api.post<Party>(`${this.path}${allowDuplicate ? '?allowDuplicate=true' : ''}`, createBody(this.kind(), this.draft(), this.companyId()));
      this.picked.emit(created);
    } catch (err) {
      this.show(err);
    } finally {
      this.busy.set(false);
    }
  }

  private show(err: unknown): void {
    if (err instanceof ApiError && err.code === 'duplicate') {
      const matches = duplicateMatches(err);
      if (matches.length) {
        this.duplicates.set(matches);
        return;
      }
    }
    if (err instanceof ApiError && Object.keys(err.fieldErrors).length) {
      const errors: Record<string, string> = {};
      const unplaced: string[] = [];
      for (const path of Object.keys(err.fieldErrors)) {
        const base = path.split(/[.[]/)[0];
        const message = err.fieldErrors[path];
        const known = apiMessageText(this.i18n, message);
        const text = known !== message ? known : (fieldErrorText(this.i18n, err, path) ?? message);
        if (['name', 'position', 'taxId', 'phones', 'emails'].includes(base)) errors[base] = errors[base] ? `${errors[base]}; ${text}` : text;
        else unplaced.push(text);
      }
      this.errors.set(errors);
      this.general.set(unplaced.length ? unplaced.join(' ') : null);
      return;
    }
    this.general.set(errorText(this.i18n, err));
  }

  /** The existing record a duplicate names, linked instead of a new one. */
  async linkExisting(match: DuplicateMatch): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    try {
      this.picked.emit(await this.api.get<Party>(`${this.path}/${match.id}`));
    } catch (err) {
      this.general.set(errorText(this.i18n, err));
    } finally {
      this.busy.set(false);
    }
  }

  protected matchText(m: DuplicateMatch): string {
    const key = m.match === 'phone' ? 'dealcard.dup.byPhone' : m.match === 'email' ? 'dealcard.dup.byEmail' : m.match === 'taxId' ? 'dealcard.dup.byTaxId' : null;
    const what = key ? this.i18n.t(key) : '';
    return what && m.value ? `${what}: ${m.value}` : '';
  }

  protected resultMeta(p: Party): string {
    return [p.position, p.taxId, p.phones?.[0], p.emails?.[0]].filter(Boolean).join(' · ');
  }
}
