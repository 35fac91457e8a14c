import { Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatButtonModule } from '@angular/material/button';
import { MatInputModule } from '@angular/material/input';
import { ApiService } from '../../../core/api.service';
import { I18nService, TPipe } from '../../../core/i18n.service';
import { PeopleFormErrors } from './people-errors';
import { byName } from './people.types';
import type { Department, User } from './people.types';
import './people.i18n';

export interface DepartmentData {
  /** Absent: a new department. */
  department?: Department;
  departments: Department[];
  users: User[];
}

/** Creates (`POST /departments`) or edits (`PATCH /departments/:id`) a department; closes with it, or null. */
@Component({
  selector: 'app-department-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatInputModule, TPipe],
  host: { 'data-testid': 'department-dialog' },
  template: `
    <h2 mat-dialog-title>{{ (data.department ? 'people.dep.editTitle' : 'people.dep.newTitle') | t: { name: data.department?.name ?? '' } }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        @if (errors.general(); as general) {
          <p class="form-error" role="alert" data-testid="department-error">{{ general }}</p>
        }
        <mat-form-field appearance="outline">
          <mat-label>{{ 'people.dep.name' | t }}</mat-label>
          <input matInput formControlName="name" autocomplete="off" cdkFocusInitial data-testid="department-name" />
          <mat-error data-testid="department-error-name">{{ errors.field('name') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'people.dep.head' | t }}</mat-label>
          <select matNativeControl formControlName="headId" data-testid="department-head">
            <option value="">{{ 'people.dep.noHead' | t }}</option>
            @for (u of heads(); track u.id) {
              <option [value]="u.id">{{ u.name }}{{ u.active ? '' : ' (' + ('people.state.inactive' | t) + ')' }}</option>
            }
          </select>
          <mat-hint>{{ 'people.dep.headHint' | t }}</mat-hint>
          <mat-error data-testid="department-error-headId">{{ errors.field('headId') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'people.dep.parent' | t }}</mat-label>
          <select matNativeControl formControlName="parentId" data-testid="department-parent">
            <option value="">{{ 'people.dep.noParent' | t }}</option>
            @for (d of parents(); track d.id) {
              <option [value]="d.id">{{ d.name }}</option>
            }
          </select>
          <mat-error data-testid="department-error-parentId">{{ errors.field('parentId') }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" (click)="ref.close(null)" data-testid="department-cancel">{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="department-submit">
          {{ (busy() ? 'people.saving' : data.department ? 'people.save' : 'people.dep.create') | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content { width: min(460px, 84vw); }
    mat-form-field { display: block; width: 100%; margin-bottom: 4px; }
  `,
})
export class DepartmentDialog {
  protected readonly ref = inject<MatDialogRef<DepartmentDialog, Department | null>>(MatDialogRef);
  protected readonly data = inject<DepartmentData>(MAT_DIALOG_DATA);
  private readonly api = inject(ApiService);
  private readonly i18n = inject(I18nService);

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: this.data.department?.name ?? '',
    headId: this.data.department?.headId ?? '',
    parentId: this.data.department?.parentId ?? '',
  });
  protected readonly errors = new PeopleFormErrors(this.i18n, this.form, { name: 'name', headId: 'headId', parentId: 'parentId' });
  protected readonly busy = signal(false);

  /** Active users, and the current head even if deactivated since. */
  protected readonly heads = computed(() =>
    this.data.users.filter((u) => u.active || u.id === this.data.department?.headId).sort(byName(this.i18n.lang())),
  );

  /** Any department but this one and those under it (a department cannot sit inside itself). */
  protected readonly parents = computed(() => {
    const self = this.data.department?.id;
    if (!self) return this.data.departments;
    const excluded = new Set([self]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const d of this.data.departments) {
        if (d.parentId && excluded.has(d.parentId) && !excluded.has(d.id)) {
          excluded.add(d.id);
          grew = true;
        }
      }
    }
    return this.data.departments.filter((d) => !excluded.has(d.id));
  });

  async submit(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.errors.clear();
    const v = this.form.getRawValue();
    try {
      const dep = this.data.department;
      if (dep) {
        const body = { name: v.name.trim(), headId: v.headId || null, parentId: v.parentId || null };
        this.ref.close(await this.api.patch<Department>(`/departments/${dep.id}`, body));
      } else {
        const body: Record<string, unknown> = { name: v.name.trim() };
        if (v.headId) body['headId'] = v.headId;
        if (v.parentId) body['parentId'] = v.parentId;
        this.ref.close(await this.api.post<Department>('/departments', body));
      }
    } catch (err) {
      this.errors.show(err);
    } finally {
      this.busy.set(false);
    }
  }
}
