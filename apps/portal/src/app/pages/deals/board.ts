import { signal } from '@angular/core';
import type { Deal, Page, Stage, StageSummary } from './deals.types';

/** The deals of one column loaded so far, 50 at a time. */
export interface Column {
  deals: Deal[];
  cursor: string | null;
  /** Every page is in. */
  done: boolean;
  loading: boolean;
  error: unknown;
}

/** An optimistic move, remembered so it can be undone. */
export interface Move {
  deal: Deal;
  fromStageId: string;
  fromIndex: number;
  toStageId: string;
}

const emptyColumn = (): Column => ({ deals: [], cursor: null, done: false, loading: false, error: null });

/** "1500.50" → 150050n; null when it is not an amount. */
export function toCents(amount: string | null | undefined): bigint | null {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(amount ?? '').trim());
  if (!m) return null;
  const cents = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] ? -cents : cents;
}

export function fromCents(cents: bigint): string {
  const neg = cents < 0n;
  const abs = neg ? -cents : cents;
  return `${neg ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** A stage's summary with one deal added (+1) or taken away (-1): count and the sum of its currency. */
export function adjustSummary(s: StageSummary, deal: Deal, sign: 1 | -1): StageSummary {
  const cents = toCents(deal.budget);
  let budgets = s.budgets;
  if (cents !== null && deal.currency) {
    const delta = sign === 1 ? cents : -cents;
    const found = budgets.some((b) => b.currency === deal.currency);
    budgets = found
      ? budgets.map((b) => (b.currency === deal.currency ? { ...b, sum: fromCents((toCents(b.sum) ?? 0n) + delta) } : b))
      : [...budgets, { currency: deal.currency, sum: fromCents(delta) }];
    budgets = budgets.filter((b) => toCents(b.sum) !== 0n);
  }
  return { ...s, count: Math.max(0, s.count + sign), budgets };
}

/**
 * The kanban's state: the summary of every stage and the loaded deals of each open one. Moves are applied
 * at once and undone exactly (`rollback`) when the API refuses them.
 */
export class BoardState {
  readonly columns = signal<Record<string, Column>>({});
  readonly summary = signal<Record<string, StageSummary>>({});

  reset(stages: Stage[], summary: StageSummary[]): void {
    this.columns.set(Object.fromEntries(stages.filter((s) => s.kind === 'open').map((s) => [s.id, emptyColumn()])));
    this.summary.set(Object.fromEntries(summary.map((s) => [s.stageId, s])));
  }

  column(stageId: string): Column {
    return this.columns()[stageId] ?? emptyColumn();
  }

  patchColumn(stageId: string, patch: Partial<Column>): void {
    this.columns.update((all) => (all[stageId] ? { ...all, [stageId]: { ...all[stageId], ...patch } } : all));
  }

  /** A page arrived: its deals are appended (ones already shown, e.g. moved in meanwhile, are skipped). */
  appendPage(stageId: string, page: Page<Deal>): void {
    this.columns.update((all) => {
      const col = all[stageId];
      if (!col) return all;
      const seen = new Set(col.deals.map((d) => d.id));
      const deals = [...col.deals, ...page.items.filter((d) => !seen.has(d.id))];
      return { ...all, [stageId]: { ...col, deals, cursor: page.nextCursor, done: !page.nextCursor, loading: false, error: null } };
    });
  }

  find(dealId: string): { deal: Deal; stageId: string; index: number } | null {
    for (const [stageId, col] of Object.entries(this.columns())) {
      const index = col.deals.findIndex((d) => d.id === dealId);
      if (index >= 0) return { deal: col.deals[index], stageId, index };
    }
    return null;
  }

  /** Moves a deal now (to `toIndex` of an open column, or out of the board onto a won/lost stage). */
  move(dealId: string, to: Stage, toIndex = 0): Move | null {
    const found = this.find(dealId);
    if (!found || found.stageId === to.id) return null;
    const { deal, stageId: fromStageId, index: fromIndex } = found;
    const moved: Deal = { ...deal, stage: { id: to.id, code: to.code, kind: to.kind } };
    this.columns.update((all) => {
      const next = { ...all, [fromStageId]: { ...all[fromStageId], deals: all[fromStageId].deals.filter((d) => d.id !== dealId) } };
      const target = next[to.id];
      if (target) {
        const deals = [...target.deals];
        deals.splice(Math.max(0, Math.min(toIndex, deals.length)), 0, moved);
        next[to.id] = { ...target, deals };
      }
      return next;
    });
    this.shiftSummary(fromStageId, to.id, deal);
    return { deal, fromStageId, fromIndex, toStageId: to.id };
  }

  /** Undoes a move: the deal goes back where it was, as it was, and the sums with it. */
  rollback(m: Move): void {
    this.columns.update((all) => {
      const next = { ...all };
      const target = next[m.toStageId];
      if (target) next[m.toStageId] = { ...target, deals: target.deals.filter((d) => d.id !== m.deal.id) };
      const source = next[m.fromStageId];
      if (source && !source.deals.some((d) => d.id === m.deal.id)) {
        const deals = [...source.deals];
        deals.splice(Math.min(m.fromIndex, deals.length), 0, m.deal);
        next[m.fromStageId] = { ...source, deals };
      }
      return next;
    });
    this.shiftSummary(m.toStageId, m.fromStageId, m.deal);
  }

  /** The API's version of a deal replaces the shown one (budget or responsible changed by the move). */
  replace(deal: Deal): void {
    this.columns.update((all) => {
      const col = all[deal.stage.id];
      if (!col) return all;
      return { ...all, [deal.stage.id]: { ...col, deals: col.deals.map((d) => (d.id === deal.id ? deal : d)) } };
    });
  }

  /** A new deal on the board: first in its column. */
  add(deal: Deal): void {
    this.columns.update((all) => {
      const col = all[deal.stage.id];
      return col ? { ...all, [deal.stage.id]: { ...col, deals: [deal, ...col.deals.filter((d) => d.id !== deal.id)] } } : all;
    });
    this.summary.update((all) => (all[deal.stage.id] ? { ...all, [deal.stage.id]: adjustSummary(all[deal.stage.id], deal, 1) } : all));
  }

  private shiftSummary(fromStageId: string, toStageId: string, deal: Deal): void {
    this.summary.update((all) => {
      const next = { ...all };
      if (next[fromStageId]) next[fromStageId] = adjustSummary(next[fromStageId], deal, -1);
      if (next[toStageId]) next[toStageId] = adjustSummary(next[toStageId], deal, 1);
      return next;
    });
  }
}
