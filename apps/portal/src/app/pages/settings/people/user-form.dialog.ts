import { Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Clipboard } from '@angular/cdk/clipboard';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatInputModule } from '@angular/material/input';
import { ApiService } from '../../../core/api.service';
import { I18nService, TPipe } from '../../../core/i18n.service';
import { PeopleFormErrors } from './people-errors';
import { generatePassword, roleDescription, roleName } from './people.types';
import type { Department, Role, User } from './people.types';
import './people.i18n';

export interface UserFormData {
  /** Absent: a new user is invited. */
  user?: User;
  roles: Role[];
  departments: Department[];
  /** The signed-in user: taking away their own admin role is warned about. */
  selfId: string;
}

/** Invites a user (`POST /users`) or edits one (`PATCH /users/:id`); closes with the saved user, or null. */
@Component({
  selector: 'app-user-form-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatCheckboxModule, MatInputModule, TPipe],
  host: { 'data-testid': 'user-form-dialog' },
  template: `
    <h2 mat-dialog-title>{{ (editing ? 'people.edit.title' : 'people.invite.title') | t: { name: data.user?.name ?? '' } }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        @if (!editing) {
          <p class="intro">{{ 'people.invite.intro' | t }}</p>
        }
        @if (errors.general(); as general) {
          <p class="form-error" role="alert" data-testid="user-form-error">{{ general }}</p>
        }
        <mat-form-field appearance="outline">
          <mat-label>{{ 'people.col.name' | t }}</mat-label>
          <input matInput formControlName="name" autocomplete="off" cdkFocusInitial data-testid="user-form-name" />
          <mat-error data-testid="user-form-error-name">{{ errors.field('name') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'common.email' | t }}</mat-label>
          <input matInput type="email" formControlName="email" autocomplete="off" data-testid="user-form-email" />
          <mat-hint>{{ 'people.invite.emailHint' | t }}</mat-hint>
          <mat-error data-testid="user-form-error-email">{{ errors.field('email') }}</mat-error>
        </mat-form-field>

        <div class="password">
          <mat-form-field appearance="outline">
            <mat-label>{{ (editing ? 'people.edit.newPassword' : 'people.invite.password') | t }}</mat-label>
            <input matInput [type]="showPassword() ? 'text' : 'password'" formControlName="password" autocomplete="new-password" spellcheck="false" data-testid="user-form-password" />
            <mat-hint>{{ (editing ? 'people.edit.passwordHint' : 'people.invite.passwordHint') | t }}</mat-hint>
            <mat-error data-testid="user-form-error-password">{{ errors.field('password') }}</mat-error>
          </mat-form-field>
          <div class="password-actions">
            <button mat-stroked-button type="button" (click)="generate()" data-testid="user-form-generate">{{ 'people.invite.generate' | t }}</button>
            <button mat-button type="button" (click)="showPassword.set(!showPassword())" data-testid="user-form-show-password">
              {{ (showPassword() ? 'people.invite.hidePassword' : 'people.invite.showPassword') | t }}
            </button>
            @if (form.controls.password.value) {
              <button mat-button type="button" (click)="copy()" data-testid="user-form-copy">{{ (copied() ? 'people.invite.copied' : 'people.invite.copy') | t }}</button>
            }
          </div>
        </div>
        @if (form.controls.password.value) {
          <p class="copy-hint" data-testid="user-form-copy-hint">{{ 'people.invite.copyHint' | t }}</p>
        }

        <fieldset class="roles" data-testid="user-form-roles">
          <legend>{{ 'people.col.roles' | t }}</legend>
          @for (r of roleOptions(); track r.code) {
            <mat-checkbox [checked]="selected().includes(r.code)" (change)="toggle(r.code, $event.checked)" [attr.data-testid]="'user-form-role-' + r.code">
              <span class="role-name">{{ r.name }}</span>
              @if (r.hint) {
                <span class="role-hint">{{ r.hint }}</span>
              }
            </mat-checkbox>
          }
          @if (errors.field('roles'); as e) {
            <p class="field-error" role="alert" data-testid="user-form-error-roles">{{ e }}</p>
          }
          @if (losesAdmin()) {
            <p class="warn" data-testid="user-form-self-admin">{{ 'people.edit.selfAdmin' | t }}</p>
          }
        </fieldset>

        <div class="row">
          <mat-form-field appearance="outline">
            <mat-label>{{ 'people.col.department' | t }}</mat-label>
            <select matNativeControl formControlName="departmentId" data-testid="user-form-department">
              <option value="">{{ 'people.noDepartment' | t }}</option>
              @for (d of data.departments; track d.id) {
                <option [value]="d.id">{{ d.name }}</option>
              }
            </select>
            <mat-error data-testid="user-form-error-departmentId">{{ errors.field('departmentId') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'people.locale' | t }}</mat-label>
            <select matNativeControl formControlName="locale" data-testid="user-form-locale">
              <option value="">{{ 'people.localePortal' | t }}</option>
              <option value="uk">{{ 'lang.uk' | t }}</option>
              <option value="ru">{{ 'lang.ru' | t }}</option>
              <option value="en">{{ 'lang.en' | t }}</option>
            </select>
            <mat-error data-testid="user-form-error-locale">{{ errors.field('locale') }}</mat-error>
          </mat-form-field>
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" (click)="ref.close(null)" data-testid="user-form-cancel">{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="user-form-submit">
          {{ (busy() ? 'people.saving' : editing ? 'people.save' : 'people.invite.submit') | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content { width: min(560px, 84vw); }
    mat-form-field { display: block; width: 100%; }
    .intro { margin: 0 0 16px; color: var(--mat-sys-on-surface-variant); }
    .password { display: flex; flex-direction: column; }
    .password-actions { display: flex; gap: 8px; flex-wrap: wrap; margin: 4px 0 8px; }
    .copy-hint { margin: 0 0 12px; font-size: 13px; color: var(--mat-sys-on-surface-variant); }
    .roles { border: 1px solid var(--mat-sys-outline-variant); border-radius: 8px; padding: 8px 12px 12px; margin: 8px 0 20px; display: grid; grid-template-columns: 1fr 1fr; gap: 0 12px; }
    .roles legend { padding: 0 4px; font-size: 13px; color: var(--mat-sys-on-surface-variant); }
    .role-name { display: block; }
    .role-hint { display: block; font-size: 12px; line-height: 16px; color: var(--mat-sys-on-surface-variant); }
    .field-error, .warn { grid-column: 1 / -1; margin: 4px 0 0; font-size: 13px; }
    .field-error { color: var(--mat-sys-error); }
    .warn { color: var(--mat-sys-on-surface-variant); }
    .row { display: flex; gap: 12px; }
    .row > * { flex: 1; min-width: 0; }
    @media (max-width: 560px) { .roles { grid-template-columns: 1fr; } .row { flex-direction: column; gap: 0; } }
  `,
})
export class UserFormDialog {
  protected readonly ref = inject<MatDialogRef<UserFormDialog, User | null>>(MatDialogRef);
  protected readonly data = inject<UserFormData>(MAT_DIALOG_DATA);
  private readonly api = inject(ApiService);
  private readonly i18n = inject(I18nService);
  private readonly clipboard = inject(Clipboard);

  protected readonly editing = !!this.data.user;
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: this.data.user?.name ?? '',
    email: this.data.user?.email ?? '',
    password: '',
    departmentId: this.data.user?.departmentId ?? '',
    locale: this.data.user?.locale ?? '',
  });
  protected readonly errors = new PeopleFormErrors(this.i18n, this.form, {
    name: 'name',
    email: 'email',
    password: 'password',
    roles: 'roles',
    departmentId: 'departmentId',
    locale: 'locale',
  });
  protected readonly selected = signal<string[]>(this.data.user ? [...this.data.user.roles] : ['employee']);
  protected readonly busy = signal(false);
  protected readonly showPassword = signal(false);
  protected readonly copied = signal(false);

  /** The roles offered: those of `GET /roles`, plus any the user has that it does not list. */
  protected readonly roleOptions = computed(() => {
    this.i18n.lang();
    const byCode = new Map(this.data.roles.map((r) => [r.code, r]));
    const codes = [...this.data.roles.map((r) => r.code), ...(this.data.user?.roles ?? []).filter((c) => !byCode.has(c))];
    return codes.map((code) => ({ code, name: roleName(this.i18n, code, byCode.get(code)), hint: roleDescription(this.i18n, code, byCode.get(code)) }));
  });

  protected readonly losesAdmin = computed(() => this.data.user?.id === this.data.selfId && !!this.data.user?.roles.includes('admin') && !this.selected().includes('admin'));

  constructor() {
    this.form.controls.password.valueChanges.subscribe(() => this.copied.set(false));
  }

  protected toggle(code: string, on: boolean): void {
    this.selected.update((s) => (on ? [...s.filter((c) => c !== code), code] : s.filter((c) => c !== code)));
  }

  protected generate(): void {
    this.form.controls.password.setValue(generatePassword());
    this.showPassword.set(true);
  }

  protected copy(): void {
    this.copied.set(this.clipboard.copy(this.form.controls.password.value));
  }

  async submit(): Promise<void> {
    if (this.busy()) return;
    this.errors.clear();
    const v = this.form.getRawValue();
    if (!this.selected().length) {
      this.errors.showLocal('roles', 'people.field.roles.required');
      return;
    }
    this.busy.set(true);
    // The order of the roles as offered, not as clicked.
    const order = this.roleOptions().map((r) => r.code);
    const roles = [...this.selected()].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    try {
      if (this.data.user) {
        const body: Record<string, unknown> = { name: v.name.trim(), roles, departmentId: v.departmentId || null, locale: v.locale || null };
        if (v.email.trim().toLowerCase() !== this.data.user.email.toLowerCase()) body['email'] = v.email.trim();
        if (v.password) body['password'] = v.password;
        this.ref.close(await this.api.patch<User>(`/users/${this.data.user.id}`, body));
      } else {
        const body: Record<string, unknown> = { name: v.name.trim(), email: v.email.trim(), password: v.password, roles };
        if (v.departmentId) body['departmentId'] = v.departmentId;
        if (v.locale) body['locale'] = v.locale;
        this.ref.close(await this.api.post<User>('/users', body));
      }
    } catch (err) {
      this.errors.show(err);
    } finally {
      this.busy.set(false);
    }
  }
}
