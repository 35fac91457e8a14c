import { Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { PORTAL_HOST, pluginWords } from '@portal/portal-kit';
import { bodyOf, draftOf, emptyChoice, emptyDraft, emptyLesson, emptyQuestion, emptyTest, isInside, moved, newKey, pathLabel, withSingleCorrect } from './course-form';
import type { ChoiceDraft, CourseDraft, EditableCourse, LessonDraft, QuestionDraft, TestDraft } from './course-form';
import { TrIcon } from './icon';
import { TrMaterial } from './material.component';
import { queryParams } from './route-params';
import { SHARED_STYLES } from './styles';
import { AUTHORING_ROUTE, COURSE_ROUTE, EDIT_ROUTE, PORTAL_ROLES, courseParams, errorStatus } from './training';
import type { Pipeline } from './training';
import { WORDS, fieldTexts, roleLabel, sourceLabel } from './words';

/**
 * The admin's course editor: title, summary and roles; lessons (Markdown material with a preview, video,
 * attachments, the pipeline stages a lesson helps with); tests with their questions and choices — added, removed,
 * reordered — saved in one request. The API's 400 names fields by path (`lessons[1].title`): each message
 * shows under that input, and all of them are listed on top.
 */
@Component({
  selector: 'tr-edit-page',
  imports: [NgTemplateOutlet, RouterLink, MatButtonModule, MatProgressBarModule, TrIcon, TrMaterial],
  template: `
    <a class="back" [routerLink]="authoringRoute" data-testid="tr-back-authoring"><tr-icon name="left" [size]="18" />{{ t('backToAuthoring') }}</a>
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" />
    }
    @if (notFound()) {
      <div class="empty" data-testid="tr-edit-missing">{{ t('courseMissing') }}</div>
    } @else {
      <form class="editor" (submit)="$event.preventDefault(); save()" novalidate data-testid="tr-editor">
        <div class="head">
          <h2 data-testid="tr-edit-heading">{{ courseId() ? savedTitle() || t('editCourse') : t('newCourse') }}</h2>
          @if (source(); as s) {
            <span class="chip" [class.info]="s !== 'portal'">{{ sourceText(s) }}</span>
          }
        </div>

        @if (general(); as message) {
          <p class="form-error" role="alert" data-testid="tr-edit-error">{{ message }}</p>
        }
        @if (errorList().length) {
          <div class="error-list" role="alert" data-testid="tr-edit-errors">
            <strong>{{ t('fixErrors') }}</strong>
            <ul>
              @for (e of errorList(); track e.path) {
                <li><span class="where">{{ e.label }}:</span> {{ e.message }}</li>
              }
            </ul>
          </div>
        }

        <section class="panel block">
          <label class="field">
            <span class="label">{{ t('fieldTitle') }}</span>
            <input [value]="draft().title" (input)="setCourse({ title: $any($event.target).value }, 'title')" [class.invalid]="!!err('title')" maxlength="200" data-testid="tr-edit-title" />
            <ng-container *ngTemplateOutlet="fieldError; context: { $implicit: 'title' }" />
          </label>
          <label class="field">
            <span class="label">{{ t('fieldSummary') }}</span>
            <textarea rows="2" [value]="draft().summary" (input)="setCourse({ summary: $any($event.target).value }, 'summary')" [class.invalid]="!!err('summary')" data-testid="tr-edit-summary"></textarea>
            <ng-container *ngTemplateOutlet="fieldError; context: { $implicit: 'summary' }" />
          </label>
          <div class="field">
            <span class="label">{{ t('fieldRoles') }}</span>
            <div class="roles" data-testid="tr-edit-roles">
              @for (r of roles; track r) {
                <label class="role-chip" [class.on]="draft().roles.includes(r)">
                  <input type="checkbox" [checked]="draft().roles.includes(r)" (change)="toggleRole(r, $any($event.target).checked)" [attr.data-testid]="'tr-edit-role-' + r" />
                  {{ roleName(r) }}
                </label>
              }
            </div>
            <span class="label">{{ t('rolesHint') }}</span>
            @for (e of errorsUnder('roles'); track e.path) {
              <span class="field-error" [attr.data-testid]="'tr-error-' + e.path">{{ e.message }}</span>
            }
          </div>
        </section>

        <div class="section-head">
          <h3>{{ t('lessons') }} <span class="count">{{ draft().lessons.length }}</span></h3>
          <button mat-stroked-button type="button" (click)="addLesson()" data-testid="tr-edit-add-lesson"><tr-icon name="add" /><span>{{ t('addLesson') }}</span></button>
        </div>
        <ng-container *ngTemplateOutlet="fieldError; context: { $implicit: 'lessons' }" />
        @for (l of draft().lessons; track l.key; let i = $index, first = $first, last = $last) {
          <section class="panel block item" [class.has-error]="hasErrorIn('lessons[' + i + ']')" [attr.data-testid]="'tr-edit-lesson-' + i">
            <div class="item-head">
              <button type="button" class="fold" (click)="toggleFold(l.key)" [attr.aria-expanded]="!folded(l.key)">
                <tr-icon [name]="folded(l.key) ? 'right' : 'down'" [size]="18" />
                <strong>{{ t('lessonN', { n: i + 1 }) }}</strong>
                <span class="muted item-title">{{ l.title }}</span>
              </button>
              <span class="spacer"></span>
              <button mat-icon-button type="button" [disabled]="first" (click)="moveLesson(i, -1)" [attr.aria-label]="t('moveUp')" [attr.data-testid]="'tr-edit-lesson-up-' + i"><tr-icon name="up" /></button>
              <button mat-icon-button type="button" [disabled]="last" (click)="moveLesson(i, 1)" [attr.aria-label]="t('moveDown')" [attr.data-testid]="'tr-edit-lesson-down-' + i"><tr-icon name="down" /></button>
              <button mat-icon-button class="danger" type="button" (click)="removeLesson(i)" [attr.aria-label]="t('remove')" [attr.data-testid]="'tr-edit-lesson-remove-' + i"><tr-icon name="delete" /></button>
            </div>
            <ng-container *ngTemplateOutlet="fieldError; context: { $implicit: 'lessons[' + i + ']' }" />
            @if (!folded(l.key)) {
              <label class="field">
                <span class="label">{{ t('fieldTitle') }}</span>
                <input [value]="l.title" (input)="setLesson(l.key, { title: $any($event.target).value }, 'lessons[' + i + '].title')" [class.invalid]="!!err('lessons[' + i + '].title')" [attr.data-testid]="'tr-edit-lesson-title-' + i" />
                <ng-container *ngTemplateOutlet="fieldError; context: { $implicit: 'lessons[' + i + '].title' }" />
              </label>
              <div class="field">
                <div class="tabs">
                  <span class="label">{{ t('fieldMaterial') }}</span>
                  <span class="spacer"></span>
                  <button type="button" class="tab" [class.on]="!previewing(l.key)" (click)="setPreview(l.key, false)">{{ t('write') }}</button>
                  <button type="button" class="tab" [class.on]="previewing(l.key)" (click)="setPreview(l.key, true)" [attr.data-testid]="'tr-edit-preview-' + i">{{ t('preview') }}</button>
                </div>
                @if (previewing(l.key)) {
                  <tr-material class="preview" [markdown]="l.material" [attr.data-testid]="'tr-edit-preview-body-' + i" />
                } @else {
                  <textarea rows="8" class="md" [value]="l.material" (input)="setLesson(l.key, { material: $any($event.target).value }, 'lessons[' + i + '].material')" [class.invalid]="!!err('lessons[' + i + '].material')" [placeholder]="t('materialPlaceholder')" [attr.data-testid]="'tr-edit-lesson-material-' + i"></textarea>
                }
                <span class="label">{{ t('markdownHint') }}</span>
                <ng-container *ngTemplateOutlet="fieldError; context: { $implicit: 'lessons[' + i + '].material' }" />
              </div>
              <label class="field">
                <span class="label">{{ t('fieldVideo') }}</span>
                <input type="url" [value]="l.videoUrl" (input)="setLesson(l.key, { videoUrl: $any($event.target).value }, 'lessons[' + i + '].videoUrl')" [class.invalid]="!!err('lessons[' + i + '].videoUrl')" placeholder="https://www.youtube.com/watch?v=…" [attr.data-testid]="'tr-edit-lesson-video-' + i" />
                <span class="label">{{ t('videoHint') }}</span>
                <ng-container *ngTemplateOutlet="fieldError; context: { $implicit: 'lessons[' + i + '].videoUrl' }" />
              </label>

              <div class="sub">
                <span class="label">{{ t('attachments') }}</span>
                @for (a of l.attachments; track a.key; let j = $index) {
                  <div class="line">
                    <input [value]="a.name" (input)="setAttachment(l.key, a.key, { name: $any($event.target).value }, 'lessons[' + i + '].attachments[' + j + '].name')" [placeholder]="t('fieldName')" [class.invalid]="!!err('lessons[' + i + '].attachments[' + j + '].name')" [attr.data-testid]="'tr-edit-att-name-' + i + '-' + j" />
                    <input class="wide" type="url" [value]="a.url" (input)="setAttachment(l.key, a.key, { url: $any($event.target).value }, 'lessons[' + i + '].attachments[' + j + '].url')" placeholder="https://…" [class.invalid]="!!err('lessons[' + i + '].attachments[' + j + '].url')" [attr.data-testid]="'tr-edit-att-url-' + i + '-' + j" />
                    <button mat-icon-button type="button" (click)="removeAttachment(l.key, a.key)" [attr.aria-label]="t('remove')"><tr-icon name="close" /></button>
                  </div>
                  <ng-container *ngTemplateOutlet="fieldErrors; context: { $implicit: ['lessons[' + i + '].attachments[' + j + ']', 'lessons[' + i + '].attachments[' + j + '].name', 'lessons[' + i + '].attachments[' + j + '].url'] }" />
                }
                <button mat-button type="button" class="add" (click)="addAttachment(l.key)" [attr.data-testid]="'tr-edit-add-att-' + i"><tr-icon name="attach" [size]="18" /><span>{{ t('addAttachment') }}</span></button>
              </div>

              <div class="sub">
                <span class="label">{{ t('helpForTitle') }}</span>
                <span class="label hint">{{ t('helpForHint') }}</span>
                @for (h of l.helpFor; track h.key; let j = $index) {
                  <div class="line">
                    <select [class.invalid]="!!err('lessons[' + i + '].helpFor[' + j + '].pipeline')" (change)="setHelp(l.key, h.key, { pipeline: $any($event.target).value, stage: '' }, 'lessons[' + i + '].helpFor[' + j + '].pipeline')" [attr.data-testid]="'tr-edit-help-pipeline-' + i + '-' + j">
                      <option value="">{{ t('choosePipeline') }}</option>
                      @for (p of pipelines(); track p.id) {
                        <option [value]="p.code" [selected]="p.code === h.pipeline || p.id === h.pipeline">{{ host.localized(p.name) }}</option>
                      }
                    </select>
                    <select [class.invalid]="!!err('lessons[' + i + '].helpFor[' + j + '].stage')" (change)="setHelp(l.key, h.key, { stage: $any($event.target).value }, 'lessons[' + i + '].helpFor[' + j + '].stage')" [attr.data-testid]="'tr-edit-help-stage-' + i + '-' + j">
                      <option value="">{{ t('chooseStage') }}</option>
                      @for (s of stagesOf(h.pipeline); track s.id) {
                        <option [value]="s.code" [selected]="s.code === h.stage || s.id === h.stage">{{ host.localized(s.name) }}</option>
                      }
                    </select>
                    <button mat-icon-button type="button" (click)="removeHelp(l.key, h.key)" [attr.aria-label]="t('remove')"><tr-icon name="close" /></button>
                  </div>
                  <ng-container *ngTemplateOutlet="fieldErrors; context: { $implicit: ['lessons[' + i + '].helpFor[' + j + ']', 'lessons[' + i + '].helpFor[' + j + '].pipeline', 'lessons[' + i + '].helpFor[' + j + '].stage'] }" />
                }
                <button mat-button type="button" class="add" (click)="addHelp(l.key)" [attr.data-testid]="'tr-edit-add-help-' + i"><tr-icon name="link" [size]="18" /><span>{{ t('addHelpFor') }}</span></button>
              </div>
            }
          </section>
        }

        <div class="section-head">
          <h3>{{ t('tests') }} <span class="count">{{ draft().tests.length }}</span></h3>
          <button mat-stroked-button type="button" (click)="addTest()" data-testid="tr-edit-add-test"><tr-icon name="add" /><span>{{ t('addTest') }}</span></button>
        </div>
        <ng-container *ngTemplateOutlet="fieldError; context: { $implicit: 'tests' }" />
        @if (!draft().tests.length) {
          <p class="muted small">{{ t('noTestsHint') }}</p>
        }
        @for (x of draft().tests; track x.key; let i = $index, first = $first, last = $last) {
          <section class="panel block item" [class.has-error]="hasErrorIn('tests[' + i + ']')" [attr.data-testid]="'tr-edit-test-' + i">
            <div class="item-head">
              <button type="button" class="fold" (click)="toggleFold(x.key)" [attr.aria-expanded]="!folded(x.key)">
                <tr-icon [name]="folded(x.key) ? 'right' : 'down'" [size]="18" />
                <strong>{{ t('testN', { n: i + 1 }) }}</strong>
                <span class="muted item-title">{{ x.title }}</span>
              </button>
              <span class="spacer"></span>
              <button mat-icon-button type="button" [disabled]="first" (click)="moveTest(i, -1)" [attr.aria-label]="t('moveUp')"><tr-icon name="up" /></button>
              <button mat-icon-button type="button" [disabled]="last" (click)="moveTest(i, 1)" [attr.aria-label]="t('moveDown')"><tr-icon name="down" /></button>
              <button mat-icon-button class="danger" type="button" (click)="removeTest(i)" [attr.aria-label]="t('remove')" [attr.data-testid]="'tr-edit-test-remove-' + i"><tr-icon name="delete" /></button>
            </div>
            <ng-container *ngTemplateOutlet="fieldError; context: { $implicit: 'tests[' + i + ']' }" />
            @if (!folded(x.key)) {
              <label class="field">
                <span class="label">{{ t('fieldTitle') }}</span>
                <input [value]="x.title" (input)="setTest(x.key, { title: $any($event.target).value }, 'tests[' + i + '].title')" [class.invalid]="!!err('tests[' + i + '].title')" [attr.data-testid]="'tr-edit-test-title-' + i" />
                <ng-container *ngTemplateOutlet="fieldError; context: { $implicit: 'tests[' + i + '].title' }" />
              </label>
              <div class="grid3">
                <label class="field">
                  <span class="label">{{ t('fieldPassPct') }}</span>
                  <input type="number" min="1" max="100" [value]="x.passPct" (input)="setTest(x.key, { passPct: $any($event.target).value }, 'tests[' + i + '].passPct')" [class.invalid]="!!err('tests[' + i + '].passPct')" [attr.data-testid]="'tr-edit-test-pass-' + i" />
                  <ng-container *ngTemplateOutlet="fieldError; context: { $implicit: 'tests[' + i + '].passPct' }" />
                </label>
                <label class="field">
                  <span class="label">{{ t('fieldAttempts') }}</span>
                  <input type="number" min="1" [value]="x.attempts" (input)="setTest(x.key, { attempts: $any($event.target).value }, 'tests[' + i + '].attempts')" [placeholder]="t('unlimited')" [class.invalid]="!!err('tests[' + i + '].attempts')" [attr.data-testid]="'tr-edit-test-attempts-' + i" />
                  <ng-container *ngTemplateOutlet="fieldError; context: { $implicit: 'tests[' + i + '].attempts' }" />
                </label>
                <label class="field">
                  <span class="label">{{ t('fieldTimeLimit') }}</span>
                  <input type="number" min="1" max="600" [value]="x.timeLimitMinutes" (input)="setTest(x.key, { timeLimitMinutes: $any($event.target).value }, 'tests[' + i + '].timeLimitMinutes')" [placeholder]="t('noLimit')" [class.invalid]="!!err('tests[' + i + '].timeLimitMinutes')" [attr.data-testid]="'tr-edit-test-time-' + i" />
                  <ng-container *ngTemplateOutlet="fieldError; context: { $implicit: 'tests[' + i + '].timeLimitMinutes' }" />
                </label>
              </div>

              <ng-container *ngTemplateOutlet="fieldError; context: { $implicit: 'tests[' + i + '].questions' }" />
              <ol class="questions">
                @for (q of x.questions; track q.key; let j = $index, qFirst = $first, qLast = $last) {
                  <li class="question" [class.has-error]="hasErrorIn('tests[' + i + '].questions[' + j + ']')" [attr.data-testid]="'tr-edit-q-' + i + '-' + j">
                    <div class="item-head">
                      <strong class="q-num">{{ t('questionN', { n: j + 1 }) }}</strong>
                      <label class="check small">
                        <input type="checkbox" [checked]="q.multiple" (change)="setMultiple(x.key, q.key, $any($event.target).checked)" [attr.data-testid]="'tr-edit-q-multiple-' + i + '-' + j" />
                        {{ t('severalCorrect') }}
                      </label>
                      <span class="spacer"></span>
                      <button mat-icon-button type="button" [disabled]="qFirst" (click)="moveQuestion(x.key, j, -1)" [attr.aria-label]="t('moveUp')"><tr-icon name="up" /></button>
                      <button mat-icon-button type="button" [disabled]="qLast" (click)="moveQuestion(x.key, j, 1)" [attr.aria-label]="t('moveDown')"><tr-icon name="down" /></button>
                      <button mat-icon-button class="danger" type="button" (click)="removeQuestion(x.key, q.key)" [attr.aria-label]="t('remove')" [attr.data-testid]="'tr-edit-q-remove-' + i + '-' + j"><tr-icon name="delete" /></button>
                    </div>
                    <textarea rows="2" [value]="q.text" (input)="setQuestion(x.key, q.key, { text: $any($event.target).value }, 'tests[' + i + '].questions[' + j + '].text')" [placeholder]="t('questionText')" [class.invalid]="!!err('tests[' + i + '].questions[' + j + '].text')" [attr.data-testid]="'tr-edit-q-text-' + i + '-' + j"></textarea>
                    <ng-container *ngTemplateOutlet="fieldErrors; context: { $implicit: ['tests[' + i + '].questions[' + j + ']', 'tests[' + i + '].questions[' + j + '].text'] }" />
                    <div class="choices">
                      <span class="label">{{ q.multiple ? t('markCorrectSeveral') : t('markCorrectOne') }}</span>
                      @for (c of q.choices; track c.key; let k = $index) {
                        <div class="line choice">
                          <input
                            [type]="q.multiple ? 'checkbox' : 'radio'"
                            [name]="'correct-' + q.key"
                            [checked]="c.correct"
                            (change)="markCorrect(x.key, q, c, $any($event.target).checked, 'tests[' + i + '].questions[' + j + '].choices')"
                            [attr.aria-label]="t('fieldCorrect')"
                            [attr.data-testid]="'tr-edit-c-correct-' + i + '-' + j + '-' + k"
                          />
                          <input class="wide" [value]="c.text" (input)="setChoice(x.key, q.key, c.key, { text: $any($event.target).value }, 'tests[' + i + '].questions[' + j + '].choices[' + k + '].text')" [placeholder]="t('choiceN', { n: k + 1 })" [class.invalid]="!!err('tests[' + i + '].questions[' + j + '].choices[' + k + '].text')" [attr.data-testid]="'tr-edit-c-text-' + i + '-' + j + '-' + k" />
                          <button mat-icon-button type="button" (click)="removeChoice(x.key, q.key, c.key)" [disabled]="q.choices.length <= 2" [attr.aria-label]="t('remove')"><tr-icon name="close" /></button>
                        </div>
                        <ng-container *ngTemplateOutlet="fieldErrors; context: { $implicit: ['tests[' + i + '].questions[' + j + '].choices[' + k + ']', 'tests[' + i + '].questions[' + j + '].choices[' + k + '].text'] }" />
                      }
                      <ng-container *ngTemplateOutlet="fieldError; context: { $implicit: 'tests[' + i + '].questions[' + j + '].choices' }" />
                      <button mat-button type="button" class="add" (click)="addChoice(x.key, q.key)" [attr.data-testid]="'tr-edit-add-choice-' + i + '-' + j"><tr-icon name="add" [size]="18" /><span>{{ t('addChoice') }}</span></button>
                    </div>
                  </li>
                }
              </ol>
              <button mat-stroked-button type="button" (click)="addQuestion(x.key)" [attr.data-testid]="'tr-edit-add-q-' + i"><tr-icon name="add" /><span>{{ t('addQuestion') }}</span></button>
            }
          </section>
        }

        <div class="savebar">
          @if (saved()) {
            <span class="saved" data-testid="tr-edit-saved"><tr-icon name="check" [size]="18" />{{ t('saved') }}</span>
          } @else if (dirty()) {
            <span class="muted small">{{ t('unsaved') }}</span>
          }
          <span class="spacer"></span>
          @if (courseId()) {
            <a mat-button [routerLink]="courseRoute" [queryParams]="viewLink()" data-testid="tr-edit-view">{{ t('view') }}</a>
          }
          <a mat-button [routerLink]="authoringRoute">{{ t('cancel') }}</a>
          <button mat-flat-button type="submit" [disabled]="saving() || loading()" data-testid="tr-edit-save">{{ saving() ? t('saving') : t('save') }}</button>
        </div>
      </form>
    }

    <ng-template #fieldError let-path>
      @if (err(path); as m) {
        <span class="field-error" [attr.data-testid]="'tr-error-' + path">{{ m }}</span>
      }
    </ng-template>
    <ng-template #fieldErrors let-paths>
      @for (p of paths; track p) {
        @if (err(p); as m) {
          <span class="field-error" [attr.data-testid]="'tr-error-' + p">{{ m }}</span>
        }
      }
    </ng-template>
  `,
  styles: [
    SHARED_STYLES,
    `
    .editor { display: flex; flex-direction: column; gap: 12px; max-width: 960px; }
    .head { display: flex; flex-wrap: wrap; align-items: center; gap: 12px; }
    .head h2 { margin: 0; }
    .block { display: flex; flex-direction: column; gap: 12px; }
    .item.has-error { border-color: var(--mat-sys-error); }
    .section-head { display: flex; align-items: center; justify-content: space-between; gap: 12px; margin-top: 12px; }
    .section-head h3 { margin: 0; display: flex; align-items: center; gap: 8px; font-size: 18px; font-weight: 500; }
    .count { font-size: 12px; padding: 0 8px; border-radius: 10px; background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); }
    .item-head { display: flex; align-items: center; gap: 4px; min-height: 40px; }
    .fold { display: inline-flex; align-items: center; gap: 8px; border: 0; background: none; padding: 4px; font: inherit; color: inherit; cursor: pointer; min-width: 0; text-align: left; }
    .item-title { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 420px; }
    .roles { display: flex; flex-wrap: wrap; gap: 8px; }
    .role-chip { display: inline-flex; align-items: center; gap: 6px; padding: 4px 12px; border-radius: 16px; border: 1px solid var(--mat-sys-outline-variant); cursor: pointer; font-size: 14px; }
    .role-chip.on { background: var(--mat-sys-secondary-container); border-color: transparent; color: var(--mat-sys-on-secondary-container); }
    .tabs { display: flex; align-items: center; gap: 4px; }
    .tab { font: inherit; font-size: 13px; border: 0; background: none; padding: 4px 10px; border-radius: 12px; cursor: pointer; color: var(--mat-sys-on-surface-variant); }
    .tab.on { background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); font-weight: 500; }
    .md { font-family: ui-monospace, 'Liberation Mono', monospace; font-size: 13px; min-height: 140px; }
    .preview { min-height: 140px; padding: 8px 12px; border: 1px dashed var(--mat-sys-outline-variant); border-radius: 6px; }
    .sub { display: flex; flex-direction: column; gap: 6px; padding-top: 8px; border-top: 1px solid var(--mat-sys-outline-variant); }
    .hint { margin-top: -4px; }
    .line { display: flex; align-items: center; gap: 8px; }
    .line > input, .line > select { flex: 1 1 160px; }
    .line > .wide { flex: 3 1 240px; }
    .add { align-self: flex-start; }
    .grid3 { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 12px; }
    .questions { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 10px; }
    .question { display: flex; flex-direction: column; gap: 8px; padding: 12px; border-radius: 10px; background: var(--mat-sys-surface-container-low, #f5f5fa); }
    .question.has-error { outline: 1px solid var(--mat-sys-error); }
    .q-num { margin-right: 12px; }
    .choices { display: flex; flex-direction: column; gap: 6px; }
    .choice > input[type='radio'], .choice > input[type='checkbox'] { width: 18px; height: 18px; flex: none; accent-color: #2e7d32; }
    .error-list { padding: 12px 16px; border-radius: 8px; background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); font-size: 14px; }
    .error-list ul { margin: 6px 0 0; padding-left: 20px; }
    .where { font-weight: 500; }
    .savebar { position: sticky; bottom: 0; z-index: 4; display: flex; flex-wrap: wrap; align-items: center; gap: 8px; padding: 12px 16px; margin-top: 8px;
      border-radius: 12px 12px 0 0; background: var(--mat-sys-surface-container, #eceef4); box-shadow: 0 -1px 4px rgb(0 0 0 / 8%); }
    .saved { display: inline-flex; align-items: center; gap: 4px; color: #1e6b32; font-size: 14px; }
    @media (max-width: 600px) {
      .line { flex-wrap: wrap; }
      .item-title { max-width: 140px; }
    }
    `,
  ],
})
export class EditPage {
  protected readonly host = inject(PORTAL_HOST);
  protected readonly t = pluginWords(this.host, WORDS);
  private readonly router = inject(Router);
  private readonly query = queryParams();
  protected readonly authoringRoute = AUTHORING_ROUTE;
  protected readonly courseRoute = COURSE_ROUTE;
  protected readonly roles = PORTAL_ROLES;

  protected readonly courseId = computed(() => this.query().get('id') ?? '');
  protected readonly viewLink = computed(() => courseParams(this.courseId()));
  protected readonly draft = signal<CourseDraft>(emptyDraft());
  protected readonly source = signal<string | null>(null);
  /** The course's title as saved (the page's own title says "Edit course"). */
  protected readonly savedTitle = signal('');
  protected readonly pipelines = signal<Pipeline[]>([]);
  protected readonly loading = signal(false);
  protected readonly saving = signal(false);
  protected readonly saved = signal(false);
  protected readonly dirty = signal(false);
  protected readonly notFound = signal(false);
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly general = signal<string | null>(null);
  private readonly foldedKeys = signal<ReadonlySet<string>>(new Set());
  private readonly previewKeys = signal<ReadonlySet<string>>(new Set());
  /** The course this page holds: saving a new one changes the query to its id without loading it again. */
  private heldId = '';

  protected readonly errorList = computed(() =>
    Object.entries(this.errors()).map(([path, message]) => ({ path, message, label: pathLabel(path, this.t) })),
  );

  constructor() {
    effect(() => {
      const id = this.courseId();
      untracked(() => {
        if (id !== this.heldId) void this.load(id);
      });
    });
    this.host.get<Pipeline[] | { items: Pipeline[] }>('/pipelines').then(
      (res) => this.pipelines.set(Array.isArray(res) ? res : (res.items ?? [])),
      () => undefined,
    );
  }

  async load(id: string): Promise<void> {
    this.heldId = id;
    this.errors.set({});
    this.general.set(null);
    this.notFound.set(false);
    this.saved.set(false);
    this.dirty.set(false);
    if (!id) {
      this.draft.set(emptyDraft());
      this.source.set(null);
      this.savedTitle.set('');
      return;
    }
    this.loading.set(true);
    try {
      const course = await this.host.get<EditableCourse>(`/training/courses/${encodeURIComponent(id)}/edit`);
      if (id !== this.heldId) return;
      this.draft.set(draftOf(course));
      this.source.set(course.source ?? null);
      this.savedTitle.set(course.title ?? '');
    } catch (err) {
      if (errorStatus(err) === 404) this.notFound.set(true);
      else this.general.set(this.host.errorText(err));
    } finally {
      this.loading.set(false);
    }
  }

  async save(): Promise<void> {
    if (this.saving()) return;
    this.saving.set(true);
    this.saved.set(false);
    this.errors.set({});
    this.general.set(null);
    const id = this.courseId();
    try {
      const body = bodyOf(this.draft());
      const course = id
        ? await this.host.put<EditableCourse>(`/training/courses/${encodeURIComponent(id)}`, body)
        : await this.host.post<EditableCourse>('/training/courses', body);
      this.foldedKeys.set(new Set());
      this.previewKeys.set(new Set());
      if (course?.lessons) this.draft.set(draftOf(course));
      this.source.set(course?.source ?? this.source());
      this.savedTitle.set(course?.title ?? this.draft().title);
      this.saved.set(true);
      this.dirty.set(false);
      if (!id && course?.id) {
        this.heldId = course.id;
        await this.router.navigate([EDIT_ROUTE], { queryParams: { id: course.id }, replaceUrl: true });
      }
    } catch (err) {
      const fields = fieldTexts(this.t, this.host.fieldErrors(err));
      if (Object.keys(fields).length) {
        this.errors.set(fields);
        // Folded parts that hold an error open up.
        const d = this.draft();
        const withErrors = new Set<string>();
        d.lessons.forEach((l, i) => Object.keys(fields).some((p) => isInside(p, `lessons[${i}]`)) && withErrors.add(l.key));
        d.tests.forEach((x, i) => Object.keys(fields).some((p) => isInside(p, `tests[${i}]`)) && withErrors.add(x.key));
        this.foldedKeys.update((s) => new Set([...s].filter((k) => !withErrors.has(k))));
        this.previewKeys.update((s) => new Set([...s].filter((k) => !withErrors.has(k))));
      } else {
        this.general.set(this.host.errorText(err));
      }
    } finally {
      this.saving.set(false);
    }
  }

  // ---- errors ----------------------------------------------------------------------------------------------

  protected err(path: string): string | null {
    return this.errors()[path] ?? null;
  }

  /** Every message at a path or under it (`roles` holds `roles[2]`). */
  protected errorsUnder(prefix: string): { path: string; message: string }[] {
    return this.errorList().filter((e) => isInside(e.path, prefix));
  }

  protected hasErrorIn(prefix: string): boolean {
    return Object.keys(this.errors()).some((p) => isInside(p, prefix));
  }

  private edited(path?: string): void {
    this.dirty.set(true);
    this.saved.set(false);
    if (path && this.errors()[path]) {
      this.errors.update((all) => {
        const rest = { ...all };
        delete rest[path];
        return rest;
      });
    }
  }

  /** Adding, removing or moving rows shifts the indexes the API's paths name: its messages no longer fit. */
  private reshaped(): void {
    this.dirty.set(true);
    this.saved.set(false);
    this.errors.set({});
  }

  // ---- folding and preview ---------------------------------------------------------------------------------

  protected folded(key: string): boolean {
    return this.foldedKeys().has(key);
  }

  protected toggleFold(key: string): void {
    this.foldedKeys.update((s) => toggled(s, key, !s.has(key)));
  }

  protected previewing(key: string): boolean {
    return this.previewKeys().has(key);
  }

  protected setPreview(key: string, on: boolean): void {
    this.previewKeys.update((s) => toggled(s, key, on));
  }

  // ---- course ----------------------------------------------------------------------------------------------

  protected setCourse(patch: Partial<Pick<CourseDraft, 'title' | 'summary'>>, path: string): void {
    this.draft.update((d) => ({ ...d, ...patch }));
    this.edited(path);
  }

  protected toggleRole(role: string, on: boolean): void {
    this.draft.update((d) => ({ ...d, roles: on ? [...new Set([...d.roles, role])] : d.roles.filter((r) => r !== role) }));
    this.edited('roles');
  }

  protected roleName(code: string): string {
    return roleLabel(this.t, code);
  }

  protected sourceText(s: string): string {
    return sourceLabel(this.t, s);
  }

  // ---- lessons ---------------------------------------------------------------------------------------------

  private lessons(fn: (list: LessonDraft[]) => LessonDraft[]): void {
    this.draft.update((d) => ({ ...d, lessons: fn(d.lessons) }));
  }

  private lesson(key: string, fn: (l: LessonDraft) => LessonDraft): void {
    this.lessons((list) => list.map((l) => (l.key === key ? fn(l) : l)));
  }

  protected addLesson(): void {
    this.lessons((list) => [...list, emptyLesson()]);
    this.reshaped();
  }

  protected removeLesson(index: number): void {
    this.lessons((list) => list.filter((_, i) => i !== index));
    this.reshaped();
  }

  protected moveLesson(index: number, delta: number): void {
    this.lessons((list) => moved(list, index, delta));
    this.reshaped();
  }

  protected setLesson(key: string, patch: Partial<LessonDraft>, path: string): void {
    this.lesson(key, (l) => ({ ...l, ...patch }));
    this.edited(path);
  }

  protected addAttachment(lessonKey: string): void {
    this.lesson(lessonKey, (l) => ({ ...l, attachments: [...l.attachments, { key: newKey('a'), name: '', url: '' }] }));
    this.reshaped();
  }

  protected setAttachment(lessonKey: string, key: string, patch: { name?: string; url?: string }, path: string): void {
    this.lesson(lessonKey, (l) => ({ ...l, attachments: l.attachments.map((a) => (a.key === key ? { ...a, ...patch } : a)) }));
    this.edited(path);
  }

  protected removeAttachment(lessonKey: string, key: string): void {
    this.lesson(lessonKey, (l) => ({ ...l, attachments: l.attachments.filter((a) => a.key !== key) }));
    this.reshaped();
  }

  protected addHelp(lessonKey: string): void {
    this.lesson(lessonKey, (l) => ({ ...l, helpFor: [...l.helpFor, { key: newKey('h'), pipeline: '', stage: '', rule: '' }] }));
    this.reshaped();
  }

  protected setHelp(lessonKey: string, key: string, patch: { pipeline?: string; stage?: string }, path: string): void {
    this.lesson(lessonKey, (l) => ({ ...l, helpFor: l.helpFor.map((h) => (h.key === key ? { ...h, ...patch } : h)) }));
    this.edited(path);
  }

  protected removeHelp(lessonKey: string, key: string): void {
    this.lesson(lessonKey, (l) => ({ ...l, helpFor: l.helpFor.filter((h) => h.key !== key) }));
    this.reshaped();
  }

  protected stagesOf(pipeline: string): Pipeline['stages'] {
    return this.pipelines().find((p) => p.code === pipeline || p.id === pipeline)?.stages ?? [];
  }

  // ---- tests -----------------------------------------------------------------------------------------------

  private tests(fn: (list: TestDraft[]) => TestDraft[]): void {
    this.draft.update((d) => ({ ...d, tests: fn(d.tests) }));
  }

  private test(key: string, fn: (x: TestDraft) => TestDraft): void {
    this.tests((list) => list.map((x) => (x.key === key ? fn(x) : x)));
  }

  private question(testKey: string, key: string, fn: (q: QuestionDraft) => QuestionDraft): void {
    this.test(testKey, (x) => ({ ...x, questions: x.questions.map((q) => (q.key === key ? fn(q) : q)) }));
  }

  protected addTest(): void {
    this.tests((list) => [...list, emptyTest()]);
    this.reshaped();
  }

  protected removeTest(index: number): void {
    this.tests((list) => list.filter((_, i) => i !== index));
    this.reshaped();
  }

  protected moveTest(index: number, delta: number): void {
    this.tests((list) => moved(list, index, delta));
    this.reshaped();
  }

  protected setTest(key: string, patch: Partial<Pick<TestDraft, 'title' | 'passPct' | 'attempts' | 'timeLimitMinutes'>>, path: string): void {
    this.test(key, (x) => ({ ...x, ...patch }));
    this.edited(path);
  }

  protected addQuestion(testKey: string): void {
    this.test(testKey, (x) => ({ ...x, questions: [...x.questions, emptyQuestion()] }));
    this.reshaped();
  }

  protected removeQuestion(testKey: string, key: string): void {
    this.test(testKey, (x) => ({ ...x, questions: x.questions.filter((q) => q.key !== key) }));
    this.reshaped();
  }

  protected moveQuestion(testKey: string, index: number, delta: number): void {
    this.test(testKey, (x) => ({ ...x, questions: moved(x.questions, index, delta) }));
    this.reshaped();
  }

  protected setQuestion(testKey: string, key: string, patch: { text?: string }, path: string): void {
    this.question(testKey, key, (q) => ({ ...q, ...patch }));
    this.edited(path);
  }

  protected setMultiple(testKey: string, key: string, multiple: boolean): void {
    this.question(testKey, key, (q) => ({ ...q, multiple, choices: multiple ? q.choices : withSingleCorrect(q.choices) }));
    this.edited();
  }

  protected addChoice(testKey: string, questionKey: string): void {
    this.question(testKey, questionKey, (q) => ({ ...q, choices: [...q.choices, emptyChoice()] }));
    this.reshaped();
  }

  protected removeChoice(testKey: string, questionKey: string, key: string): void {
    this.question(testKey, questionKey, (q) => ({ ...q, choices: q.choices.filter((c) => c.key !== key) }));
    this.reshaped();
  }

  protected setChoice(testKey: string, questionKey: string, key: string, patch: { text?: string }, path: string): void {
    this.question(testKey, questionKey, (q) => ({ ...q, choices: q.choices.map((c) => (c.key === key ? { ...c, ...patch } : c)) }));
    this.edited(path);
  }

  protected markCorrect(testKey: string, q: QuestionDraft, c: ChoiceDraft, on: boolean, path: string): void {
    this.question(testKey, q.key, (x) => ({
      ...x,
      choices: x.multiple ? x.choices.map((ch) => (ch.key === c.key ? { ...ch, correct: on } : ch)) : withSingleCorrect(x.choices, c.key),
    }));
    this.edited(path);
  }
}

function toggled(set: ReadonlySet<string>, key: string, on: boolean): ReadonlySet<string> {
  const next = new Set(set);
  if (on) next.add(key);
  else next.delete(key);
  return next;
}
