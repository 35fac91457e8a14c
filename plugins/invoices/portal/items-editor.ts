import { Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { PORTAL_HOST, pluginWords } from '@portal/portal-kit';
import { dealItemsOf, decimal, draftOf, emptyDraft, isBlankDraft, itemBody, lineErrors, money, otherErrors, sameLines } from './invoices';
import type { DealItem, DealItems, ItemDraft } from './invoices';
import { previewItems } from './items-preview';
import type { VatSettings } from './items-preview';
import { SHARED_STYLES } from './styles';
import { WORDS } from './words';

type Cell = 'name' | 'quantity' | 'unit' | 'price' | 'vatRate';

/**
 * A deal's line items: name, quantity, unit, price and VAT rate per row, rows added and removed, saved as a whole
 * (`PUT /deals/:id/items`). Amounts and totals are the server's exact ones (the preview runs the server's bigint
 * code); a 400 puts each message next to its cell (`[1].price`).
 */
@Component({
  selector: 'inv-items-editor',
  template: `
    <div class="items" data-testid="inv-items">
      @if (loadError()) {
        <p class="msg error" role="alert" data-testid="inv-items-load-error">
          {{ loadError() }} <button type="button" class="btn small text" (click)="load()">{{ t('retry') }}</button>
        </p>
      } @else if (!loaded()) {
        <p class="muted">{{ t('loading') }}</p>
      } @else {
        <div class="head" aria-hidden="true">
          <span>{{ t('itemName') }}</span>
          <span class="num">{{ t('quantity') }}</span>
          <span>{{ t('unit') }}</span>
          <span class="num">{{ t('price') }}</span>
          <span class="num">{{ t('vatRateShort') }}</span>
          <span class="num">{{ t('amount') }}</span>
          <span></span>
        </div>
        @for (d of drafts(); track d.key; let i = $index) {
          <div class="row" [attr.data-testid]="'inv-item-' + i" [class.has-error]="!!rowErrors()[d.key]">
            <label class="c-name">
              <span class="cap">{{ t('itemName') }}</span>
              <input
                [attr.data-testid]="'inv-item-name-' + i"
                [value]="d.name"
                maxlength="500"
                [placeholder]="t('itemNamePlaceholder')"
                [class.invalid]="!!err(d, 'name')"
                (input)="set(d, 'name', $any($event.target).value)"
              />
            </label>
            <label class="c-qty">
              <span class="cap">{{ t('quantity') }}</span>
              <input class="num" inputmode="decimal" [attr.data-testid]="'inv-item-quantity-' + i" [value]="d.quantity" [class.invalid]="!!err(d, 'quantity')" (input)="set(d, 'quantity', $any($event.target).value)" />
            </label>
            <label class="c-unit">
              <span class="cap">{{ t('unit') }}</span>
              <input [attr.data-testid]="'inv-item-unit-' + i" [value]="d.unit" maxlength="20" [placeholder]="t('unitPlaceholder')" [class.invalid]="!!err(d, 'unit')" (input)="set(d, 'unit', $any($event.target).value)" />
            </label>
            <label class="c-price">
              <span class="cap">{{ t('price') }}</span>
              <input class="num" inputmode="decimal" [attr.data-testid]="'inv-item-price-' + i" [value]="d.price" placeholder="0.00" [class.invalid]="!!err(d, 'price')" (input)="set(d, 'price', $any($event.target).value)" />
            </label>
            <label class="c-vat">
              <span class="cap">{{ t('vatRateShort') }}</span>
              <input
                class="num"
                inputmode="decimal"
                [attr.data-testid]="'inv-item-vat-' + i"
                [value]="d.vatRate"
                [placeholder]="vatPlaceholder()"
                [title]="t('vatRateHint')"
                [class.invalid]="!!err(d, 'vatRate')"
                (input)="set(d, 'vatRate', $any($event.target).value)"
              />
            </label>
            <div class="c-amount num" [attr.data-testid]="'inv-item-amount-' + i">
              <span class="cap">{{ t('amount') }}</span>
              {{ amountOf(i) }}
            </div>
            <button type="button" class="icon-btn c-del" [attr.data-testid]="'inv-item-remove-' + i" [title]="t('removeItem')" [attr.aria-label]="t('removeItem')" (click)="remove(d)">✕</button>
            @if (rowErrors()[d.key]; as e) {
              <div class="row-errors" [attr.data-testid]="'inv-item-errors-' + i">
                @for (f of cells; track f) {
                  @if (e[f]) {
                    <p class="field-error" [attr.data-testid]="'inv-item-error-' + i + '-' + f" [title]="e[f]">{{ cellError(f, e[f]) }}</p>
                  }
                }
                @if (e['line']) {
                  <p class="field-error">{{ e['line'] }}</p>
                }
              </div>
            }
          </div>
        }
        @for (m of generalErrors(); track m) {
          <p class="msg error" role="alert" data-testid="inv-items-error">{{ m }}</p>
        }
        <div class="foot">
          <div class="foot-actions">
            <button type="button" class="btn" data-testid="inv-item-add" (click)="add()">+ {{ t('addItem') }}</button>
            <button type="button" class="btn" [class.primary-outline]="dirty()" data-testid="inv-items-save" [disabled]="busy() || !dirty()" (click)="save()">
              {{ busy() ? t('saving') : t('saveItems') }}
            </button>
            @if (dirty()) {
              <span class="state unsaved" data-testid="inv-items-unsaved">{{ t('unsaved') }}</span>
            } @else if (justSaved()) {
              <span class="state saved" role="status" data-testid="inv-items-saved">✓ {{ t('saved') }}</span>
            }
          </div>
          <dl class="totals" data-testid="inv-items-totals">
            <div class="t-line strong">
              <dt>{{ t('itemsTotal') }}</dt>
              <dd data-testid="inv-items-total">{{ totalText() }}</dd>
            </div>
            @if (preview().invoice; as inv) {
              @if (vat()?.vatPayer) {
                @for (g of inv.vatGroups; track g.rate) {
                  <div class="t-line">
                    <dt>{{ vat()?.pricesIncludeVat ? t('vatIncluded', { rate: dec(g.rate) }) : t('vatAdded', { rate: dec(g.rate) }) }}</dt>
                    <dd data-testid="inv-items-vat">{{ m(g.vat) }}</dd>
                  </div>
                }
                <div class="t-line strong">
                  <dt>{{ t('invoiceTotal') }}</dt>
                  <dd data-testid="inv-items-invoice-total">{{ m(inv.total) }}</dd>
                </div>
              } @else {
                <div class="t-line"><dt class="muted">{{ t('noVat') }}</dt><dd></dd></div>
              }
            }
          </dl>
        </div>
      }
    </div>
  `,
  styles: [
    SHARED_STYLES,
    `
    .items { container-type: inline-size; display: flex; flex-direction: column; gap: 6px; }
    .head { display: none; }
    .row {
      display: grid; gap: 4px 8px; align-items: end; padding: 8px 0; border-bottom: 1px solid var(--mat-sys-outline-variant);
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) minmax(0, 1.6fr) minmax(0, 1fr) 32px;
      grid-template-areas: 'name name name name del' 'qty unit price vat .' 'amount amount amount amount amount' 'errs errs errs errs errs';
    }
    label { display: flex; flex-direction: column; gap: 2px; min-width: 0; }
    input { width: 100%; }
    .cap { font-size: 11px; color: var(--mat-sys-on-surface-variant); }
    .c-name { grid-area: name; }
    .c-qty { grid-area: qty; }
    .c-unit { grid-area: unit; }
    .c-price { grid-area: price; }
    .c-vat { grid-area: vat; }
    .c-amount { grid-area: amount; display: flex; justify-content: flex-end; align-items: baseline; gap: 8px; font-weight: 500; min-width: 0; white-space: nowrap; }
    .c-del { grid-area: del; justify-self: end; align-self: end; }
    .row-errors { grid-area: errs; }
    .row-errors .field-error { margin: 0; }
    input.num { text-align: right; }
    .foot { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: flex-start; gap: 12px; margin-top: 6px; }
    .foot-actions { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; }
    .primary-outline { border-color: var(--mat-sys-primary); border-width: 2px; padding: 6px 15px; }
    .state { font-size: 13px; }
    .state.unsaved { color: #8a5a00; }
    .state.saved { color: #1e5b2f; }
    .totals { margin: 0; display: flex; flex-direction: column; gap: 2px; min-width: 200px; margin-left: auto; }
    .t-line { display: flex; justify-content: space-between; gap: 16px; font-size: 13px; }
    .t-line dt { color: var(--mat-sys-on-surface-variant); }
    .t-line dd { margin: 0; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .t-line.strong { font-size: 15px; font-weight: 500; }
    .t-line.strong dt { color: inherit; }
    @container (min-width: 380px) {
      .row {
        grid-template-columns: minmax(0, 0.9fr) minmax(0, 0.8fr) minmax(0, 1.3fr) minmax(0, 0.8fr) minmax(0, 1.3fr) 32px;
        grid-template-areas: 'name name name name name del' 'qty unit price vat amount amount' 'errs errs errs errs errs errs';
      }
      .c-amount { flex-direction: column; align-items: flex-end; gap: 2px; padding-bottom: 8px; }
    }
    @container (min-width: 640px) {
      .head, .row {
        grid-template-columns: minmax(0, 3fr) minmax(0, 0.9fr) minmax(0, 0.9fr) minmax(0, 1.2fr) minmax(0, 0.8fr) minmax(0, 1.3fr) 32px;
        grid-template-areas: 'name qty unit price vat amount del' 'errs errs errs errs errs errs errs';
      }
      .head { display: grid; gap: 8px; font-size: 12px; color: var(--mat-sys-on-surface-variant); padding: 0 0 2px; border-bottom: 1px solid var(--mat-sys-outline-variant); }
      .row { align-items: center; padding: 6px 0; }
      .cap { display: none; }
      .c-amount { padding-bottom: 0; }
      .c-del { align-self: center; }
    }
    `,
  ],
})
export class ItemsEditor {
  private readonly host = inject(PORTAL_HOST);
  protected readonly t = pluginWords(this.host, WORDS);
  protected readonly cells: Cell[] = ['name', 'quantity', 'unit', 'price', 'vatRate'];

  readonly dealId = input.required<string>();
  /** The currency of the default entity (items themselves have none). */
  readonly currency = input<string | null>(null);
  /** The default entity's VAT settings, for the invoice preview. */
  readonly vat = input<VatSettings | null>(null);
  /** After a save, with the server's view of the items. */
  readonly saved = output<DealItems>();

  protected readonly drafts = signal<ItemDraft[]>([]);
  protected readonly server = signal<DealItems | null>(null);
  protected readonly loaded = computed(() => this.server() !== null);
  protected readonly busy = signal(false);
  protected readonly justSaved = signal(false);
  private readonly loadFailure = signal<unknown>(null);
  protected readonly loadError = computed(() => (this.loadFailure() ? this.host.errorText(this.loadFailure()) : null));
  /** Field messages by row key and cell. */
  protected readonly rowErrors = signal<Record<number, Record<string, string>>>({});
  protected readonly generalErrors = signal<string[]>([]);

  readonly dirty = computed(() => {
    const s = this.server();
    return !!s && !sameLines(this.drafts(), s.items);
  });
  protected readonly preview = computed(() => previewItems(this.drafts(), this.vat()));
  protected readonly vatPlaceholder = computed(() => {
    const v = this.vat();
    return v?.vatPayer && v.vatRate ? v.vatRate : '—';
  });
  /** The server's total when nothing is edited, else the exact preview. */
  protected readonly totalText = computed(() => {
    const s = this.server();
    if (s && !this.dirty()) return this.m(s.total);
    const total = this.preview().total;
    return total === null ? '—' : this.m(total);
  });

  constructor() {
    effect(() => {
      this.dealId();
      untracked(() => void this.load());
    });
  }

  async load(): Promise<void> {
    this.loadFailure.set(null);
    try {
      this.show(dealItemsOf(await this.host.get<DealItem[]>(`/deals/${encodeURIComponent(this.dealId())}/items`)));
    } catch (err) {
      this.loadFailure.set(err);
    }
  }

  private show(items: DealItems): void {
    this.server.set(items);
    this.drafts.set(items.items.length ? items.items.map((i) => draftOf(i, this.host.lang())) : [emptyDraft()]);
  }

  protected m(value: string): string {
    return money(value, this.currency(), this.host.lang());
  }

  protected dec(value: string): string {
    return decimal(value, this.host.lang());
  }

  protected amountOf(i: number): string {
    const s = this.server();
    const d = this.drafts()[i];
    if (!d || isBlankDraft(d)) return '—';
    // Saved and unchanged: the server's amount of that line.
    if (s && !this.dirty()) {
      const at = this.drafts().slice(0, i).filter((x) => !isBlankDraft(x)).length;
      if (s.items[at]) return this.m(s.items[at].amount);
    }
    const a = this.preview().amounts[i];
    return a === null ? '—' : this.m(a);
  }

  protected err(d: ItemDraft, cell: Cell): string | undefined {
    return this.rowErrors()[d.key]?.[cell];
  }

  /** The server's messages are English: other languages get what the cell expects, in their words. */
  protected cellError(cell: Cell, serverMessage: string): string {
    if (this.host.lang() === 'en') return serverMessage;
    if (cell === 'name' && /required/.test(serverMessage)) return this.t('badNameRequired');
    return this.t(({ name: 'badName', quantity: 'badQuantity', unit: 'badUnit', price: 'badPrice', vatRate: 'badVatRate' } as const)[cell]);
  }

  protected set(d: ItemDraft, cell: Cell, value: string): void {
    this.justSaved.set(false);
    this.drafts.update((list) => list.map((x) => (x.key === d.key ? { ...x, [cell]: value } : x)));
    const e = this.rowErrors()[d.key];
    if (e?.[cell]) {
      const rest = { ...e };
      delete rest[cell];
      this.rowErrors.update((all) => ({ ...all, [d.key]: rest }));
      if (!Object.keys(rest).length) this.rowErrors.update(({ [d.key]: _, ...others }) => others);
    }
  }

  protected add(): void {
    this.justSaved.set(false);
    this.drafts.update((list) => [...list, emptyDraft()]);
  }

  protected remove(d: ItemDraft): void {
    this.justSaved.set(false);
    this.drafts.update((list) => list.filter((x) => x.key !== d.key));
    this.rowErrors.update(({ [d.key]: _, ...others }) => others);
  }

  /** Saves the lines; resolves to whether the server took them. */
  async save(): Promise<boolean> {
    const rows = this.drafts().filter((d) => !isBlankDraft(d));
    this.busy.set(true);
    this.rowErrors.set({});
    this.generalErrors.set([]);
    try {
      const res = dealItemsOf(await this.host.put<DealItem[]>(`/deals/${encodeURIComponent(this.dealId())}/items`, rows.map(itemBody)));
      this.show(res);
      this.justSaved.set(true);
      this.saved.emit(res);
      return true;
    } catch (err) {
      this.showErrors(err, rows);
      return false;
    } finally {
      this.busy.set(false);
    }
  }

  /**
   * Puts a 400's messages next to their cells. `rows` are the lines the request carried (blank rows are not sent,
   * so `[1]` is the second sent row); without them, the saved lines in the editor's order.
   */
  showErrors(err: unknown, rows: ItemDraft[] = this.drafts().filter((d) => !isBlankDraft(d))): void {
    const fields = this.host.fieldErrors(err);
    const byLine = lineErrors(fields);
    const mapped: Record<number, Record<string, string>> = {};
    const unplaced: string[] = [];
    for (const [i, e] of Object.entries(byLine)) {
      const row = rows[Number(i)];
      if (row) mapped[row.key] = e;
      else unplaced.push(...Object.values(e));
    }
    this.rowErrors.set(mapped);
    const general = [...otherErrors(fields), ...unplaced];
    if (!Object.keys(fields).length) general.push(this.host.errorText(err));
    this.generalErrors.set(general);
  }
}
