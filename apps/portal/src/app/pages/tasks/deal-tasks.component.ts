import { Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { ApiService } from '../../core/api.service';
import { I18nService, TPipe } from '../../core/i18n.service';
import { NewTaskDialog } from './new-task.dialog';
import type { NewTaskData } from './new-task.dialog';
import { TaskItemComponent } from './task-item.component';
import { taskErrorText } from './task-errors';
import { loadAllTasks, loadUsers } from './tasks.api';
import type { TaskChange, TaskItem, TaskUser } from './tasks.types';
import './tasks.i18n';

/**
 * The tasks of one deal (for the deal card): open ones by deadline with the same row as "My tasks", the
 * done ones on demand, and a "New task" button. Emits `changed` after any change so the card can reload
 * its timeline.
 */
@Component({
  selector: 'app-deal-tasks',
  imports: [MatButtonModule, TPipe, TaskItemComponent],
  template: `
    <div class="head">
      <h2 class="sub">
        {{ 'tasks.dealTasks' | t }}
        @if (open() !== null) {
          <span class="count" data-testid="deal-tasks-count">{{ open()!.length }}</span>
        }
      </h2>
      <button mat-stroked-button type="button" (click)="newTask()" data-testid="task-new">{{ 'tasks.new' | t }}</button>
    </div>
    @if (error(); as message) {
      <p class="form-error" role="alert" data-testid="deal-tasks-error">
        {{ message }}
        <button mat-button type="button" (click)="load()">{{ 'common.retry' | t }}</button>
      </p>
    }
    @if (open() === null && !error()) {
      <p class="muted">{{ 'common.loading' | t }}</p>
    } @else if (open()) {
      <div class="list" data-testid="deal-tasks-open">
        @for (task of open(); track task.id) {
          <app-task-item [task]="task" [users]="userNames()" [showDeal]="false" (changed)="onChanged($event)" />
        } @empty {
          <p class="muted" data-testid="no-tasks">{{ 'tasks.dealEmpty' | t }}</p>
        }
      </div>
    }
    <button mat-button type="button" class="toggle" (click)="toggleDone()" data-testid="deal-tasks-done-toggle">
      {{ (showDone() ? 'tasks.hideDone' : 'tasks.showDone') | t }}
    </button>
    @if (showDone()) {
      <div class="list" data-testid="deal-tasks-done">
        @for (task of done() ?? []; track task.id) {
          <app-task-item [task]="task" [users]="userNames()" [showDeal]="false" />
        } @empty {
          <p class="muted">{{ (done() === null ? 'common.loading' : 'tasks.doneEmpty') | t }}</p>
        }
      </div>
    }
  `,
  styles: `
    :host { display: block; }
    .head { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
    .sub { margin: 8px 0; font-size: 16px; font-weight: 500; display: flex; align-items: center; gap: 8px; }
    .count { font-size: 12px; padding: 0 8px; border-radius: 10px; background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); }
    .list { display: flex; flex-direction: column; gap: 8px; }
    .muted { font-size: 13px; color: var(--mat-sys-on-surface-variant); margin: 4px 0; }
    .toggle { margin-top: 4px; }
  `,
})
export class DealTasksComponent {
  private readonly api = inject(ApiService);
  private readonly dialog = inject(MatDialog);
  private readonly i18n = inject(I18nService);

  readonly dealId = input.required<string>();
  /** The deal's title, for the "New task" dialog. */
  readonly dealTitle = input<string | null>(null);
  /** Users the card has loaded already (else loaded here). */
  readonly users = input<TaskUser[] | null>(null);
  readonly changed = output<TaskChange>();

  protected readonly open = signal<TaskItem[] | null>(null);
  protected readonly done = signal<TaskItem[] | null>(null);
  protected readonly showDone = signal(false);
  protected readonly error = signal<string | null>(null);
  private readonly ownUsers = signal<TaskUser[]>([]);
  protected readonly userNames = computed(() => new Map((this.users() ?? this.ownUsers()).map((u) => [u.id, u.name])));
  private seq = 0;

  constructor() {
    effect(() => {
      const id = this.dealId();
      untracked(() => {
        this.open.set(null);
        this.done.set(null);
        void this.load(id);
      });
    });
  }

  async load(id = this.dealId()): Promise<void> {
    const seq = ++this.seq;
    this.error.set(null);
    try {
      const [open, users] = await Promise.all([
        loadAllTasks(this.api, `dealId=${encodeURIComponent(id)}&status=open`),
        this.users() || this.ownUsers().length ? Promise.resolve(null) : loadUsers(this.api).catch(() => null),
      ]);
      if (seq !== this.seq) return;
      this.open.set(open);
      if (users) this.ownUsers.set(users);
      if (this.showDone()) await this.loadDone(id);
    } catch (err) {
      if (seq === this.seq) this.error.set(taskErrorText(this.i18n, err));
    }
  }

  private async loadDone(id = this.dealId()): Promise<void> {
    try {
      const page = await this.api.get<{ items: TaskItem[] }>(`/tasks?dealId=${encodeURIComponent(id)}&status=done&limit=50`);
      this.done.set(page.items ?? []);
    } catch (err) {
      this.error.set(taskErrorText(this.i18n, err));
    }
  }

  async toggleDone(): Promise<void> {
    this.showDone.update((v) => !v);
    if (this.showDone()) await this.loadDone();
  }

  protected onChanged(change: TaskChange): void {
    if (change.kind === 'completed') {
      this.open.update((all) => (all ?? []).filter((t) => t.id !== change.task.id));
      this.done.update((all) => (all ? [change.task, ...all] : all));
    } else {
      this.open.update((all) =>
        (all ?? []).map((t) => (t.id === change.task.id ? change.task : t)).sort((a, b) => (a.dueAt ?? '').localeCompare(b.dueAt ?? '')),
      );
    }
    this.changed.emit(change);
  }

  newTask(): void {
    const data: NewTaskData = { dealId: this.dealId(), dealTitle: this.dealTitle(), users: this.users() ?? this.ownUsers() };
    this.dialog
      .open<NewTaskDialog, NewTaskData, TaskItem | null>(NewTaskDialog, { data, autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((task) => {
        if (!task) return;
        this.open.update((all) => [...(all ?? []), task].sort((a, b) => (a.dueAt ?? '').localeCompare(b.dueAt ?? '')));
        this.changed.emit({ kind: 'created', task });
      });
  }
}
