import { Component, ElementRef, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { PORTAL_HOST, dayIn, pluginWords } from '@portal/portal-kit';
import { LEGAL_FORMS, errorCode, isPersonForm, readLogo, MAX_LOGO_BYTES } from './invoices';
import type { Country, LegalEntity } from './invoices';
import { ENTITY_FIELDS, entityBody, formOf, hasKpp, newEntityForm, withCountry } from './legal-entity-form.model';
import type { EntityField, EntityForm } from './legal-entity-form.model';
import { numberExample } from './number-example';
import { SHARED_STYLES } from './styles';
import { WORDS } from './words';

type WordKey = keyof (typeof WORDS)['en'];

/**
 * Creating or editing one of the portal's own legal entities: every field the API knows, the bank fields of the
 * chosen country (UA: IBAN; RU: БИК, account, corr. account, КПП), VAT, the numbering with a live example, the
 * signatory and the logo. The server checks everything (check digits included) and names each bad field; its
 * message is shown next to that field.
 */
@Component({
  selector: 'inv-legal-entity-form',
  template: `
    <form class="form" novalidate data-testid="le-form" (submit)="$event.preventDefault(); save()">
      <fieldset>
        <legend>{{ t('sectionCompany') }}</legend>
        <div class="grid">
          <div class="field full">
            <span class="label">{{ t('country') }}</span>
            <div class="seg" role="radiogroup" [attr.aria-label]="t('country')">
              @for (c of countries; track c) {
                <button type="button" role="radio" [attr.aria-checked]="form().country === c" [class.on]="form().country === c" [attr.data-testid]="'le-country-' + c" (click)="setCountry(c)">
                  {{ c === 'UA' ? t('countryUA') : t('countryRU') }}
                </button>
              }
            </div>
          </div>
          <label class="field">
            <span class="label">{{ t('legalForm') }}</span>
            <select data-testid="le-field-legalForm" [class.invalid]="!!e('legalForm')" (change)="set('legalForm', $any($event.target).value)">
              @for (lf of legalForms(); track lf) {
                <option [value]="lf" [selected]="lf === form().legalForm">{{ lf }}</option>
              }
              <option value="" [selected]="!form().legalForm">{{ t('legalFormOther') }}</option>
            </select>
            @if (e('legalForm'); as m) { <span class="field-error" data-testid="le-error-legalForm">{{ m }}</span> }
          </label>
          <label class="field">
            <span class="label">{{ t('entityName') }} *</span>
            <input data-testid="le-field-name" maxlength="300" [placeholder]="t('entityNamePlaceholder')" [value]="form().name" [class.invalid]="!!e('name')" (input)="set('name', $any($event.target).value)" />
            @if (e('name'); as m) { <span class="field-error" data-testid="le-error-name">{{ m }}</span> }
          </label>
          <label class="field">
            <span class="label">{{ taxIdLabel() }} *</span>
            <input data-testid="le-field-taxId" inputmode="numeric" maxlength="16" [value]="form().taxId" [class.invalid]="!!e('taxId')" (input)="set('taxId', $any($event.target).value)" />
            @if (e('taxId'); as m) { <span class="field-error" data-testid="le-error-taxId">{{ m }}</span> }
          </label>
          @if (showKpp()) {
            <label class="field">
              <span class="label">{{ t('kpp') }}</span>
              <input data-testid="le-field-kpp" maxlength="9" [value]="form().kpp" [class.invalid]="!!e('kpp')" (input)="set('kpp', $any($event.target).value)" />
              @if (e('kpp'); as m) { <span class="field-error" data-testid="le-error-kpp">{{ m }}</span> }
            </label>
          }
          <label class="field full">
            <span class="label">{{ t('address') }} *</span>
            <input data-testid="le-field-address" maxlength="1000" [value]="form().address" [class.invalid]="!!e('address')" (input)="set('address', $any($event.target).value)" />
            @if (e('address'); as m) { <span class="field-error" data-testid="le-error-address">{{ m }}</span> }
          </label>
        </div>
      </fieldset>

      <fieldset>
        <legend>{{ t('sectionBank') }}</legend>
        <div class="grid">
          @if (form().country === 'UA') {
            <label class="field full">
              <span class="label">IBAN *</span>
              <input class="mono" data-testid="le-field-iban" maxlength="40" placeholder="UA00 0000 0000 0000 0000 0000 0000 0" [value]="form().iban" [class.invalid]="!!e('iban')" (input)="set('iban', $any($event.target).value)" />
              @if (e('iban'); as m) { <span class="field-error" data-testid="le-error-iban">{{ m }}</span> }
            </label>
          } @else {
            <label class="field">
              <span class="label">{{ t('bik') }} *</span>
              <input class="mono" data-testid="le-field-bik" inputmode="numeric" maxlength="9" [value]="form().bik" [class.invalid]="!!e('bik')" (input)="set('bik', $any($event.target).value)" />
              @if (e('bik'); as m) { <span class="field-error" data-testid="le-error-bik">{{ m }}</span> }
            </label>
            <label class="field">
              <span class="label">{{ t('account') }} *</span>
              <input class="mono" data-testid="le-field-account" inputmode="numeric" maxlength="20" [value]="form().account" [class.invalid]="!!e('account')" (input)="set('account', $any($event.target).value)" />
              @if (e('account'); as m) { <span class="field-error" data-testid="le-error-account">{{ m }}</span> }
            </label>
            <label class="field">
              <span class="label">{{ t('corrAccount') }} *</span>
              <input class="mono" data-testid="le-field-corrAccount" inputmode="numeric" maxlength="20" [value]="form().corrAccount" [class.invalid]="!!e('corrAccount')" (input)="set('corrAccount', $any($event.target).value)" />
              @if (e('corrAccount'); as m) { <span class="field-error" data-testid="le-error-corrAccount">{{ m }}</span> }
            </label>
          }
          <label class="field" [class.full]="form().country === 'UA'">
            <span class="label">{{ t('bankName') }} *</span>
            <input data-testid="le-field-bankName" maxlength="300" [value]="form().bankName" [class.invalid]="!!e('bankName')" (input)="set('bankName', $any($event.target).value)" />
            @if (e('bankName'); as m) { <span class="field-error" data-testid="le-error-bankName">{{ m }}</span> }
          </label>
        </div>
      </fieldset>

      <fieldset>
        <legend>{{ t('sectionVat') }}</legend>
        <div class="grid">
          <label class="check full">
            <input type="checkbox" data-testid="le-field-vatPayer" [checked]="form().vatPayer" (change)="set('vatPayer', $any($event.target).checked)" />
            {{ form().country === 'UA' ? t('vatPayerUA') : t('vatPayerRU') }}
          </label>
          @if (e('vatPayer'); as m) { <span class="field-error full" data-testid="le-error-vatPayer">{{ m }}</span> }
          @if (form().vatPayer) {
            <label class="field">
              <span class="label">{{ t('vatRate') }}{{ form().country === 'RU' ? ' *' : '' }}</span>
              <span class="suffixed">
                <input class="num" data-testid="le-field-vatRate" inputmode="decimal" maxlength="6" [placeholder]="form().country === 'UA' ? '20' : '20 / 22 / 5 / 7'" [value]="form().vatRate" [class.invalid]="!!e('vatRate')" (input)="set('vatRate', $any($event.target).value)" />
                <span class="suffix">%</span>
              </span>
              @if (e('vatRate'); as m) { <span class="field-error" data-testid="le-error-vatRate">{{ m }}</span> }
            </label>
            <label class="check">
              <input type="checkbox" data-testid="le-field-pricesIncludeVat" [checked]="form().pricesIncludeVat" (change)="set('pricesIncludeVat', $any($event.target).checked)" />
              {{ t('pricesIncludeVat') }}
            </label>
            <p class="muted small full hint">{{ form().pricesIncludeVat ? t('pricesIncludeVatHint') : t('pricesExcludeVatHint') }}</p>
          } @else {
            <p class="muted small full hint">{{ t('noVatHint') }}</p>
          }
        </div>
      </fieldset>

      <fieldset>
        <legend>{{ t('sectionNumbering') }}</legend>
        <div class="grid">
          <label class="field">
            <span class="label">{{ t('prefix') }}</span>
            <input data-testid="le-field-prefix" maxlength="20" [value]="form().prefix" [class.invalid]="!!e('prefix') || example().ok === false && exampleField() === 'prefix'" (input)="set('prefix', $any($event.target).value)" />
            @if (e('prefix'); as m) { <span class="field-error" data-testid="le-error-prefix">{{ m }}</span> }
          </label>
          <label class="field">
            <span class="label">{{ t('numberPattern') }}</span>
            <input class="mono" data-testid="le-field-numberPattern" maxlength="64" [value]="form().numberPattern" [class.invalid]="!!e('numberPattern') || example().ok === false && exampleField() === 'numberPattern'" (input)="set('numberPattern', $any($event.target).value)" />
            @if (e('numberPattern'); as m) { <span class="field-error" data-testid="le-error-numberPattern">{{ m }}</span> }
          </label>
          <div class="example full" data-testid="le-number-example" [class.bad]="!example().ok">
            @if (example(); as x) {
              @if (x.ok) {
                <span>{{ t('numberExample') }}</span>
                <strong class="mono" data-testid="le-number-example-value">{{ x.example }}</strong>
                <span class="muted small">{{ x.yearly ? t('numberYearly') : t('numberContinuous') }}</span>
              } @else {
                <span data-testid="le-number-example-error">{{ t('numberPatternInvalid') }}</span>
              }
            }
          </div>
          <p class="muted small full hint">{{ t('numberTokens') }}</p>
        </div>
      </fieldset>

      <fieldset>
        <legend>{{ t('sectionSignature') }}</legend>
        <div class="grid">
          <label class="field">
            <span class="label">{{ t('signatory') }} *</span>
            <input data-testid="le-field-signatory" maxlength="200" [placeholder]="t('signatoryPlaceholder')" [value]="form().signatory" [class.invalid]="!!e('signatory')" (input)="set('signatory', $any($event.target).value)" />
            @if (e('signatory'); as m) { <span class="field-error" data-testid="le-error-signatory">{{ m }}</span> }
          </label>
          <label class="field">
            <span class="label">{{ t('signatoryPosition') }}</span>
            <input data-testid="le-field-signatoryPosition" maxlength="200" [placeholder]="t('signatoryPositionPlaceholder')" [value]="form().signatoryPosition" [class.invalid]="!!e('signatoryPosition')" (input)="set('signatoryPosition', $any($event.target).value)" />
            @if (e('signatoryPosition'); as m) { <span class="field-error" data-testid="le-error-signatoryPosition">{{ m }}</span> }
          </label>
          <div class="field full logo-field">
            <span class="label">{{ t('logo') }}</span>
            <div class="logo-row">
              @if (form().logo; as logo) {
                <img class="logo" [src]="logo" alt="" data-testid="le-logo-preview" />
                <button type="button" class="btn small text danger" data-testid="le-logo-remove" (click)="set('logo', null)">{{ t('logoRemove') }}</button>
              }
              <label class="btn small file-btn">
                {{ form().logo ? t('logoReplace') : t('logoUpload') }}
                <input type="file" accept="image/png,image/jpeg" data-testid="le-logo-input" (change)="pickLogo($event)" />
              </label>
              <span class="muted small">{{ t('logoHint') }}</span>
            </div>
            @if (e('logo'); as m) { <span class="field-error" data-testid="le-error-logo">{{ m }}</span> }
          </div>
        </div>
      </fieldset>

      <label class="check default-check">
        <input type="checkbox" data-testid="le-field-isDefault" [checked]="form().isDefault || firstEntity()" [disabled]="lockedDefault() || firstEntity()" (change)="set('isDefault', $any($event.target).checked)" />
        {{ t('makeDefault') }}
      </label>
      @if (lockedDefault()) {
        <p class="muted small hint">{{ t('defaultLockedHint') }}</p>
      } @else if (firstEntity()) {
        <p class="muted small hint">{{ t('firstIsDefaultHint') }}</p>
      }
      @if (e('isDefault'); as m) { <p class="field-error" data-testid="le-error-isDefault">{{ m }}</p> }

      @if (formError()) {
        <p class="msg error" role="alert" data-testid="le-form-error">{{ formError() }}</p>
      }
      <div class="actions">
        <button type="button" class="btn text" data-testid="le-cancel" (click)="cancelled.emit()">{{ t('cancel') }}</button>
        <button type="submit" class="btn primary" data-testid="le-save" [disabled]="busy()">{{ busy() ? t('saving') : entity() ? t('saveChanges') : t('createEntity') }}</button>
      </div>
    </form>
  `,
  styles: [
    SHARED_STYLES,
    `
    .form { container-type: inline-size; display: flex; flex-direction: column; gap: 12px; }
    fieldset { border: 1px solid var(--mat-sys-outline-variant); border-radius: 12px; padding: 10px 14px 14px; margin: 0; min-width: 0; }
    legend { font-size: 13px; font-weight: 500; padding: 0 6px; color: var(--mat-sys-on-surface-variant); }
    .grid { display: grid; grid-template-columns: minmax(0, 1fr); gap: 10px 16px; }
    @container (min-width: 620px) { .grid { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } .full { grid-column: 1 / -1; } }
    .field { display: flex; flex-direction: column; gap: 4px; min-width: 0; }
    .label { font-size: 13px; color: var(--mat-sys-on-surface-variant); }
    .check { display: flex; align-items: center; gap: 8px; font-size: 14px; }
    .hint { margin: 0; }
    .mono { font-family: 'DejaVu Sans Mono', 'Liberation Mono', monospace; letter-spacing: 0.02em; }
    .seg { display: inline-flex; border: 1px solid var(--mat-sys-outline); border-radius: 18px; overflow: hidden; align-self: flex-start; }
    .seg button { font: inherit; font-size: 14px; padding: 6px 16px; border: none; background: transparent; cursor: pointer; color: var(--mat-sys-on-surface); }
    .seg button + button { border-left: 1px solid var(--mat-sys-outline); }
    .seg button.on { background: var(--mat-sys-secondary-container, #dae2ff); color: var(--mat-sys-on-secondary-container, #001a41); font-weight: 500; }
    .suffixed { display: flex; align-items: center; gap: 6px; }
    .suffixed input { width: 90px; }
    .num { text-align: right; }
    .example { display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px; padding: 8px 12px; border-radius: 8px; background: var(--mat-sys-surface-container-low, #f3f3f8); }
    .example strong { font-size: 16px; }
    .example.bad { background: var(--mat-sys-error-container, #ffdad6); color: var(--mat-sys-on-error-container, #410002); }
    .logo-row { display: flex; flex-wrap: wrap; align-items: center; gap: 10px; }
    .logo { max-height: 48px; max-width: 160px; border: 1px solid var(--mat-sys-outline-variant); border-radius: 6px; padding: 4px; background: #fff; }
    .file-btn { position: relative; overflow: hidden; }
    .file-btn input { position: absolute; inset: 0; opacity: 0; cursor: pointer; }
    .default-check { margin-top: 4px; }
    .actions { display: flex; justify-content: flex-end; gap: 8px; flex-wrap: wrap; }
    `,
  ],
})
export class LegalEntityForm {
  private readonly host = inject(PORTAL_HOST);
  private readonly el = inject(ElementRef<HTMLElement>);
  protected readonly t = pluginWords(this.host, WORDS);
  protected readonly countries: Country[] = ['UA', 'RU'];

  /** The entity to edit; null creates a new one. */
  readonly entity = input<LegalEntity | null>(null);
  /** Whether the portal has no entity yet (the first one becomes the default). */
  readonly firstEntity = input(false);
  readonly saved = output<LegalEntity>();
  readonly cancelled = output<void>();

  protected readonly form = signal<EntityForm>(newEntityForm());
  protected readonly errors = signal<Partial<Record<EntityField, string>>>({});
  protected readonly formError = signal<string | null>(null);
  protected readonly busy = signal(false);

  protected readonly legalForms = computed(() => {
    const f = this.form();
    const list = LEGAL_FORMS[f.country];
    return f.legalForm && !list.includes(f.legalForm) ? [...list, f.legalForm] : list;
  });
  protected readonly showKpp = computed(() => hasKpp(this.form()));
  protected readonly lockedDefault = computed(() => !!this.entity()?.isDefault);
  protected readonly taxIdLabel = computed(() => {
    const f = this.form();
    if (f.country === 'RU') return this.t('taxIdRU');
    return isPersonForm(f.legalForm) ? this.t('taxIdUAPerson') : this.t('taxIdUA');
  });
  private readonly today = computed(() => dayIn(this.host.timezone()));
  protected readonly example = computed(() => numberExample(this.form().numberPattern || '{prefix}-{YYYY}-{seq:4}', this.form().prefix, this.today()));
  protected readonly exampleField = computed(() => {
    const x = this.example();
    return x.ok ? null : x.field;
  });

  constructor() {
    effect(() => {
      const e = this.entity();
      untracked(() => {
        this.form.set(e ? formOf(e) : newEntityForm());
        this.errors.set({});
        this.formError.set(null);
      });
    });
  }

  protected e(field: EntityField): string | undefined {
    return this.errors()[field];
  }

  protected set<K extends EntityField>(field: K, value: EntityForm[K]): void {
    this.form.update((f) => ({ ...f, [field]: value }));
    if (this.errors()[field]) this.errors.update(({ [field]: _, ...rest }) => rest as Partial<Record<EntityField, string>>);
  }

  protected setCountry(c: Country): void {
    this.form.update((f) => withCountry(f, c));
  }

  protected async pickLogo(event: Event): Promise<void> {
    const inputEl = event.target as HTMLInputElement;
    const file = inputEl.files?.[0];
    inputEl.value = '';
    if (!file) return;
    const r = await readLogo(file);
    if (r.ok) this.set('logo', r.dataUrl);
    else this.errors.update((all) => ({ ...all, logo: r.reason === 'type' ? this.t('logoBadType') : this.t('logoTooBig', { size: Math.ceil(file.size / 1024), max: MAX_LOGO_BYTES / 1024 }) }));
  }

  async save(): Promise<void> {
    this.busy.set(true);
    this.errors.set({});
    this.formError.set(null);
    const current = this.entity();
    try {
      const body = entityBody(this.form(), current ? 'edit' : 'create');
      const res = current ? await this.host.patch<LegalEntity>(`/legal-entities/${encodeURIComponent(current.id)}`, body) : await this.host.post<LegalEntity>('/legal-entities', body);
      this.saved.emit(res);
    } catch (err) {
      this.showErrors(err);
    } finally {
      this.busy.set(false);
    }
  }

  private showErrors(err: unknown): void {
    const code = errorCode(err);
    if (code === 'default_entity_required') {
      this.errors.set({ isDefault: this.t('defaultRequired') });
      this.formError.set(this.t('defaultRequired'));
      return;
    }
    if (code === 'entity_archived') {
      this.formError.set(this.t('entityArchivedEdit'));
      return;
    }
    const fields = this.host.fieldErrors(err);
    const mine: Partial<Record<EntityField, string>> = {};
    const other: string[] = [];
    for (const [field, message] of Object.entries(fields)) {
      if ((ENTITY_FIELDS as string[]).includes(field)) mine[field as EntityField] = this.fieldText(field as EntityField, message);
      else other.push(message);
    }
    this.errors.set(mine);
    this.formError.set(Object.keys(fields).length ? [this.t('checkFields'), ...other].join(' ') : this.host.errorText(err));
    queueMicrotask(() => this.focusFirstError());
  }

  /** The server's messages are English: other languages get what the field expects, in their words (the English detail as a hint). */
  private fieldText(field: EntityField, message: string): string {
    if (this.host.lang() === 'en') return message;
    if (/is required/.test(message)) return this.t('required');
    const known: Partial<Record<EntityField, WordKey>> = {
      taxId: this.form().country === 'RU' ? 'badTaxIdRU' : isPersonForm(this.form().legalForm) ? 'badTaxIdUAPerson' : 'badTaxIdUA',
      iban: 'badIban',
      bik: 'badBik',
      account: 'badAccount',
      corrAccount: 'badCorrAccount',
      kpp: 'badKpp',
      vatRate: 'badEntityVatRate',
      numberPattern: 'numberPatternInvalid',
      prefix: 'badPrefix',
      logo: 'logoBadType',
    };
    const key = known[field];
    return key ? this.t(key) : message;
  }

  private focusFirstError(): void {
    const first = ENTITY_FIELDS.find((f) => this.errors()[f]);
    const el = first ? (this.el.nativeElement as HTMLElement).querySelector<HTMLElement>(`[data-testid="le-field-${first}"]`) : null;
    el?.focus();
  }
}
