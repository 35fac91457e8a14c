import { Component, computed, inject, signal } from '@angular/core';
import { CdkDrag, CdkDragDrop, CdkDragHandle, CdkDropList } from '@angular/cdk/drag-drop';
import { MatButtonModule } from '@angular/material/button';
import { SetupIcon } from './icon';
import { MatSelectModule } from '@angular/material/select';
import { ApiError, ApiService } from '../../../core/api.service';
import { Notifier } from '../../../core/errors';
import { I18nService, TPipe } from '../../../core/i18n.service';
import type { TextKey } from '../../../core/i18n.dictionaries';
import {
  BUILT_IN_DEAL_FIELDS,
  KNOWN_STRATEGIES,
  addStage,
  draftFromPipeline,
  draftProblems,
  isDirty,
  moveStage,
  newStage,
  placeErrors,
  removeStage,
  toCreate,
  toPatch,
  updateStage,
} from './pipeline-editor';
import type { PipelineDraft, PlacedErrors, StageDraft } from './pipeline-editor';
import { apiFieldMessages, generalText, problemMessages } from './setup-errors';
import { CODE_RE, codeFromName, itemsOf } from './setup.types';
import type { Department, FieldDef, PipelineView, StageKind } from './setup.types';
import './setup.i18n';

const KINDS: StageKind[] = ['open', 'won', 'lost'];

/** A field a stage may require: the deal's own properties and the custom deal fields (groups included). */
interface RequirableField {
  code: string;
  label: string;
  builtIn: boolean;
}

/**
 * Pipelines and the rules of their stages (admin): the list of pipelines, a new pipeline with its first
 * stages, and the editor of one pipeline — name, stages reordered by drag and drop, renamed, added, their
 * kind and rules (required fields, no open tasks, plugins' guards shown read-only), the assignment of new
 * deals. One save is one `PATCH /pipelines/:id` with the full ordered list of stages.
 */
@Component({
  selector: 'app-pipelines-settings-page',
  imports: [CdkDropList, CdkDrag, CdkDragHandle, MatButtonModule, SetupIcon, MatSelectModule, TPipe],
  styleUrl: './setup.css',
  styles: `
    .pipelines { display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 16px; }
    .pipelines button.tab { font: inherit; border: 1px solid var(--mat-sys-outline-variant); background: var(--mat-sys-surface); color: inherit;
      padding: 6px 14px; border-radius: 18px; cursor: pointer; display: inline-flex; gap: 6px; align-items: center; }
    .pipelines button.tab.active { background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); border-color: transparent; font-weight: 500; }
    .pipelines button.tab .count { font-size: 12px; color: var(--mat-sys-on-surface-variant); }
    .stages { display: flex; flex-direction: column; gap: 8px; }
    .stage { border: 1px solid var(--mat-sys-outline-variant); border-left: 4px solid var(--mat-sys-primary); border-radius: 10px; padding: 10px 12px;
      background: var(--mat-sys-surface); display: flex; flex-direction: column; gap: 8px; }
    .stage.won { border-left-color: #2e7d32; }
    .stage.lost { border-left-color: var(--mat-sys-error); }
    .stage.has-error { border-color: var(--mat-sys-error); }
    .stage-main { display: grid; grid-template-columns: 28px 28px minmax(140px, 1fr) minmax(110px, 180px) 130px auto; gap: 8px; align-items: center; }
    .handle { cursor: grab; color: var(--mat-sys-on-surface-variant); display: flex; align-items: center; justify-content: center; }
    .pos { text-align: center; color: var(--mat-sys-on-surface-variant); font-size: 13px; }
    .stage-rules { display: grid; grid-template-columns: minmax(200px, 1fr) auto; gap: 12px; align-items: center; padding-left: 64px; }
    .stage-rules mat-form-field { width: 100%; }
    .guards { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding-left: 64px; font-size: 13px; }
    .stage-errors { padding-left: 64px; }
    .cdk-drag-preview { box-shadow: 0 6px 20px rgba(0, 0, 0, 0.18); border-radius: 10px; background: var(--mat-sys-surface); }
    .cdk-drag-placeholder { opacity: 0.35; }
    .cdk-drag-animating, .stages.cdk-drop-list-dragging .stage:not(.cdk-drag-placeholder) { transition: transform 200ms cubic-bezier(0, 0, 0.2, 1); }
    .add-stage { display: flex; gap: 8px; margin-top: 10px; align-items: center; }
    .add-stage input { flex: 1; max-width: 360px; }
    .create-stage { display: grid; grid-template-columns: 28px minmax(140px, 1fr) minmax(110px, 180px) 130px auto; gap: 8px; align-items: center; margin-bottom: 6px; }
    .section-title { display: flex; align-items: baseline; gap: 8px; margin: 20px 0 8px; }
    .section-title h3 { margin: 0; }
    .assignment { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 12px; }
    .sticky-actions { padding: 12px 0; border-top: 1px solid var(--mat-sys-outline-variant); margin-top: 20px; }
    @media (max-width: 900px) {
      .stage-main { grid-template-columns: 28px 1fr 1fr; }
      .stage-rules, .guards, .stage-errors { padding-left: 0; grid-template-columns: 1fr; }
    }
  `,
  template: `
    <div class="head">
      <div>
        <h2>{{ 'setup.pipelines.title' | t }}</h2>
        <p class="intro">{{ 'setup.pipelines.intro' | t }}</p>
      </div>
      <button mat-flat-button type="button" (click)="startCreate()" [disabled]="creating() !== null" data-testid="pipeline-new">
        <app-setup-icon name="add" />{{ 'setup.pipelines.new' | t }}
      </button>
    </div>

    @if (loadError(); as e) {
      <p class="form-error" role="alert" data-testid="pipelines-load-error">{{ e }}</p>
      <button mat-stroked-button type="button" (click)="load()">{{ 'common.retry' | t }}</button>
    } @else if (pipelines() === null) {
      <p class="muted">{{ 'common.loading' | t }}</p>
    } @else {
      @if (pipelines()!.length) {
        <nav class="pipelines" [attr.aria-label]="'setup.pipelines.title' | t" data-testid="pipeline-list">
          @for (p of pipelines(); track p.id) {
            <button type="button" class="tab" [class.active]="p.id === selectedId() && creating() === null" (click)="select(p.id)" [attr.data-testid]="'pipeline-tab-' + p.code">
              {{ i18n.localized(p.name) }}
              <span class="count">{{ i18n.plural('setup.stages.count', p.stages.length) }}</span>
              @if (p.archived) {
                <span class="chip">{{ 'setup.pipelines.archived' | t }}</span>
              }
            </button>
          }
        </nav>
      } @else if (creating() === null) {
        <div class="empty" data-testid="pipelines-empty">{{ 'setup.pipelines.empty' | t }}</div>
      }

      @if (creating(); as c) {
        <form class="panel" (submit)="$event.preventDefault(); create()" novalidate data-testid="pipeline-create-form">
          <h3>{{ 'setup.pipelines.createTitle' | t }}</h3>
          @if (createGeneral(); as g) {
            <p class="form-error" role="alert" data-testid="pipeline-create-error">{{ g }}</p>
          }
          <div class="grid2">
            <label class="field">
              <span class="label">{{ 'setup.pipelines.name' | t }}</span>
              <input [value]="c.name" (input)="setCreateName($any($event.target).value)" [class.invalid]="!!createErrors()['name']" data-testid="pipeline-create-name" />
              @if (createErrors()['name']; as m) {
                <span class="field-error" data-testid="pipeline-create-error-name">{{ m }}</span>
              }
            </label>
            <label class="field">
              <span class="label">{{ 'setup.code' | t }}</span>
              <input class="code" [value]="createCode()" (input)="setCreateCode($any($event.target).value)" [class.invalid]="!!createErrors()['code']" data-testid="pipeline-create-code" />
              @if (createErrors()['code']; as m) {
                <span class="field-error" data-testid="pipeline-create-error-code">{{ m }}</span>
              } @else {
                <span class="label">{{ 'setup.codeHint' | t }}</span>
              }
            </label>
          </div>
          <div class="section-title">
            <h3>{{ 'setup.stages.title' | t }}</h3>
          </div>
          @for (s of c.stages; track s.key; let i = $index) {
            <div class="create-stage" [attr.data-testid]="'pipeline-create-stage-' + i">
              <span class="pos">{{ i + 1 }}</span>
              <input [value]="s.name" (input)="createStage(s.key, { name: $any($event.target).value })" [placeholder]="'setup.stages.name' | t"
                [class.invalid]="!!createErrors()['stages[' + i + '].name']" [attr.data-testid]="'pipeline-create-stage-name-' + i" />
              <input class="code" [value]="s.code" (input)="createStage(s.key, { code: $any($event.target).value })" [attr.aria-label]="'setup.code' | t"
                [class.invalid]="!!createErrors()['stages[' + i + '].code']" [attr.data-testid]="'pipeline-create-stage-code-' + i" />
              <select [value]="s.kind" (change)="createStage(s.key, { kind: $any($event.target).value })" [attr.aria-label]="'setup.stages.kind' | t" [attr.data-testid]="'pipeline-create-stage-kind-' + i">
                @for (k of kinds; track k) {
                  <option [value]="k" [selected]="k === s.kind">{{ kindLabel(k) }}</option>
                }
              </select>
              <button mat-icon-button type="button" (click)="createRemove(s.key)" [disabled]="c.stages.length <= 1" [attr.aria-label]="'setup.stages.remove' | t" [attr.data-testid]="'pipeline-create-stage-remove-' + i">
                <app-setup-icon name="delete" />
              </button>
            </div>
            @if (createStageError(i); as m) {
              <p class="field-error" [attr.data-testid]="'pipeline-create-stage-error-' + i">{{ m }}</p>
            }
          }
          @if (createErrors()['stages']; as m) {
            <p class="field-error" data-testid="pipeline-create-error-stages">{{ m }}</p>
          }
          <button mat-stroked-button type="button" (click)="createAdd()" data-testid="pipeline-create-stage-add"><app-setup-icon name="add" />{{ 'setup.stages.add' | t }}</button>
          <p class="muted">{{ 'setup.pipelines.createHint' | t }}</p>
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="busy()" data-testid="pipeline-create-submit">{{ (busy() ? 'setup.creating' : 'setup.pipelines.create') | t }}</button>
            <button mat-button type="button" (click)="cancelCreate()" [disabled]="busy()" data-testid="pipeline-create-cancel">{{ 'common.cancel' | t }}</button>
          </div>
        </form>
      } @else if (draft(); as d) {
        <section data-testid="pipeline-editor">
          @if (general(); as g) {
            <p class="form-error" role="alert" data-testid="pipeline-error">{{ g }}</p>
          }
          <div class="grid2">
            <label class="field">
              <span class="label">{{ 'setup.pipelines.name' | t }}</span>
              <input [value]="d.name" (input)="edit({ name: $any($event.target).value })" [class.invalid]="!!errors().pipeline['name']" data-testid="pipeline-name" />
              @if (errors().pipeline['name']; as m) {
                <span class="field-error" data-testid="pipeline-error-name">{{ m }}</span>
              }
            </label>
            <div class="field">
              <span class="label">{{ 'setup.code' | t }}</span>
              <span class="code" data-testid="pipeline-code">{{ selected()?.code }}</span>
            </div>
          </div>

          <div class="section-title">
            <h3>{{ 'setup.stages.title' | t }}</h3>
            <span class="muted">{{ 'setup.stages.dragHint' | t }}</span>
          </div>
          <div class="stages" cdkDropList cdkDropListLockAxis="y" (cdkDropListDropped)="drop($event)" data-testid="stage-list">
            @for (s of d.stages; track s.key; let i = $index) {
              <div class="stage" cdkDrag [class.won]="s.kind === 'won'" [class.lost]="s.kind === 'lost'" [class.has-error]="!!errors().stages[s.key]"
                [attr.data-testid]="'stage-' + s.code" [attr.data-stage-key]="s.key">
                <div class="stage-main">
                  <span class="handle" cdkDragHandle [attr.aria-label]="'setup.stages.drag' | t" [attr.data-testid]="'stage-handle-' + s.code"><app-setup-icon name="drag" /></span>
                  <span class="pos" data-testid="stage-position">{{ i + 1 }}</span>
                  <input [value]="s.name" (input)="stage(s.key, { name: $any($event.target).value })" [attr.aria-label]="'setup.stages.name' | t" [attr.data-testid]="'stage-name-' + s.code" />
                  @if (s.id) {
                    <span class="code" [title]="'setup.stages.codeFixed' | t">{{ s.code }}</span>
                  } @else {
                    <input class="code" [value]="s.code" (input)="stage(s.key, { code: $any($event.target).value })" [attr.aria-label]="'setup.code' | t" [attr.data-testid]="'stage-code-' + s.code" />
                  }
                  <select [value]="s.kind" (change)="stage(s.key, { kind: $any($event.target).value })" [attr.aria-label]="'setup.stages.kind' | t" [attr.data-testid]="'stage-kind-' + s.code">
                    @for (k of kinds; track k) {
                      <option [value]="k" [selected]="k === s.kind">{{ kindLabel(k) }}</option>
                    }
                  </select>
                  <button mat-icon-button type="button" (click)="remove(s)" [disabled]="d.stages.length <= 1" [attr.aria-label]="'setup.stages.remove' | t" [attr.data-testid]="'stage-remove-' + s.code">
                    <app-setup-icon name="delete" />
                  </button>
                </div>
                <div class="stage-rules">
                  <mat-form-field appearance="outline" subscriptSizing="dynamic">
                    <mat-label>{{ 'setup.rules.required' | t }}</mat-label>
                    <mat-select multiple [value]="s.requiredFields" (selectionChange)="stage(s.key, { requiredFields: $event.value })" [attr.data-testid]="'stage-required-' + s.code">
                      <mat-optgroup [label]="'setup.rules.builtIn' | t">
                        @for (f of builtInFields(); track f.code) {
                          <mat-option [value]="f.code" [attr.data-testid]="'required-option-' + f.code">{{ f.label }}</mat-option>
                        }
                      </mat-optgroup>
                      <mat-optgroup [label]="'setup.rules.custom' | t">
                        @for (f of customFields(); track f.code) {
                          <mat-option [value]="f.code" [attr.data-testid]="'required-option-' + f.code">{{ f.label }}</mat-option>
                        } @empty {
                          <mat-option disabled>{{ 'setup.rules.noCustom' | t }}</mat-option>
                        }
                      </mat-optgroup>
                      @for (code of unknownRequired(s); track code) {
                        <mat-option [value]="code">{{ code }}</mat-option>
                      }
                    </mat-select>
                  </mat-form-field>
                  <label class="check">
                    <input type="checkbox" [checked]="s.noOpenTasks" (change)="stage(s.key, { noOpenTasks: $any($event.target).checked })" [attr.data-testid]="'stage-no-open-tasks-' + s.code" />
                    {{ 'setup.rules.noOpenTasks' | t }}
                  </label>
                </div>
                @if (s.guards.length) {
                  <div class="guards" [attr.data-testid]="'stage-guards-' + s.code">
                    <span class="muted">{{ 'setup.rules.guards' | t }}</span>
                    @for (g of s.guards; track g) {
                      <span class="chip primary code">{{ g }}</span>
                    }
                    <span class="muted">{{ 'setup.rules.guardsHint' | t }}</span>
                  </div>
                }
                @if (errors().stages[s.key]; as list) {
                  <div class="stage-errors">
                    @for (m of list; track $index) {
                      <p class="field-error" role="alert" [attr.data-testid]="'stage-error-' + s.code">{{ m }}</p>
                    }
                  </div>
                }
              </div>
            }
          </div>
          @if (errors().pipeline['stages']; as m) {
            <p class="field-error" role="alert" data-testid="pipeline-error-stages">{{ m }}</p>
          }
          <form class="add-stage" (submit)="$event.preventDefault(); add()">
            <input [value]="newStageName()" (input)="newStageName.set($any($event.target).value)" [placeholder]="'setup.stages.newName' | t" data-testid="stage-add-name" />
            <button mat-stroked-button type="submit" data-testid="stage-add"><app-setup-icon name="add" />{{ 'setup.stages.add' | t }}</button>
          </form>

          <div class="section-title">
            <h3>{{ 'setup.assign.title' | t }}</h3>
          </div>
          <p class="muted">{{ 'setup.assign.intro' | t }}</p>
          <div class="assignment">
            <label class="field">
              <span class="label">{{ 'setup.assign.strategy' | t }}</span>
              <select [value]="d.strategy" (change)="edit({ strategy: $any($event.target).value })" [class.invalid]="!!errors().pipeline['assignment']" data-testid="pipeline-strategy">
                <option value="" [selected]="!d.strategy">{{ 'setup.assign.none' | t }}</option>
                @for (st of strategies(); track st) {
                  <option [value]="st" [selected]="st === d.strategy">{{ strategyLabel(st) }}</option>
                }
              </select>
            </label>
            @if (d.strategy) {
              <label class="field">
                <span class="label">{{ 'setup.assign.department' | t }}</span>
                <select [value]="d.departmentId" (change)="edit({ departmentId: $any($event.target).value })" data-testid="pipeline-department">
                  <option value="" [selected]="!d.departmentId">{{ 'setup.assign.anyDepartment' | t }}</option>
                  @for (dep of departments(); track dep.id) {
                    <option [value]="dep.id" [selected]="dep.id === d.departmentId">{{ dep.name }}</option>
                  }
                </select>
              </label>
            }
          </div>
          @if (errors().pipeline['assignment']; as m) {
            <p class="field-error" role="alert" data-testid="pipeline-error-assignment">{{ m }}</p>
          }

          <div class="actions sticky-actions">
            <button mat-flat-button type="button" (click)="save()" [disabled]="busy() || !dirty()" data-testid="pipeline-save">{{ (busy() ? 'setup.saving' : 'setup.save') | t }}</button>
            <button mat-button type="button" (click)="discard()" [disabled]="busy() || !dirty()" data-testid="pipeline-discard">{{ 'setup.discard' | t }}</button>
            @if (dirty()) {
              <span class="muted" data-testid="pipeline-dirty">{{ 'setup.unsaved' | t }}</span>
            } @else if (savedAt()) {
              <span class="saved" role="status" data-testid="pipeline-saved">{{ 'setup.saved' | t }}</span>
            }
            <span class="spacer"></span>
            <button mat-button type="button" (click)="toggleArchive()" [disabled]="busy()" data-testid="pipeline-archive">
              {{ (selected()?.archived ? 'setup.pipelines.unarchive' : 'setup.pipelines.archive') | t }}
            </button>
          </div>
        </section>
      }
    }
  `,
})
export class PipelinesSettingsPage {
  private readonly api = inject(ApiService);
  private readonly notifier = inject(Notifier);
  protected readonly i18n = inject(I18nService);
  protected readonly kinds = KINDS;

  protected readonly pipelines = signal<PipelineView[] | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly fields = signal<FieldDef[]>([]);
  protected readonly departments = signal<Department[]>([]);
  protected readonly selectedId = signal<string | null>(null);
  protected readonly draft = signal<PipelineDraft | null>(null);
  protected readonly errors = signal<PlacedErrors>({ pipeline: {}, stages: {} });
  protected readonly general = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly savedAt = signal<number | null>(null);
  protected readonly newStageName = signal('');

  protected readonly creating = signal<PipelineDraft | null>(null);
  protected readonly createCode = signal('');
  private createCodeTouched = false;
  protected readonly createErrors = signal<Record<string, string>>({});
  protected readonly createGeneral = signal<string | null>(null);

  protected readonly selected = computed(() => this.pipelines()?.find((p) => p.id === this.selectedId()) ?? null);
  protected readonly dirty = computed(() => {
    const d = this.draft();
    const p = this.selected();
    return !!d && !!p && isDirty(d, p, (v) => this.i18n.localized(v));
  });

  protected readonly builtInFields = computed<RequirableField[]>(() =>
    BUILT_IN_DEAL_FIELDS.map((code) => ({ code, label: this.i18n.t(`deal.field.${code}` as TextKey), builtIn: true })),
  );
  protected readonly customFields = computed<RequirableField[]>(() =>
    this.fields().map((f) => ({
      code: f.code,
      label: `${this.i18n.localized(f.name) || f.code} · ${this.typeLabel(f.type)}${f.type === 'group' && f.repeatable ? ` (${this.i18n.t('setup.fields.repeatable')})` : ''}`,
      builtIn: false,
    })),
  );
  protected readonly strategies = computed(() => {
    const current = this.draft()?.strategy;
    return current && !(KNOWN_STRATEGIES as readonly string[]).includes(current) ? [...KNOWN_STRATEGIES, current] : [...KNOWN_STRATEGIES];
  });

  constructor() {
    void this.load();
  }

  async load(keep?: string): Promise<void> {
    this.loadError.set(null);
    try {
      const [pipelines, fields] = await Promise.all([
        this.api.get<PipelineView[]>('/pipelines?archived=true'),
        this.api.get<FieldDef[] | { items: FieldDef[] }>('/fields?entity=deal'),
      ]);
      this.fields.set(itemsOf(fields));
      this.pipelines.set(pipelines);
      const id = keep && pipelines.some((p) => p.id === keep) ? keep : (pipelines.find((p) => !p.archived) ?? pipelines[0])?.id ?? null;
      this.selectPipeline(id);
    } catch (err) {
      this.loadError.set(generalText(this.i18n, err));
    }
    this.api.get<Department[] | { items: Department[] }>('/departments').then(
      (r) => this.departments.set(itemsOf(r)),
      () => this.departments.set([]),
    );
  }

  protected select(id: string): void {
    if (id === this.selectedId() && this.creating() === null) return;
    if (this.dirty() && !globalThis.confirm?.(this.i18n.t('setup.confirmLeave'))) return;
    this.creating.set(null);
    this.selectPipeline(id);
  }

  private selectPipeline(id: string | null): void {
    this.selectedId.set(id);
    const p = this.pipelines()?.find((x) => x.id === id);
    this.draft.set(p ? draftFromPipeline(p, (v) => this.i18n.localized(v)) : null);
    this.errors.set({ pipeline: {}, stages: {} });
    this.general.set(null);
    this.savedAt.set(null);
  }

  protected kindLabel(kind: StageKind): string {
    return this.i18n.t(`setup.kind.${kind}` as TextKey);
  }

  protected typeLabel(type: string): string {
    const key = `setup.type.${type}` as TextKey;
    const text = this.i18n.t(key);
    return text === key ? type : text;
  }

  protected strategyLabel(s: string): string {
    const key = `setup.strategy.${s}` as TextKey;
    const text = this.i18n.t(key);
    return text === key ? s : text;
  }

  /** Required codes the lists above do not offer (a field removed meanwhile), so they can be unselected. */
  protected unknownRequired(s: StageDraft): string[] {
    const known = new Set([...BUILT_IN_DEAL_FIELDS, ...this.fields().map((f) => f.code)] as string[]);
    return s.requiredFields.filter((c) => !known.has(c));
  }

  // ---- editing --------------------------------------------------------------------------------------

  protected edit(change: Partial<PipelineDraft>): void {
    this.draft.update((d) => (d ? { ...d, ...change, ...(change.strategy === '' ? { departmentId: '' } : {}) } : d));
    this.savedAt.set(null);
    if (change.name !== undefined) this.clearPipelineError('name');
    if (change.strategy !== undefined || change.departmentId !== undefined) this.clearPipelineError('assignment');
  }

  protected stage(key: string, change: Partial<StageDraft>): void {
    this.draft.update((d) => (d ? updateStage(d, key, change) : d));
    this.savedAt.set(null);
    this.errors.update((e) => {
      if (!e.stages[key]) return e;
      const { [key]: _gone, ...rest } = e.stages;
      return { ...e, stages: rest };
    });
  }

  drop(event: CdkDragDrop<unknown>): void {
    this.draft.update((d) => (d ? moveStage(d, event.previousIndex, event.currentIndex) : d));
    this.savedAt.set(null);
  }

  add(): void {
    const name = this.newStageName().trim();
    if (!name) {
      this.errors.update((e) => ({ ...e, pipeline: { ...e.pipeline, stages: this.i18n.t('setup.err.newStageName') } }));
      return;
    }
    this.draft.update((d) => (d ? addStage(d, name) : d));
    this.newStageName.set('');
    this.clearPipelineError('stages');
    this.savedAt.set(null);
  }

  protected remove(s: StageDraft): void {
    if (s.id && !globalThis.confirm?.(this.i18n.t('setup.stages.confirmRemove', { name: s.name }))) return;
    this.draft.update((d) => (d ? removeStage(d, s.key) : d));
    this.savedAt.set(null);
  }

  protected discard(): void {
    this.selectPipeline(this.selectedId());
  }

  private clearPipelineError(field: string): void {
    this.errors.update((e) => {
      if (!e.pipeline[field]) return e;
      const { [field]: _gone, ...rest } = e.pipeline;
      return { ...e, pipeline: rest };
    });
  }

  async save(): Promise<void> {
    const d = this.draft();
    const p = this.selected();
    if (!d || !p || this.busy()) return;
    this.general.set(null);
    const problems = draftProblems(d);
    if (problems.length) {
      this.errors.set(placeErrors(problemMessages(this.i18n, problems), d.stages));
      return;
    }
    this.busy.set(true);
    try {
      const saved = await this.api.patch<PipelineView>(`/pipelines/${p.id}`, toPatch(d, p, (v) => this.i18n.localized(v)));
      this.pipelines.update((all) => (all ?? []).map((x) => (x.id === saved.id ? saved : x)));
      this.selectPipeline(saved.id);
      this.savedAt.set(Date.now());
    } catch (err) {
      this.showSaveError(err, d);
    } finally {
      this.busy.set(false);
    }
  }

  private showSaveError(err: unknown, d: PipelineDraft): void {
    if (err instanceof ApiError && err.code === 'stage_has_deals') {
      const detail = (err.details[0] ?? {}) as { stage?: string; deals?: number };
      const text = this.i18n.plural('setup.err.stageHasDeals', Number(detail.deals ?? 0));
      // The stage is gone from the list: it goes back, with the reason.
      const p = this.selected();
      const removed = p?.stages.find((s) => s.code === detail.stage);
      if (removed && p) {
        const restored = draftFromPipeline({ ...p, stages: [removed] }, (v) => this.i18n.localized(v)).stages[0];
        const stages = [...d.stages];
        stages.splice(Math.min(removed.position, stages.length), 0, restored);
        this.draft.set({ ...d, stages });
        this.errors.set({ pipeline: {}, stages: { [restored.key]: [text] } });
      } else this.general.set(text);
      return;
    }
    const messages = apiFieldMessages(this.i18n, err);
    if (Object.keys(messages).length) {
      const placed = placeErrors(messages, d.stages);
      const { name, assignment, stages, ...other } = placed.pipeline;
      this.errors.set({ pipeline: { ...(name ? { name } : {}), ...(assignment ? { assignment } : {}), ...(stages ? { stages } : {}) }, stages: placed.stages });
      const rest = Object.values(other);
      this.general.set(rest.length ? rest.join(' ') : this.i18n.t('setup.err.checkMarked'));
      return;
    }
    this.general.set(generalText(this.i18n, err));
  }

  async toggleArchive(): Promise<void> {
    const p = this.selected();
    if (!p || this.busy()) return;
    this.busy.set(true);
    try {
      const saved = await this.api.patch<PipelineView>(`/pipelines/${p.id}`, { archived: !p.archived });
      this.pipelines.update((all) => (all ?? []).map((x) => (x.id === saved.id ? { ...saved, archived: !p.archived } : x)));
      this.notifier.info(this.i18n.t(p.archived ? 'setup.pipelines.unarchived' : 'setup.pipelines.archivedSnack', { name: this.i18n.localized(p.name) }));
    } catch (err) {
      this.general.set(generalText(this.i18n, err));
    } finally {
      this.busy.set(false);
    }
  }

  // ---- a new pipeline --------------------------------------------------------------------------------

  startCreate(): void {
    if (this.dirty() && !globalThis.confirm?.(this.i18n.t('setup.confirmLeave'))) return;
    const stages: StageDraft[] = [];
    for (const [key, kind] of [
      ['setup.default.new', 'open'],
      ['setup.default.won', 'won'],
      ['setup.default.lost', 'lost'],
    ] as [TextKey, StageKind][]) {
      stages.push(newStage(this.i18n.t(key), kind, stages.map((s) => s.code)));
    }
    this.creating.set({ name: '', stages, strategy: '', departmentId: '' });
    this.createCode.set('');
    this.createCodeTouched = false;
    this.createErrors.set({});
    this.createGeneral.set(null);
  }

  cancelCreate(): void {
    this.creating.set(null);
  }

  protected setCreateName(name: string): void {
    this.creating.update((c) => (c ? { ...c, name } : c));
    if (!this.createCodeTouched) this.createCode.set(codeFromName(name));
    this.clearCreateError('name');
  }

  protected setCreateCode(code: string): void {
    this.createCodeTouched = true;
    this.createCode.set(code.trim());
    this.clearCreateError('code');
  }

  protected createStage(key: string, change: Partial<StageDraft>): void {
    this.creating.update((c) => (c ? updateStage(c, key, change) : c));
    const i = this.creating()?.stages.findIndex((s) => s.key === key) ?? -1;
    this.createErrors.update((e) => Object.fromEntries(Object.entries(e).filter(([f]) => !f.startsWith(`stages[${i}]`) && f !== 'stages')));
  }

  protected createAdd(): void {
    this.creating.update((c) => (c ? addStage(c, '') : c));
  }

  protected createRemove(key: string): void {
    this.creating.update((c) => (c ? removeStage(c, key) : c));
  }

  protected createStageError(i: number): string | null {
    const e = this.createErrors();
    const texts = Object.entries(e)
      .filter(([f]) => f.startsWith(`stages[${i}]`))
      .map(([, m]) => m);
    return texts.length ? texts.join(' ') : null;
  }

  private clearCreateError(field: string): void {
    this.createErrors.update(({ [field]: _gone, ...rest }) => rest);
  }

  async create(): Promise<void> {
    const c = this.creating();
    if (!c || this.busy()) return;
    const code = this.createCode();
    this.createGeneral.set(null);
    const problems = draftProblems(c, { code });
    if (!CODE_RE.test(code) && !problems.some((p) => p.field === 'code')) problems.push({ field: 'code', key: 'setup.err.code' });
    if (problems.length) {
      this.createErrors.set(problemMessages(this.i18n, problems));
      return;
    }
    this.busy.set(true);
    try {
      const created = await this.api.post<PipelineView>('/pipelines', toCreate(code, c));
      this.creating.set(null);
      this.pipelines.update((all) => [...(all ?? []), created]);
      this.selectPipeline(created.id);
      this.notifier.info(this.i18n.t('setup.pipelines.created', { name: this.i18n.localized(created.name) }));
    } catch (err) {
      const messages = apiFieldMessages(this.i18n, err);
      if (Object.keys(messages).length) {
        this.createErrors.set(messages);
        const unplaced = Object.entries(messages).filter(([f]) => f !== 'name' && f !== 'code' && !f.startsWith('stages'));
        this.createGeneral.set(unplaced.length ? unplaced.map(([, m]) => m).join(' ') : null);
      } else this.createGeneral.set(generalText(this.i18n, err));
    } finally {
      this.busy.set(false);
    }
  }
}
