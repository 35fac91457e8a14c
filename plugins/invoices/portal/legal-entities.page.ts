import { Component, computed, inject, signal } from '@angular/core';
import { PORTAL_HOST, dayIn, pluginWords } from '@portal/portal-kit';
import { entityLabel, errorCode, ibanText } from './invoices';
import type { LegalEntity, Page } from './invoices';
import { LegalEntityForm } from './legal-entity-form';
import { numberExample } from './number-example';
import { SHARED_STYLES } from './styles';
import { WORDS } from './words';

/**
 * "Our legal entities" (admins): the companies the portal issues invoices from, the default first; add, edit, make
 * the default, archive (issued invoices keep pointing at an archived entity, so nothing is ever deleted).
 */
@Component({
  selector: 'inv-legal-entities-page',
  imports: [LegalEntityForm],
  template: `
    <div class="page">
      <p class="intro muted">{{ t('entitiesIntro') }}</p>
      <div class="toolbar">
        @if (editing() !== 'new') {
          <button type="button" class="btn primary" data-testid="le-add" (click)="openNew()">+ {{ t('addEntity') }}</button>
        }
        <label class="check">
          <input type="checkbox" data-testid="le-archived-toggle" [checked]="showArchived()" (change)="toggleArchived($any($event.target).checked)" />
          {{ t('showArchived') }}
        </label>
      </div>

      @if (notice(); as n) {
        <p class="msg" [class.ok]="n.kind === 'ok'" [class.error]="n.kind === 'error'" role="status" data-testid="le-notice">{{ n.text }}</p>
      }

      @if (editing() === 'new') {
        <section class="card form-card" data-testid="le-new">
          <h2>{{ t('newEntity') }}</h2>
          <inv-legal-entity-form [firstEntity]="!activeCount()" (saved)="created($event)" (cancelled)="editing.set(null)" />
        </section>
      }

      @if (entities(); as list) {
        @for (e of list; track e.id) {
          <section class="card" [class.default]="e.isDefault" [class.archived]="e.archived" [attr.data-testid]="'le-card-' + e.id">
            @if (editing() === e.id) {
              <h2>{{ t('editEntity') }}</h2>
              <inv-legal-entity-form [entity]="e" (saved)="updated($event)" (cancelled)="editing.set(null)" />
            } @else {
              <div class="card-head">
                @if (e.logo) {
                  <img class="logo" [src]="e.logo" alt="" />
                }
                <div class="title">
                  <h2>
                    <span [attr.data-testid]="'le-name-' + e.id">{{ label(e) }}</span>
                    @if (e.isDefault) {
                      <span class="chip default" [attr.data-testid]="'le-default-chip-' + e.id">{{ t('defaultChip') }}</span>
                    }
                    @if (e.archived) {
                      <span class="chip archived">{{ t('archivedChip') }}</span>
                    }
                  </h2>
                  <span class="muted small">{{ e.country === 'UA' ? t('countryUA') : t('countryRU') }} · {{ e.currency }}</span>
                </div>
                @if (!e.archived) {
                  <div class="card-actions">
                    <button type="button" class="btn small" [attr.data-testid]="'le-edit-' + e.id" (click)="editing.set(e.id)">{{ t('edit') }}</button>
                    @if (!e.isDefault) {
                      <button type="button" class="btn small" [attr.data-testid]="'le-make-default-' + e.id" [disabled]="busy()" (click)="makeDefault(e)">{{ t('makeDefaultAction') }}</button>
                    }
                    @if (confirmArchive() !== e.id) {
                      <button type="button" class="btn small text danger" [attr.data-testid]="'le-archive-' + e.id" (click)="confirmArchive.set(e.id)">{{ t('archive') }}</button>
                    }
                  </div>
                }
              </div>
              @if (confirmArchive() === e.id) {
                <div class="confirm" role="alertdialog" [attr.data-testid]="'le-archive-confirm-' + e.id">
                  <span>{{ e.isDefault && activeCount() > 1 ? t('archiveConfirmDefault') : t('archiveConfirm') }}</span>
                  <button type="button" class="btn small danger" [attr.data-testid]="'le-archive-yes-' + e.id" [disabled]="busy()" (click)="archive(e)">{{ t('archive') }}</button>
                  <button type="button" class="btn small text" (click)="confirmArchive.set(null)">{{ t('cancelNo') }}</button>
                </div>
              }
              <dl class="facts">
                <div>
                  <dt>{{ taxIdLabel(e) }}</dt>
                  <dd class="mono" [attr.data-testid]="'le-taxid-' + e.id">{{ e.taxId }}{{ e.kpp ? ' / ' + t('kpp') + ' ' + e.kpp : '' }}</dd>
                </div>
                <div>
                  <dt>{{ e.country === 'UA' ? 'IBAN' : t('account') }}</dt>
                  <dd class="mono" [attr.data-testid]="'le-bank-' + e.id">{{ e.country === 'UA' ? iban(e.iban) : e.account }}</dd>
                </div>
                <div>
                  <dt>{{ t('bankName') }}</dt>
                  <dd>{{ e.bankName }}{{ e.bik ? ' · ' + t('bik') + ' ' + e.bik : '' }}</dd>
                </div>
                <div>
                  <dt>{{ t('sectionVat') }}</dt>
                  <dd [attr.data-testid]="'le-vat-' + e.id">{{ vatText(e) }}</dd>
                </div>
                <div>
                  <dt>{{ t('numberFormat') }}</dt>
                  <dd class="mono">{{ example(e) }}</dd>
                </div>
                <div>
                  <dt>{{ t('signatory') }}</dt>
                  <dd>{{ e.signatory }}{{ e.signatoryPosition ? ', ' + e.signatoryPosition : '' }}</dd>
                </div>
                <div class="wide">
                  <dt>{{ t('address') }}</dt>
                  <dd>{{ e.address }}</dd>
                </div>
              </dl>
            }
          </section>
        } @empty {
          @if (editing() !== 'new') {
            <div class="empty" data-testid="le-empty">
              <p>{{ t('entitiesEmpty') }}</p>
              <button type="button" class="btn primary" (click)="openNew()">+ {{ t('addEntity') }}</button>
            </div>
          }
        }
      } @else if (error()) {
        <p class="msg error" role="alert" data-testid="le-error">{{ error() }}</p>
      } @else {
        <p class="muted">{{ t('loading') }}</p>
      }
    </div>
  `,
  styles: [
    SHARED_STYLES,
    `
    .page { display: flex; flex-direction: column; gap: 12px; max-width: 980px; }
    .intro { margin: 0; }
    .toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 16px; }
    .check { display: flex; align-items: center; gap: 6px; font-size: 14px; }
    .card { container-type: inline-size; border: 1px solid var(--mat-sys-outline-variant); border-radius: 12px; padding: 14px 16px; background: var(--mat-sys-surface); }
    .card.default { border-color: var(--mat-sys-primary); box-shadow: inset 4px 0 0 var(--mat-sys-primary); }
    .card.archived { opacity: 0.75; background: var(--mat-sys-surface-container-low, #f3f3f8); }
    .form-card h2, .card > h2 { margin: 0 0 12px; font-size: 18px; font-weight: 500; }
    .card-head { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 12px; }
    .logo { max-height: 40px; max-width: 120px; border-radius: 4px; }
    .title { flex: 1; min-width: 200px; display: flex; flex-direction: column; gap: 2px; }
    .title h2 { margin: 0; font-size: 18px; font-weight: 500; display: flex; flex-wrap: wrap; align-items: center; gap: 8px; overflow-wrap: anywhere; }
    .card-actions { display: flex; flex-wrap: wrap; gap: 6px; }
    .confirm { margin-top: 10px; }
    .facts { display: grid; grid-template-columns: minmax(0, 1fr); gap: 10px 20px; margin: 12px 0 0; }
    @container (min-width: 560px) { .facts { grid-template-columns: repeat(2, minmax(0, 1fr)); } .facts .wide { grid-column: 1 / -1; } }
    @container (min-width: 820px) { .facts { grid-template-columns: minmax(0, 1fr) minmax(0, 1.35fr) minmax(0, 1fr); } }
    .facts dt { font-size: 12px; color: var(--mat-sys-on-surface-variant); }
    .facts dd { margin: 2px 0 0; font-size: 14px; overflow-wrap: anywhere; }
    .mono { font-family: 'DejaVu Sans Mono', 'Liberation Mono', monospace; font-size: 13px; }
    .empty { padding: 32px 16px; text-align: center; color: var(--mat-sys-on-surface-variant); border: 1px dashed var(--mat-sys-outline-variant); border-radius: 12px; display: flex; flex-direction: column; align-items: center; gap: 8px; }
    `,
  ],
})
export class LegalEntitiesPage {
  private readonly host = inject(PORTAL_HOST);
  protected readonly t = pluginWords(this.host, WORDS);

  protected readonly entities = signal<LegalEntity[] | null>(null);
  protected readonly showArchived = signal(false);
  /** The entity whose form is open: its id, 'new', or none. */
  protected readonly editing = signal<string | null>(null);
  protected readonly confirmArchive = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly notice = signal<{ kind: 'ok' | 'error'; text: string } | null>(null);
  private readonly failure = signal<unknown>(null);
  protected readonly error = computed(() => (this.failure() ? this.host.errorText(this.failure()) : null));
  protected readonly activeCount = computed(() => (this.entities() ?? []).filter((e) => !e.archived).length);
  private readonly today = computed(() => dayIn(this.host.timezone()));

  constructor() {
    void this.load().then(() => {
      if (this.entities()?.length === 0) this.editing.set('new');
    });
  }

  async load(): Promise<void> {
    this.failure.set(null);
    try {
      this.entities.set((await this.host.get<Page<LegalEntity>>(`/legal-entities${this.showArchived() ? '?archived=true' : ''}`)).items);
    } catch (err) {
      this.failure.set(err);
    }
  }

  protected toggleArchived(on: boolean): void {
    this.showArchived.set(on);
    void this.load();
  }

  protected openNew(): void {
    this.notice.set(null);
    this.editing.set('new');
  }

  protected async created(e: LegalEntity): Promise<void> {
    this.editing.set(null);
    this.notice.set({ kind: 'ok', text: this.t('entityCreated', { name: this.label(e) }) });
    await this.load();
  }

  protected async updated(e: LegalEntity): Promise<void> {
    this.editing.set(null);
    this.notice.set({ kind: 'ok', text: this.t('entitySaved', { name: this.label(e) }) });
    await this.load();
  }

  protected async makeDefault(e: LegalEntity): Promise<void> {
    await this.run(async () => {
      await this.host.patch(`/legal-entities/${encodeURIComponent(e.id)}`, { isDefault: true });
      this.notice.set({ kind: 'ok', text: this.t('entityIsDefault', { name: this.label(e) }) });
    });
  }

  protected async archive(e: LegalEntity): Promise<void> {
    await this.run(async () => {
      await this.host.delete(`/legal-entities/${encodeURIComponent(e.id)}`);
      this.confirmArchive.set(null);
      this.notice.set({ kind: 'ok', text: this.t('entityArchivedDone', { name: this.label(e) }) });
    });
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.notice.set(null);
    try {
      await action();
      await this.load();
    } catch (err) {
      const code = errorCode(err);
      this.notice.set({ kind: 'error', text: code === 'default_entity_required' ? this.t('defaultRequired') : code === 'entity_archived' ? this.t('entityArchivedEdit') : this.host.errorText(err) });
    } finally {
      this.busy.set(false);
    }
  }

  protected readonly label = entityLabel;
  protected readonly iban = ibanText;

  protected taxIdLabel(e: LegalEntity): string {
    if (e.country === 'RU') return this.t('taxIdRU');
    return e.taxIdType.includes('RNOKPP') || e.taxIdType.includes('INDIVIDUAL') ? this.t('taxIdUAPerson') : this.t('taxIdUA');
  }

  protected vatText(e: LegalEntity): string {
    if (!e.vatPayer) return this.t('vatNo');
    return this.t(e.pricesIncludeVat ? 'vatIncludedInPrices' : 'vatOnTop', { rate: e.vatRate ?? '' });
  }

  protected example(e: LegalEntity): string {
    const x = numberExample(e.numberPattern, e.prefix, this.today());
    return x.ok ? x.example : e.numberPattern;
  }
}
