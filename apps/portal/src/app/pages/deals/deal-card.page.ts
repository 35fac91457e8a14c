import { Component, computed, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ApiError, ApiService } from '../../core/api.service';
import { Notifier, errorText, fieldErrorText } from '../../core/errors';
import { I18nService, TPipe } from '../../core/i18n.service';
import { itemsOf } from './deals.types';
import { PluginWidgetsComponent } from '@portal/portal-kit';
import { DealTasksComponent } from '../tasks/deal-tasks.component';
import './card/card.i18n';
import type { Deal, FieldDef, Page, Pipeline, TimelineEntry, User } from './deals.types';
import { formatMoney } from './format';
import { DealFieldEditor } from './card/deal-field-editor';
import { DealFiles, dragHasFiles } from './card/deal-files';
import { DealParties } from './card/deal-parties';
import { dateText, describeEntry, orderTimeline, valueText } from './timeline-words';
import type { TimelineContext } from './timeline-words';

/**
 * The deal card: its fields (editable), company and contacts, open tasks and files on the left; its history
 * (and a note) on the right. Files dropped anywhere on the card are attached to the deal.
 */
@Component({
  selector: 'app-deal-card-page',
  imports: [RouterLink, MatButtonModule, MatCardModule, MatProgressBarModule, TPipe, DealFieldEditor, DealParties, DealFiles, DealTasksComponent, PluginWidgetsComponent],
  templateUrl: './deal-card.page.html',
  styleUrl: './deal-card.page.css',
})
export class DealCardPage {
  private readonly api = inject(ApiService);
  private readonly notifier = inject(Notifier);
  protected readonly i18n = inject(I18nService);

  protected readonly deal = signal<Deal | null>(null);
  protected readonly pipeline = signal<Pipeline | null>(null);
  protected readonly defs = signal<FieldDef[]>([]);
  protected readonly users = signal<User[]>([]);
  private readonly entries = signal<TimelineEntry[]>([]);
  protected readonly timelineCursor = signal<string | null>(null);
  protected readonly loadError = signal<unknown>(null);
  protected readonly timelineError = signal<unknown>(null);

  protected readonly noteText = signal('');
  protected readonly notePinned = signal(false);
  protected readonly noteBusy = signal(false);
  protected readonly noteError = signal<string | null>(null);

  protected readonly editing = signal(false);
  protected readonly dropOver = signal(false);
  private readonly filesCard = viewChild(DealFiles);

  private readonly userNames = computed(() => new Map(this.users().map((u) => [u.id, u.name])));
  private readonly context: TimelineContext = {
    i18n: this.i18n,
    userName: (id) => this.userNames().get(id) ?? id,
    fieldName: (code) => this.fieldName(code),
  };

  /** Names of contacts and companies by id, as the parties card learns them. */
  protected readonly partyNames = signal<Record<string, string>>({});

  protected readonly timeline = computed(() => {
    this.i18n.lang();
    return orderTimeline(this.entries()).map((e) => ({ entry: e, text: describeEntry(this.withPartyNames(e), this.context), pinned: e.kind === 'note' && e.data?.['pinned'] === true }));
  });

  protected readonly stageName = computed(() => {
    const d = this.deal();
    const s = this.pipeline()?.stages.find((x) => x.id === d?.stage.id);
    return s ? this.i18n.localized(s.name) : (d?.stage.code ?? '');
  });

  /** Custom fields that have a value, with their names. */
  protected readonly customFields = computed(() => {
    const d = this.deal();
    if (!d) return [];
    this.i18n.lang();
    return Object.entries(d.fields ?? {})
      .filter(([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && !v.length))
      .map(([code, v]) => ({ code, name: this.fieldName(code), value: this.fieldValue(code, v) }));
  });

  /** Custom fields in the order the definitions list them: plain ones, then each group as its own section. */
  protected readonly plainFields = computed(() => this.customFields().filter((f) => this.defs().find((d) => d.code === f.code)?.type !== 'group'));
  protected readonly groupFields = computed(() => this.customFields().filter((f) => this.defs().find((d) => d.code === f.code)?.type === 'group'));

  private loadedId: string | null = null;

  constructor() {
    inject(ActivatedRoute)
      .paramMap.pipe(takeUntilDestroyed())
      .subscribe((params) => {
        this.loadedId = params.get('id') ?? '';
        void this.load();
      });
  }

  async load(): Promise<void> {
    const id = this.loadedId ?? '';
    this.loadError.set(null);
    try {
      const [deal, pipelines, defs, users] = await Promise.all([
        this.api.get<Deal>(`/deals/${encodeURIComponent(id)}`),
        this.api.get<Pipeline[] | { items: Pipeline[] }>('/pipelines'),
        this.api.get<FieldDef[] | { items: FieldDef[] }>('/fields?entity=deal'),
        this.api.get<User[] | { items: User[] }>('/users?limit=200'),
      ]);
      if (this.loadedId !== id) return;
      this.deal.set(deal);
      this.pipeline.set(itemsOf(pipelines).find((p) => p.id === deal.pipeline.id) ?? null);
      this.defs.set(itemsOf(defs));
      this.users.set(itemsOf(users));
    } catch (err) {
      this.loadError.set(err);
      return;
    }
    await this.loadTimeline();
  }

  protected loadErrorText(): string {
    return errorText(this.i18n, this.loadError());
  }

  protected timelineErrorText(): string {
    return errorText(this.i18n, this.timelineError());
  }

  /** The newest entries (again), or with `more` the next page. */
  async loadTimeline(more = false): Promise<void> {
    const id = this.deal()?.id;
    if (!id) return;
    this.timelineError.set(null);
    const cursor = more && this.timelineCursor() ? `&cursor=${encodeURIComponent(this.timelineCursor()!)}` : '';
    try {
      const page = await this.api.get<Page<TimelineEntry>>(`/deals/${id}/timeline?limit=50${cursor}`);
      this.entries.update((all) => (more ? [...all, ...page.items.filter((e) => !all.some((a) => a.id === e.id))] : page.items));
      this.timelineCursor.set(page.nextCursor ?? null);
    } catch (err) {
      this.timelineError.set(err);
    }
  }

  protected fieldName(code: string): string {
    const def = this.defs().find((d) => d.code === code);
    return def ? this.i18n.localized(def.name) || code : code;
  }

  protected userName(id: string | null | undefined): string {
    return id ? (this.userNames().get(id) ?? id) : '—';
  }

  protected date(value: string | null | undefined): string {
    return value ? dateText(value, this.context) : '';
  }

  protected money(amount: string | null, currency: string | null): string {
    return formatMoney(this.i18n.lang(), amount, currency) || '—';
  }

  /** A custom field's value in words: a repeatable group as its rows, members named. */
  private fieldValue(code: string, v: unknown): string[] {
    const def = this.defs().find((d) => d.code === code);
    const one = (d: FieldDef | undefined, x: unknown): string => {
      if (d?.type === 'user' && typeof x === 'string') return this.userName(x);
      if (d?.type === 'money' && typeof x === 'string') return formatMoney(this.i18n.lang(), x, null);
      if (d?.type === 'group' && x && typeof x === 'object' && !Array.isArray(x)) {
        const row = x as Record<string, unknown>;
        // Members in the order the group defines them; keys it no longer knows after them.
        const order = [...(d.fields ?? []).map((m) => m.code), ...Object.keys(row).filter((k) => !d.fields?.some((m) => m.code === k))];
        return order
          .map((k): [string, unknown] => [k, row[k]])
          .filter(([, y]) => y !== null && y !== undefined && y !== '')
          .map(([k, y]) => {
            const member = d.fields?.find((m) => m.code === k);
            return `${member ? this.i18n.localized(member.name) : k}: ${one(member, y)}`;
          })
          .join('; ');
      }
      return valueText(x, this.context);
    };
    if (def?.type === 'group' && Array.isArray(v)) return v.map((row) => one(def, row));
    return [one(def, v)];
  }

  /** The editor saved: the deal as the API answered, and the field changes on the timeline. */
  protected saved(deal: Deal): void {
    this.deal.set(deal);
    this.editing.set(false);
    this.notifier.info(this.i18n.t('dealcard.edit.saved'));
    void this.loadTimeline();
  }

  /** A change of the company or the contacts names them, not their ids. */
  private withPartyNames(e: TimelineEntry): TimelineEntry {
    const field = e.data?.['field'];
    if (e.kind !== 'field_changed' || (field !== 'companyId' && field !== 'contactIds')) return e;
    const names = this.partyNames();
    const name = (v: unknown): unknown => (Array.isArray(v) ? v.map(name) : typeof v === 'string' ? (names[v] ?? v) : v);
    return { ...e, data: { ...e.data, from: name(e.data['from']), to: name(e.data['to']) } };
  }

  protected addPartyNames(names: Record<string, string>): void {
    this.partyNames.update((all) => ({ ...all, ...names }));
  }

  protected partiesChanged(deal: Deal): void {
    this.deal.set(deal);
    void this.loadTimeline();
  }

  protected pageDragOver(event: DragEvent): void {
    if (!dragHasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    this.dropOver.set(true);
  }

  protected pageDragLeave(event: DragEvent): void {
    const to = event.relatedTarget as Node | null;
    if (to && (event.currentTarget as HTMLElement).contains(to)) return;
    this.dropOver.set(false);
  }

  protected pageDrop(event: DragEvent): void {
    this.dropOver.set(false);
    if (!dragHasFiles(event)) return;
    event.preventDefault();
    void this.filesCard()?.upload(Array.from(event.dataTransfer?.files ?? []));
  }

  protected setNote(event: Event): void {
    this.noteText.set((event.target as HTMLTextAreaElement).value);
    this.noteError.set(null);
  }

  async addNote(box?: HTMLTextAreaElement, pin?: HTMLInputElement): Promise<void> {
    const id = this.deal()?.id;
    const text = this.noteText().trim();
    if (!id || this.noteBusy()) return;
    if (!text) {
      this.noteError.set(this.i18n.t('field.text'));
      return;
    }
    this.noteBusy.set(true);
    this.noteError.set(null);
    try {
      await this.api.post(`/deals/${id}/notes`, { text, pinned: this.notePinned() });
      this.noteText.set('');
      // The binding may not have seen the typed text yet: the box is cleared as well.
      if (box) box.value = '';
      if (pin) pin.checked = false;
      this.notePinned.set(false);
      this.notifier.info(this.i18n.t('card.noteAdded'));
      await this.loadTimeline();
    } catch (err) {
      this.noteError.set(err instanceof ApiError ? (fieldErrorText(this.i18n, err, 'text') ?? errorText(this.i18n, err)) : errorText(this.i18n, err));
    } finally {
      this.noteBusy.set(false);
    }
  }
}
