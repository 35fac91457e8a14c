import { Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { PORTAL_HOST, pluginWords } from '@portal/portal-kit';
import { InvoiceActions } from './invoice-actions';
import { STATUSES, dateText, entityLabel, money, query } from './invoices';
import type { Invoice, InvoiceStatus, LegalEntity, Page } from './invoices';
import { SHARED_STYLES } from './styles';
import { WORDS } from './words';

const PAGE_SIZE = 50;

/** All the portal's invoices, newest first: filters by status and legal entity, more on demand, PDF and statuses. */
@Component({
  selector: 'inv-invoices-page',
  imports: [RouterLink, InvoiceActions],
  template: `
    <div class="page">
      <div class="filters" data-testid="inv-filters">
        <label>
          <span class="cap">{{ t('status') }}</span>
          <select data-testid="inv-filter-status" (change)="setStatus($any($event.target).value)">
            <option value="">{{ t('allStatuses') }}</option>
            @for (s of statuses; track s) {
              <option [value]="s" [selected]="s === status()">{{ statusWord(s) }}</option>
            }
          </select>
        </label>
        @if (entities().length > 1) {
          <label>
            <span class="cap">{{ t('legalEntity') }}</span>
            <select data-testid="inv-filter-entity" (change)="setEntity($any($event.target).value)">
              <option value="">{{ t('allEntities') }}</option>
              @for (e of entities(); track e.id) {
                <option [value]="e.id" [selected]="e.id === entityId()">{{ entityLabel(e) }}{{ e.archived ? ' · ' + t('archivedChip') : '' }}</option>
              }
            </select>
          </label>
        }
        @if (isAdmin()) {
          <a class="btn text entities-link" routerLink="/invoices/legal-entities" data-testid="inv-entities-link">{{ t('ourEntities') }} →</a>
        }
      </div>
      <p class="muted small hint">{{ t('invoicesHint') }}</p>

      @if (error()) {
        <p class="msg error" role="alert" data-testid="inv-list-error">{{ error() }} <button type="button" class="btn small text" (click)="load()">{{ t('retry') }}</button></p>
      }

      @if (rows(); as list) {
        @if (list.length) {
          <div class="list" role="table" data-testid="inv-list">
            <div class="r head" role="row">
              <span role="columnheader">{{ t('number') }}</span>
              <span role="columnheader">{{ t('date') }}</span>
              <span role="columnheader">{{ t('buyer') }}</span>
              <span role="columnheader" class="num">{{ t('total') }}</span>
              <span role="columnheader">{{ t('status') }}</span>
              <span role="columnheader"></span>
            </div>
            @for (inv of list; track inv.id) {
              <div class="r" role="row" [attr.data-testid]="'inv-row-' + inv.id" [attr.data-status]="inv.status">
                <span class="c-number" role="cell">
                  <strong>{{ inv.number }}</strong>
                  <span class="muted small supplier">{{ entityLabel(inv.supplier) }}</span>
                </span>
                <span class="c-date" role="cell">{{ date(inv.issueDate) }}</span>
                <span class="c-buyer" role="cell">
                  <span class="buyer">{{ inv.buyer.name }}</span>
                  @if (inv.dealId) {
                    <a class="small" [routerLink]="'/deals/' + inv.dealId" [attr.data-testid]="'inv-row-deal-' + inv.id">{{ t('openDeal') }}</a>
                  }
                </span>
                <span class="c-total num" role="cell" [attr.data-testid]="'inv-row-total-' + inv.id">{{ m(inv.total, inv.currency) }}</span>
                <span class="c-status" role="cell">
                  <span class="chip" [class]="'chip ' + inv.status" [attr.data-testid]="'inv-row-status-' + inv.id">{{ statusWord(inv.status) }}</span>
                </span>
                <inv-invoice-actions class="c-acts" role="cell" [invoice]="inv" (changed)="replace($event)" />
              </div>
            }
          </div>
          @if (nextCursor()) {
            <button type="button" class="btn more" data-testid="inv-list-more" [disabled]="busy()" (click)="load(true)">{{ busy() ? t('loading') : t('loadMore') }}</button>
          }
        } @else {
          <div class="empty" data-testid="inv-list-empty">
            <p>{{ status() || entityId() ? t('listEmptyFiltered') : t('listEmpty') }}</p>
          </div>
        }
      } @else if (!error()) {
        <p class="muted">{{ t('loading') }}</p>
      }
    </div>
  `,
  styles: [
    SHARED_STYLES,
    `
    .page { container-type: inline-size; display: flex; flex-direction: column; gap: 8px; }
    .filters { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 12px; }
    .filters label { display: flex; flex-direction: column; gap: 2px; }
    .cap { font-size: 12px; color: var(--mat-sys-on-surface-variant); }
    .entities-link { margin-left: auto; }
    .hint { margin: 0 0 4px; }
    .list { display: flex; flex-direction: column; border: 1px solid var(--mat-sys-outline-variant); border-radius: 12px; background: var(--mat-sys-surface); overflow: hidden; }
    .r {
      display: grid; gap: 4px 12px; padding: 12px 14px; border-bottom: 1px solid var(--mat-sys-outline-variant); align-items: center;
      grid-template-columns: minmax(0, 1fr) auto; grid-template-areas: 'number total' 'buyer status' 'date date' 'acts acts';
    }
    .r:last-child { border-bottom: none; }
    .r.head { display: none; }
    .c-number { grid-area: number; display: flex; flex-direction: column; min-width: 0; overflow-wrap: anywhere; }
    .c-date { grid-area: date; font-size: 13px; color: var(--mat-sys-on-surface-variant); }
    .c-buyer { grid-area: buyer; display: flex; flex-direction: column; align-items: flex-start; min-width: 0; overflow-wrap: anywhere; }
    .c-buyer a { color: var(--mat-sys-primary); text-decoration: none; }
    .c-buyer a:hover { text-decoration: underline; }
    .c-total { grid-area: total; font-weight: 500; }
    .c-status { grid-area: status; justify-self: end; }
    .c-acts { grid-area: acts; margin-top: 4px; }
    .more { align-self: center; margin-top: 8px; }
    .empty { padding: 32px 16px; text-align: center; color: var(--mat-sys-on-surface-variant); border: 1px dashed var(--mat-sys-outline-variant); border-radius: 12px; }
    @container (min-width: 860px) {
      .r {
        grid-template-columns: minmax(150px, 1.3fr) 110px minmax(160px, 1.6fr) 130px 110px minmax(230px, 1.6fr);
        grid-template-areas: 'number date buyer total status acts';
      }
      .r.head { display: grid; padding: 8px 14px; font-size: 12px; font-weight: 500; color: var(--mat-sys-on-surface-variant); background: var(--mat-sys-surface-container-low, #f3f3f8); }
      .r.head > :nth-child(1) { grid-area: number; }
      .r.head > :nth-child(2) { grid-area: date; }
      .r.head > :nth-child(3) { grid-area: buyer; }
      .r.head > :nth-child(4) { grid-area: total; }
      .r.head > :nth-child(5) { grid-area: status; }
      .r.head > :nth-child(6) { grid-area: acts; }
      .c-date { font-size: 14px; color: inherit; }
      .c-status { justify-self: start; }
      .c-acts { margin-top: 0; }
    }
    `,
  ],
})
export class InvoicesPage {
  protected readonly host = inject(PORTAL_HOST);
  protected readonly t = pluginWords(this.host, WORDS);
  protected readonly statuses = STATUSES;

  protected readonly status = signal<'' | InvoiceStatus>('');
  protected readonly entityId = signal('');
  protected readonly entities = signal<LegalEntity[]>([]);
  protected readonly rows = signal<Invoice[] | null>(null);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly busy = signal(false);
  private readonly failure = signal<unknown>(null);
  protected readonly error = computed(() => (this.failure() ? this.host.errorText(this.failure()) : null));
  protected readonly isAdmin = computed(() => (this.host.user()?.roles ?? []).includes('admin'));
  /** Answers of superseded filter changes are dropped (the newest filter wins). */
  private generation = 0;
  private destroyed = false;

  constructor() {
    inject(DestroyRef).onDestroy(() => (this.destroyed = true));
    void this.load();
    this.host.get<Page<LegalEntity>>('/legal-entities?archived=true').then(
      (res) => !this.destroyed && this.entities.set(res.items),
      () => undefined,
    );
  }

  protected setStatus(value: string): void {
    this.status.set(value as '' | InvoiceStatus);
    void this.load();
  }

  protected setEntity(value: string): void {
    this.entityId.set(value);
    void this.load();
  }

  async load(more = false): Promise<void> {
    const gen = more ? this.generation : ++this.generation;
    this.busy.set(true);
    this.failure.set(null);
    try {
      const page = await this.host.get<Page<Invoice>>(`/invoices${query({ status: this.status(), legalEntityId: this.entityId(), limit: PAGE_SIZE, cursor: more ? this.nextCursor() : null })}`);
      if (gen !== this.generation || this.destroyed) return;
      this.rows.set(more ? [...(this.rows() ?? []), ...page.items] : page.items);
      this.nextCursor.set(page.nextCursor);
    } catch (err) {
      if (gen === this.generation) this.failure.set(err);
    } finally {
      if (gen === this.generation) this.busy.set(false);
    }
  }

  protected replace(inv: Invoice): void {
    // An invoice that no longer matches the status filter stays until the next load: the person just moved it.
    this.rows.update((list) => (list ?? []).map((x) => (x.id === inv.id ? inv : x)));
  }

  protected statusWord(s: InvoiceStatus): string {
    return this.t(`status_${s}`);
  }

  protected readonly entityLabel = entityLabel;

  protected m(value: string, currency: string): string {
    return money(value, currency, this.host.lang());
  }

  protected date(day: string): string {
    return dateText(day, this.host.lang());
  }
}
