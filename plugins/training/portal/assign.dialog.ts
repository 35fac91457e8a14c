import { Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { PORTAL_HOST, pluginWords } from '@portal/portal-kit';
import { SHARED_STYLES } from './styles';
import { addDays, dayIn, endOfDay } from './time';
import { PORTAL_ROLES, allPages } from './training';
import type { CourseSummary, Named, PortalUserRow } from './training';
import { WORDS, fieldTexts, roleLabel } from './words';

export type AssignTarget = 'userId' | 'departmentId' | 'role';

export interface Assignment {
  id: string;
  courseId: string;
  dueAt: string;
  enrolled: number;
}

const DEFAULT_DAYS = 14;

/** "Assign a course": a course, to one person, a department or everyone with a role, due by a day. */
@Component({
  selector: 'tr-assign-dialog',
  imports: [MatDialogModule, MatButtonModule],
  host: { 'data-testid': 'tr-assign-dialog' },
  template: `
    <h2 mat-dialog-title>{{ t('assignTitle') }}</h2>
    <form (submit)="$event.preventDefault(); submit()" novalidate>
      <mat-dialog-content>
        @if (general(); as message) {
          <p class="form-error" role="alert" data-testid="tr-assign-error">{{ message }}</p>
        }
        <label class="field">
          <span class="label">{{ t('course') }}</span>
          <select [class.invalid]="!!errors()['courseId']" (change)="courseId.set($any($event.target).value)" data-testid="tr-assign-course">
            <option value="">{{ t('chooseCourse') }}</option>
            @for (c of courses(); track c.id) {
              <option [value]="c.id" [selected]="c.id === courseId()">{{ c.title }}</option>
            }
          </select>
          @if (errors()['courseId']; as m) {
            <span class="field-error" data-testid="tr-assign-error-courseId">{{ m }}</span>
          }
        </label>

        <fieldset class="targets">
          <legend class="label">{{ t('assignTo') }}</legend>
          @for (k of kinds; track k) {
            <label class="check">
              <input type="radio" name="target" [value]="k" [checked]="kind() === k" (change)="choose(k)" [attr.data-testid]="'tr-assign-kind-' + k" />
              {{ kindLabel(k) }}
            </label>
          }
        </fieldset>

        <label class="field">
          <span class="label">{{ kindLabel(kind()) }}</span>
          <select [class.invalid]="!!errors()[kind()]" (change)="target.set($any($event.target).value)" data-testid="tr-assign-target">
            <option value="">{{ t('chooseTarget') }}</option>
            @for (o of options(); track o.id) {
              <option [value]="o.id" [selected]="o.id === target()">{{ o.name }}</option>
            }
          </select>
          @if (errors()[kind()]; as m) {
            <span class="field-error" data-testid="tr-assign-error-target">{{ m }}</span>
          }
          @if (kind() !== 'userId') {
            <span class="label">{{ t('assignGroupHint') }}</span>
          }
        </label>

        <label class="field">
          <span class="label">{{ t('dueBy') }}</span>
          <input type="date" [value]="dueDay()" [min]="today" [class.invalid]="!!errors()['dueAt']" (input)="dueDay.set($any($event.target).value)" data-testid="tr-assign-due" />
          @if (errors()['dueAt']; as m) {
            <span class="field-error" data-testid="tr-assign-error-dueAt">{{ m }}</span>
          }
        </label>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" (click)="ref.close(null)" data-testid="tr-assign-cancel">{{ t('cancel') }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="tr-assign-submit">{{ busy() ? t('saving') : t('assign') }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: [
    SHARED_STYLES,
    `
    mat-dialog-content { display: flex; flex-direction: column; gap: 14px; width: min(460px, 80vw); }
    select, input { width: 100%; }
    .targets { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 16px; }
    .targets legend { margin-bottom: 6px; padding: 0; }
    .targets input { width: auto; }
    .form-error { margin: 0; }
    `,
  ],
})
export class AssignDialog {
  protected readonly ref = inject<MatDialogRef<AssignDialog, Assignment | null>>(MatDialogRef);
  private readonly host = inject(PORTAL_HOST);
  protected readonly t = pluginWords(this.host, WORDS);
  protected readonly kinds: AssignTarget[] = ['userId', 'departmentId', 'role'];
  protected readonly today = dayIn(this.host.timezone());

  protected readonly courses = signal<CourseSummary[]>([]);
  private readonly users = signal<PortalUserRow[]>([]);
  private readonly departments = signal<Named[]>([]);
  protected readonly courseId = signal('');
  protected readonly kind = signal<AssignTarget>('userId');
  protected readonly target = signal('');
  protected readonly dueDay = signal(addDays(this.today, DEFAULT_DAYS));
  protected readonly busy = signal(false);
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly general = signal<string | null>(null);

  protected readonly options = computed<Named[]>(() => {
    switch (this.kind()) {
      case 'userId':
        return this.users().filter((u) => u.active !== false);
      case 'departmentId':
        return this.departments();
      default:
        return PORTAL_ROLES.map((r) => ({ id: r, name: roleLabel(this.t, r) }));
    }
  });

  constructor() {
    const byName = (a: Named, b: Named) => a.name.localeCompare(b.name, this.host.lang());
    allPages<CourseSummary>((p) => this.host.get(p), '/training/courses?limit=200').then(
      (list) => this.courses.set([...list].sort((a, b) => a.title.localeCompare(b.title, this.host.lang()))),
      (err) => this.general.set(this.host.errorText(err)),
    );
    allPages<PortalUserRow>((p) => this.host.get(p), '/users?active=true').then(
      (list) => this.users.set([...list].sort(byName)),
      () => undefined,
    );
    allPages<Named>((p) => this.host.get(p), '/departments').then(
      (list) => this.departments.set([...list].sort(byName)),
      () => undefined,
    );
  }

  protected choose(kind: AssignTarget): void {
    this.kind.set(kind);
    this.target.set('');
    this.errors.set({});
  }

  protected kindLabel(kind: AssignTarget): string {
    return kind === 'userId' ? this.t('targetPerson') : kind === 'departmentId' ? this.t('targetDepartment') : this.t('targetRole');
  }

  async submit(): Promise<void> {
    if (this.busy()) return;
    const missing: Record<string, string> = {};
    if (!this.courseId()) missing['courseId'] = this.t('required');
    if (!this.target()) missing[this.kind()] = this.t('required');
    if (!this.dueDay()) missing['dueAt'] = this.t('required');
    this.errors.set(missing);
    this.general.set(null);
    if (Object.keys(missing).length) return;
    this.busy.set(true);
    try {
      const body = { courseId: this.courseId(), [this.kind()]: this.target(), dueAt: endOfDay(this.dueDay(), this.host.timezone()) };
      this.ref.close(await this.host.post<Assignment>('/training/assignments', body));
    } catch (err) {
      const fields = fieldTexts(this.t, this.host.fieldErrors(err));
      this.errors.set(fields);
      const shown = ['courseId', 'dueAt', this.kind()];
      if (!Object.keys(fields).some((f) => shown.includes(f))) this.general.set(this.host.errorText(err));
    } finally {
      this.busy.set(false);
    }
  }
}
