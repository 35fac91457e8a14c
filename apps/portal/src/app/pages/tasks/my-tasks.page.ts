import { Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ApiService } from '../../core/api.service';
import { I18nService, TPipe } from '../../core/i18n.service';
import { SessionService } from '../../core/session.service';
import { NewTaskDialog } from './new-task.dialog';
import type { NewTaskData } from './new-task.dialog';
import { TaskItemComponent } from './task-item.component';
import { taskErrorText } from './task-errors';
import { TASK_GROUPS, groupTasks, safeZone } from './task-time';
import type { TaskGroup } from './task-time';
import { loadAllTasks, loadDealTitles, loadUsers } from './tasks.api';
import type { TaskChange, TaskItem, TaskUser } from './tasks.types';
import './tasks.i18n';

const GROUP_TITLES = {
  overdue: 'tasks.group.overdue',
  today: 'tasks.group.today',
  upcoming: 'tasks.group.upcoming',
  none: 'tasks.group.none',
} as const;

/**
 * "My tasks": the signed-in user's open tasks (or a colleague's) by deadline — overdue, today (the
 * portal's today), upcoming, without a deadline — with counts; the done ones on demand; a new task.
 */
@Component({
  selector: 'app-my-tasks-page',
  imports: [MatButtonModule, MatProgressBarModule, TPipe, TaskItemComponent],
  templateUrl: './my-tasks.page.html',
  styleUrl: './my-tasks.page.css',
})
export class MyTasksPage {
  private readonly api = inject(ApiService);
  private readonly dialog = inject(MatDialog);
  private readonly session = inject(SessionService);
  protected readonly i18n = inject(I18nService);

  protected readonly meId = computed(() => this.session.me()?.id ?? '');
  protected readonly zone = computed(() => safeZone(this.session.me()?.portal?.timezone));
  protected readonly now = signal(new Date());
  /** Whose tasks are shown (the signed-in user by default). */
  protected readonly assigneeId = signal('');
  protected readonly users = signal<TaskUser[]>([]);
  protected readonly open = signal<TaskItem[] | null>(null);
  protected readonly done = signal<TaskItem[] | null>(null);
  protected readonly showDone = signal(false);
  protected readonly dealTitles = signal<ReadonlyMap<string, string>>(new Map());
  protected readonly error = signal<string | null>(null);
  protected readonly loading = signal(false);

  protected readonly userNames = computed(() => new Map(this.users().map((u) => [u.id, u.name])));
  protected readonly groups = computed(() => groupTasks(this.open() ?? [], this.now(), this.zone()));
  protected readonly sections = computed(() =>
    TASK_GROUPS.map((g) => ({ group: g, title: GROUP_TITLES[g], tasks: this.groups()[g] })).filter((s) => s.tasks.length || s.group !== 'none'),
  );
  protected readonly total = computed(() => this.open()?.length ?? 0);
  protected readonly isMine = computed(() => this.assigneeId() === this.meId());
  protected readonly todayText = computed(() =>
    new Intl.DateTimeFormat(this.i18n.lang(), { weekday: 'long', day: 'numeric', month: 'long', timeZone: this.zone() }).format(this.now()),
  );
  private seq = 0;

  constructor() {
    const timer = setInterval(() => this.now.set(new Date()), 60_000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
    void this.start();
  }

  private async start(): Promise<void> {
    try {
      const me = await this.session.load();
      this.assigneeId.set(me.id);
    } catch (err) {
      this.error.set(taskErrorText(this.i18n, err));
      return;
    }
    loadUsers(this.api).then(
      (users) => this.users.set(users.sort((a, b) => a.name.localeCompare(b.name))),
      () => undefined, // names then show as "unknown user"; the tasks still load
    );
    await this.load();
  }

  async load(): Promise<void> {
    const who = this.assigneeId();
    if (!who) return;
    const seq = ++this.seq;
    this.loading.set(true);
    this.error.set(null);
    this.now.set(new Date());
    try {
      const open = await loadAllTasks(this.api, `assigneeId=${encodeURIComponent(who)}&status=open`);
      if (seq !== this.seq) return;
      this.open.set(open);
      if (this.showDone()) await this.loadDone();
      await this.loadTitles();
    } catch (err) {
      if (seq === this.seq) this.error.set(taskErrorText(this.i18n, err));
    } finally {
      if (seq === this.seq) this.loading.set(false);
    }
  }

  private async loadDone(): Promise<void> {
    const page = await this.api.get<{ items: TaskItem[] }>(`/tasks?assigneeId=${encodeURIComponent(this.assigneeId())}&status=done&limit=20`);
    this.done.set(page.items ?? []);
  }

  private async loadTitles(): Promise<void> {
    const ids = [...(this.open() ?? []), ...(this.done() ?? [])].map((t) => t.dealId).filter((id): id is string => !!id);
    this.dealTitles.set(await loadDealTitles(this.api, ids, this.dealTitles()));
  }

  protected chooseAssignee(event: Event): void {
    this.assigneeId.set((event.target as HTMLSelectElement).value);
    this.open.set(null);
    this.done.set(null);
    void this.load();
  }

  async toggleDone(): Promise<void> {
    this.showDone.update((v) => !v);
    if (!this.showDone()) return;
    try {
      await this.loadDone();
      await this.loadTitles();
    } catch (err) {
      this.error.set(taskErrorText(this.i18n, err));
    }
  }

  protected countText(group: TaskGroup): number {
    return this.groups()[group].length;
  }

  protected onChanged(change: TaskChange): void {
    this.now.set(new Date());
    if (change.kind === 'completed') {
      this.open.update((all) => (all ?? []).filter((t) => t.id !== change.task.id));
      this.done.update((all) => (all ? [change.task, ...all] : all));
    } else {
      this.open.update((all) => (all ?? []).map((t) => (t.id === change.task.id ? change.task : t)));
    }
  }

  newTask(): void {
    const data: NewTaskData = { assigneeId: this.assigneeId() || null, users: this.users() };
    this.dialog
      .open<NewTaskDialog, NewTaskData, TaskItem | null>(NewTaskDialog, { data, autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((task) => {
        if (!task || task.assigneeId !== this.assigneeId()) return;
        this.now.set(new Date());
        this.open.update((all) => [...(all ?? []), task]);
        void this.loadTitles();
      });
  }
}
