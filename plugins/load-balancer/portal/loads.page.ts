import { Component, computed, inject, signal } from '@angular/core';
import { PORTAL_HOST, pluginWords } from '@portal/portal-kit';
import { barPercent, fetchLoads, memberState } from './loads';
import type { MemberLoad } from './loads';
import { WORDS } from './words';

interface Department {
  id: string;
  name: string;
}

/** "Team load": every person's open work in hours, who gets the next deal and why others do not. */
@Component({
  selector: 'lb-loads-page',
  template: `
    <p class="intro">{{ t('intro') }}</p>
    <div class="toolbar">
      <label>
        {{ t('department') }}
        <select data-testid="lb-department" (change)="pick($any($event.target).value)">
          <option value="">{{ t('allDepartments') }}</option>
          @for (d of departments(); track d.id) {
            <option [value]="d.id" [selected]="d.id === departmentId()">{{ d.name }}</option>
          }
        </select>
      </label>
      <button type="button" class="btn" data-testid="lb-refresh" [disabled]="busy()" (click)="load()">{{ t('refresh') }}</button>
    </div>
    @if (error()) {
      <p class="form-error" role="alert" data-testid="lb-error">{{ error() }}</p>
    }
    @if (rows(); as list) {
      @if (list.length) {
        <table class="loads" data-testid="lb-loads">
          <thead>
            <tr>
              <th>{{ t('employee') }}</th>
              <th class="bar-col">{{ t('load') }}</th>
              <th class="num">{{ t('openDeals') }}</th>
              <th class="num">{{ t('openTasks') }}</th>
              <th>{{ t('state') }}</th>
            </tr>
          </thead>
          <tbody>
            @for (m of list; track m.userId) {
              <tr [attr.data-testid]="'lb-row-' + m.userId" [attr.data-state]="state(m)">
                <td>{{ m.name }}</td>
                <td class="bar-col">
                  <div class="bar"><div class="fill" [class]="'fill ' + state(m)" [style.width.%]="bar(m)"></div></div>
                  <span class="hours">{{ t('hours', { h: hours(m.load) }) }} / {{ m.capacity === null ? t('noCap') : t('hours', { h: hours(m.capacity) }) }}</span>
                </td>
                <td class="num">{{ m.openDeals }}</td>
                <td class="num">{{ m.openTasks }}</td>
                <td><span class="badge" [class]="'badge ' + state(m)">{{ t(state(m)) }}</span></td>
              </tr>
            }
          </tbody>
        </table>
      } @else {
        <p class="muted" data-testid="lb-empty">{{ t('empty') }}</p>
      }
    }
  `,
  styles: `
    .intro { color: var(--mat-sys-on-surface-variant); margin-top: 0; }
    .toolbar { display: flex; gap: 12px; align-items: center; margin: 12px 0; flex-wrap: wrap; }
    .toolbar select { font: inherit; padding: 6px 8px; border-radius: 6px; margin-left: 6px; }
    .btn { font: inherit; padding: 6px 14px; border-radius: 18px; border: 1px solid var(--mat-sys-outline); background: transparent; cursor: pointer; }
    .loads { width: 100%; border-collapse: collapse; }
    .loads th, .loads td { text-align: left; padding: 8px; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .loads th { font-weight: 500; font-size: 13px; color: var(--mat-sys-on-surface-variant); }
    .num { text-align: right !important; font-variant-numeric: tabular-nums; }
    .bar-col { width: 40%; }
    .bar { height: 8px; border-radius: 4px; background: var(--mat-sys-surface-container-high); overflow: hidden; }
    .fill { height: 100%; background: var(--mat-sys-primary); }
    .fill.atCapacity { background: #b3261e; }
    .fill.absent, .fill.inactive, .fill.notEligible { background: var(--mat-sys-outline); }
    .hours { font-size: 12px; color: var(--mat-sys-on-surface-variant); }
    .badge { font-size: 12px; padding: 2px 8px; border-radius: 10px; background: var(--mat-sys-surface-container-high); white-space: nowrap; }
    .badge.available { background: #dff3e4; color: #1e5b2f; }
    .badge.atCapacity { background: #fde7e4; color: #8c1d18; }
    .badge.absent { background: #fff1d6; color: #6b4a00; }
  `,
})
export class LoadsPage {
  private readonly host = inject(PORTAL_HOST);
  protected readonly t = pluginWords(this.host, WORDS);
  protected readonly rows = signal<MemberLoad[] | null>(null);
  protected readonly departments = signal<Department[]>([]);
  protected readonly departmentId = signal('');
  protected readonly busy = signal(false);
  private readonly failure = signal<unknown>(null);
  protected readonly error = computed(() => (this.failure() ? this.host.errorText(this.failure()) : null));
  private readonly max = computed(() => Math.max(0, ...(this.rows() ?? []).map((m) => m.loadMinutes)));

  constructor() {
    void this.load();
    this.host.get<{ items: Department[] }>('/departments').then(
      (res) => this.departments.set(res.items ?? []),
      () => undefined,
    );
  }

  protected pick(id: string): void {
    this.departmentId.set(id);
    void this.load();
  }

  async load(): Promise<void> {
    this.busy.set(true);
    this.failure.set(null);
    try {
      this.rows.set(await fetchLoads(this.host, this.departmentId() || undefined));
    } catch (err) {
      this.failure.set(err);
    } finally {
      this.busy.set(false);
    }
  }

  protected state = memberState;
  protected bar(m: MemberLoad): number {
    return barPercent(m, this.max());
  }
  protected hours(h: number): string {
    return new Intl.NumberFormat(this.host.lang(), { maximumFractionDigits: 1 }).format(h);
  }
}
