import { Component, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatInputModule } from '@angular/material/input';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ApiService } from '../../../core/api.service';
import { Notifier } from '../../../core/errors';
import { I18nService, TPipe } from '../../../core/i18n.service';
import { SessionService } from '../../../core/session.service';
import { ConfirmDialog } from '../../../core/confirm.dialog';
import type { ConfirmData } from '../../../core/confirm.dialog';
import { DeleteUserDialog } from './delete-user.dialog';
import type { DeleteUserData, DeleteUserResult } from './delete-user.dialog';
import { peopleErrorText } from './people-errors';
import { byName, roleName } from './people.types';
import type { Department, ListOf, Role, User } from './people.types';
import { UserFormDialog } from './user-form.dialog';
import type { UserFormData } from './user-form.dialog';
import './people.i18n';

type StateFilter = 'all' | 'active' | 'inactive';

/** The portal's people: who they are, their roles and department; invite, edit, deactivate, delete. */
@Component({
  selector: 'app-users-page',
  imports: [RouterLink, MatButtonModule, MatDialogModule, MatInputModule, MatTooltipModule, TPipe],
  template: `
    <div class="head">
      <h2 data-testid="users-title">{{ 'people.users.title' | t }}</h2>
      <button mat-flat-button type="button" (click)="invite()" [disabled]="!users()" data-testid="users-invite">{{ 'people.invite.open' | t }}</button>
    </div>
    <p class="intro">{{ 'people.users.intro' | t }}</p>

    @if (loadError(); as e) {
      <p class="form-error" role="alert" data-testid="users-load-error">
        {{ e }} <button mat-button type="button" (click)="load()" data-testid="users-retry">{{ 'common.retry' | t }}</button>
      </p>
    }
    @if (users(); as list) {
      <div class="filters">
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="search">
          <mat-label>{{ 'people.users.search' | t }}</mat-label>
          <input matInput type="search" [value]="query()" (input)="query.set($any($event.target).value)" data-testid="users-search" />
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'people.users.state' | t }}</mat-label>
          <select matNativeControl [value]="state()" (change)="state.set($any($event.target).value)" data-testid="users-state-filter">
            <option value="all">{{ 'people.users.stateAll' | t }}</option>
            <option value="active">{{ 'people.users.stateActive' | t }}</option>
            <option value="inactive">{{ 'people.users.stateInactive' | t }}</option>
          </select>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'people.col.department' | t }}</mat-label>
          <select matNativeControl [value]="department()" (change)="department.set($any($event.target).value)" data-testid="users-department-filter">
            <option value="">{{ 'people.users.anyDepartment' | t }}</option>
            <option value="none">{{ 'people.noDepartment' | t }}</option>
            @for (d of departments(); track d.id) {
              <option [value]="d.id">{{ d.name }}</option>
            }
          </select>
        </mat-form-field>
      </div>
      <p class="count muted" data-testid="users-count">{{ countText() }}</p>

      @if (shown().length) {
        <div class="table-wrap">
          <table class="people" data-testid="users-table">
            <thead>
              <tr>
                <th>{{ 'people.col.nameEmail' | t }}</th>
                <th>{{ 'people.col.roles' | t }}</th>
                <th>{{ 'people.col.department' | t }}</th>
                <th>{{ 'people.col.state' | t }}</th>
                <th class="actions-col"><span class="sr-only">{{ 'people.col.actions' | t }}</span></th>
              </tr>
            </thead>
            <tbody>
              @for (u of shown(); track u.id) {
                <tr [class.inactive]="!u.active" [attr.data-testid]="'user-row-' + u.id" data-row="user">
                  <td>
                    <div class="name">
                      <span data-testid="user-name">{{ u.name }}</span>
                      @if (u.id === selfId()) {
                        <span class="you">{{ 'people.youBadge' | t }}</span>
                      }
                    </div>
                    <div class="email" data-testid="user-email">{{ u.email }}</div>
                  </td>
                  <td>
                    <span class="chips">
                      @for (r of u.roles; track r) {
                        <span class="chip" [class.admin]="r === 'admin'" [attr.data-role]="r">{{ roleLabel(r) }}</span>
                      } @empty {
                        <span class="muted">{{ 'people.noRoles' | t }}</span>
                      }
                    </span>
                  </td>
                  <td>{{ departmentName(u.departmentId) }}</td>
                  <td>
                    <span class="state" [class.on]="u.active" [attr.data-testid]="'user-state-' + u.id">{{ (u.active ? 'people.state.active' : 'people.state.inactive') | t }}</span>
                  </td>
                  <td class="actions">
                    <button mat-button type="button" (click)="edit(u)" [attr.data-testid]="'user-edit-' + u.id">{{ 'people.edit.open' | t }}</button>
                    <span [matTooltip]="u.id === selfId() ? ('people.selfHint' | t) : ''" [attr.title]="u.id === selfId() ? ('people.selfHint' | t) : null" [attr.data-testid]="u.id === selfId() ? 'user-self-hint' : null">
                      <button mat-button type="button" [disabled]="u.id === selfId() || busy()[u.id]" (click)="setActive(u, !u.active)" [attr.data-testid]="(u.active ? 'user-deactivate-' : 'user-reactivate-') + u.id">
                        {{ (u.active ? 'people.deactivate.open' : 'people.reactivate.open') | t }}
                      </button>
                      <button mat-button type="button" class="danger" [disabled]="u.id === selfId() || busy()[u.id]" (click)="remove(u)" [attr.data-testid]="'user-delete-' + u.id">
                        {{ 'people.delete.open' | t }}
                      </button>
                    </span>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      } @else if (list.length) {
        <p class="empty" data-testid="users-none-found">{{ 'people.users.noneFound' | t }}</p>
      } @else {
        <p class="empty" data-testid="users-empty">{{ 'people.users.empty' | t }}</p>
      }
      <p class="muted foot">
        {{ 'people.users.seeAlso' | t }}
        <a routerLink="../departments" data-testid="users-to-departments">{{ 'settings.departments' | t }}</a> ·
        <a routerLink="../absences" data-testid="users-to-absences">{{ 'settings.absences' | t }}</a>
      </p>
    } @else if (!loadError()) {
      <p class="muted" data-testid="users-loading">{{ 'common.loading' | t }}</p>
    }
  `,
  styleUrl: './people.css',
})
export class UsersPage {
  private readonly api = inject(ApiService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly session = inject(SessionService);
  protected readonly i18n = inject(I18nService);

  protected readonly users = signal<User[] | null>(null);
  protected readonly roles = signal<Role[]>([]);
  protected readonly departments = signal<Department[]>([]);
  protected readonly loadError = signal<string | null>(null);
  protected readonly busy = signal<Record<string, boolean>>({});

  protected readonly query = signal('');
  protected readonly state = signal<StateFilter>('all');
  protected readonly department = signal(inject(ActivatedRoute).snapshot.queryParamMap.get('department') ?? '');

  protected readonly selfId = computed(() => this.session.me()?.id ?? '');

  protected readonly shown = computed(() => {
    const q = this.query().trim().toLocaleLowerCase();
    const state = this.state();
    const dep = this.department();
    return (this.users() ?? [])
      .filter((u) => !q || u.name.toLocaleLowerCase().includes(q) || u.email.toLocaleLowerCase().includes(q))
      .filter((u) => state === 'all' || (state === 'active') === u.active)
      .filter((u) => !dep || (dep === 'none' ? !u.departmentId : u.departmentId === dep))
      .sort(byName(this.i18n.lang()));
  });

  protected readonly countText = computed(() => {
    const all = this.users() ?? [];
    const inactive = all.filter((u) => !u.active).length;
    const total = this.i18n.plural('people.count.users', all.length);
    return inactive ? this.i18n.t('people.users.countInactive', { total, inactive }) : total;
  });

  constructor() {
    void this.load();
  }

  async load(): Promise<void> {
    this.loadError.set(null);
    try {
      const [users, roles, departments] = await Promise.all([
        this.api.get<ListOf<User>>('/users'),
        this.api.get<Role[] | ListOf<Role>>('/roles'),
        this.api.get<ListOf<Department>>('/departments'),
      ]);
      this.users.set(users.items);
      this.roles.set(Array.isArray(roles) ? roles : roles.items);
      this.departments.set(departments.items);
    } catch (err) {
      this.loadError.set(peopleErrorText(this.i18n, err));
    }
  }

  protected roleLabel(code: string): string {
    return roleName(this.i18n, code, this.roles().find((r) => r.code === code));
  }

  protected departmentName(id: string | null): string {
    if (!id) return '—';
    return this.departments().find((d) => d.id === id)?.name ?? '—';
  }

  async invite(): Promise<void> {
    const created = await this.openForm(undefined);
    if (!created) return;
    this.users.update((list) => [...(list ?? []), created]);
    this.notifier.info(this.i18n.t('people.invite.done', { name: created.name, email: created.email }));
  }

  async edit(u: User): Promise<void> {
    const saved = await this.openForm(u);
    if (!saved) return;
    this.replace(saved);
    this.notifier.info(this.i18n.t('people.edit.done', { name: saved.name }));
    // Own roles changed: the session's view of them (menus, admin pages) follows.
    if (saved.id === this.selfId()) void this.session.load();
  }

  /** Deactivates (login then fails) or reactivates a user, after saying what that means. */
  async setActive(u: User, active: boolean): Promise<void> {
    if (u.id === this.selfId()) return;
    const data: ConfirmData = {
      errorText: (err) => peopleErrorText(this.i18n, err),
      testId: active ? 'reactivate-dialog' : 'deactivate-dialog',
      title: this.i18n.t(active ? 'people.reactivate.title' : 'people.deactivate.title', { name: u.name }),
      text: active
        ? [this.i18n.t('people.reactivate.text', { name: u.name })]
        : [this.i18n.t('people.deactivate.text', { name: u.name }), this.i18n.t('people.deactivate.kept', { name: u.name })],
      confirm: this.i18n.t(active ? 'people.reactivate.submit' : 'people.deactivate.submit'),
      danger: !active,
      action: () => this.api.patch<User>(`/users/${u.id}`, { active }),
    };
    this.setBusy(u.id, true);
    try {
      const saved = await firstValueFrom(this.dialog.open<ConfirmDialog, ConfirmData, User | null>(ConfirmDialog, { data, autoFocus: 'dialog' }).afterClosed());
      if (!saved || typeof saved !== 'object') return;
      this.replace(saved);
      this.notifier.info(this.i18n.t(active ? 'people.reactivate.done' : 'people.deactivate.done', { name: u.name }));
    } finally {
      this.setBusy(u.id, false);
    }
  }

  /** Deletes a user once someone is chosen to receive their deals, tasks, contacts and companies. */
  async remove(u: User): Promise<void> {
    if (u.id === this.selfId()) return;
    const data: DeleteUserData = { user: u, users: this.users() ?? [], selfId: this.selfId() };
    const res = await firstValueFrom(
      this.dialog.open<DeleteUserDialog, DeleteUserData, DeleteUserResult | null>(DeleteUserDialog, { data, autoFocus: 'dialog' }).afterClosed(),
    );
    if (!res) return;
    this.users.update((list) => (list ?? []).filter((x) => x.id !== u.id));
    // A department they headed has no head now.
    this.departments.update((list) => list.map((d) => (d.headId === u.id ? { ...d, headId: null } : d)));
    this.notifier.info(this.i18n.t('people.delete.done', { name: u.name, receiver: res.receiverName, what: this.transferredText(res.transferred) }));
  }

  /** "3 deals, 1 task, no contacts and 2 companies" */
  protected transferredText(t: DeleteUserResult['transferred']): string {
    const parts = (['deals', 'tasks', 'contacts', 'companies'] as const)
      .filter((k) => (t[k] ?? 0) > 0)
      .map((k) => this.i18n.plural(`people.count.${k}`, t[k] ?? 0));
    return parts.length ? this.i18n.list(parts) : this.i18n.t('people.delete.nothing');
  }

  private openForm(user: User | undefined): Promise<User | null | undefined> {
    const data: UserFormData = { user, roles: this.roles(), departments: this.departments(), selfId: this.selfId() };
    return firstValueFrom(this.dialog.open<UserFormDialog, UserFormData, User | null>(UserFormDialog, { data, autoFocus: 'first-tabbable', maxWidth: '95vw' }).afterClosed());
  }

  private replace(saved: User): void {
    this.users.update((list) => (list ?? []).map((x) => (x.id === saved.id ? saved : x)));
  }

  private setBusy(id: string, on: boolean): void {
    this.busy.update((b) => ({ ...b, [id]: on }));
  }
}
