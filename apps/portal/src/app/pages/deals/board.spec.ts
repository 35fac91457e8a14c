import { BoardState, adjustSummary, fromCents, toCents } from './board';
import type { Deal, Stage } from './deals.types';

const stage = (id: string, kind: Stage['kind'] = 'open'): Stage => ({ id, code: id, name: id.toUpperCase(), position: 0, kind });
const deal = (id: string, stageId: string, budget: string | null = '100.10'): Deal => ({
  id,
  title: `Deal ${id}`,
  pipeline: { id: 'p', code: 'warm' },
  stage: { id: stageId, code: stageId, kind: 'open' },
  budget,
  currency: 'UAH',
  responsibleId: null,
  fields: {},
  tags: [],
  contactIds: [],
  companyId: null,
  createdAt: '',
  updatedAt: '',
});

describe('BoardState', () => {
  const stages = [stage('new'), stage('brief'), stage('won', 'won')];
  let board: BoardState;

  beforeEach(() => {
    board = new BoardState();
    board.reset(stages, [
      { stageId: 'new', code: 'new', kind: 'open', count: 3, budgets: [{ currency: 'UAH', sum: '300.30' }] },
      { stageId: 'brief', code: 'brief', kind: 'open', count: 1, budgets: [{ currency: 'UAH', sum: '99999999999999999.99' }] },
      { stageId: 'won', code: 'won', kind: 'won', count: 0, budgets: [] },
    ]);
    board.appendPage('new', { items: [deal('a', 'new'), deal('b', 'new'), deal('c', 'new')], nextCursor: 'next' });
    board.appendPage('brief', { items: [deal('x', 'brief', '99999999999999999.99')], nextCursor: null });
  });

  it('makes columns only of open stages', () => {
    expect(Object.keys(board.columns())).toEqual(['new', 'brief']);
    expect(board.column('new').done).toBe(false);
    expect(board.column('brief').done).toBe(true);
  });

  it('moves at once, with exact counts and sums, and rolls back exactly', () => {
    const before = { columns: board.columns(), summary: board.summary() };
    const move = board.move('b', stages[1], 1)!;
    expect(board.column('new').deals.map((d) => d.id)).toEqual(['a', 'c']);
    expect(board.column('brief').deals.map((d) => d.id)).toEqual(['x', 'b']);
    expect(board.column('brief').deals[1].stage).toEqual({ id: 'brief', code: 'brief', kind: 'open' });
    expect(board.summary()['new']).toMatchObject({ count: 2, budgets: [{ currency: 'UAH', sum: '200.20' }] });
    expect(board.summary()['brief']).toMatchObject({ count: 2, budgets: [{ currency: 'UAH', sum: '100000000000000100.09' }] });

    board.rollback(move);
    expect(board.columns()).toEqual(before.columns);
    expect(board.summary()).toEqual(before.summary);
  });

  it('moves off the board onto a won stage and back', () => {
    const move = board.move('a', stages[2])!;
    expect(board.find('a')).toBeNull();
    expect(board.summary()['won']).toMatchObject({ count: 1, budgets: [{ currency: 'UAH', sum: '100.10' }] });
    board.rollback(move);
    expect(board.column('new').deals.map((d) => d.id)).toEqual(['a', 'b', 'c']);
    expect(board.summary()['won']).toMatchObject({ count: 0, budgets: [] });
  });

  it('does nothing for a drop into the same stage or an unknown deal', () => {
    expect(board.move('a', stages[0])).toBeNull();
    expect(board.move('nope', stages[1])).toBeNull();
  });

  it('skips deals already shown when the next page arrives', () => {
    board.move('x', stages[0], 0);
    board.appendPage('new', { items: [deal('x', 'new'), deal('d', 'new')], nextCursor: null });
    expect(board.column('new').deals.map((d) => d.id)).toEqual(['x', 'a', 'b', 'c', 'd']);
  });

  it('counts money in cents', () => {
    expect(toCents('1500.5')).toBe(150050n);
    expect(toCents('abc')).toBeNull();
    expect(fromCents(-5n)).toBe('-0.05');
    const s = adjustSummary({ stageId: 's', code: 's', kind: 'open', count: 0, budgets: [] }, { ...deal('e', 's'), currency: 'EUR', budget: '0.10' }, 1);
    expect(s).toEqual({ stageId: 's', code: 's', kind: 'open', count: 1, budgets: [{ currency: 'EUR', sum: '0.10' }] });
  });
});
