import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { OverlayContainer } from '@angular/cdk/overlay';
import { ApiService } from '../../core/api.service';
import { I18nService } from '../../core/i18n.service';
import { byTestId, fakeFetch, fill, settle } from '../../testing/fake-fetch';
import type { FakeCall } from '../../testing/fake-fetch';
import type { Deal, Stage } from './deals.types';
import { KanbanPage } from './kanban.page';

const st = (id: string, code: string, name: string, position: number, kind: Stage['kind'] = 'open'): Stage => ({ id, code, name, position, kind });
const STAGES = [st('s1', 'new', 'New client', 0), st('s2', 'meeting', 'Meeting', 1), st('s3', 'won', 'Won', 2, 'won'), st('s4', 'lost', 'Lost', 3, 'lost')];
const PIPELINE = { id: 'p1', code: 'warm', name: 'Warm', stages: STAGES };
const deal = (id: string, stageId = 's1', over: Partial<Deal> = {}): Deal => ({
  id,
  title: `Deal ${id}`,
  pipeline: { id: 'p1', code: 'warm' },
  stage: { id: stageId, code: STAGES.find((s) => s.id === stageId)!.code, kind: 'open' },
  budget: '100.50',
  currency: 'UAH',
  responsibleId: 'u1',
  fields: {},
  tags: ['A'],
  contactIds: [],
  companyId: null,
  createdAt: '',
  updatedAt: '',
  ...over,
});
const DEFS = [
  { code: 'brief_date', name: 'Brief date', type: 'date' },
  { code: 'bloggers', name: 'Services', type: 'group', repeatable: true, fields: [{ code: 'blogger', name: 'Blogger', type: 'string' }] },
];

/** The control of a dialog field: its test id is on the label around it. */
const control = (root: ParentNode, testId: string) => root.querySelector(`[data-testid="${testId}"] input, [data-testid="${testId}"] textarea, [data-testid="${testId}"] select`) as HTMLInputElement;
function fillIn(root: ParentNode, testId: string, value: string): void {
  const el = control(root, testId);
  if (!el) throw new Error(`no control ${testId}`);
  el.value = value;
  el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input'));
}

describe('KanbanPage', () => {
  let patch: (c: FakeCall) => { status?: number; body?: unknown };

  async function render() {
    localStorage.clear();
    const routes = {
      'GET /pipelines': () => ({ body: [PIPELINE] }),
      'GET /users?limit=200': () => ({ body: { items: [{ id: 'u1', name: 'Ivan Petrenko' }], nextCursor: null } }),
      'GET /fields?entity=deal': () => ({ body: DEFS }),
      'GET /deals/summary*': () => ({
        body: {
          pipeline: { id: 'p1', code: 'warm' },
          stages: [
            { stageId: 's1', code: 'new', kind: 'open', count: 120, budgets: [{ currency: 'UAH', sum: '12060.00' }] },
            { stageId: 's2', code: 'meeting', kind: 'open', count: 0, budgets: [] },
            { stageId: 's3', code: 'won', kind: 'won', count: 0, budgets: [] },
            { stageId: 's4', code: 'lost', kind: 'lost', count: 2, budgets: [] },
          ],
        },
      }),
      'GET /deals?pipeline=p1&stage=s1&limit=50*': (c: FakeCall) =>
        c.url.includes('cursor=') ? { body: { items: [deal('d3')], nextCursor: null } } : { body: { items: [deal('d1'), deal('d2')], nextCursor: 'c2' } },
      'GET /deals?pipeline=p1&stage=s2*': () => ({ body: { items: [], nextCursor: null } }),
      'PATCH /deals/*': (c: FakeCall) => patch(c),
      'GET /tasks*': () => ({ body: { items: [] } }),
    };
    const fake = fakeFetch(routes);
    (globalThis as { fetch: unknown }).fetch = fake.fetch;
    TestBed.configureTestingModule({
      imports: [KanbanPage],
      providers: [provideRouter([]), { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }],
    });
    TestBed.inject(I18nService).choose('en');
    TestBed.inject(ApiService).setToken('tok');
    const fixture = TestBed.createComponent(KanbanPage);
    const step = async () => {
      await settle(10);
      await fixture.whenStable();
    };
    await step();
    const root = fixture.nativeElement as HTMLElement;
    const overlay = TestBed.inject(OverlayContainer).getContainerElement();
    const page = fixture.componentInstance as unknown as { moveTo(d: Deal, s: Stage, i?: number): Promise<void> };
    return { fixture, root, overlay, fake, step, page };
  }

  afterEach(() => {
    TestBed.inject(OverlayContainer).ngOnDestroy();
    jest.restoreAllMocks();
  });

  const cards = (root: HTMLElement, code: string) =>
    Array.from(root.querySelectorAll(`[data-testid="column-list-${code}"] [data-deal-id]`)).map((e) => e.getAttribute('data-deal-id'));

  it('shows open stages as columns with counts and exact sums, closed ones as drop zones', async () => {
    const { root, fake, step } = await render();
    expect(Array.from(root.querySelectorAll('.column-name')).map((e) => e.textContent)).toEqual(['New client', 'Meeting']);
    expect(byTestId(root, 'column-count-new')?.textContent).toBe('120');
    expect(byTestId(root, 'column-sum-new')?.getAttribute('data-sum')).toBe('12060.00 UAH');
    expect(byTestId(root, 'dropzone-won')).not.toBeNull();
    expect(byTestId(root, 'dropzone-lost')?.textContent).toContain('2 deals');
    expect(byTestId(root, 'kanban-column-new')).not.toBeNull();
    expect(byTestId(root, 'kanban-column-won')).toBeNull();
    const card = byTestId(root, 'deal-card-d1')!;
    expect(card.textContent).toContain('Deal d1');
    expect(card.textContent).toContain('Ivan Petrenko');
    expect(card.textContent).toContain('100.50');
    expect(card.textContent).toContain('A');

    byTestId(root, 'column-more-new')!.click();
    await step();
    expect(cards(root, 'new')).toEqual(['d1', 'd2', 'd3']);
    expect(byTestId(root, 'column-more-new')).toBeNull();
    expect(fake.calls.some((c) => c.url.includes('cursor=c2'))).toBe(true);
  });

  it('applies the filters to the summary and the columns', async () => {
    const { root, fake, step } = await render();
    fill(root, 'filter-responsible', 'u1');
    await step();
    const urls = fake.calls.map((c) => c.url);
    expect(urls).toContain('/api/v1/deals/summary?pipeline=p1&responsibleId=u1');
    expect(urls).toContain('/api/v1/deals?pipeline=p1&stage=s1&limit=50&responsibleId=u1');
  });

  it('moves optimistically and rolls back when the API refuses', async () => {
    const { root, step, page } = await render();
    let answer!: (v: { status?: number; body?: unknown }) => void;
    patch = () => new Promise((r) => (answer = r)) as never;
    const moving = page.moveTo(deal('d1'), STAGES[1], 0);
    await step();
    expect(cards(root, 'new')).toEqual(['d2']);
    expect(cards(root, 'meeting')).toEqual(['d1']);
    expect(byTestId(root, 'column-count-meeting')?.textContent).toBe('1');
    expect(byTestId(root, 'column-sum-new')?.getAttribute('data-sum')).toBe('11959.50 UAH');
    answer({ status: 409, body: { error: 'conflict', message: 'Changed meanwhile' } });
    await moving;
    await step();
    expect(cards(root, 'new')).toEqual(['d1', 'd2']);
    expect(cards(root, 'meeting')).toEqual([]);
    expect(byTestId(root, 'column-count-new')?.textContent).toBe('120');
    expect(byTestId(root, 'column-sum-new')?.getAttribute('data-sum')).toBe('12060.00 UAH');
  });

  it('offers the lessons the 422 names as help ("Learn how") next to the missing fields', async () => {
    const { overlay, step, page } = await render();
    patch = () => ({
      status: 422,
      body: { error: 'stage_rules_unmet', message: 'no', details: [{ rule: 'requiredField', field: 'budget' }], help: [{ courseId: 'c1', lessonId: 'l1', title: 'Filling in the budget' }] },
    });
    void page.moveTo(deal('d1'), STAGES[1], 0);
    await step();
    const link = byTestId(overlay, 'rule-help-l1') as HTMLAnchorElement;
    expect(byTestId(overlay, 'stage-rules-help')?.textContent).toContain('Learn how:');
    expect(link.textContent).toBe('Filling in the budget');
    expect(link.getAttribute('href')).toBe('/training/course?id=c1&lesson=l1');
    expect(link.target).toBe('_blank');
    byTestId(overlay, 'stage-rules-cancel')!.click();
    await step();
  });

  it('asks for the missing fields on 422 and sends them with the move in one PATCH', async () => {
    const { root, overlay, fake, step, page } = await render();
    patch = (c) =>
      (c.body as Record<string, unknown>)['fields']
        ? { body: deal('d1', 's2') }
        : { status: 422, body: { error: 'stage_rules_unmet', message: 'no', details: [{ rule: 'requiredField', field: 'brief_date' }, { rule: 'requiredField', field: 'bloggers' }, { rule: 'requiredField', field: 'budget' }] } };
    const moving = page.moveTo(deal('d1'), STAGES[1], 0);
    await step();
    expect(cards(root, 'new')).toEqual(['d1', 'd2']);
    expect(byTestId(overlay, 'stage-rules-dialog')).not.toBeNull();
    expect(control(overlay, 'rule-field-brief_date').type).toBe('date');
    expect(control(overlay, 'rule-field-budget').type).toBe('number');
    expect(byTestId(overlay, 'rule-field-lostReason')).toBeNull();

    byTestId(overlay, 'stage-rules-submit')!.click();
    await step();
    expect(byTestId(overlay, 'rule-error-brief_date')?.textContent).toBe('Fill in this field.');

    fillIn(overlay, 'rule-field-brief_date', '2026-12-20');
    fillIn(overlay, 'rule-field-budget', '2500');
    fillIn(overlay, 'rule-field-bloggers-0-blogger', 'Buzova');
    byTestId(overlay, 'rule-group-add-bloggers')!.click();
    await step();
    fillIn(overlay, 'rule-field-bloggers-1-blogger', 'Ivleeva');
    byTestId(overlay, 'stage-rules-submit')!.click();
    await moving;
    await step();
    const sent = fake.calls.filter((c) => c.method === 'PATCH').pop()!;
    expect(sent.body).toEqual({ stage: 's2', budget: '2500', fields: { brief_date: '2026-12-20', bloggers: [{ blogger: 'Buzova' }, { blogger: 'Ivleeva' }] } });
    expect(byTestId(overlay, 'stage-rules-dialog')).toBeNull();
    expect(cards(root, 'meeting')).toEqual(['d1']);
  });

  it('always asks for the loss reason before a drop onto a lost stage, and shows 400s next to the field', async () => {
    const { root, overlay, fake, step, page } = await render();
    patch = (c) =>
      (c.body as Record<string, unknown>)['lostReason'] === 'x'
        ? { status: 400, body: { error: 'validation_failed', message: 'bad', details: [{ field: 'lostReason', message: 'too short' }] } }
        : { body: deal('d2', 's4') };
    const moving = page.moveTo(deal('d2'), STAGES[3]);
    await step();
    expect(fake.calls.filter((c) => c.method === 'PATCH')).toHaveLength(0);
    fillIn(overlay, 'rule-field-lostReason', 'x');
    byTestId(overlay, 'stage-rules-submit')!.click();
    await step();
    expect(byTestId(overlay, 'rule-error-lostReason')?.textContent).toBe('too short');
    fillIn(overlay, 'rule-field-lostReason', 'No budget');
    byTestId(overlay, 'stage-rules-submit')!.click();
    await moving;
    await step();
    expect(fake.calls.filter((c) => c.method === 'PATCH').pop()!.body).toEqual({ stage: 's4', lostReason: 'No budget' });
    expect(cards(root, 'new')).toEqual(['d1']);
  });

  it('asks at once for the required fields the deal visibly lacks, without a failing request', async () => {
    const { overlay, fake, step, page } = await render();
    patch = () => ({ body: deal('d1', 's2') });
    const strict: Stage = { ...STAGES[1], rules: { requiredFields: ['brief_date', 'budget', 'title'] } };
    const moving = page.moveTo(deal('d1'), strict, 0);
    await step();
    expect(fake.calls.filter((c) => c.method === 'PATCH')).toHaveLength(0);
    expect(byTestId(overlay, 'rule-field-brief_date')).not.toBeNull();
    expect(byTestId(overlay, 'rule-field-budget')).toBeNull();
    expect(byTestId(overlay, 'rule-field-title')).toBeNull();
    fillIn(overlay, 'rule-field-brief_date', '2026-12-24');
    byTestId(overlay, 'stage-rules-submit')!.click();
    await moving;
    expect(fake.calls.filter((c) => c.method === 'PATCH').pop()!.body).toEqual({ stage: 's2', fields: { brief_date: '2026-12-24' } });
  });
});
