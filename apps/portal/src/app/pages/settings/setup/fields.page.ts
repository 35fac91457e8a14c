import { Component, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog, MatDialogModule } from '@angular/material/dialog';
import { SetupIcon } from './icon';
import { Notifier } from '../../../core/errors';
import { ApiService } from '../../../core/api.service';
import { I18nService, TPipe } from '../../../core/i18n.service';
import type { TextKey } from '../../../core/i18n.dictionaries';
import { ConfirmDialog } from '../../../core/confirm.dialog';
import type { ConfirmData } from '../../../core/confirm.dialog';
import {
  FIELD_TYPES,
  MEMBER_TYPES,
  PLUGIN_TYPE,
  TYPES_WITH_OPTIONS,
  draftFromField,
  editProblems,
  emptyField,
  emptyMember,
  fieldProblems,
  parseOptions,
  toCreateBody,
  toPatchBody,
  withName,
} from './field-form';
import type { FieldDraft, MemberDraft } from './field-form';
import { apiFieldMessages, generalText, problemMessages } from './setup-errors';
import { FIELD_ENTITIES, itemsOf } from './setup.types';
import type { FieldDef, FieldEntity, PipelineView } from './setup.types';
import './setup.i18n';

/**
 * Custom fields of deals, contacts and companies (admin): a tab per entity with its fields; a new field of
 * any type the API takes (options for lists, members and "repeatable" for groups, a plugin's type by its
 * code); an edit of the name, `required`, added options and members; a delete that says what it takes away.
 */
@Component({
  selector: 'app-fields-settings-page',
  imports: [MatButtonModule, MatDialogModule, SetupIcon, TPipe],
  styleUrl: './setup.css',
  styles: `
    .tabs { display: flex; gap: 4px; border-bottom: 1px solid var(--mat-sys-outline-variant); margin: 0 0 16px; }
    .tabs button { font: inherit; background: none; border: none; border-bottom: 3px solid transparent; padding: 10px 16px; cursor: pointer; color: var(--mat-sys-on-surface-variant); }
    .tabs button.active { color: var(--mat-sys-primary); border-bottom-color: var(--mat-sys-primary); font-weight: 500; }
    table { width: 100%; border-collapse: collapse; }
    th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid var(--mat-sys-outline-variant); vertical-align: top; }
    th { font-size: 12px; font-weight: 500; color: var(--mat-sys-on-surface-variant); }
    td.actions-cell { white-space: nowrap; text-align: right; padding: 0 4px; vertical-align: middle; }
    .members-list { margin: 4px 0 0; padding-left: 16px; font-size: 13px; color: var(--mat-sys-on-surface-variant); }
    .opts { font-size: 13px; color: var(--mat-sys-on-surface-variant); }
    .option-row { display: flex; gap: 6px; align-items: center; margin-bottom: 6px; }
    .option-row input { flex: 1; max-width: 360px; }
    .members { display: flex; flex-direction: column; gap: 8px; margin: 8px 0; }
    .member { display: grid; grid-template-columns: 24px minmax(120px, 1fr) minmax(100px, 160px) minmax(120px, 170px) auto auto; gap: 8px; align-items: start;
      padding: 8px; border: 1px solid var(--mat-sys-outline-variant); border-radius: 8px; }
    .member .wide { grid-column: 2 / -1; }
    .member .pos { padding-top: 8px; color: var(--mat-sys-on-surface-variant); text-align: center; }
    .checks { display: flex; flex-wrap: wrap; gap: 16px; margin: 12px 0; }
    .sub { margin: 16px 0 4px; }
  `,
  template: `
    <div class="head">
      <div>
        <h2>{{ 'setup.fields.title' | t }}</h2>
        <p class="intro">{{ 'setup.fields.intro' | t }}</p>
      </div>
      <button mat-flat-button type="button" (click)="startCreate()" [disabled]="!!draft()" data-testid="field-new"><app-setup-icon name="add" />{{ 'setup.fields.new' | t }}</button>
    </div>

    <nav class="tabs" role="tablist">
      @for (e of entities; track e) {
        <button type="button" role="tab" [class.active]="e === entity()" [attr.aria-selected]="e === entity()" (click)="switchTo(e)" [attr.data-testid]="'fields-tab-' + e">
          {{ entityLabel(e) }}
        </button>
      }
    </nav>

    @if (draft(); as d) {
      <form class="panel" (submit)="$event.preventDefault(); submit()" novalidate data-testid="field-form">
        <h3>{{ (d.id ? 'setup.fields.editTitle' : 'setup.fields.createTitle') | t: { entity: entityLabel(d.entity) } }}</h3>
        @if (general(); as g) {
          <p class="form-error" role="alert" data-testid="field-form-error">{{ g }}</p>
        }
        <div class="grid2">
          <label class="field">
            <span class="label">{{ 'setup.fields.name' | t }}</span>
            <input [value]="d.name" (input)="setName($any($event.target).value)" [class.invalid]="!!err('name')" data-testid="field-name" />
            @if (err('name'); as m) {
              <span class="field-error" data-testid="field-error-name">{{ m }}</span>
            }
          </label>
          <label class="field">
            <span class="label">{{ 'setup.code' | t }}</span>
            <input class="code" [value]="d.code" [disabled]="!!d.id" (input)="patch({ code: $any($event.target).value.trim(), codeTouched: true }, 'code')" [class.invalid]="!!err('code')" data-testid="field-code" />
            @if (err('code'); as m) {
              <span class="field-error" data-testid="field-error-code">{{ m }}</span>
            } @else if (!d.id) {
              <span class="label">{{ 'setup.codeHint' | t }}</span>
            }
          </label>
          <label class="field">
            <span class="label">{{ 'setup.fields.type' | t }}</span>
            <select [value]="d.type" [disabled]="!!d.id" (change)="setType($any($event.target).value)" [class.invalid]="!!err('type')" data-testid="field-type">
              @for (ty of types; track ty) {
                <option [value]="ty" [selected]="ty === d.type">{{ typeLabel(ty) }}</option>
              }
              <option [value]="pluginType" [selected]="d.type === pluginType">{{ 'setup.type.plugin' | t }}</option>
            </select>
            @if (d.type !== pluginType && err('type'); as m) {
              <span class="field-error" data-testid="field-error-type">{{ m }}</span>
            }
          </label>
          @if (d.type === pluginType) {
            <label class="field">
              <span class="label">{{ 'setup.fields.pluginType' | t }}</span>
              <input class="code" [value]="d.pluginType" [disabled]="!!d.id" placeholder="np.city" (input)="patch({ pluginType: $any($event.target).value }, 'type')" [class.invalid]="!!err('type')" data-testid="field-plugin-type" />
              @if (err('type'); as m) {
                <span class="field-error" data-testid="field-error-type">{{ m }}</span>
              } @else {
                <span class="label">{{ 'setup.fields.pluginTypeHint' | t }}</span>
              }
            </label>
          }
        </div>
        <div class="checks">
          <label class="check">
            <input type="checkbox" [checked]="d.required" (change)="patch({ required: $any($event.target).checked })" data-testid="field-required" />
            {{ 'setup.fields.requiredLong' | t }}
          </label>
          @if (d.type === 'group') {
            <label class="check">
              <input type="checkbox" [checked]="d.repeatable" [disabled]="!!d.id" (change)="patch({ repeatable: $any($event.target).checked })" data-testid="field-repeatable" />
              {{ 'setup.fields.repeatableLong' | t }}
            </label>
          }
        </div>

        @if (hasOptions(d.type)) {
          <h3 class="sub">{{ 'setup.fields.options' | t }}</h3>
          @for (o of d.options; track $index; let i = $index) {
            <div class="option-row">
              <input [value]="o.value" [disabled]="o.locked" (input)="setOption(i, $any($event.target).value)" [class.invalid]="!!err('options[' + i + ']')" [attr.data-testid]="'field-option-' + i" />
              <button mat-icon-button type="button" (click)="removeOption(i)" [disabled]="o.locked" [attr.aria-label]="'setup.fields.removeOption' | t" [attr.data-testid]="'field-option-remove-' + i">
                <app-setup-icon name="close" />
              </button>
              @if (err('options[' + i + ']'); as m) {
                <span class="field-error">{{ m }}</span>
              }
            </div>
          }
          @if (err('options'); as m) {
            <p class="field-error" data-testid="field-error-options">{{ m }}</p>
          }
          @if (d.id && d.options.length) {
            <p class="label">{{ 'setup.fields.optionsLocked' | t }}</p>
          }
          <button mat-stroked-button type="button" (click)="addOption()" data-testid="field-option-add"><app-setup-icon name="add" />{{ 'setup.fields.addOption' | t }}</button>
        }

        @if (d.type === 'group') {
          <h3 class="sub">{{ 'setup.fields.members' | t }}</h3>
          <p class="label">{{ (d.id ? 'setup.fields.membersLocked' : 'setup.fields.membersHint') | t }}</p>
          <div class="members">
            @for (m of d.members; track $index; let i = $index) {
              <div class="member" [attr.data-testid]="'member-' + i">
                <span class="pos">{{ i + 1 }}</span>
                <div class="field">
                  <input [value]="m.name" (input)="setMemberName(i, $any($event.target).value)" [placeholder]="'setup.fields.name' | t" [class.invalid]="!!err('fields[' + i + '].name')" [attr.data-testid]="'member-name-' + i" />
                  @if (err('fields[' + i + '].name'); as e) {
                    <span class="field-error">{{ e }}</span>
                  }
                </div>
                <div class="field">
                  <input class="code" [value]="m.code" [disabled]="m.existing" (input)="setMember(i, { code: $any($event.target).value.trim(), codeTouched: true })" [attr.aria-label]="'setup.code' | t"
                    [class.invalid]="!!err('fields[' + i + '].code')" [attr.data-testid]="'member-code-' + i" />
                  @if (err('fields[' + i + '].code'); as e) {
                    <span class="field-error">{{ e }}</span>
                  }
                </div>
                <div class="field">
                  <select [value]="m.type" [disabled]="m.existing" (change)="setMember(i, { type: $any($event.target).value })" [attr.aria-label]="'setup.fields.type' | t" [attr.data-testid]="'member-type-' + i">
                    @for (ty of memberTypes; track ty) {
                      <option [value]="ty" [selected]="ty === m.type">{{ typeLabel(ty) }}</option>
                    }
                    <option [value]="pluginType" [selected]="m.type === pluginType">{{ 'setup.type.plugin' | t }}</option>
                  </select>
                  @if (err('fields[' + i + '].type'); as e) {
                    <span class="field-error">{{ e }}</span>
                  }
                </div>
                <label class="check" style="padding-top: 8px">
                  <input type="checkbox" [checked]="m.required" (change)="setMember(i, { required: $any($event.target).checked })" [attr.data-testid]="'member-required-' + i" />
                  {{ 'setup.fields.required' | t }}
                </label>
                <button mat-icon-button type="button" (click)="removeMember(i)" [disabled]="m.existing" [attr.aria-label]="'setup.fields.removeMember' | t" [attr.data-testid]="'member-remove-' + i">
                  <app-setup-icon name="delete" />
                </button>
                @if (m.type === pluginType) {
                  <div class="field wide">
                    <input class="code" [value]="m.pluginType" [disabled]="m.existing" placeholder="np.city" (input)="setMember(i, { pluginType: $any($event.target).value })" [attr.data-testid]="'member-plugin-type-' + i" />
                  </div>
                }
                @if (hasOptions(m.type)) {
                  <div class="field wide">
                    <input [value]="optionsText(m)" (change)="setMember(i, { options: parse($any($event.target).value, m) })" [placeholder]="'setup.fields.memberOptions' | t"
                      [class.invalid]="!!err('fields[' + i + '].options')" [attr.data-testid]="'member-options-' + i" />
                    @if (err('fields[' + i + '].options'); as e) {
                      <span class="field-error">{{ e }}</span>
                    } @else {
                      <span class="label">{{ 'setup.fields.memberOptions' | t }}</span>
                    }
                  </div>
                }
              </div>
            }
          </div>
          @if (err('fields'); as m) {
            <p class="field-error" data-testid="field-error-fields">{{ m }}</p>
          }
          <button mat-stroked-button type="button" (click)="addMember()" data-testid="member-add"><app-setup-icon name="add" />{{ 'setup.fields.addMember' | t }}</button>
        }

        <div class="actions">
          <button mat-flat-button type="submit" [disabled]="busy()" data-testid="field-save">
            {{ (busy() ? 'setup.saving' : d.id ? 'setup.save' : 'setup.fields.create') | t }}
          </button>
          <button mat-button type="button" (click)="cancel()" [disabled]="busy()" data-testid="field-cancel">{{ 'common.cancel' | t }}</button>
        </div>
      </form>
    }

    @if (pageError(); as e) {
      <p class="form-error" role="alert" data-testid="fields-error">{{ e }}</p>
    }
    @if (loadError(); as e) {
      <p class="form-error" role="alert" data-testid="fields-load-error">{{ e }}</p>
      <button mat-stroked-button type="button" (click)="load()">{{ 'common.retry' | t }}</button>
    } @else if (fields() === null) {
      <p class="muted">{{ 'common.loading' | t }}</p>
    } @else if (!visible().length) {
      <div class="empty" data-testid="fields-empty">{{ 'setup.fields.empty' | t: { entity: entityLabel(entity()) } }}</div>
    } @else {
      <table data-testid="fields-table">
        <thead>
          <tr>
            <th>{{ 'setup.fields.name' | t }}</th>
            <th>{{ 'setup.code' | t }}</th>
            <th>{{ 'setup.fields.type' | t }}</th>
            <th>{{ 'setup.fields.required' | t }}</th>
            <th>{{ 'setup.fields.repeatable' | t }}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          @for (f of visible(); track f.id) {
            <tr [attr.data-testid]="'field-row-' + f.code">
              <td>
                {{ i18n.localized(f.name) }}
                @if (f.type === 'group' && f.fields?.length) {
                  <ul class="members-list">
                    @for (m of f.fields; track m.code) {
                      <li>{{ m.name }} · {{ typeLabel(m.type) }}@if (m.required) { · {{ 'setup.fields.required' | t }}}</li>
                    }
                  </ul>
                }
                @if (f.options?.length) {
                  <div class="opts">{{ f.options!.join(', ') }}</div>
                }
              </td>
              <td class="code">{{ f.code }}</td>
              <td>{{ typeLabel(f.type) }}</td>
              <td>{{ (f.required ? 'common.yes' : 'common.no') | t }}</td>
              <td>{{ f.type === 'group' ? ((f.repeatable ? 'common.yes' : 'common.no') | t) : '—' }}</td>
              <td class="actions-cell">
                <button mat-icon-button type="button" (click)="startEdit(f)" [disabled]="!!draft() || busy()" [attr.aria-label]="'setup.fields.edit' | t" [attr.data-testid]="'field-edit-' + f.code">
                  <app-setup-icon name="edit" />
                </button>
                <button mat-icon-button type="button" class="danger" (click)="remove(f)" [disabled]="busy()" [attr.aria-label]="'setup.fields.delete' | t" [attr.data-testid]="'field-delete-' + f.code">
                  <app-setup-icon name="delete" />
                </button>
              </td>
            </tr>
          }
        </tbody>
      </table>
    }
  `,
})
export class FieldsSettingsPage {
  private readonly api = inject(ApiService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  protected readonly i18n = inject(I18nService);

  protected readonly entities = FIELD_ENTITIES;
  protected readonly types = FIELD_TYPES;
  protected readonly memberTypes = MEMBER_TYPES;
  protected readonly pluginType = PLUGIN_TYPE;

  protected readonly entity = signal<FieldEntity>('deal');
  protected readonly fields = signal<FieldDef[] | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly draft = signal<FieldDraft | null>(null);
  private original: FieldDef | null = null;
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly general = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly pageError = signal<string | null>(null);

  protected readonly visible = computed(() => (this.fields() ?? []).filter((f) => f.entity === this.entity()));

  constructor() {
    void this.load();
  }

  async load(): Promise<void> {
    this.loadError.set(null);
    try {
      this.fields.set(itemsOf(await this.api.get<FieldDef[] | { items: FieldDef[] }>('/fields')));
    } catch (err) {
      this.loadError.set(generalText(this.i18n, err));
    }
  }

  protected entityLabel(e: FieldEntity): string {
    return this.i18n.t(`setup.entity.${e}` as TextKey);
  }

  protected typeLabel(type: string): string {
    const key = `setup.type.${type}` as TextKey;
    const text = this.i18n.t(key);
    return text === key ? type : text;
  }

  protected hasOptions(type: string): boolean {
    return TYPES_WITH_OPTIONS.has(type);
  }

  protected err(path: string): string | null {
    return this.errors()[path] ?? null;
  }

  protected switchTo(e: FieldEntity): void {
    if (e === this.entity()) return;
    const open = this.draft();
    if (open && !open.id && !globalThis.confirm?.(this.i18n.t('setup.confirmLeave'))) return;
    this.entity.set(e);
    this.cancel();
  }

  startCreate(): void {
    this.original = null;
    this.draft.set(emptyField(this.entity()));
    this.errors.set({});
    this.general.set(null);
  }

  startEdit(f: FieldDef): void {
    this.original = f;
    this.draft.set(draftFromField(f, (v) => this.i18n.localized(v)));
    this.errors.set({});
    this.general.set(null);
  }

  cancel(): void {
    this.draft.set(null);
    this.original = null;
    this.errors.set({});
    this.general.set(null);
  }

  protected patch(change: Partial<FieldDraft>, clears?: string): void {
    this.draft.update((d) => (d ? { ...d, ...change } : d));
    if (clears) this.clear(clears);
  }

  protected setName(name: string): void {
    this.draft.update((d) => (d ? withName(d, name, !d.id) : d));
    this.clear('name');
    this.clear('code');
  }

  protected setType(type: string): void {
    this.draft.update((d) => {
      if (!d) return d;
      const next: FieldDraft = { ...d, type };
      if (TYPES_WITH_OPTIONS.has(type) && !d.options.length) next.options = [{ value: '', locked: false }];
      if (type === 'group' && !d.members.length) next.members = [emptyMember()];
      return next;
    });
    this.errors.set({});
  }

  protected setOption(i: number, value: string): void {
    this.draft.update((d) => (d ? { ...d, options: d.options.map((o, j) => (j === i ? { ...o, value } : o)) } : d));
    this.clear(`options[${i}]`);
    this.clear('options');
  }

  protected addOption(): void {
    this.draft.update((d) => (d ? { ...d, options: [...d.options, { value: '', locked: false }] } : d));
  }

  protected removeOption(i: number): void {
    this.draft.update((d) => (d ? { ...d, options: d.options.filter((_, j) => j !== i) } : d));
    this.errors.set({});
  }

  protected setMember(i: number, change: Partial<MemberDraft>): void {
    this.draft.update((d) => (d ? { ...d, members: d.members.map((m, j) => (j === i ? { ...m, ...change } : m)) } : d));
    this.errors.update((e) => Object.fromEntries(Object.entries(e).filter(([f]) => !f.startsWith(`fields[${i}]`) && f !== 'fields')));
  }

  protected setMemberName(i: number, name: string): void {
    const m = this.draft()?.members[i];
    if (m) this.setMember(i, withName(m, name, !m.existing));
  }

  protected addMember(): void {
    this.draft.update((d) => (d ? { ...d, members: [...d.members, emptyMember()] } : d));
    this.clear('fields');
  }

  protected removeMember(i: number): void {
    this.draft.update((d) => (d ? { ...d, members: d.members.filter((_, j) => j !== i) } : d));
    this.errors.set({});
  }

  protected optionsText(m: MemberDraft): string {
    return m.options.map((o) => o.value).join(', ');
  }

  protected parse(text: string, m: MemberDraft) {
    return parseOptions(text, m.options);
  }

  private clear(path: string): void {
    if (!(path in this.errors())) return;
    this.errors.update(({ [path]: _gone, ...rest }) => rest);
  }

  async submit(): Promise<void> {
    const d = this.draft();
    if (!d || this.busy()) return;
    this.general.set(null);
    const problems = [...fieldProblems(d), ...(this.original ? editProblems(d, this.original) : [])];
    if (problems.length) {
      this.errors.set(problemMessages(this.i18n, problems));
      return;
    }
    const localize = (v: unknown) => this.i18n.localized(v);
    const body = this.original ? toPatchBody(d, this.original, localize) : toCreateBody(d);
    if (this.original && !Object.keys(body).length) {
      this.cancel();
      return;
    }
    this.busy.set(true);
    try {
      const saved = this.original ? await this.api.patch<FieldDef>(`/fields/${this.original.id}`, body) : await this.api.post<FieldDef>('/fields', body);
      this.fields.update((all) => (this.original ? (all ?? []).map((f) => (f.id === saved.id ? saved : f)) : [...(all ?? []), saved]));
      this.notifier.info(this.i18n.t(this.original ? 'setup.fields.saved' : 'setup.fields.created', { name: localize(saved.name) }));
      this.cancel();
    } catch (err) {
      const messages = apiFieldMessages(this.i18n, err);
      if (Object.keys(messages).length) {
        this.errors.set(messages);
        const shown = (f: string) => ['name', 'code', 'type', 'options', 'fields'].includes(f.split(/[.[]/)[0]);
        const unplaced = Object.entries(messages).filter(([f]) => !shown(f));
        this.general.set(unplaced.length ? unplaced.map(([, m]) => m).join(' ') : null);
      } else this.general.set(generalText(this.i18n, err));
    } finally {
      this.busy.set(false);
    }
  }

  /** Says what goes with the field — its values, and for a deal field the stage rules requiring it — then deletes. */
  async remove(f: FieldDef): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    let usedBy: string[] = [];
    try {
      if (f.entity === 'deal') {
        const pipelines = await this.api.get<PipelineView[]>('/pipelines?archived=true');
        usedBy = pipelines.flatMap((p) =>
          p.stages
            .filter((s) => s.rules?.requiredFields?.includes(f.code))
            .map((s) => this.i18n.t('setup.fields.usedByStage', { pipeline: this.i18n.localized(p.name), stage: this.i18n.localized(s.name) })),
        );
      }
    } catch {
      usedBy = [];
    } finally {
      this.busy.set(false);
    }
    const name = this.i18n.localized(f.name) || f.code;
    const data: ConfirmData = {
      title: this.i18n.t('setup.fields.deleteTitle', { name }),
      text: [this.i18n.t(usedBy.length ? 'setup.fields.deleteUsed' : 'setup.fields.deleteText', { entity: this.entityLabel(f.entity).toLowerCase() })],
      items: usedBy,
      confirm: this.i18n.t('setup.fields.delete'),
      danger: true,
    };
    this.pageError.set(null);
    const ref = this.dialog.open<ConfirmDialog, ConfirmData, boolean | null>(ConfirmDialog, { data, width: '520px' });
    if (!(await firstValueFrom(ref.afterClosed()))) return;
    this.busy.set(true);
    try {
      await this.api.delete(`/fields/${f.id}`);
      this.fields.update((all) => (all ?? []).filter((x) => x.id !== f.id));
      if (this.draft()?.id === f.id) this.cancel();
      this.notifier.info(this.i18n.t('setup.fields.deleted', { name }));
    } catch (err) {
      this.pageError.set(this.i18n.t('setup.fields.deleteFailed', { name, message: generalText(this.i18n, err) }));
    } finally {
      this.busy.set(false);
    }
  }
}
