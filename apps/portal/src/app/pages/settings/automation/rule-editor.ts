import { Component, OnInit, computed, inject, input, output, signal } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { ApiError, ApiService } from '../../../core/api.service';
import { errorText } from '../../../core/errors';
import { I18nService, TPipe } from '../../../core/i18n.service';
import { SessionService } from '../../../core/session.service';
import { itemsOf } from '../../deals/deals.types';
import type { Deal, FieldDef, Page, Pipeline, User } from '../../deals/deals.types';
import {
  CONDITION_FIELDS,
  CONDITION_OPS,
  COPYABLE,
  definitionOf,
  emptyDelay,
  emptyForm,
  emptyPart,
  formSlot,
  formToRule,
  paramsOf,
  parseJson,
  ruleToForm,
} from './rule-model';
import type { DelayForm, JsonError, ParamSpec, PartForm, RuleDefinition, RuleForm, RuleView, Unsupported } from './rule-model';
import { actionTypeName, dateTime, known, paramName, pathText, problemMessage, reasonText, triggerTypeName } from './rule-words';
import './automation.i18n';

export interface AutomationTypes {
  triggers: string[];
  actions: string[];
}

interface Problem {
  path: string;
  message: string;
}

interface DryRun {
  wouldRun: boolean;
  reasons: string[];
  firesAt: string | null;
  now: string;
  scheduled: { id: string; dueAt: string }[];
  conditions: { field: string; op: string; value?: unknown; actual: unknown; ok: boolean }[];
  actions: { type: string; description: string; ok?: boolean; error?: string; result?: Record<string, unknown> }[];
}

const ROLES = ['admin', 'head', 'manager', 'accountant', 'employee', 'trainee'];
const BUILTIN_SET_FIELDS = ['title', 'budget', 'responsibleId'];

/** The editor of one rule: a form for the common cases and the JSON of the same object; save, dry run. */
@Component({
  selector: 'app-rule-editor',
  imports: [MatButtonModule, NgTemplateOutlet, RouterLink, TPipe],
  host: { 'data-testid': 'rule-editor' },
  template: `
    <div class="head">
      <h3>{{ (rule() ? 'auto.editor.editTitle' : 'auto.editor.newTitle') | t: { name: rule()?.name ?? '' } }}</h3>
      <div class="modes" role="tablist">
        <button type="button" role="tab" [class.on]="mode() === 'form'" [attr.aria-selected]="mode() === 'form'" (click)="toForm()" data-testid="mode-form">
          {{ 'auto.editor.modeForm' | t }}
        </button>
        <button type="button" role="tab" [class.on]="mode() === 'json'" [attr.aria-selected]="mode() === 'json'" (click)="toJson()" data-testid="mode-json">
          {{ 'auto.editor.modeJson' | t }}
        </button>
      </div>
    </div>
    @if (rule()?.pluginId; as plugin) {
      <p class="note" data-testid="rule-plugin-note">{{ 'auto.editor.pluginNote' | t: { plugin } }}</p>
    }
    @if (unsupported(); as list) {
      <div class="note warn" data-testid="json-only-note">
        <p>{{ 'auto.editor.jsonOnly' | t }}</p>
        <ul>
          @for (u of list; track u.path) {
            <li><code>{{ u.path || '—' }}</code> — {{ unsupportedText(u) }}</li>
          }
        </ul>
      </div>
    }

    <form (submit)="$event.preventDefault(); save()" novalidate>
      @if (mode() === 'form') {
        @let f = form();
        <div class="grid2">
          <label class="field">
            <span class="label">{{ 'auto.field.name' | t }}</span>
            <input [value]="f.name" (input)="set('name', val($event))" data-testid="rule-name" [class.bad]="slot('name')" />
            @if (slot('name'); as e) { <span class="err" data-testid="rule-error-name">{{ e }}</span> }
          </label>
          <label class="field">
            <span class="label">{{ 'auto.field.code' | t }}</span>
            <input [value]="f.code" (input)="set('code', val($event))" data-testid="rule-code" [class.bad]="slot('code')" spellcheck="false" />
            <span class="hint">{{ 'auto.field.codeHint' | t }}</span>
            @if (slot('code'); as e) { <span class="err" data-testid="rule-error-code">{{ e }}</span> }
          </label>
        </div>
        <label class="check">
          <input type="checkbox" [checked]="f.enabled" (change)="set('enabled', checked($event))" data-testid="rule-enabled" />
          {{ 'auto.field.enabled' | t }}
        </label>

        <fieldset data-testid="trigger-section">
          <legend>{{ 'auto.section.trigger' | t }}</legend>
          <label class="field">
            <span class="label">{{ 'auto.field.triggerType' | t }}</span>
            <select (change)="setTriggerType(val($event))" data-testid="trigger-type">
              @for (t of triggerTypes(); track t) {
                <option [value]="t" [selected]="t === f.trigger.type">{{ triggerName(t) }}</option>
              }
            </select>
            @if (slot('trigger.type'); as e) { <span class="err" data-testid="rule-error-trigger-type">{{ e }}</span> }
          </label>
          <ng-container *ngTemplateOutlet="params; context: { part: f.trigger, kind: 'trigger', prefix: 'trigger', index: -1 }" />
        </fieldset>

        <fieldset data-testid="delay-section">
          <legend>{{ 'auto.section.delay' | t }}</legend>
          <ng-container *ngTemplateOutlet="delay; context: { d: f.delay, id: 'delay', apply: delaySetter(), wh: true }" />
          @if (slot('delay'); as e) { <span class="err" data-testid="rule-error-delay">{{ e }}</span> }
        </fieldset>

        <fieldset data-testid="conditions-section">
          <legend>{{ 'auto.section.conditions' | t }}</legend>
          @if (!f.conditions.length) {
            <p class="muted">{{ 'auto.editor.noConditions' | t }}</p>
          }
          @for (c of f.conditions; track $index; let i = $index) {
            <div class="cond" [attr.data-testid]="'condition-' + i">
              <input [value]="c.field" list="auto-cond-fields" (input)="setCondition(i, 'field', val($event))" [attr.aria-label]="'auto.field.condField' | t" [attr.data-testid]="'condition-field-' + i" />
              <select (change)="setCondition(i, 'op', val($event))" [attr.aria-label]="'auto.field.condOp' | t" [attr.data-testid]="'condition-op-' + i">
                @for (op of ops; track op) {
                  <option [value]="op" [selected]="op === c.op">{{ opName(op) }}</option>
                }
              </select>
              @if (c.op !== 'empty' && c.op !== 'notEmpty') {
                <input [value]="c.value" (input)="setCondition(i, 'value', val($event))" [placeholder]="(c.op === 'in' || c.op === 'nin' ? 'auto.field.listHint' : 'auto.field.condValue') | t" [attr.aria-label]="'auto.field.condValue' | t" [attr.data-testid]="'condition-value-' + i" />
              } @else {
                <span></span>
              }
              <button mat-button type="button" (click)="removeCondition(i)" [attr.data-testid]="'condition-remove-' + i">{{ 'auto.editor.remove' | t }}</button>
              @if (slot('conditions.' + i); as e) { <span class="err wide" [attr.data-testid]="'rule-error-condition-' + i">{{ e }}</span> }
            </div>
          }
          <datalist id="auto-cond-fields">
            @for (c of conditionFields(); track c) { <option [value]="c"></option> }
          </datalist>
          <button mat-stroked-button type="button" (click)="addCondition()" data-testid="condition-add">{{ 'auto.editor.addCondition' | t }}</button>
        </fieldset>

        <fieldset data-testid="actions-section">
          <legend>{{ 'auto.section.actions' | t }}</legend>
          @for (a of f.actions; track $index; let i = $index) {
            <div class="action" [attr.data-testid]="'action-' + i">
              <div class="action-head">
                <span class="n">{{ i + 1 }}.</span>
                <select (change)="setActionType(i, val($event))" [attr.aria-label]="'auto.field.actionType' | t" [attr.data-testid]="'action-type-' + i">
                  @for (t of actionTypes(); track t) {
                    <option [value]="t" [selected]="t === a.type">{{ actionName(t) }}</option>
                  }
                </select>
                <button mat-button type="button" (click)="removeAction(i)" [disabled]="f.actions.length < 2" [attr.data-testid]="'action-remove-' + i">{{ 'auto.editor.remove' | t }}</button>
              </div>
              @if (slot('actions.' + i + '.type'); as e) { <span class="err" [attr.data-testid]="'rule-error-action-' + i">{{ e }}</span> }
              <ng-container *ngTemplateOutlet="params; context: { part: a, kind: 'action', prefix: 'actions.' + i, index: i }" />
            </div>
          }
          @if (slot('actions'); as e) { <span class="err" data-testid="rule-error-actions">{{ e }}</span> }
          <button mat-stroked-button type="button" (click)="addAction()" data-testid="action-add">{{ 'auto.editor.addAction' | t }}</button>
        </fieldset>
      } @else {
        <label class="field">
          <span class="label">{{ 'auto.editor.jsonLabel' | t }}</span>
          <textarea class="json" spellcheck="false" [rows]="jsonRows()" [value]="json()" (input)="setJson(val($event))" data-testid="rule-json" [class.bad]="jsonError()"></textarea>
        </label>
        @if (jsonError(); as je) {
          <div class="form-error" role="alert" data-testid="json-parse-error">
            {{ 'auto.editor.parseError' | t: { line: je.line, column: je.column, message: je.message } }}
            @if (lineOf(je.line); as text) {
              <pre class="at">{{ text }}
{{ caret(je.column) }}</pre>
            }
          </div>
        }
      }

      @if (general().length) {
        <div class="form-error" role="alert" data-testid="rule-error">
          @if (problems().length) {
            <p>{{ 'auto.editor.problems' | t }}</p>
          }
          <ul>
            @for (p of general(); track $index) {
              <li data-testid="rule-problem">
                @if (p.path) {
                  <strong>{{ pathWords(p.path) }}</strong>&nbsp;<code>({{ p.path }})</code>:
                }
                {{ p.message }}
              </li>
            }
          </ul>
        </div>
      }

      <div class="buttons">
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="rule-save">{{ (busy() ? 'auto.editor.saving' : 'auto.editor.save') | t }}</button>
        <button mat-button type="button" (click)="closed.emit()" data-testid="rule-cancel">{{ 'common.cancel' | t }}</button>
      </div>
    </form>

    @if (rule(); as r) {
      <fieldset class="dry" data-testid="dry-run-section">
        <legend>{{ 'auto.dry.title' | t }}</legend>
        <p class="muted">{{ 'auto.dry.intro' | t }}</p>
        <div class="row">
          <select (change)="dryDeal.set(val($event))" data-testid="dry-run-deal" [attr.aria-label]="'auto.dry.deal' | t">
            <option value="" [selected]="!dryDeal()">{{ 'auto.dry.chooseDeal' | t }}</option>
            @for (d of deals(); track d.id) {
              <option [value]="d.id" [selected]="d.id === dryDeal()">{{ d.title }}</option>
            }
          </select>
          <button mat-stroked-button type="button" (click)="dryRun(r.id)" [disabled]="dryBusy() || !dryDeal()" data-testid="dry-run">{{ 'auto.dry.run' | t }}</button>
        </div>
        @if (dryError(); as e) {
          <p class="form-error" role="alert" data-testid="dry-run-error">{{ e }}</p>
        }
        @if (dry(); as d) {
          <div class="dry-result" data-testid="dry-run-result">
            <p [class.ok]="d.wouldRun" [class.no]="!d.wouldRun" data-testid="dry-run-verdict">
              {{ (d.wouldRun ? 'auto.dry.wouldRun' : 'auto.dry.wouldNot') | t }}
            </p>
            @if (d.reasons.length) {
              <ul>
                @for (why of d.reasons; track $index) { <li>{{ reason(why) }}</li> }
              </ul>
            }
            <p>{{ (d.firesAt ? 'auto.dry.firesAt' : 'auto.dry.firesNow') | t: { at: when(d.firesAt) } }}</p>
            @if (d.scheduled.length) {
              <p>{{ 'auto.dry.scheduled' | t: { list: scheduledText(d) } }}</p>
            }
            @if (d.conditions.length) {
              <p class="sub">{{ 'auto.section.conditions' | t }}</p>
              <ul>
                @for (c of d.conditions; track $index) {
                  <li [class.no]="!c.ok">{{ c.ok ? '✓' : '✗' }} {{ c.field }} {{ opName(c.op) }} {{ show(c.value) }} — {{ 'auto.dry.actual' | t: { value: show(c.actual) } }}</li>
                }
              </ul>
            }
            <p class="sub">{{ 'auto.section.actions' | t }}</p>
            <ul>
              @for (a of d.actions; track $index) {
                <li [class.no]="a.ok === false">
                  {{ a.ok === false ? '✗' : '✓' }} {{ actionName(a.type) }}: {{ a.description }}
                  @if (a.error) { — {{ a.error }} }
                </li>
              }
            </ul>
          </div>
        }
        <a [routerLink]="['/settings/runs']" [queryParams]="{ ruleId: r.id }" data-testid="rule-runs-link">{{ 'auto.list.runsOf' | t }}</a>
      </fieldset>
    }

    <ng-template #params let-part="part" let-kind="kind" let-prefix="prefix" let-index="index">
      <div class="params">
        @for (p of specs(kind, part.type); track p.key) {
          @let id = testId(prefix, p.key);
          @let v = part.values[p.key];
          <label class="field" [class.wide]="p.kind === 'textarea' || p.kind === 'json' || p.kind === 'due'">
            <span class="label">{{ p.key === '*' ? ('auto.param.json' | t) : paramLabel(p.key) }}@if (p.required) { * }</span>
            @switch (p.kind) {
              @case ('textarea') {
                <textarea rows="3" [value]="v" (input)="setParam(kind, index, p.key, val($event))" [attr.data-testid]="id"></textarea>
              }
              @case ('json') {
                <textarea class="json" rows="5" spellcheck="false" [value]="v" (input)="setParam(kind, index, p.key, val($event))" [attr.data-testid]="id"></textarea>
              }
              @case ('pipeline') {
                <select (change)="setParam(kind, index, p.key, val($event))" [attr.data-testid]="id">
                  <option value="" [selected]="!v">{{ (p.required ? 'auto.field.choose' : 'auto.field.any') | t }}</option>
                  @for (pl of pipelines(); track pl.id) {
                    <option [value]="pl.code" [selected]="pl.code === v || pl.id === v">{{ i18n.localized(pl.name) }}</option>
                  }
                  @if (v && !hasPipeline($any(v))) { <option [value]="v" selected>{{ v }}</option> }
                </select>
              }
              @case ('stage') {
                <select (change)="setParam(kind, index, p.key, val($event))" [attr.data-testid]="id">
                  <option value="" [selected]="!v">{{ (p.required ? 'auto.field.choose' : 'auto.field.any') | t }}</option>
                  @for (s of stagesOf(part.values['pipeline']); track s.value) {
                    <option [value]="s.value" [selected]="s.value === v || s.id === v">{{ s.label }}</option>
                  }
                  @if (v && !hasStage(part.values['pipeline'], $any(v))) { <option [value]="v" selected>{{ v }}</option> }
                </select>
              }
              @case ('assignee') {
                <select (change)="setParam(kind, index, p.key, val($event))" [attr.data-testid]="id">
                  <option value="" [selected]="!v">{{ (p.required ? 'auto.field.choose' : 'auto.field.sameAsDeal') | t }}</option>
                  @for (o of assignees(); track o.value) {
                    <option [value]="o.value" [selected]="o.value === v">{{ o.label }}</option>
                  }
                  @if (v && !hasOption(assignees(), $any(v))) { <option [value]="v" selected>{{ v }}</option> }
                </select>
              }
              @case ('recipient') {
                <select (change)="setParam(kind, index, p.key, val($event))" [attr.data-testid]="id">
                  <option value="" [selected]="!v">{{ 'auto.field.choose' | t }}</option>
                  @for (o of recipients(); track o.value) {
                    <option [value]="o.value" [selected]="o.value === v">{{ o.label }}</option>
                  }
                  @if (v && !hasOption(recipients(), $any(v))) { <option [value]="v" selected>{{ v }}</option> }
                </select>
              }
              @case ('channel') {
                <select (change)="setParam(kind, index, p.key, val($event))" [attr.data-testid]="id">
                  <option value="" [selected]="!v">{{ 'auto.field.choose' | t }}</option>
                  <option value="email" [selected]="v === 'email'">{{ 'auto.channel.email' | t }}</option>
                  <option value="sms" [selected]="v === 'sms'">{{ 'auto.channel.sms' | t }}</option>
                  @if (v && v !== 'email' && v !== 'sms') { <option [value]="v" selected>{{ v }}</option> }
                </select>
              }
              @case ('field') {
                <input [value]="v" list="auto-deal-fields" spellcheck="false" (input)="setParam(kind, index, p.key, val($event))" [attr.data-testid]="id" />
                <datalist id="auto-deal-fields">
                  @for (c of setFields(); track c.code) { <option [value]="c.code">{{ c.name }}</option> }
                </datalist>
              }
              @case ('copy') {
                <span class="checks" [attr.data-testid]="id">
                  @for (c of copyable; track c) {
                    <label class="check"><input type="checkbox" [checked]="listHas($any(v), c)" (change)="toggleList(kind, index, p.key, c, checked($event))" />{{ paramLabel(c) }}</label>
                  }
                </span>
              }
              @case ('int') {
                <input type="number" min="0" step="1" [value]="v" (input)="setParam(kind, index, p.key, val($event))" [attr.data-testid]="id" />
              }
              @case ('offsetDays') {
                <input type="number" step="1" [value]="v" (input)="setParam(kind, index, p.key, val($event))" [attr.data-testid]="id" />
                <span class="hint">{{ 'auto.field.offsetHint' | t }}</span>
              }
              @case ('due') {
                <ng-container *ngTemplateOutlet="delay; context: { d: v, id: id, apply: dueSetter(index, p.key), wh: true }" />
              }
              @case ('list') {
                <input [value]="v" (input)="setParam(kind, index, p.key, val($event))" [placeholder]="'auto.field.listHint' | t" [attr.data-testid]="id" />
              }
              @default {
                <input [value]="v" (input)="setParam(kind, index, p.key, val($event))" [attr.data-testid]="id" />
              }
            }
            @if (slot(prefix + '.' + p.key); as e) { <span class="err" [attr.data-testid]="'rule-error-' + id">{{ e }}</span> }
          </label>
        }
      </div>
    </ng-template>

    <ng-template #delay let-d="d" let-id="id" let-apply="apply" let-wh="wh">
      <div class="delay">
        <select (change)="apply({ unit: val($event) })" [attr.data-testid]="id + '-unit'" [attr.aria-label]="'auto.field.delayUnit' | t">
          @for (u of units; track u) {
            <option [value]="u" [selected]="u === d.unit">{{ unitName(u) }}</option>
          }
        </select>
        @if (d.unit !== 'none') {
          <input type="number" min="0" step="1" class="amount" [value]="d.amount" (input)="apply({ amount: val($event) })" [attr.data-testid]="id + '-amount'" [attr.aria-label]="'auto.field.amount' | t" />
        }
        <label class="inline">{{ 'auto.field.at' | t }} <input type="time" [value]="d.at" (input)="apply({ at: val($event) })" (change)="apply({ at: val($event) })" [attr.data-testid]="id + '-at'" /></label>
        @if (wh) {
          <label class="check"><input type="checkbox" [checked]="d.workingHoursOnly" (change)="apply({ workingHoursOnly: checked($event) })" [attr.data-testid]="id + '-working-hours'" />{{ 'auto.field.workingHoursOnly' | t }}</label>
        }
      </div>
    </ng-template>
  `,
  styles: `
    :host { display: block; }
    .head { display: flex; justify-content: space-between; align-items: center; gap: 12px; flex-wrap: wrap; }
    h3 { margin: 0; font-size: 18px; font-weight: 500; }
    .modes { display: inline-flex; border: 1px solid var(--mat-sys-outline); border-radius: 18px; overflow: hidden; }
    .modes button { font: inherit; border: 0; background: transparent; padding: 6px 16px; cursor: pointer; color: inherit; }
    .modes button.on { background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); font-weight: 500; }
    form { display: flex; flex-direction: column; gap: 12px; margin-top: 12px; }
    fieldset { border: 1px solid var(--mat-sys-outline-variant); border-radius: 8px; padding: 8px 16px 16px; display: flex; flex-direction: column; gap: 10px; margin: 0; min-width: 0; }
    legend { font-weight: 500; padding: 0 4px; }
    .grid2, .params { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 10px 16px; }
    .field { display: flex; flex-direction: column; gap: 4px; min-width: 0; }
    .field.wide { grid-column: 1 / -1; }
    .label { font-size: 13px; color: var(--mat-sys-on-surface-variant); }
    .hint { font-size: 12px; color: var(--mat-sys-on-surface-variant); }
    .err { font-size: 13px; color: var(--mat-sys-error); }
    .err.wide { grid-column: 1 / -1; }
    .bad { border-color: var(--mat-sys-error) !important; }
    input:not([type='checkbox']), select, textarea {
      font: inherit; padding: 7px 8px; border: 1px solid var(--mat-sys-outline-variant); border-radius: 4px; background: var(--mat-sys-surface);
      color: var(--mat-sys-on-surface); min-width: 0;
    }
    textarea.json { font-family: 'DejaVu Sans Mono', 'Liberation Mono', Consolas, monospace; font-size: 13px; line-height: 1.45; tab-size: 2; }
    .check { display: inline-flex; gap: 6px; align-items: center; }
    .checks { display: flex; flex-wrap: wrap; gap: 4px 14px; }
    .cond { display: grid; grid-template-columns: minmax(120px, 1fr) minmax(120px, 1fr) minmax(120px, 1.4fr) auto; gap: 8px; align-items: center; }
    .action { border-left: 3px solid var(--mat-sys-primary); padding: 4px 0 8px 12px; display: flex; flex-direction: column; gap: 8px; }
    .action-head { display: flex; gap: 8px; align-items: center; }
    .action-head .n { font-weight: 500; }
    .delay { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center; }
    .delay .amount { width: 90px; }
    .inline { display: inline-flex; gap: 6px; align-items: center; }
    .note { padding: 10px 14px; border-radius: 8px; background: var(--mat-sys-surface-container-high); margin: 12px 0 0; }
    .note.warn { background: var(--mat-sys-tertiary-container); color: var(--mat-sys-on-tertiary-container); }
    .note p { margin: 0 0 4px; }
    .note ul, .form-error ul, .dry ul { margin: 0; padding-left: 20px; }
    .form-error p { margin: 0 0 4px; }
    .form-error code, .note code { font-size: 12px; }
    pre.at { margin: 8px 0 0; font-size: 12px; white-space: pre; overflow-x: auto; }
    .buttons { display: flex; gap: 8px; }
    .muted { color: var(--mat-sys-on-surface-variant); margin: 0; }
    .dry { margin-top: 16px; }
    .dry .row { display: flex; gap: 8px; flex-wrap: wrap; }
    .dry .row select { min-width: 260px; }
    .dry-result p { margin: 4px 0; }
    .dry-result .sub { font-weight: 500; margin-top: 8px; }
    .ok { color: #1b6e2d; font-weight: 500; }
    .no { color: var(--mat-sys-error); }
    p.no { font-weight: 500; }
    @media (max-width: 720px) { .cond { grid-template-columns: 1fr 1fr; } }
  `,
})
export class RuleEditor implements OnInit {
  protected readonly i18n = inject(I18nService);
  private readonly api = inject(ApiService);
  private readonly session = inject(SessionService);

  /** The rule to edit; null for a new one. */
  readonly rule = input<RuleView | null>(null);
  readonly types = input<AutomationTypes>({ triggers: [], actions: [] });
  readonly pipelines = input<Pipeline[]>([]);
  readonly users = input<User[]>([]);
  readonly fields = input<FieldDef[]>([]);
  readonly saved = output<RuleView>();
  readonly closed = output<void>();

  protected readonly mode = signal<'form' | 'json'>('form');
  protected readonly form = signal<RuleForm>(emptyForm());
  protected readonly json = signal('');
  protected readonly jsonError = signal<JsonError | null>(null);
  protected readonly unsupported = signal<Unsupported[] | null>(null);
  protected readonly problems = signal<Problem[]>([]);
  private readonly message = signal<string | null>(null);
  protected readonly busy = signal(false);

  protected readonly deals = signal<Deal[]>([]);
  protected readonly dryDeal = signal('');
  protected readonly dry = signal<DryRun | null>(null);
  protected readonly dryBusy = signal(false);
  protected readonly dryError = signal<string | null>(null);

  protected readonly ops = CONDITION_OPS;
  protected readonly units: DelayForm['unit'][] = ['none', 'minutes', 'hours', 'days', 'businessDays'];
  protected readonly copyable = COPYABLE;

  protected readonly triggerTypes = computed(() => withCurrent(this.types().triggers, [this.form().trigger.type]));
  protected readonly actionTypes = computed(() => withCurrent(this.types().actions, this.form().actions.map((a) => a.type)));
  protected readonly conditionFields = computed(() => [...CONDITION_FIELDS, ...this.fields().map((f) => f.code)]);
  protected readonly setFields = computed(() => [
    ...BUILTIN_SET_FIELDS.map((code) => ({ code, name: this.paramLabel(code) })),
    ...this.fields().map((f) => ({ code: f.code, name: this.i18n.localized(f.name) })),
  ]);
  protected readonly assignees = computed(() => [
    { value: 'responsible', label: this.i18n.t('auto.who.responsible') },
    { value: 'department-head', label: this.i18n.t('auto.who.departmentHead') },
    ...ROLES.map((r) => ({ value: `role:${r}`, label: this.i18n.t('auto.who.role', { role: known(this.i18n, `auto.role.${r}`) ?? r }) })),
    ...this.users().map((u) => ({ value: `user:${u.id}`, label: u.name })),
  ]);
  protected readonly recipients = computed(() => [{ value: 'contact', label: this.i18n.t('auto.who.contact') }, ...this.assignees().filter((o) => o.value !== 'department-head')]);

  /** Problems placed next to a control of the form, by slot; the rest (and all, in JSON mode) are general. */
  private readonly placed = computed(() => {
    const bySlot: Record<string, string> = {};
    const rest: Problem[] = [];
    const form = this.mode() === 'form' ? this.form() : null;
    for (const p of this.problems()) {
      const slot = form ? formSlot(p.path, form) : null;
      const text = problemMessage(this.i18n, p.message);
      if (slot && !(slot in bySlot)) bySlot[slot] = text;
      else if (slot) bySlot[slot] += `; ${text}`;
      else rest.push({ path: p.path, message: text });
    }
    return { bySlot, rest };
  });

  protected readonly general = computed<Problem[]>(() => {
    const msg = this.message();
    return [...this.placed().rest, ...(msg ? [{ path: '', message: msg }] : [])];
  });

  /** The rule opens in the form when the form can show all of it, else as JSON with a note saying why. */
  ngOnInit(): void {
    const r = this.rule();
    if (!r) {
      const form = emptyForm();
      if (this.types().triggers.length && !this.types().triggers.includes(form.trigger.type)) form.trigger = emptyPart('trigger', this.types().triggers[0]);
      this.form.set(form);
      this.json.set(JSON.stringify(formToRule(form).rule, null, 2));
      return;
    }
    const def = definitionOf(r);
    this.json.set(JSON.stringify(def, null, 2));
    const res = ruleToForm(def);
    if (res.ok) this.form.set(res.form);
    else {
      this.unsupported.set(res.unsupported);
      this.mode.set('json');
    }
    void this.loadDeals(r);
  }

  // ---- form editing ----

  protected val(e: Event): string {
    return (e.target as HTMLInputElement).value;
  }

  protected checked(e: Event): boolean {
    return (e.target as HTMLInputElement).checked;
  }

  private edit(fn: (f: RuleForm) => void): void {
    const next = JSON.parse(JSON.stringify(this.form())) as RuleForm;
    fn(next);
    this.form.set(next);
  }

  protected set(key: 'name' | 'code' | 'enabled', value: string | boolean): void {
    this.edit((f) => ((f as unknown as Record<string, unknown>)[key] = value));
  }

  protected setTriggerType(type: string): void {
    this.edit((f) => {
      const next = emptyPart('trigger', type);
      // Keep the place when the new type has it too (stage entered → stage left).
      for (const k of ['pipeline', 'stage', 'field']) if (k in next.values && typeof f.trigger.values[k] === 'string') next.values[k] = f.trigger.values[k];
      f.trigger = next;
    });
  }

  protected setActionType(i: number, type: string): void {
    this.edit((f) => (f.actions[i] = emptyPart('action', type)));
  }

  private part(f: RuleForm, kind: 'trigger' | 'action', index: number): PartForm {
    return kind === 'trigger' ? f.trigger : f.actions[index];
  }

  protected setParam(kind: 'trigger' | 'action', index: number, key: string, value: string): void {
    this.edit((f) => {
      const part = this.part(f, kind, index);
      part.values[key] = value;
      if (key === 'pipeline' && 'stage' in part.values) part.values['stage'] = '';
    });
  }

  protected listHas(v: string, item: string): boolean {
    return (v ?? '').split(',').map((s) => s.trim()).includes(item);
  }

  protected toggleList(kind: 'trigger' | 'action', index: number, key: string, item: string, on: boolean): void {
    this.edit((f) => {
      const part = this.part(f, kind, index);
      const items = String(part.values[key] ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s && s !== item);
      if (on) items.push(item);
      part.values[key] = items.join(', ');
    });
  }

  protected delaySetter(): (change: Partial<DelayForm>) => void {
    return (change) => this.edit((f) => (f.delay = { ...f.delay, ...change }));
  }

  protected dueSetter(index: number, key: string): (change: Partial<DelayForm>) => void {
    return (change) =>
      this.edit((f) => {
        const current = f.actions[index].values[key];
        f.actions[index].values[key] = { ...(typeof current === 'object' ? current : emptyDelay()), ...change };
      });
  }

  protected addCondition(): void {
    this.edit((f) => f.conditions.push({ field: 'stage', op: 'eq', value: '', numeric: false }));
  }

  protected removeCondition(i: number): void {
    this.edit((f) => f.conditions.splice(i, 1));
  }

  protected setCondition(i: number, key: 'field' | 'op' | 'value', value: string): void {
    this.edit((f) => (f.conditions[i] = { ...f.conditions[i], [key]: value }));
  }

  protected addAction(): void {
    this.edit((f) => f.actions.push(emptyPart('action', this.actionTypes().includes('task.create') ? 'task.create' : this.actionTypes()[0])));
  }

  protected removeAction(i: number): void {
    this.edit((f) => f.actions.splice(i, 1));
  }

  // ---- modes ----

  /** JSON → form: only when the JSON parses and the form can show all of it. */
  toForm(): boolean {
    if (this.mode() === 'form') return true;
    const parsed = parseJson(this.json());
    if (!parsed.ok) {
      this.jsonError.set(parsed.error);
      return false;
    }
    const res = ruleToForm(parsed.value);
    if (!res.ok) {
      this.unsupported.set(res.unsupported);
      return false;
    }
    this.unsupported.set(null);
    this.form.set(res.form);
    this.mode.set('form');
    return true;
  }

  /** Form → JSON: always possible, unless a plugin type's JSON parameters do not parse. */
  toJson(): boolean {
    if (this.mode() === 'json') return true;
    const { rule, problems } = formToRule(this.form());
    if (problems.length) {
      this.problems.set(problems);
      return false;
    }
    this.json.set(JSON.stringify(rule, null, 2));
    this.jsonError.set(null);
    this.mode.set('json');
    return true;
  }

  protected setJson(text: string): void {
    this.json.set(text);
    if (this.jsonError()) {
      const parsed = parseJson(text);
      this.jsonError.set(parsed.ok ? null : parsed.error);
    }
  }

  protected jsonRows(): number {
    return Math.min(40, Math.max(8, this.json().split('\n').length + 1));
  }

  protected lineOf(n: number): string {
    return this.json().split('\n')[n - 1] ?? '';
  }

  protected caret(column: number): string {
    return `${' '.repeat(Math.max(0, column - 1))}^`;
  }

  // ---- saving ----

  async save(): Promise<void> {
    if (this.busy()) return;
    this.problems.set([]);
    this.message.set(null);
    let body: unknown;
    if (this.mode() === 'form') {
      const { rule, problems } = formToRule(this.form());
      if (problems.length) {
        this.problems.set(problems);
        return;
      }
      body = rule;
    } else {
      const parsed = parseJson(this.json());
      if (!parsed.ok) {
        this.jsonError.set(parsed.error);
        return;
      }
      this.jsonError.set(null);
      body = parsed.value;
    }
    this.busy.set(true);
    try {
      const r = this.rule();
      const saved = r ? await this.api.patch<RuleView>(`/automations/${r.id}`, body) : await this.api.post<RuleView>('/automations', body);
      this.saved.emit(saved);
    } catch (err) {
      this.showError(err);
    } finally {
      this.busy.set(false);
    }
  }

  /** The API's error: problems by path (placed in the form, or listed), else one message. */
  showError(err: unknown): void {
    if (err instanceof ApiError && err.details.length && Object.keys(err.fieldErrors).length) {
      const problems: Problem[] = [];
      for (const d of err.details) {
        const field = (d as { field?: unknown })?.field;
        if (typeof field !== 'string') continue;
        const msg = (d as { message?: unknown }).message;
        problems.push({ path: field, message: typeof msg === 'string' && msg ? msg : err.code === 'code_taken' ? this.i18n.t('auto.msg.codeTaken') : err.message });
      }
      this.problems.set(problems);
      return;
    }
    this.message.set(errorText(this.i18n, err));
  }

  protected slot(key: string): string | null {
    return this.placed().bySlot[key] ?? null;
  }

  protected pathWords(path: string): string {
    const parsed = this.mode() === 'json' ? parseJson(this.json()) : { ok: true as const, value: formToRule(this.form()).rule };
    return pathText(this.i18n, path, parsed.ok ? (parsed.value as Partial<RuleDefinition>) : null);
  }

  protected unsupportedText(u: Unsupported): string {
    return known(this.i18n, `auto.unsupported.${u.why}`) ?? u.why;
  }

  protected unitName(u: string): string {
    return known(this.i18n, `auto.unit.${u}`) ?? u;
  }

  // ---- words and options ----

  protected specs(kind: 'trigger' | 'action', type: string): ParamSpec[] {
    return paramsOf(kind, type);
  }

  protected testId(prefix: string, key: string): string {
    return `${prefix.replace('.', '-')}-${key === '*' ? 'json' : key}`;
  }

  protected triggerName(t: string): string {
    return triggerTypeName(this.i18n, t);
  }

  protected actionName(t: string): string {
    return actionTypeName(this.i18n, t);
  }

  protected paramLabel(key: string): string {
    return paramName(this.i18n, key);
  }

  protected opName(op: string): string {
    return known(this.i18n, `auto.op.${op}`) ?? op;
  }

  protected hasPipeline(ref: string): boolean {
    return this.pipelines().some((p) => p.code === ref || p.id === ref);
  }

  protected stagesOf(pipeline: unknown): { value: string; id: string; label: string }[] {
    const list = pipeline ? this.pipelines().filter((p) => p.code === pipeline || p.id === pipeline) : this.pipelines();
    return list.flatMap((p) =>
      p.stages.map((s) => ({ value: s.code, id: s.id, label: pipeline ? this.i18n.localized(s.name) : `${this.i18n.localized(p.name)}: ${this.i18n.localized(s.name)}` })),
    );
  }

  protected hasStage(pipeline: unknown, ref: string): boolean {
    return this.stagesOf(pipeline).some((s) => s.value === ref || s.id === ref);
  }

  protected hasOption(list: { value: string }[], v: string): boolean {
    return list.some((o) => o.value === v);
  }

  protected reason(r: string): string {
    return reasonText(this.i18n, r);
  }

  protected when(iso: string | null): string {
    return dateTime(this.i18n, iso, this.session.me()?.portal?.timezone);
  }

  protected scheduledText(d: DryRun): string {
    return this.i18n.list(d.scheduled.map((s) => this.when(s.dueAt)));
  }

  protected show(v: unknown): string {
    if (v === undefined) return '';
    return typeof v === 'string' ? v : JSON.stringify(v);
  }

  // ---- dry run ----

  private async loadDeals(r: RuleView): Promise<void> {
    const pipeline = typeof r.trigger['pipeline'] === 'string' ? `&pipeline=${encodeURIComponent(r.trigger['pipeline'])}` : '';
    try {
      this.deals.set(itemsOf(await this.api.get<Page<Deal> | Deal[]>(`/deals?limit=100${pipeline}`)));
    } catch (err) {
      this.dryError.set(errorText(this.i18n, err));
    }
  }

  async dryRun(id: string): Promise<void> {
    if (this.dryBusy() || !this.dryDeal()) return;
    this.dryBusy.set(true);
    this.dryError.set(null);
    this.dry.set(null);
    try {
      this.dry.set(await this.api.post<DryRun>(`/automations/${id}/dry-run`, { dealId: this.dryDeal() }));
    } catch (err) {
      const field = err instanceof ApiError ? err.fieldErrors['dealId'] : undefined;
      this.dryError.set(field ? this.i18n.t('auto.dry.badDeal') : errorText(this.i18n, err));
    } finally {
      this.dryBusy.set(false);
    }
  }
}

function withCurrent(list: string[], current: string[]): string[] {
  const out = [...list];
  for (const c of current) if (c && !out.includes(c)) out.push(c);
  return out;
}
