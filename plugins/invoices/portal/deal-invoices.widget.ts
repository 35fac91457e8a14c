import { Component, DestroyRef, computed, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { RouterLink } from '@angular/router';
import { PORTAL_HOST, pluginWords } from '@portal/portal-kit';
import { BuyerRequisites } from './buyer-requisites';
import { InvoiceActions } from './invoice-actions';
import { dateText, entityLabel, errorCode, errorStatus, isNetworkError, mayFinalize, money, newRequestId, query } from './invoices';
import type { Company, Deal, Invoice, InvoiceLanguage, InvoiceStatus, LegalEntity, Page } from './invoices';
import { ItemsEditor } from './items-editor';
import { ObjectUrls, reserveTab, showInvoicePdf } from './pdf';
import { SHARED_STYLES } from './styles';
import { WORDS } from './words';

interface IssueProblem {
  text: string;
  /** Admins can fix a missing or broken legal entity themselves. */
  entitiesLink: boolean;
}

/**
 * The deal card's "Items and invoices": the buyer (with requisites from the registry by tax id), the deal's line
 * items, one click to issue an invoice and see its PDF, and the deal's invoices with their statuses.
 */
@Component({
  selector: 'inv-deal-invoices-widget',
  imports: [RouterLink, ItemsEditor, InvoiceActions, BuyerRequisites],
  template: `
    <div class="wrap" data-testid="inv-deal">
      @if (loadError()) {
        <p class="msg error" role="alert" data-testid="inv-deal-error">{{ loadError() }} <button type="button" class="btn small text" (click)="load()">{{ t('retry') }}</button></p>
      }

      <section class="buyer" data-testid="inv-buyer">
        <div class="buyer-line">
          <span class="label">{{ t('buyer') }}</span>
          @if (company(); as c) {
            <span class="buyer-name" data-testid="inv-buyer-name">{{ c.name }}</span>
            @if (c.taxId) {
              <span class="muted small" data-testid="inv-buyer-taxid">{{ t('taxIdShort') }} {{ c.taxId }}</span>
            } @else {
              <span class="warn small">{{ t('buyerNoTaxId') }}</span>
            }
            <button type="button" class="btn small text" data-testid="inv-lookup-toggle" [attr.aria-expanded]="lookupOpen()" (click)="lookupOpen.set(!lookupOpen())">
              {{ lookupOpen() ? t('lookupHide') : t('lookupOpen') }}
            </button>
          } @else if (deal(); as d) {
            @if (d.contactIds.length) {
              <span class="muted" data-testid="inv-buyer-contact">{{ t('buyerContact') }}</span>
            } @else {
              <span class="warn" data-testid="inv-buyer-none">{{ t('buyerNone') }}</span>
            }
          }
        </div>
        @if (lookupOpen() && company(); as c) {
          <inv-buyer-requisites [company]="c" (changed)="company.set($event)" />
        }
      </section>

      <section>
        <h4 class="sub">{{ t('items') }}</h4>
        <inv-items-editor [dealId]="dealId()" [currency]="currency()" [vat]="defaultVat()" (saved)="issueProblem.set(null)" />
      </section>

      <section class="issue" data-testid="inv-issue-bar">
        @if (activeEntities().length > 1) {
          <label class="opt">
            <span class="cap">{{ t('fromEntity') }}</span>
            <select data-testid="inv-issue-entity" (change)="entityId.set($any($event.target).value)">
              @for (e of activeEntities(); track e.id) {
                <option [value]="e.id" [selected]="e.id === chosenEntity()?.id">{{ entityLabel(e) }}</option>
              }
            </select>
          </label>
        }
        <label class="opt">
          <span class="cap">{{ t('invoiceLanguage') }}</span>
          <select data-testid="inv-issue-language" (change)="language.set($any($event.target).value)">
            <option value="" [selected]="!language()">{{ t('languageAuto') }}</option>
            <option value="uk" [selected]="language() === 'uk'">{{ t('languageUk') }}</option>
            <option value="ru" [selected]="language() === 'ru'">{{ t('languageRu') }}</option>
          </select>
        </label>
        <button type="button" class="btn primary issue-btn" data-testid="inv-issue" [disabled]="issuing()" (click)="issue()">
          {{ issuing() ? t('issuing') : t('issue') }}
        </button>
      </section>
      @if (activeEntities().length === 1 && chosenEntity(); as e) {
        <p class="muted small from" data-testid="inv-issue-from">{{ t('issuedFrom', { entity: entityLabel(e) }) }}</p>
      }

      @if (issueProblem(); as p) {
        <p class="msg error" role="alert" data-testid="inv-issue-error">
          {{ p.text }}
          @if (p.entitiesLink) {
            <a routerLink="/invoices/legal-entities" data-testid="inv-issue-entities-link">{{ t('openEntities') }}</a>
          }
        </p>
      }
      @if (issued(); as r) {
        <div class="msg ok" role="status" data-testid="inv-issued">
          <span class="title">{{ t('issuedTitle', { number: r.invoice.number, total: m(r.invoice.total, r.invoice.currency) }) }}</span>
          @if (r.pdf) {
            {{ r.pdf.opened ? t('pdfOpenedInTab') : t('pdfBlocked') }}
            <a [href]="r.pdf.url" [download]="r.pdf.filename" target="_blank" rel="noopener" data-testid="inv-issued-pdf">{{ t('pdfDownload') }}</a>
          } @else if (r.pdfError) {
            {{ r.pdfError }}
          } @else {
            {{ t('pdfPreparing') }}
          }
        </div>
      }

      <section>
        <h4 class="sub">{{ t('dealInvoices') }}</h4>
        @if (invoices(); as list) {
          @if (list.length) {
            <ul class="invoices" data-testid="inv-deal-invoices">
              @for (inv of list; track inv.id) {
                <li class="inv" [attr.data-testid]="'inv-invoice-' + inv.id" [attr.data-status]="inv.status">
                  <div class="inv-main">
                    <span class="inv-number" [attr.data-testid]="'inv-invoice-number-' + inv.id">{{ inv.number }}</span>
                    <span class="chip" [class]="'chip ' + inv.status" [attr.data-testid]="'inv-invoice-status-' + inv.id">{{ statusWord(inv.status) }}</span>
                  </div>
                  <span class="inv-total num" [attr.data-testid]="'inv-invoice-total-' + inv.id">{{ m(inv.total, inv.currency) }}</span>
                  <span class="inv-meta muted small">{{ date(inv.issueDate) }} · {{ entityLabel(inv.supplier) }}</span>
                  <inv-invoice-actions class="inv-acts" [invoice]="inv" [mayFinalize]="finalize()" (changed)="replace($event)" />
                </li>
              }
            </ul>
            @if (nextCursor()) {
              <button type="button" class="btn small text" data-testid="inv-deal-more" (click)="loadInvoices(true)">{{ t('loadMore') }}</button>
            }
          } @else {
            <p class="muted small" data-testid="inv-deal-invoices-empty">{{ t('dealNoInvoices') }}</p>
          }
        } @else if (!loadError()) {
          <p class="muted small">{{ t('loading') }}</p>
        }
      </section>
    </div>
  `,
  styles: [
    SHARED_STYLES,
    `
    .wrap { container-type: inline-size; display: flex; flex-direction: column; gap: 14px; }
    .sub { margin: 0 0 4px; font-size: 13px; font-weight: 500; color: var(--mat-sys-on-surface-variant); text-transform: uppercase; letter-spacing: 0.04em; }
    .buyer { display: flex; flex-direction: column; gap: 8px; }
    .buyer-line { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 10px; }
    .label { font-size: 13px; color: var(--mat-sys-on-surface-variant); }
    .buyer-name { font-weight: 500; overflow-wrap: anywhere; }
    .warn { color: #8a5a00; font-size: 14px; }
    .issue { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 10px; padding: 12px; border-radius: 12px; background: var(--mat-sys-surface-container-low, #f3f3f8); }
    .opt { display: flex; flex-direction: column; gap: 2px; min-width: 0; }
    .opt select { max-width: 100%; }
    .cap { font-size: 12px; color: var(--mat-sys-on-surface-variant); }
    .issue-btn { margin-left: auto; padding: 9px 22px; font-size: 15px; }
    .from { margin: -8px 0 0; }
    .invoices { list-style: none; margin: 0; padding: 0; }
    .inv {
      display: grid; grid-template-columns: minmax(0, 1fr) auto; grid-template-areas: 'main total' 'meta meta' 'acts acts';
      gap: 2px 12px; padding: 10px 0; border-bottom: 1px solid var(--mat-sys-outline-variant); align-items: center;
    }
    .inv:last-child { border-bottom: none; }
    .inv-main { grid-area: main; display: flex; flex-wrap: wrap; align-items: center; gap: 8px; min-width: 0; }
    .inv-number { font-weight: 500; overflow-wrap: anywhere; }
    .inv-total { grid-area: total; font-weight: 500; }
    .inv-meta { grid-area: meta; overflow-wrap: anywhere; }
    .inv-acts { grid-area: acts; margin-top: 6px; }
    @container (min-width: 640px) {
      .inv { grid-template-columns: minmax(0, 1fr) auto auto; grid-template-areas: 'main total acts' 'meta meta acts'; }
      .inv-acts { margin-top: 0; }
    }
    `,
  ],
})
export class DealInvoicesWidget {
  private readonly host = inject(PORTAL_HOST);
  protected readonly t = pluginWords(this.host, WORDS);

  readonly dealId = input.required<string>();

  private readonly editor = viewChild(ItemsEditor);
  protected readonly deal = signal<Deal | null>(null);
  protected readonly company = signal<Company | null>(null);
  protected readonly entities = signal<LegalEntity[]>([]);
  private readonly entitiesLoaded = signal(false);
  protected readonly entityId = signal<string | null>(null);
  protected readonly language = signal<'' | InvoiceLanguage>('');
  protected readonly invoices = signal<Invoice[] | null>(null);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly lookupOpen = signal(false);
  protected readonly issuing = signal(false);
  protected readonly issueProblem = signal<IssueProblem | null>(null);
  protected readonly issued = signal<{ invoice: Invoice; pdf?: { url: string; filename: string; opened: boolean }; pdfError?: string } | null>(null);
  private readonly loadFailure = signal<unknown>(null);
  protected readonly loadError = computed(() => (this.loadFailure() ? this.host.errorText(this.loadFailure()) : null));
  /** The key of an issue whose answer never arrived: a retry sends it again, so it cannot issue twice. */
  private pendingKey: string | null = null;
  private readonly urls = new ObjectUrls();

  protected readonly isAdmin = computed(() => (this.host.user()?.roles ?? []).includes('admin'));
  protected readonly finalize = computed(() => mayFinalize(this.host.user()?.roles ?? [], this.host.user()?.id ?? null, this.deal()?.responsibleId));
  protected readonly activeEntities = computed(() => this.entities().filter((e) => !e.archived));
  protected readonly chosenEntity = computed<LegalEntity | null>(() => {
    const list = this.activeEntities();
    return list.find((e) => e.id === this.entityId()) ?? list.find((e) => e.isDefault) ?? list[0] ?? null;
  });
  protected readonly currency = computed(() => this.chosenEntity()?.currency ?? null);
  protected readonly defaultVat = computed(() => {
    const e = this.chosenEntity();
    return e ? { vatPayer: e.vatPayer, vatRate: e.vatRate, pricesIncludeVat: e.pricesIncludeVat } : null;
  });

  constructor() {
    effect(() => {
      this.dealId();
      untracked(() => void this.load());
    });
    inject(DestroyRef).onDestroy(() => this.urls.revokeAll());
  }

  async load(): Promise<void> {
    this.loadFailure.set(null);
    const id = encodeURIComponent(this.dealId());
    await Promise.all([
      this.host.get<Deal>(`/deals/${id}`).then(
        async (d) => {
          this.deal.set(d);
          this.company.set(d.companyId ? await this.host.get<Company>(`/companies/${encodeURIComponent(d.companyId)}`).catch(() => null) : null);
        },
        (err) => this.loadFailure.set(err),
      ),
      this.loadEntities(),
      this.loadInvoices(),
    ]);
  }

  private async loadEntities(): Promise<void> {
    try {
      this.entities.set((await this.host.get<Page<LegalEntity>>('/legal-entities')).items);
    } catch {
      this.entities.set([]);
    } finally {
      this.entitiesLoaded.set(true);
    }
  }

  async loadInvoices(more = false): Promise<void> {
    try {
      const page = await this.host.get<Page<Invoice>>(`/deals/${encodeURIComponent(this.dealId())}/invoices${query({ limit: 20, cursor: more ? this.nextCursor() : null })}`);
      this.invoices.set(more ? [...(this.invoices() ?? []), ...page.items] : page.items);
      this.nextCursor.set(page.nextCursor);
    } catch (err) {
      if (!more) this.invoices.set([]);
      this.loadFailure.set(err);
    }
  }

  protected m(value: string, currency: string): string {
    return money(value, currency, this.host.lang());
  }

  protected date(day: string): string {
    return dateText(day, this.host.lang());
  }

  protected statusWord(s: InvoiceStatus): string {
    return this.t(`status_${s}`);
  }

  protected readonly entityLabel = entityLabel;

  protected replace(inv: Invoice): void {
    this.invoices.update((list) => (list ?? []).map((x) => (x.id === inv.id ? inv : x)));
    const r = this.issued();
    if (r?.invoice.id === inv.id) this.issued.set({ ...r, invoice: inv });
  }

  /**
   * One click: saves edited items first, issues the invoice (a request id makes a repeated request return the same
   * invoice), and shows its PDF in a tab opened within the click, with a download link as the fallback.
   */
  async issue(): Promise<void> {
    if (this.issuing()) return;
    const editor = this.editor();
    // Known in advance to fail: no tab is opened for nothing.
    const deal = this.deal();
    const likelyFails = (this.entitiesLoaded() && !this.activeEntities().length) || !deal || (!deal.companyId && !deal.contactIds.length);
    const tab = likelyFails ? null : reserveTab(this.t('pdfPreparing'));
    this.issuing.set(true);
    this.issueProblem.set(null);
    this.issued.set(null);
    try {
      if (editor?.dirty() && !(await editor.save())) {
        tab?.close();
        this.issueProblem.set({ text: this.t('fixItemsFirst'), entitiesLink: false });
        return;
      }
      const key = (this.pendingKey ??= newRequestId());
      const body: Record<string, unknown> = { requestId: key };
      const chosen = this.chosenEntity();
      if (chosen && this.activeEntities().length > 1) body['legalEntityId'] = chosen.id;
      if (this.language()) body['language'] = this.language();
      let invoice: Invoice;
      try {
        invoice = await this.host.post<Invoice>(`/deals/${encodeURIComponent(this.dealId())}/invoices`, body);
      } catch (err) {
        tab?.close();
        if (!isNetworkError(err)) this.pendingKey = null;
        this.issueProblem.set(this.problemOf(err));
        if (Object.keys(this.host.fieldErrors(err)).some((f) => f.startsWith('items'))) editor?.showErrors(err);
        if (['entity_archived', 'no_legal_entity'].includes(errorCode(err)) || this.host.fieldErrors(err)['legalEntityId']) void this.loadEntities();
        return;
      }
      this.pendingKey = null;
      this.invoices.update((list) => [invoice, ...(list ?? []).filter((x) => x.id !== invoice.id)]);
      this.issued.set({ invoice });
      try {
        const pdf = await showInvoicePdf(this.host, invoice, tab);
        this.urls.keep(pdf.url);
        this.issued.set({ invoice, pdf });
      } catch (err) {
        this.issued.set({ invoice, pdfError: this.host.errorText(err) });
      }
    } finally {
      this.issuing.set(false);
    }
  }

  /** A refusal in words, with what to do about it. */
  private problemOf(err: unknown): IssueProblem {
    const admin = this.isAdmin();
    switch (errorCode(err)) {
      case 'no_items':
        return { text: this.t('noItems'), entitiesLink: false };
      case 'no_buyer':
        return { text: this.t('noBuyer'), entitiesLink: false };
      case 'no_legal_entity':
        return { text: admin ? this.t('noEntityAdmin') : this.t('noEntityAsk'), entitiesLink: admin };
      case 'entity_archived':
        return { text: this.t('entityArchived'), entitiesLink: admin };
      case 'number_taken':
        return { text: admin ? this.t('numberTakenAdmin') : this.t('numberTakenAsk'), entitiesLink: admin };
      case 'idempotency_key_reused':
        return { text: this.t('tryAgain'), entitiesLink: false };
      case 'validation_failed': {
        const fields = Object.keys(this.host.fieldErrors(err));
        if (fields.some((f) => f.startsWith('items'))) return { text: this.t('itemsInvalid'), entitiesLink: false };
        if (fields.includes('legalEntityId')) return { text: this.t('entityGone'), entitiesLink: admin };
        return { text: this.host.errorText(err), entitiesLink: false };
      }
    }
    if (errorStatus(err) === 403) return { text: this.host.errorText(err), entitiesLink: false };
    return { text: this.host.errorText(err), entitiesLink: false };
  }
}
