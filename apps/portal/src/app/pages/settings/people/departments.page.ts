import { Component, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog, MatDialogModule } from '@angular/material/dialog';
import { ApiService } from '../../../core/api.service';
import { Notifier } from '../../../core/errors';
import { I18nService, TPipe } from '../../../core/i18n.service';
import { DepartmentDialog } from './department.dialog';
import type { DepartmentData } from './department.dialog';
import { peopleErrorText } from './people-errors';
import type { Department, ListOf, User } from './people.types';
import './people.i18n';

interface Row {
  dep: Department;
  depth: number;
  head: User | null;
  people: number;
  inactive: number;
}

/** The departments: each with its head, place in the structure and number of people; create and edit. */
@Component({
  selector: 'app-departments-page',
  imports: [RouterLink, MatButtonModule, MatDialogModule, TPipe],
  template: `
    <div class="head">
      <h2 data-testid="departments-title">{{ 'people.dep.title' | t }}</h2>
      <button mat-flat-button type="button" (click)="create()" [disabled]="!departments()" data-testid="departments-new">{{ 'people.dep.new' | t }}</button>
    </div>
    <p class="intro">{{ 'people.dep.intro' | t }}</p>
    @if (loadError(); as e) {
      <p class="form-error" role="alert" data-testid="departments-load-error">
        {{ e }} <button mat-button type="button" (click)="load()" data-testid="departments-retry">{{ 'common.retry' | t }}</button>
      </p>
    }
    @if (departments(); as list) {
      @if (list.length) {
        <div class="table-wrap">
          <table class="people" data-testid="departments-table">
            <thead>
              <tr>
                <th>{{ 'people.dep.name' | t }}</th>
                <th>{{ 'people.dep.head' | t }}</th>
                <th class="num">{{ 'people.dep.people' | t }}</th>
                <th class="actions-col"><span class="sr-only">{{ 'people.col.actions' | t }}</span></th>
              </tr>
            </thead>
            <tbody>
              @for (r of rows(); track r.dep.id) {
                <tr [attr.data-testid]="'department-row-' + r.dep.id" data-row="department">
                  <td class="name" [style.padding-left.px]="12 + r.depth * 20">
                    @if (r.depth) {
                      <span class="muted">└ </span>
                    }
                    <span data-testid="department-row-name">{{ r.dep.name }}</span>
                  </td>
                  <td [attr.data-testid]="'department-head-' + r.dep.id">
                    @if (r.head) {
                      {{ r.head.name }}
                      @if (!r.head.active) {
                        <span class="state">{{ 'people.state.inactive' | t }}</span>
                      }
                    } @else {
                      <span class="muted">{{ 'people.dep.noHead' | t }}</span>
                    }
                  </td>
                  <td class="num">
                    <a [routerLink]="['../users']" [queryParams]="{ department: r.dep.id }" [attr.data-testid]="'department-people-' + r.dep.id"
                       [title]="'people.dep.showPeople' | t">{{ i18n.plural('people.count.people', r.people) }}</a>
                    @if (r.inactive) {
                      <div class="muted small">{{ 'people.dep.inactive' | t: { n: r.inactive } }}</div>
                    }
                  </td>
                  <td class="actions">
                    <button mat-button type="button" (click)="edit(r.dep)" [attr.data-testid]="'department-edit-' + r.dep.id">{{ 'people.edit.open' | t }}</button>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        @if (unassigned()) {
          <p class="muted foot" data-testid="departments-unassigned">
            {{ 'people.dep.unassigned' | t: { people: i18n.plural('people.count.people', unassigned()) } }}
            <a [routerLink]="['../users']" [queryParams]="{ department: 'none' }">{{ 'people.dep.showThem' | t }}</a>
          </p>
        }
      } @else {
        <p class="empty" data-testid="departments-empty">{{ 'people.dep.empty' | t }}</p>
      }
    } @else if (!loadError()) {
      <p class="muted">{{ 'common.loading' | t }}</p>
    }
  `,
  styleUrl: './people.css',
  styles: `.small { font-size: 12px; }`,
})
export class DepartmentsPage {
  private readonly api = inject(ApiService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  protected readonly i18n = inject(I18nService);

  protected readonly departments = signal<Department[] | null>(null);
  protected readonly users = signal<User[]>([]);
  protected readonly loadError = signal<string | null>(null);

  /** The departments as a tree: each followed by those under it, by name within a level. */
  protected readonly rows = computed<Row[]>(() => {
    const list = this.departments() ?? [];
    const users = this.users();
    const ids = new Set(list.map((d) => d.id));
    const collator = new Intl.Collator(this.i18n.lang(), { sensitivity: 'base' });
    const children = (parent: string | null) =>
      list.filter((d) => (parent ? d.parentId === parent : !d.parentId || !ids.has(d.parentId))).sort((a, b) => collator.compare(a.name, b.name));
    const rows: Row[] = [];
    const seen = new Set<string>();
    const walk = (parent: string | null, depth: number) => {
      for (const dep of children(parent)) {
        if (seen.has(dep.id)) continue;
        seen.add(dep.id);
        const members = users.filter((u) => u.departmentId === dep.id);
        rows.push({ dep, depth, head: users.find((u) => u.id === dep.headId) ?? null, people: members.length, inactive: members.filter((u) => !u.active).length });
        walk(dep.id, depth + 1);
      }
    };
    walk(null, 0);
    // A cycle left by older data: still listed, at the top level.
    for (const dep of list) if (!seen.has(dep.id)) rows.push({ dep, depth: 0, head: users.find((u) => u.id === dep.headId) ?? null, people: users.filter((u) => u.departmentId === dep.id).length, inactive: 0 });
    return rows;
  });

  protected readonly unassigned = computed(() => this.users().filter((u) => !u.departmentId && u.active).length);

  constructor() {
    void this.load();
  }

  async load(): Promise<void> {
    this.loadError.set(null);
    try {
      const [deps, users] = await Promise.all([this.api.get<ListOf<Department>>('/departments'), this.api.get<ListOf<User>>('/users')]);
      this.users.set(users.items);
      this.departments.set(deps.items);
    } catch (err) {
      this.loadError.set(peopleErrorText(this.i18n, err));
    }
  }

  async create(): Promise<void> {
    const dep = await this.open(undefined);
    if (!dep) return;
    this.departments.update((l) => [...(l ?? []), dep]);
    this.notifier.info(this.i18n.t('people.dep.created', { name: dep.name }));
  }

  async edit(d: Department): Promise<void> {
    const dep = await this.open(d);
    if (!dep) return;
    this.departments.update((l) => (l ?? []).map((x) => (x.id === dep.id ? dep : x)));
    this.notifier.info(this.i18n.t('people.dep.saved', { name: dep.name }));
  }

  private open(department: Department | undefined): Promise<Department | null | undefined> {
    const data: DepartmentData = { department, departments: this.departments() ?? [], users: this.users() };
    return firstValueFrom(this.dialog.open<DepartmentDialog, DepartmentData, Department | null>(DepartmentDialog, { data, autoFocus: 'first-tabbable' }).afterClosed());
  }
}
