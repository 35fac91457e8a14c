import { Component, effect, inject, input, output, signal, untracked } from '@angular/core';
import { PORTAL_HOST, pluginWords } from '@portal/portal-kit';
import { errorCode, errorStatus, query } from './invoices';
import type { Company, RegistryCompany } from './invoices';
import { SHARED_STYLES } from './styles';
import { WORDS } from './words';

/**
 * The buyer's requisites from the companies registry: a tax id → name, address, director → "Apply" writes them to
 * the deal's company (`PATCH /companies/:id`), so the next invoice prints them.
 */
@Component({
  selector: 'inv-buyer-requisites',
  template: `
    <form class="lookup" data-testid="inv-lookup-form" (submit)="$event.preventDefault(); lookup()">
      <label class="grow">
        <span class="cap">{{ t('lookupTaxId') }}</span>
        <input data-testid="inv-lookup-taxid" inputmode="numeric" maxlength="14" [value]="taxId()" [class.invalid]="!!taxIdError()" (input)="taxId.set($any($event.target).value)" />
      </label>
      <button type="submit" class="btn" data-testid="inv-lookup-find" [disabled]="busy() || !taxId().trim()">{{ busy() ? t('lookupSearching') : t('lookupFind') }}</button>
    </form>
    @if (taxIdError()) {
      <p class="field-error" data-testid="inv-lookup-taxid-error">{{ taxIdError() }}</p>
    }
    @if (notice(); as n) {
      <p class="msg" [class.info]="n.kind === 'info'" [class.error]="n.kind === 'error'" [class.ok]="n.kind === 'ok'" role="status" data-testid="inv-lookup-notice">{{ n.text }}</p>
    }
    @if (found(); as f) {
      <div class="found" data-testid="inv-lookup-result">
        <dl>
          <dt>{{ t('companyName') }}</dt>
          <dd data-testid="inv-lookup-name">{{ f.name }}</dd>
          <dt>{{ t('taxId') }}</dt>
          <dd>{{ f.taxId }}</dd>
          <dt>{{ t('address') }}</dt>
          <dd data-testid="inv-lookup-address">{{ f.address || '—' }}</dd>
          <dt>{{ t('director') }}</dt>
          <dd data-testid="inv-lookup-director">{{ f.director || '—' }}</dd>
        </dl>
        @if (f.companyId && f.companyId !== company().id) {
          <p class="msg info small" data-testid="inv-lookup-other-company">{{ t('lookupOtherCompany') }}</p>
        }
        <label class="check">
          <input type="checkbox" data-testid="inv-lookup-replace-name" [checked]="replaceName()" (change)="replaceName.set($any($event.target).checked)" />
          {{ t('lookupReplaceName', { name: company().name }) }}
        </label>
        <div class="row-actions">
          <button type="button" class="btn primary" data-testid="inv-lookup-apply" [disabled]="busy()" (click)="apply(f)">{{ t('lookupApply') }}</button>
          <button type="button" class="btn text" (click)="found.set(null)">{{ t('cancelNo') }}</button>
        </div>
      </div>
    }
  `,
  styles: [
    SHARED_STYLES,
    `
    :host { display: flex; flex-direction: column; gap: 8px; }
    .lookup { display: flex; gap: 8px; align-items: flex-end; flex-wrap: wrap; }
    .grow { flex: 1; min-width: 160px; display: flex; flex-direction: column; gap: 2px; }
    .cap { font-size: 12px; color: var(--mat-sys-on-surface-variant); }
    .found { border: 1px solid var(--mat-sys-outline-variant); border-radius: 8px; padding: 10px 12px; display: flex; flex-direction: column; gap: 8px; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 0; font-size: 14px; }
    dt { color: var(--mat-sys-on-surface-variant); font-size: 13px; }
    dd { margin: 0; overflow-wrap: anywhere; }
    .check { display: flex; align-items: center; gap: 6px; font-size: 14px; }
    .row-actions { display: flex; gap: 8px; }
    `,
  ],
})
export class BuyerRequisites {
  private readonly host = inject(PORTAL_HOST);
  protected readonly t = pluginWords(this.host, WORDS);

  readonly company = input.required<Company>();
  readonly changed = output<Company>();

  protected readonly taxId = signal('');
  protected readonly busy = signal(false);
  protected readonly found = signal<RegistryCompany | null>(null);
  protected readonly replaceName = signal(true);
  protected readonly taxIdError = signal<string | null>(null);
  protected readonly notice = signal<{ kind: 'info' | 'error' | 'ok'; text: string } | null>(null);

  constructor() {
    effect(() => {
      const c = this.company();
      untracked(() => this.taxId.set(c.taxId ?? ''));
    });
  }

  async lookup(): Promise<void> {
    this.busy.set(true);
    this.found.set(null);
    this.notice.set(null);
    this.taxIdError.set(null);
    try {
      const r = await this.host.get<RegistryCompany>(`/companies/lookup${query({ taxId: this.taxId().replace(/\s+/g, '') })}`);
      this.found.set(r);
      this.replaceName.set(r.name !== this.company().name);
    } catch (err) {
      const code = errorCode(err);
      if (code === 'registry_not_configured') this.notice.set({ kind: 'info', text: this.t('registryNotConfigured') });
      else if (code === 'company_not_found' || errorStatus(err) === 404) this.notice.set({ kind: 'info', text: this.t('registryNotFound') });
      else if (code === 'registry_unavailable') this.notice.set({ kind: 'error', text: this.t('registryUnavailable') });
      else if (this.host.fieldErrors(err)['taxId']) this.taxIdError.set(this.host.lang() === 'en' ? this.host.fieldErrors(err)['taxId'] : this.t('taxIdInvalid'));
      else this.notice.set({ kind: 'error', text: this.host.errorText(err) });
    } finally {
      this.busy.set(false);
    }
  }

  async apply(f: RegistryCompany): Promise<void> {
    this.busy.set(true);
    this.notice.set(null);
    try {
      const patch: Record<string, string> = { taxId: f.taxId };
      if (f.address) patch['address'] = f.address;
      if (this.replaceName()) patch['name'] = f.name;
      const updated = await this.host.patch<Company>(`/companies/${encodeURIComponent(this.company().id)}`, patch);
      this.found.set(null);
      this.notice.set({ kind: 'ok', text: this.t('lookupApplied') });
      this.changed.emit(updated);
    } catch (err) {
      this.notice.set({ kind: 'error', text: errorCode(err) === 'duplicate' ? this.t('lookupDuplicate') : this.host.errorText(err) });
    } finally {
      this.busy.set(false);
    }
  }
}
