import { Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { CdkDrag, CdkDragDrop, CdkDropList, CdkDropListGroup } from '@angular/cdk/drag-drop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ApiError, ApiService } from '../../core/api.service';
import type { HelpLink } from '../../core/api.service';
import { Notifier, errorText } from '../../core/errors';
import { I18nService, TPipe } from '../../core/i18n.service';
import { BoardState } from './board';
import { missingRequiredFields } from './rules-form';
import { itemsOf } from './deals.types';
import type { Deal, DealsSummary, FieldDef, Page, Pipeline, Stage, User } from './deals.types';
import { formatMoney, formatSums } from './format';
import { NewDealDialog } from './new-deal.dialog';
import { StageRulesDialog } from './stage-rules.dialog';
import type { StageRulesData } from './stage-rules.dialog';

const PAGE = 50;

/** A pipeline as a kanban: open stages are columns, won/lost stages drop zones; deals move by drag and drop. */
@Component({
  selector: 'app-kanban-page',
  imports: [CdkDropListGroup, CdkDropList, CdkDrag, MatButtonModule, MatDialogModule, MatProgressBarModule, TPipe],
  templateUrl: './kanban.page.html',
  styleUrl: './kanban.page.css',
})
export class KanbanPage {
  private readonly api = inject(ApiService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly i18n = inject(I18nService);

  protected readonly board = new BoardState();
  protected readonly pipelines = signal<Pipeline[] | null>(null);
  protected readonly pipeline = signal<Pipeline | null>(null);
  protected readonly users = signal<User[]>([]);
  private readonly defs = signal<FieldDef[] | null>(null);
  protected readonly loadError = signal<unknown>(null);
  protected readonly loading = signal(false);

  protected readonly q = signal('');
  protected readonly responsibleId = signal('');
  protected readonly tag = signal('');

  protected readonly openStages = computed(() => (this.pipeline()?.stages ?? []).filter((s) => s.kind === 'open').sort((a, b) => a.position - b.position));
  protected readonly closedStages = computed(() => (this.pipeline()?.stages ?? []).filter((s) => s.kind !== 'open').sort((a, b) => a.position - b.position));
  private readonly userNames = computed(() => new Map(this.users().map((u) => [u.id, u.name])));

  /** Bumped on every reload: answers of an older one are dropped. */
  private generation = 0;
  private filterTimer: ReturnType<typeof setTimeout> | null = null;
  private dragEndedAt = 0;

  private readonly destroyRef = inject(DestroyRef);

  constructor() {
    this.destroyRef.onDestroy(() => this.filterTimer && clearTimeout(this.filterTimer));
    void this.init();
  }

  private async init(): Promise<void> {
    this.loadError.set(null);
    try {
      const [pipelines, users] = await Promise.all([
        this.api.get<Pipeline[] | { items: Pipeline[] }>('/pipelines'),
        this.api.get<User[] | { items: User[] }>('/users?limit=200'),
      ]);
      this.users.set(itemsOf(users));
      this.pipelines.set(itemsOf(pipelines).filter((p) => !p.archived));
    } catch (err) {
      this.loadError.set(err);
      return;
    }
    this.route.queryParamMap.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((params) => this.choose(params.get('pipeline')));
  }

  protected loadErrorText(): string {
    return errorText(this.i18n, this.loadError());
  }

  protected retry(): void {
    if (!this.pipelines()) void this.init();
    else void this.reload();
  }

  /** `?pipeline=` (code or id) picks the pipeline; the first one otherwise. */
  private choose(ref: string | null): void {
    const all = this.pipelines() ?? [];
    const next = all.find((p) => p.code === ref || p.id === ref) ?? all[0] ?? null;
    if (next && next.id === this.pipeline()?.id) return;
    this.pipeline.set(next);
    void this.reload();
  }

  protected selectPipeline(event: Event): void {
    const code = (event.target as HTMLSelectElement).value;
    void this.router.navigate([], { relativeTo: this.route, queryParams: { pipeline: code }, queryParamsHandling: 'merge' });
  }

  protected filterText(which: 'q' | 'tag', event: Event): void {
    (which === 'q' ? this.q : this.tag).set((event.target as HTMLInputElement).value);
    if (this.filterTimer) clearTimeout(this.filterTimer);
    this.filterTimer = setTimeout(() => void this.reload(), 300);
  }

  protected filterResponsible(event: Event): void {
    this.responsibleId.set((event.target as HTMLSelectElement).value);
    void this.reload();
  }

  private filterQuery(): string {
    const params = new URLSearchParams();
    if (this.responsibleId()) params.set('responsibleId', this.responsibleId());
    if (this.tag().trim()) params.set('tag', this.tag().trim());
    if (this.q().trim()) params.set('q', this.q().trim());
    const s = params.toString();
    return s ? `&${s}` : '';
  }

  /** The summary and the first page of every column, for the current pipeline and filters. */
  async reload(): Promise<void> {
    const p = this.pipeline();
    const gen = ++this.generation;
    if (!p) {
      this.board.reset([], []);
      return;
    }
    this.loading.set(true);
    this.loadError.set(null);
    try {
      const summary = await this.api.get<DealsSummary>(`/deals/summary?pipeline=${p.id}${this.filterQuery()}`);
      if (gen !== this.generation) return;
      this.board.reset(p.stages, summary.stages);
    } catch (err) {
      if (gen === this.generation) this.loadError.set(err);
      return;
    } finally {
      if (gen === this.generation) this.loading.set(false);
    }
    await Promise.all(this.openStages().map((s) => this.loadMore(s, gen)));
  }

  /** The next 50 deals of a column. */
  async loadMore(stage: Stage, gen = this.generation): Promise<void> {
    const col = this.board.column(stage.id);
    if (col.loading || col.done) return;
    this.board.patchColumn(stage.id, { loading: true, error: null });
    const cursor = col.cursor ? `&cursor=${encodeURIComponent(col.cursor)}` : '';
    try {
      const page = await this.api.get<Page<Deal>>(`/deals?pipeline=${this.pipeline()?.id}&stage=${stage.id}&limit=${PAGE}${cursor}${this.filterQuery()}`);
      if (gen !== this.generation) return;
      this.board.appendPage(stage.id, page);
    } catch (err) {
      if (gen === this.generation) this.board.patchColumn(stage.id, { loading: false, error: err });
    }
  }

  /** Near the bottom of a column: the next page. */
  protected onScroll(stage: Stage, event: Event): void {
    const el = event.target as HTMLElement;
    if (el.scrollTop + el.clientHeight >= el.scrollHeight - 300) void this.loadMore(stage);
  }

  protected columnError(stageId: string): string | null {
    const err = this.board.column(stageId).error;
    return err ? this.i18n.t('kanban.columnError', { message: errorText(this.i18n, err) }) : null;
  }

  protected count(stageId: string): number {
    return this.board.summary()[stageId]?.count ?? 0;
  }

  protected sums(stageId: string): string {
    return formatSums(this.i18n.lang(), this.board.summary()[stageId]?.budgets ?? []);
  }

  protected rawSums(stageId: string): string {
    return (this.board.summary()[stageId]?.budgets ?? []).map((b) => `${b.sum} ${b.currency}`).join('; ');
  }

  protected budget(d: Deal): string {
    return formatMoney(this.i18n.lang(), d.budget, d.currency);
  }

  protected responsibleName(d: Deal): string {
    return d.responsibleId ? (this.userNames().get(d.responsibleId) ?? '') : this.i18n.t('kanban.nobody');
  }

  protected dragEnded(): void {
    this.dragEndedAt = Date.now();
  }

  protected open(d: Deal): void {
    // The click that ends a drag is not an "open".
    if (Date.now() - this.dragEndedAt < 300) return;
    void this.router.navigate(['/deals', d.id]);
  }

  protected drop(event: CdkDragDrop<Stage, Stage, Deal>): void {
    if (event.previousContainer === event.container) return;
    void this.moveTo(event.item.data, event.container.data, event.currentIndex);
  }

  /**
   * Moves a deal: at once on the board, then `PATCH`; undone if the API refuses. Unmet stage rules open the
   * dialog that asks for what is missing; a lost stage asks for the loss reason before anything is sent.
   */
  async moveTo(deal: Deal, stage: Stage, index = 0): Promise<void> {
    // What the deal visibly lacks is asked for at once; the API still has the last word (422).
    const missing = missingRequiredFields(stage, deal);
    if (stage.kind === 'lost' || missing.length) {
      await this.askRules(deal, stage, missing, index);
      return;
    }
    const move = this.board.move(deal.id, stage, index);
    if (!move) return;
    try {
      const updated = await this.api.patch<Deal>(`/deals/${deal.id}`, { stage: stage.id });
      this.board.replace(updated);
    } catch (err) {
      this.board.rollback(move);
      if (err instanceof ApiError && err.code === 'stage_rules_unmet') await this.askRules(deal, stage, err.details, index, err.help);
      else this.notifier.info(this.i18n.t('kanban.moveFailed', { title: deal.title, message: errorText(this.i18n, err) }));
    }
  }

  private async askRules(deal: Deal, stage: Stage, details: unknown[], index: number, help: HelpLink[] = []): Promise<void> {
    let defs = this.defs();
    if (!defs) {
      try {
        defs = await this.api.get<FieldDef[]>('/fields?entity=deal');
        this.defs.set(defs);
      } catch (err) {
        this.notifier.info(this.i18n.t('kanban.moveFailed', { title: deal.title, message: errorText(this.i18n, err) }));
        return;
      }
    }
    const data: StageRulesData = { deal, stage, details, defs: itemsOf(defs), users: this.users(), help };
    const ref = this.dialog.open<StageRulesDialog, StageRulesData, Deal | null>(StageRulesDialog, { data, width: '560px', autoFocus: 'first-tabbable', enterAnimationDuration: 0 });
    const updated = await firstValueFrom(ref.afterClosed());
    if (!updated) {
      this.notifier.info(this.i18n.t('kanban.moveCancelled', { title: deal.title }));
      return;
    }
    this.board.move(deal.id, stage, index);
    this.board.replace(updated);
    this.notifier.info(this.i18n.t('kanban.moved', { title: deal.title, stage: stage.name }));
    void this.refreshSummary();
  }

  /** Counts and sums again (after a move that also changed the budget). */
  private async refreshSummary(): Promise<void> {
    const p = this.pipeline();
    if (!p) return;
    const gen = this.generation;
    try {
      const summary = await this.api.get<DealsSummary>(`/deals/summary?pipeline=${p.id}${this.filterQuery()}`);
      if (gen === this.generation) this.board.summary.set(Object.fromEntries(summary.stages.map((s) => [s.stageId, s])));
    } catch (err) {
      this.notifier.error(err);
    }
  }

  async newDeal(): Promise<void> {
    const p = this.pipeline();
    if (!p) return;
    const ref = this.dialog.open<NewDealDialog, { pipeline: string }, Deal | null>(NewDealDialog, { data: { pipeline: p.id }, width: '480px', enterAnimationDuration: 0 });
    const deal = await firstValueFrom(ref.afterClosed());
    if (!deal) return;
    this.board.add(deal);
    this.notifier.info(this.i18n.t('newDeal.created', { title: deal.title }));
  }
}
