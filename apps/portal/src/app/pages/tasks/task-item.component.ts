import { Component, computed, inject, input, output, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { ApiService } from '../../core/api.service';
import { I18nService, TPipe } from '../../core/i18n.service';
import { SessionService } from '../../core/session.service';
import { MoveDeadlineDialog } from './move-deadline.dialog';
import type { MoveDeadlineData } from './move-deadline.dialog';
import { taskErrorText, taskFieldError } from './task-errors';
import { historyText } from './task-history';
import { absoluteTime, relativeTime, safeZone } from './task-time';
import type { TaskChange, TaskHistoryEntry, TaskItem, UserNames } from './tasks.types';
import './tasks.i18n';

/**
 * One task: title, deadline (relative and exact, in the portal's time zone), its deal, who set it; done
 * in place with a result (a native select when the task has result options) and an optional comment; the
 * deadline moved with a comment (a dialog); its history on demand. Emits `changed` after every change.
 */
@Component({
  selector: 'app-task-item',
  imports: [RouterLink, MatButtonModule, TPipe],
  templateUrl: './task-item.component.html',
  styleUrl: './task-item.component.css',
})
export class TaskItemComponent {
  private readonly api = inject(ApiService);
  private readonly dialog = inject(MatDialog);
  private readonly session = inject(SessionService);
  protected readonly i18n = inject(I18nService);

  readonly task = input.required<TaskItem>();
  /** Users by id → name (assignee, creator, history). */
  readonly users = input<UserNames>(new Map());
  /** The title of the task's deal, when known. */
  readonly dealTitle = input<string | null>(null);
  /** Show the deal link (off on the deal's own card). */
  readonly showDeal = input(true);
  /** Show the assignee (off on "my" list). */
  readonly showAssignee = input(true);
  /** "Now", for the relative deadline; a page that ticks passes its clock. */
  readonly now = input<Date | null>(null);
  /** The zone deadlines are shown in; the portal's by default. */
  readonly timeZone = input<string | null>(null);

  readonly changed = output<TaskChange>();

  protected readonly zone = computed(() => safeZone(this.timeZone() ?? this.session.me()?.portal?.timezone));
  protected readonly result = signal('');
  protected readonly comment = signal('');
  protected readonly busy = signal(false);
  protected readonly resultError = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly historyOpen = signal(false);
  protected readonly history = signal<TaskHistoryEntry[] | null>(null);
  protected readonly historyError = signal<string | null>(null);

  protected readonly done = computed(() => this.task().status === 'done');
  protected readonly overdue = computed(() => {
    const t = this.task();
    if (t.status === 'done' || !t.dueAt) return false;
    return new Date(t.dueAt).getTime() < (this.now() ?? new Date()).getTime();
  });

  protected readonly due = computed(() => {
    const t = this.task();
    if (!t.dueAt) return null;
    const at = new Date(t.dueAt);
    if (Number.isNaN(at.getTime())) return null;
    const lang = this.i18n.lang();
    return { relative: relativeTime(at, this.now() ?? new Date(), lang, this.zone()), absolute: absoluteTime(at, lang, this.zone()) };
  });

  protected readonly completedAt = computed(() => {
    const at = this.task().completedAt;
    return at ? absoluteTime(new Date(at), this.i18n.lang(), this.zone()) : '';
  });

  protected readonly creator = computed(() => {
    const t = this.task();
    this.i18n.lang();
    if (t.createdBy === 'automation') return this.i18n.t('tasks.byAutomation');
    if (!t.creatorId) return '';
    return t.creatorId === this.session.me()?.id ? this.i18n.t('tasks.byMe') : this.i18n.t('tasks.byUser', { name: this.userName(t.creatorId) });
  });

  protected readonly historyItems = computed(() => {
    const entries = this.history() ?? [];
    const lang = this.i18n.lang();
    return entries.map((e) => ({
      id: e.id,
      when: absoluteTime(new Date(e.createdAt), lang, this.zone()),
      who: e.actorId ? this.userName(e.actorId) : this.i18n.t('tasks.byAutomationShort'),
      text: historyText(e, this.i18n, (id) => this.userName(id), this.zone()),
    }));
  });

  protected userName(id: string | null | undefined): string {
    if (!id) return '—';
    return this.users().get(id) ?? this.i18n.t('tasks.unknownUser');
  }

  protected setResult(event: Event): void {
    this.result.set((event.target as HTMLSelectElement).value);
    this.resultError.set(null);
    this.error.set(null);
  }

  protected setComment(event: Event): void {
    this.comment.set((event.target as HTMLInputElement).value);
  }

  /** Completes with the chosen result (required when the task has options) and the comment. */
  async complete(): Promise<void> {
    const t = this.task();
    if (this.busy() || this.done()) return;
    const result = this.result();
    if (t.resultOptions.length && !result) {
      this.resultError.set(this.i18n.t('tasks.chooseResult'));
      return;
    }
    this.busy.set(true);
    this.resultError.set(null);
    this.error.set(null);
    const body: Record<string, string> = {};
    if (result) body['result'] = result;
    if (this.comment().trim()) body['comment'] = this.comment().trim();
    try {
      const updated = await this.api.post<TaskItem>(`/tasks/${t.id}/complete`, body);
      this.changed.emit({ kind: 'completed', task: updated });
    } catch (err) {
      const onResult = taskFieldError(this.i18n, err, 'result');
      if (onResult) this.resultError.set(onResult);
      else this.error.set(taskFieldError(this.i18n, err, 'comment') ?? taskErrorText(this.i18n, err));
    } finally {
      this.busy.set(false);
    }
  }

  /** The deadline dialog; on success the row reports the moved task. */
  moveDeadline(): void {
    const data: MoveDeadlineData = { task: this.task(), timeZone: this.zone() };
    this.dialog
      .open<MoveDeadlineDialog, MoveDeadlineData, TaskItem | null>(MoveDeadlineDialog, { data, autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((updated) => {
        if (!updated) return;
        this.changed.emit({ kind: 'moved', task: updated });
        if (this.historyOpen()) void this.loadHistory();
      });
  }

  async toggleHistory(): Promise<void> {
    this.historyOpen.update((v) => !v);
    if (this.historyOpen()) await this.loadHistory();
  }

  async loadHistory(): Promise<void> {
    this.historyError.set(null);
    try {
      const page = await this.api.get<{ items: TaskHistoryEntry[] }>(`/tasks/${this.task().id}/history?limit=50`);
      this.history.set(page.items ?? []);
    } catch (err) {
      this.historyError.set(taskErrorText(this.i18n, err));
    }
  }
}
