import { Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { PORTAL_HOST, pluginWords } from '@portal/portal-kit';
import { STUDIO_PIPELINES, addDays, allPages, buildGrid, dayIn, errorCode, hmm, mondayOf, parseDuration, rowKey, startOnDay, weekDays, weekLabel } from './studio';
import type { Deal, GridRow, Task, TimeEntry } from './studio';
import { TIME_LOGGED, announceTimeLogged, dealOf, rememberDeal, rememberTask, taskOf } from './lookup';
import { WORDS } from './words';

interface Cell {
  row: GridRow;
  day: number;
}

interface Label {
  title: string;
  context: string;
}

/**
 * "My time": my week Mon–Sun in the portal's time zone, a row per task (or project), minutes per day as h:mm with
 * day and row totals. A cell opens its entries: add one (duration, note), change or delete mine; entries past the
 * lock period are read-only for everyone but heads and admins, and the page says why.
 */
@Component({
  selector: 'ds-my-time-page',
  imports: [RouterLink],
  template: `
    <div class="toolbar">
      <div class="nav">
        <button type="button" class="btn icon" data-testid="ds-mytime-prev" [attr.aria-label]="t('prevWeek')" (click)="move(-7)">‹</button>
        <button type="button" class="btn" data-testid="ds-mytime-today" [disabled]="monday() === thisMonday()" (click)="goToday()">{{ t('thisWeek') }}</button>
        <button type="button" class="btn icon" data-testid="ds-mytime-next" [attr.aria-label]="t('nextWeek')" (click)="move(7)">›</button>
        <strong class="week" data-testid="ds-mytime-week">{{ label() }}</strong>
      </div>
      <div class="add-row">
        @if (projects().length) {
          <label>
            <span class="sr">{{ t('addProjectRow') }}</span>
            <select data-testid="ds-mytime-add-row" (change)="addRow($any($event.target))">
              <option value="">{{ t('addProjectRow') }}</option>
              @for (d of projects(); track d.id) {
                <option [value]="d.id">{{ d.title }}</option>
              }
            </select>
          </label>
        }
      </div>
    </div>
    <p class="hint muted">{{ t('myTimeHint', { tz: host.timezone() }) }}</p>
    @if (error()) {
      <p class="form-error" role="alert" data-testid="ds-mytime-error">{{ error() }}</p>
    }
    @if (grid(); as g) {
      @if (g.rows.length) {
        <div class="scroll">
          <table class="grid" data-testid="ds-mytime-grid">
            <thead>
              <tr>
                <th class="what">{{ t('taskOrProject') }}</th>
                @for (d of days(); track d; let i = $index) {
                  <th class="num" [class.today]="d === today()" [class.weekend]="i >= 5">
                    <span class="wd">{{ weekday(d) }}</span>
                    <span class="dm">{{ dayMonth(d) }}</span>
                  </th>
                }
                <th class="num">{{ t('total') }}</th>
              </tr>
            </thead>
            <tbody>
              @for (r of g.rows; track r.key) {
                <tr [attr.data-testid]="'ds-mytime-row-' + r.key">
                  <td class="what">
                    <a class="row-title" [routerLink]="'/deals/' + r.dealId">{{ labelOf(r).title }}</a>
                    <span class="row-context">{{ labelOf(r).context }}</span>
                  </td>
                  @for (m of r.days; track $index; let i = $index) {
                    <td class="num cell" [class.today]="days()[i] === today()" [class.weekend]="i >= 5">
                      <button
                        type="button"
                        [attr.data-testid]="'ds-mytime-cell-' + r.key + '-' + i"
                        [class.empty]="!m"
                        [class.locked]="cellLocked(r, i)"
                        [disabled]="isFuture(i)"
                        [attr.aria-label]="t('cellLabel', { what: labelOf(r).title, day: weekday(days()[i]) + ' ' + dayMonth(days()[i]) })"
                        (click)="openCell(r, i)"
                      >
                        {{ m ? hmm(m) : '+' }}
                      </button>
                    </td>
                  }
                  <td class="num total" [attr.data-testid]="'ds-mytime-row-total-' + r.key">{{ hmm(r.total) }}</td>
                </tr>
              }
            </tbody>
            <tfoot>
              <tr>
                <th class="what">{{ t('dayTotal') }}</th>
                @for (m of g.dayTotals; track $index; let i = $index) {
                  <td class="num total" [class.today]="days()[i] === today()" [attr.data-testid]="'ds-mytime-day-total-' + i">{{ hmm(m) }}</td>
                }
                <td class="num total grand" data-testid="ds-mytime-total">{{ hmm(g.total) }}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      } @else {
        <p class="muted empty-state" data-testid="ds-mytime-empty">{{ t('myTimeEmpty') }}</p>
      }
    } @else if (!error()) {
      <p class="muted">{{ t('loading') }}</p>
    }

    @if (cell(); as c) {
      <div class="overlay" (click)="closeCell()" aria-hidden="true"></div>
      <div class="editor" role="dialog" aria-modal="true" [attr.aria-label]="t('entriesOf')" data-testid="ds-entry-editor">
        <div class="editor-head">
          <div>
            <strong>{{ labelOf(c.row).title }}</strong>
            <div class="muted small">{{ labelOf(c.row).context }} · {{ weekday(days()[c.day]) }} {{ dayMonth(days()[c.day]) }}</div>
          </div>
          <button type="button" class="close" data-testid="ds-editor-close" [attr.aria-label]="t('close')" (click)="closeCell()">✕</button>
        </div>
        @if (cellEntries().length) {
          <ul class="entries">
            @for (e of cellEntries(); track e.id) {
              <li [attr.data-testid]="'ds-entry-' + e.id" [class.is-locked]="e.locked">
                @if (editing() === e.id) {
                  <div class="edit">
                    <input class="dur" [attr.data-testid]="'ds-entry-edit-minutes-' + e.id" [value]="hmm(e.minutes)" #em [attr.aria-label]="t('duration')" />
                    <input class="note" [attr.data-testid]="'ds-entry-edit-note-' + e.id" [value]="e.note ?? ''" #en [attr.aria-label]="t('note')" maxlength="1000" />
                    <button type="button" class="btn primary" [attr.data-testid]="'ds-entry-save-' + e.id" [disabled]="busy()" (click)="save(e, em.value, en.value)">{{ t('save') }}</button>
                    <button type="button" class="btn" (click)="editing.set(null)">{{ t('cancel') }}</button>
                  </div>
                  @if (fieldErrors()['minutes']) {
                    <p class="form-error small">{{ fieldErrors()['minutes'] }}</p>
                  }
                } @else {
                  <span class="e-min">{{ hmm(e.minutes) }}</span>
                  <span class="e-note">{{ e.note || t('noNote') }}</span>
                  <span class="e-src">{{ e.source === 'timer' ? t('sourceTimer') : t('sourceManual') }}</span>
                  @if (e.locked && !lead()) {
                    <span class="lock" [title]="t('lockedExplain')">🔒 {{ t('locked') }}</span>
                  } @else {
                    <button type="button" class="link" [attr.data-testid]="'ds-entry-edit-' + e.id" (click)="startEdit(e.id)">{{ t('edit') }}</button>
                    @if (confirming() === e.id) {
                      <button type="button" class="link danger strong" [attr.data-testid]="'ds-entry-delete-confirm-' + e.id" [disabled]="busy()" (click)="remove(e)">{{ t('deleteConfirm', { time: hmm(e.minutes) }) }}</button>
                      <button type="button" class="link" (click)="confirming.set(null)">{{ t('cancel') }}</button>
                    } @else {
                      <button type="button" class="link danger" [attr.data-testid]="'ds-entry-delete-' + e.id" [disabled]="busy()" (click)="confirming.set(e.id)">{{ t('delete') }}</button>
                    }
                  }
                }
              </li>
            }
          </ul>
        }
        @if (anyLocked()) {
          <p class="notice" data-testid="ds-entry-locked">{{ lead() ? t('lockedLead') : t('lockedExplain') }}</p>
        }
        @if (!anyLocked() || lead()) {
          <form class="add" (submit)="$event.preventDefault(); add(dur.value, note.value)">
            <label>
              {{ t('duration') }}
              <input #dur class="dur" data-testid="ds-entry-minutes" [placeholder]="t('durationPlaceholder')" required [class.invalid]="!!fieldErrors()['minutes']" />
            </label>
            <label class="grow">
              {{ t('note') }}
              <input #note class="note" data-testid="ds-entry-note" maxlength="1000" [placeholder]="t('notePlaceholder')" [class.invalid]="!!fieldErrors()['note']" />
            </label>
            <button type="submit" class="btn primary" data-testid="ds-entry-add" [disabled]="busy()">{{ t('addEntry') }}</button>
          </form>
          @if (fieldErrors()['minutes'] && !editing()) {
            <p class="form-error small" data-testid="ds-entry-minutes-error">{{ fieldErrors()['minutes'] }}</p>
          }
          @if (fieldErrors()['note']) {
            <p class="form-error small">{{ fieldErrors()['note'] }}</p>
          }
        }
        @if (cellError()) {
          <p class="form-error" role="alert" data-testid="ds-editor-error">{{ cellError() }}</p>
        }
      </div>
    }
  `,
  styles: `
    .toolbar { display: flex; justify-content: space-between; align-items: center; gap: 12px; flex-wrap: wrap; margin-bottom: 4px; }
    .nav { display: flex; align-items: center; gap: 8px; }
    .week { margin-left: 8px; font-size: 16px; }
    .btn { font: inherit; padding: 6px 14px; border-radius: 18px; border: 1px solid var(--mat-sys-outline); background: transparent; cursor: pointer; color: inherit; }
    .btn:disabled { opacity: 0.5; cursor: default; }
    .btn.icon { padding: 4px 12px; font-size: 18px; line-height: 1; }
    .btn.primary { background: var(--mat-sys-primary); color: var(--mat-sys-on-primary); border-color: var(--mat-sys-primary); }
    select, input { font: inherit; padding: 6px 8px; border-radius: 6px; border: 1px solid var(--mat-sys-outline); background: var(--mat-sys-surface); color: inherit; }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    .hint { margin: 4px 0 12px; font-size: 13px; }
    .muted { color: var(--mat-sys-on-surface-variant); }
    .small { font-size: 12px; }
    .scroll { overflow-x: auto; }
    .grid { width: 100%; border-collapse: collapse; min-width: 820px; }
    .grid th, .grid td { padding: 6px 8px; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .grid thead th { font-weight: 500; font-size: 13px; color: var(--mat-sys-on-surface-variant); }
    .wd { display: block; text-transform: capitalize; }
    .dm { display: block; font-size: 12px; font-weight: 400; }
    .what { text-align: left; min-width: 220px; }
    .row-title { display: block; color: inherit; text-decoration: none; font-weight: 500; }
    .row-title:hover { text-decoration: underline; }
    .row-context { display: block; font-size: 12px; color: var(--mat-sys-on-surface-variant); }
    .num { text-align: right; font-variant-numeric: tabular-nums; width: 72px; }
    .today { background: color-mix(in srgb, var(--mat-sys-primary) 7%, transparent); }
    .weekend { color: var(--mat-sys-on-surface-variant); }
    .cell button {
      width: 100%; font: inherit; font-variant-numeric: tabular-nums; text-align: right; padding: 6px 8px; border-radius: 6px;
      border: 1px solid transparent; background: transparent; cursor: pointer; color: inherit;
    }
    .cell button:hover:not(:disabled) { border-color: var(--mat-sys-primary); }
    .cell button.empty { color: var(--mat-sys-outline); }
    .cell button.locked { color: var(--mat-sys-on-surface-variant); background: repeating-linear-gradient(135deg, transparent 0 6px, var(--mat-sys-surface-container-high) 6px 8px); }
    .cell button:disabled { cursor: default; opacity: 0.4; }
    .total { font-weight: 500; }
    .grand { font-size: 15px; }
    tfoot th, tfoot td { border-bottom: none; }
    .empty-state { margin: 24px 0; }
    .overlay { position: fixed; inset: 0; background: rgba(0, 0, 0, 0.32); z-index: 200; }
    .editor {
      position: fixed; top: 12vh; left: 50%; transform: translateX(-50%); width: min(560px, 92vw); max-height: 76vh; overflow: auto; z-index: 201;
      background: var(--mat-sys-surface); color: var(--mat-sys-on-surface); border-radius: 16px; padding: 20px; box-shadow: 0 12px 40px rgba(0, 0, 0, 0.3);
    }
    .editor-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 12px; margin-bottom: 12px; }
    .close { border: none; background: transparent; font-size: 18px; cursor: pointer; color: inherit; }
    .entries { list-style: none; padding: 0; margin: 0 0 12px; }
    .entries li { display: flex; align-items: center; gap: 10px; padding: 8px 0; border-bottom: 1px solid var(--mat-sys-outline-variant); flex-wrap: wrap; }
    .e-min { font-weight: 500; font-variant-numeric: tabular-nums; min-width: 48px; }
    .e-note { flex: 1; min-width: 120px; }
    .e-src { font-size: 12px; color: var(--mat-sys-on-surface-variant); }
    .lock { font-size: 12px; color: var(--mat-sys-on-surface-variant); }
    .link { border: none; background: none; color: var(--mat-sys-primary); cursor: pointer; font: inherit; padding: 0 4px; }
    .link.danger { color: #b3261e; }
    .link.strong { font-weight: 500; }
    .edit { display: flex; gap: 8px; width: 100%; flex-wrap: wrap; }
    .dur { width: 80px; }
    .edit .note { flex: 1; }
    .add { display: flex; gap: 10px; align-items: flex-end; flex-wrap: wrap; }
    .add label { display: flex; flex-direction: column; gap: 4px; font-size: 13px; color: var(--mat-sys-on-surface-variant); }
    .add .grow { flex: 1; min-width: 160px; }
    .invalid { border-color: #b3261e; }
    .notice { background: #fff4e0; color: #6b4a00; padding: 8px 12px; border-radius: 8px; font-size: 13px; }
    .form-error { color: #b3261e; }
  `,
})
export class MyTimePage {
  protected readonly host = inject(PORTAL_HOST);
  protected readonly t = pluginWords(this.host, WORDS);
  protected readonly hmm = hmm;

  protected readonly today = signal(dayIn(this.host.timezone()));
  protected readonly thisMonday = computed(() => mondayOf(this.today()));
  protected readonly monday = signal(mondayOf(this.today()));
  protected readonly days = computed(() => weekDays(this.monday()));
  protected readonly label = computed(() => weekLabel(this.days(), this.host.lang()));
  protected readonly lead = computed(() => (this.host.user()?.roles ?? []).some((r) => r === 'admin' || r === 'head'));

  private readonly entries = signal<TimeEntry[] | null>(null);
  private readonly openTasks = signal<Task[]>([]);
  private readonly extraRows = signal<{ dealId: string; taskId: string | null }[]>([]);
  protected readonly projects = signal<Deal[]>([]);
  private readonly labels = signal<Record<string, Label>>({});
  protected readonly grid = computed(() => {
    const list = this.entries();
    if (!list) return null;
    const extra = [...this.openTasks().map((x) => ({ dealId: x.dealId as string, taskId: x.id })), ...this.extraRows()];
    return buildGrid(list, this.days(), extra);
  });

  protected readonly cell = signal<Cell | null>(null);
  protected readonly cellEntries = computed(() => {
    const c = this.cell();
    const g = this.grid();
    if (!c || !g) return [];
    return g.rows.find((r) => r.key === c.row.key)?.entries[c.day] ?? [];
  });
  protected readonly anyLocked = computed(() => {
    const c = this.cell();
    return this.cellEntries().some((e) => e.locked) || (c ? this.dayLocked(c.day) : false);
  });
  protected readonly editing = signal<string | null>(null);
  protected readonly confirming = signal<string | null>(null);
  protected readonly busy = signal(false);
  private readonly failure = signal<unknown>(null);
  private readonly cellFailure = signal<unknown>(null);
  protected readonly fieldErrors = signal<Record<string, string>>({});
  protected readonly error = computed(() => (this.failure() ? this.host.errorText(this.failure()) : null));
  protected readonly cellError = computed(() => {
    const err = this.cellFailure();
    if (!err) return null;
    if (errorCode(err) === 'period_locked') return this.t('lockedRefused');
    return Object.keys(this.host.fieldErrors(err)).length ? null : this.host.errorText(err);
  });
  /** Days found locked by the server (an entry there is `locked`, or it answered period_locked): earlier ones are too. */
  private readonly lockedThrough = signal<string | null>(null);

  constructor() {
    void this.load();
    void this.loadRows();
    const onLogged = () => void this.load();
    window.addEventListener(TIME_LOGGED, onLogged);
    inject(DestroyRef).onDestroy(() => window.removeEventListener(TIME_LOGGED, onLogged));
  }

  protected move(days: number): void {
    this.monday.set(addDays(this.monday(), days));
    void this.load();
  }

  protected goToday(): void {
    this.today.set(dayIn(this.host.timezone()));
    this.monday.set(this.thisMonday());
    void this.load();
  }

  async load(): Promise<void> {
    const me = this.host.user()?.id;
    if (!me) return;
    const days = this.days();
    this.failure.set(null);
    try {
      const list = await allPages<TimeEntry>((p) => this.host.get(p), `/time-entries?userId=${me}&from=${days[0]}&to=${days[6]}&limit=200`);
      if (this.days()[0] !== days[0]) return;
      this.entries.set(list);
      for (const e of list) if (e.locked && (!this.lockedThrough() || e.workDate > (this.lockedThrough() as string))) this.lockedThrough.set(e.workDate);
      void this.nameRows(list.map((e) => ({ dealId: e.dealId, taskId: e.taskId })));
    } catch (err) {
      this.failure.set(err);
      this.entries.set(this.entries() ?? []);
    }
  }

  /** My open tasks on deals (rows to log on) and my project deals (to add a row for time on the project itself). */
  private async loadRows(): Promise<void> {
    const me = this.host.user()?.id;
    if (!me) return;
    try {
      const [tasks, deals] = await Promise.all([this.host.get<{ items: Task[] }>(`/tasks?assigneeId=${me}&status=open&limit=200`), this.host.get<{ items: Deal[] }>(`/deals?responsibleId=${me}&limit=100`)]);
      const own = tasks.items.filter((x) => x.dealId);
      own.forEach(rememberTask);
      deals.items.forEach(rememberDeal);
      this.openTasks.set(own);
      this.projects.set(deals.items.filter((d) => STUDIO_PIPELINES.includes(d.pipeline?.code)));
      void this.nameRows(own.map((x) => ({ dealId: x.dealId as string, taskId: x.id })));
    } catch (err) {
      this.failure.set(err);
    }
  }

  private async nameRows(rows: { dealId: string; taskId: string | null }[]): Promise<void> {
    const missing = rows.filter((r) => !this.labels()[rowKey(r.dealId, r.taskId)]);
    const named = await Promise.all(
      missing.map(async (r) => {
        const [task, deal] = await Promise.all([r.taskId ? taskOf(this.host, r.taskId) : Promise.resolve(null), dealOf(this.host, r.dealId)]);
        const dealTitle = deal?.title ?? this.t('unknownDeal');
        const label: Label = r.taskId ? { title: task?.title ?? this.t('unknownTask'), context: dealTitle } : { title: dealTitle, context: this.t('onProjectItself') };
        return [rowKey(r.dealId, r.taskId), label] as const;
      }),
    );
    if (named.length) this.labels.update((all) => ({ ...all, ...Object.fromEntries(named) }));
  }

  protected labelOf(r: GridRow): Label {
    return this.labels()[r.key] ?? { title: '…', context: '' };
  }

  protected addRow(select: HTMLSelectElement): void {
    const id = select.value;
    select.value = '';
    if (!id || this.extraRows().some((r) => r.dealId === id && !r.taskId)) return;
    this.extraRows.update((list) => [...list, { dealId: id, taskId: null }]);
    void this.nameRows([{ dealId: id, taskId: null }]);
  }

  protected weekday(day: string): string {
    return new Intl.DateTimeFormat(this.host.lang(), { weekday: 'short', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
  }

  protected dayMonth(day: string): string {
    return new Intl.DateTimeFormat(this.host.lang(), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
  }

  protected isFuture(i: number): boolean {
    return this.days()[i] > this.today();
  }

  private dayLocked(i: number): boolean {
    const through = this.lockedThrough();
    return !!through && this.days()[i] <= through;
  }

  protected cellLocked(r: GridRow, i: number): boolean {
    return r.entries[i].some((e) => e.locked) || (this.dayLocked(i) && !this.lead());
  }

  protected openCell(row: GridRow, day: number): void {
    this.cell.set({ row, day });
    this.editing.set(null);
    this.cellFailure.set(null);
    this.fieldErrors.set({});
  }

  protected closeCell(): void {
    this.cell.set(null);
  }

  protected startEdit(id: string): void {
    this.editing.set(id);
    this.cellFailure.set(null);
    this.fieldErrors.set({});
  }

  private duration(text: string): number | null {
    const minutes = parseDuration(text);
    if (minutes === null || minutes < 1 || minutes > 1440) {
      this.fieldErrors.set({ minutes: this.t('durationInvalid') });
      return null;
    }
    return minutes;
  }

  private fail(err: unknown): void {
    this.cellFailure.set(err);
    this.fieldErrors.set(this.host.fieldErrors(err));
    if (errorCode(err) === 'period_locked') {
      const day = this.days()[this.cell()?.day ?? 0];
      if (!this.lockedThrough() || day > (this.lockedThrough() as string)) this.lockedThrough.set(day);
    }
  }

  async add(durationText: string, note: string): Promise<void> {
    const c = this.cell();
    if (!c) return;
    this.cellFailure.set(null);
    this.fieldErrors.set({});
    const minutes = this.duration(durationText);
    if (minutes === null) return;
    this.busy.set(true);
    try {
      const day = this.days()[c.day];
      const body: Record<string, unknown> = { minutes, startedAt: startOnDay(day, this.host.timezone(), minutes), note: note.trim() || undefined };
      if (c.row.taskId) body['taskId'] = c.row.taskId;
      else body['dealId'] = c.row.dealId;
      await this.host.post<TimeEntry>('/time-entries', body);
      await this.load();
      announceTimeLogged(c.row.dealId);
      this.closeCell();
    } catch (err) {
      this.fail(err);
    } finally {
      this.busy.set(false);
    }
  }

  async save(e: TimeEntry, durationText: string, note: string): Promise<void> {
    this.cellFailure.set(null);
    this.fieldErrors.set({});
    const minutes = this.duration(durationText);
    if (minutes === null) return;
    this.busy.set(true);
    try {
      await this.host.patch<TimeEntry>(`/time-entries/${e.id}`, { minutes, note: note.trim() || null });
      this.editing.set(null);
      await this.load();
      announceTimeLogged(e.dealId);
    } catch (err) {
      this.fail(err);
    } finally {
      this.busy.set(false);
    }
  }

  async remove(e: TimeEntry): Promise<void> {
    this.confirming.set(null);
    this.cellFailure.set(null);
    this.busy.set(true);
    try {
      await this.host.delete(`/time-entries/${e.id}`);
      await this.load();
      announceTimeLogged(e.dealId);
    } catch (err) {
      this.fail(err);
    } finally {
      this.busy.set(false);
    }
  }
}
