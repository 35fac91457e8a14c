import { Component, computed, inject, input, output, signal } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { ApiError, ApiService } from '../../../core/api.service';
import { errorText, fieldErrorText } from '../../../core/errors';
import { I18nService, TPipe } from '../../../core/i18n.service';
import type { Deal, FieldDef, StageRuleDetail, User } from '../deals.types';
import { emptyRow } from '../rules-form';
import type { Row, RuleField } from '../rules-form';
import { apiMessageText } from './api-words';
import { CURRENCIES, buildDealPatch, cloneValues, editableFields, initialEditValues, placeEditErrors } from './field-edit';
import type { EditValues } from './field-edit';
import './card.i18n';

/**
 * The left card in edit mode: title, budget and currency, responsible, tags, and every custom field as the
 * API defines it (groups, repeatable groups with "add another"). Saving sends only what changed.
 */
@Component({
  selector: 'app-deal-field-editor',
  imports: [MatButtonModule, NgTemplateOutlet, TPipe],
  host: { 'data-testid': 'deal-editor' },
  templateUrl: './deal-field-editor.html',
  styleUrl: './card.css',
})
export class DealFieldEditor {
  private readonly api = inject(ApiService);
  protected readonly i18n = inject(I18nService);

  readonly deal = input.required<Deal>();
  readonly defs = input<FieldDef[]>([]);
  readonly users = input<User[]>([]);
  /** The saved deal, as the API answered. */
  readonly saved = output<Deal>();
  readonly cancelled = output<void>();

  protected readonly fields = computed(() => {
    this.i18n.lang();
    return editableFields(this.defs(), this.i18n);
  });
  private before: EditValues | null = null;
  protected readonly values = signal<EditValues>({ title: '', budget: '', currency: 'UAH', responsibleId: '', tags: [], fields: {} });
  protected readonly tagDraft = signal('');
  protected readonly busy = signal(false);
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly general = signal<string | null>(null);

  protected readonly currencies = computed(() => {
    const own = this.values().currency;
    return own && !(CURRENCIES as readonly string[]).includes(own) ? [own, ...CURRENCIES] : [...CURRENCIES];
  });

  /** Active users, and the current responsible even if deactivated. */
  protected readonly userOptions = computed(() => {
    const current = this.deal().responsibleId;
    return this.users().filter((u) => u.active !== false || u.id === current);
  });

  ngOnInit(): void {
    this.reset();
  }

  /** Back to the deal as it is. */
  reset(): void {
    this.before = initialEditValues(this.deal(), this.fields());
    this.values.set(cloneValues(this.before));
    this.errors.set({});
    this.general.set(null);
  }

  protected set<K extends keyof EditValues>(key: K, value: EditValues[K]): void {
    this.values.update((v) => ({ ...v, [key]: value }));
    this.clearError(key);
  }

  protected rows(code: string): Row[] {
    const v = this.values().fields[code];
    return Array.isArray(v) ? (v as Row[]) : [(v ?? {}) as Row];
  }

  protected setter(code: string): (v: unknown) => void {
    return (v) => {
      this.values.update((all) => ({ ...all, fields: { ...all.fields, [code]: v } }));
      this.clearError(`fields.${code}`);
    };
  }

  protected rowSetter(f: RuleField, index: number, member: string): (v: unknown) => void {
    return (v) => {
      this.values.update((all) => {
        const current = all.fields[f.code];
        const next = Array.isArray(current)
          ? current.map((r: Row, i: number) => (i === index ? { ...r, [member]: v } : r))
          : { ...((current ?? {}) as Row), [member]: v };
        return { ...all, fields: { ...all.fields, [f.code]: next } };
      });
      this.clearError(this.memberPlace(f, index, member));
      this.clearError(`fields.${f.code}`);
    };
  }

  protected memberPlace(f: RuleField, index: number, member: string): string {
    return f.repeatable ? `fields.${f.code}[${index}].${member}` : `fields.${f.code}.${member}`;
  }

  protected addRow(f: RuleField): void {
    this.setter(f.code)([...this.rows(f.code), emptyRow(f)]);
  }

  protected removeRow(f: RuleField, index: number): void {
    const rows = this.rows(f.code).filter((_, i) => i !== index);
    // The errors of the rows after it no longer point at the right row.
    this.errors.update((all) => Object.fromEntries(Object.entries(all).filter(([k]) => !k.startsWith(`fields.${f.code}[`))));
    this.setter(f.code)(rows.length ? rows : [emptyRow(f)]);
  }

  protected selected(event: Event): string[] {
    return Array.from((event.target as HTMLSelectElement).selectedOptions).map((o) => o.value);
  }

  /** Enter or a comma turns what was typed into a tag; Backspace in an empty box takes the last one back. */
  protected tagKey(event: KeyboardEvent): void {
    const box = event.target as HTMLInputElement;
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      this.addTag(box);
    } else if (event.key === 'Backspace' && !box.value && this.values().tags.length) {
      this.set('tags', this.values().tags.slice(0, -1));
    }
  }

  protected addTag(box: HTMLInputElement): void {
    const parts = box.value
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    box.value = '';
    this.tagDraft.set('');
    if (!parts.length) return;
    const tags = [...this.values().tags];
    for (const p of parts) if (!tags.some((t) => t.toLowerCase() === p.toLowerCase())) tags.push(p);
    this.set('tags', tags);
  }

  protected removeTag(tag: string): void {
    this.set(
      'tags',
      this.values().tags.filter((t) => t !== tag),
    );
  }

  protected error(place: string): string | null {
    return this.errors()[place] ?? null;
  }

  async save(tagBox?: HTMLInputElement): Promise<void> {
    if (this.busy() || !this.before) return;
    // A tag still being typed counts.
    if (tagBox?.value.trim()) this.addTag(tagBox);
    if (!this.values().title.trim()) {
      this.errors.set({ title: this.i18n.t('dealcard.edit.titleRequired') });
      return;
    }
    const body = buildDealPatch(this.fields(), this.before, this.values());
    if (!Object.keys(body).length) {
      this.cancelled.emit();
      return;
    }
    this.busy.set(true);
    this.errors.set({});
    this.general.set(null);
    try {
      const deal = await this.api.patch<Deal>(`/deals/${this.deal().id}`, body);
      this.saved.emit(deal);
    } catch (err) {
      this.show(err);
    } finally {
      this.busy.set(false);
    }
  }

  private show(err: unknown): void {
    if (err instanceof ApiError && err.code === 'stage_rules_unmet') {
      const missing = err.details.flatMap((d) => {
        const rule = d as StageRuleDetail;
        return rule?.rule === 'requiredField' ? [this.fieldLabel(rule.field)] : [];
      });
      this.general.set(missing.length ? this.i18n.t('dealcard.edit.rulesUnmet', { fields: this.i18n.list(missing) }) : errorText(this.i18n, err));
      return;
    }
    if (err instanceof ApiError && Object.keys(err.fieldErrors).length) {
      const { byPlace, unplaced } = placeEditErrors(err, this.fields(), (path) => this.messageOf(err, path));
      this.errors.set(byPlace);
      this.general.set(unplaced.length ? unplaced.join(' ') : this.i18n.t('errors.validation_failed'));
      return;
    }
    this.general.set(errorText(this.i18n, err));
  }

  /** A known validation message in the current language; else the field's own words, else the API's. */
  private messageOf(err: ApiError, path: string): string {
    const message = err.fieldErrors[path] ?? err.message;
    const known = apiMessageText(this.i18n, message);
    return known !== message ? known : (fieldErrorText(this.i18n, err, path) ?? message);
  }

  private fieldLabel(code: string): string {
    const f = this.fields().find((x) => x.code === code);
    if (f) return f.label;
    const key = `deal.field.${code}` as Parameters<I18nService['t']>[0];
    const text = this.i18n.t(key);
    return text === key ? code : text;
  }

  private clearError(place: string): void {
    if (!this.errors()[place]) return;
    this.errors.update(({ [place]: _gone, ...rest }) => rest);
  }
}
