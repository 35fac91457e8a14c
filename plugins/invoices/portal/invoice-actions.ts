import { Component, DestroyRef, computed, inject, input, output, signal } from '@angular/core';
import { PORTAL_HOST, pluginWords } from '@portal/portal-kit';
import { NEXT_STATUSES, errorCode, errorDetails, errorStatus } from './invoices';
import type { Invoice, InvoiceStatus, StatusMove } from './invoices';
import { ObjectUrls, reserveTab, showInvoicePdf } from './pdf';
import { SHARED_STYLES } from './styles';
import { WORDS } from './words';

/**
 * What can be done with one invoice: its PDF (in a new tab, with a download link as the fallback), and the next
 * statuses it may take — sent, paid, cancelled (asked again first). Refusals (422 invalid_transition, 403) are
 * said in words, and a stale status is reloaded.
 */
@Component({
  selector: 'inv-invoice-actions',
  template: `
    <div class="acts">
      <button type="button" class="btn small" [attr.data-testid]="'inv-pdf-' + invoice().id" [disabled]="pdfBusy()" (click)="pdf()">{{ pdfBusy() ? t('pdfOpening') : t('pdf') }}</button>
      @for (to of moves(); track to) {
        @if (to === 'cancelled') {
          @if (!confirming()) {
            <button type="button" class="btn small text danger" [attr.data-testid]="'inv-mark-cancelled-' + invoice().id" [disabled]="busy()" (click)="confirming.set(true)">
              {{ t('actionCancel') }}
            </button>
          }
        } @else {
          <button type="button" class="btn small" [attr.data-testid]="'inv-mark-' + to + '-' + invoice().id" [disabled]="busy()" (click)="move(to)">
            {{ to === 'sent' ? t('actionSent') : t('actionPaid') }}
          </button>
        }
      }
    </div>
    @if (confirming()) {
      <div class="confirm" role="alertdialog" [attr.data-testid]="'inv-cancel-confirm-' + invoice().id">
        <span>{{ t('cancelConfirm', { number: invoice().number }) }}</span>
        <button type="button" class="btn small danger" [attr.data-testid]="'inv-cancel-yes-' + invoice().id" [disabled]="busy()" (click)="move('cancelled')">{{ t('cancelYes') }}</button>
        <button type="button" class="btn small text" [attr.data-testid]="'inv-cancel-no-' + invoice().id" (click)="confirming.set(false)">{{ t('cancelNo') }}</button>
      </div>
    }
    @if (pdfUrl(); as link) {
      <p class="small fallback">
        @if (!pdfOpened()) {
          {{ t('pdfBlocked') }}
        }
        <a [href]="link.url" [download]="link.filename" target="_blank" rel="noopener" [attr.data-testid]="'inv-pdf-link-' + invoice().id">{{ t('pdfDownload') }}</a>
      </p>
    }
    @if (error()) {
      <p class="field-error" role="alert" [attr.data-testid]="'inv-action-error-' + invoice().id">{{ error() }}</p>
    }
  `,
  styles: [
    SHARED_STYLES,
    `
    :host { display: flex; flex-direction: column; gap: 4px; align-items: flex-end; }
    .acts { display: flex; flex-wrap: wrap; gap: 6px; justify-content: flex-end; }
    .fallback { margin: 0; }
    .field-error { text-align: right; max-width: 360px; }
    :host(.start) { align-items: flex-start; }
    :host(.start) .acts { justify-content: flex-start; }
    :host(.start) .field-error { text-align: left; }
    `,
  ],
})
export class InvoiceActions {
  private readonly host = inject(PORTAL_HOST);
  protected readonly t = pluginWords(this.host, WORDS);

  readonly invoice = input.required<Invoice>();
  /** Whether the viewer may mark it paid or cancelled (the server checks too). */
  readonly mayFinalize = input(true);
  readonly changed = output<Invoice>();

  protected readonly busy = signal(false);
  protected readonly pdfBusy = signal(false);
  protected readonly confirming = signal(false);
  protected readonly pdfUrl = signal<{ url: string; filename: string } | null>(null);
  protected readonly pdfOpened = signal(true);
  protected readonly error = signal<string | null>(null);
  private readonly urls = new ObjectUrls();

  protected readonly moves = computed(() => NEXT_STATUSES[this.invoice().status].filter((to) => to === 'sent' || this.mayFinalize()));

  constructor() {
    inject(DestroyRef).onDestroy(() => this.urls.revokeAll());
  }

  async pdf(): Promise<void> {
    const tab = reserveTab(this.t('pdfPreparing'));
    this.pdfBusy.set(true);
    this.error.set(null);
    try {
      const shown = await showInvoicePdf(this.host, this.invoice(), tab);
      this.pdfUrl.set({ url: this.urls.keep(shown.url), filename: shown.filename });
      this.pdfOpened.set(shown.opened);
    } catch (err) {
      this.error.set(this.host.errorText(err));
    } finally {
      this.pdfBusy.set(false);
    }
  }

  async move(to: StatusMove): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const updated = await this.host.patch<Invoice>(`/invoices/${encodeURIComponent(this.invoice().id)}`, { status: to });
      this.confirming.set(false);
      this.changed.emit(updated);
    } catch (err) {
      this.error.set(this.refusal(err, to));
      if (errorCode(err) === 'invalid_transition') await this.reload();
    } finally {
      this.busy.set(false);
    }
  }

  private refusal(err: unknown, to: StatusMove): string {
    const code = errorCode(err);
    if (code === 'invalid_transition') {
      const d = errorDetails(err)[0] ?? {};
      const from = (typeof d['from'] === 'string' ? d['from'] : this.invoice().status) as InvoiceStatus;
      return this.t('invalidTransition', { from: this.statusWord(from), to: this.statusWord(to) });
    }
    if (errorStatus(err) === 403) return this.t('finalizeForbidden');
    return this.host.errorText(err);
  }

  private statusWord(s: InvoiceStatus): string {
    return this.t(`status_${s}`);
  }

  /** Someone else moved it meanwhile: show what it is now. */
  private async reload(): Promise<void> {
    try {
      this.changed.emit(await this.host.get<Invoice>(`/invoices/${encodeURIComponent(this.invoice().id)}`));
    } catch {
      // the refusal is already shown
    }
  }
}
