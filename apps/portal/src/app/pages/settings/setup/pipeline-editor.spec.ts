import { addStage, draftFromPipeline, draftProblems, isDirty, moveStage, placeErrors, removeStage, toCreate, toPatch, toggleRequired, updateStage } from './pipeline-editor';
import { codeFromName } from './setup.types';
import type { PipelineView } from './setup.types';

const localize = (v: unknown) => (typeof v === 'string' ? v : ((v as Record<string, string>)['en'] ?? ''));

const pipeline: PipelineView = {
  id: 'p1',
  code: 'sales',
  name: { en: 'Sales', uk: 'Продажі', ru: 'Продажи' },
  assignment: null,
  stages: [
    { id: 's1', code: 'new', name: { en: 'New', uk: 'Нова', ru: 'Новая' }, position: 0, kind: 'open', rules: { requiredFields: [], noOpenTasks: false } },
    { id: 's2', code: 'offer', name: 'Offer', position: 1, kind: 'open', rules: { requiredFields: ['budget'], noOpenTasks: true, guards: ['np.ttn'] } },
    { id: 's3', code: 'won', name: 'Won', position: 2, kind: 'won', rules: { requiredFields: [], noOpenTasks: false } },
  ],
};

describe('pipeline editor model', () => {
  it('reads a pipeline in stage order with names in the current language and the guards kept', () => {
    const d = draftFromPipeline({ ...pipeline, stages: [...pipeline.stages].reverse() }, localize);
    expect(d.name).toBe('Sales');
    expect(d.stages.map((s) => s.code)).toEqual(['new', 'offer', 'won']);
    expect(d.stages[1]).toMatchObject({ requiredFields: ['budget'], noOpenTasks: true, guards: ['np.ttn'] });
    expect(isDirty(d, pipeline, localize)).toBe(false);
  });

  it('reorders stages as a drag and drop does, and the PATCH lists them in the new order by id', () => {
    const d = moveStage(draftFromPipeline(pipeline, localize), 2, 0);
    expect(d.stages.map((s) => s.code)).toEqual(['won', 'new', 'offer']);
    const body = toPatch(d, pipeline, localize);
    expect((body['stages'] as { id: string }[]).map((s) => s.id)).toEqual(['s3', 's1', 's2']);
    expect(body['name']).toBeUndefined();
    expect(body['assignment']).toBeUndefined();
  });

  it('adds an open stage before the closing ones, with a unique code from its (Cyrillic) name', () => {
    let d = draftFromPipeline(pipeline, localize);
    d = addStage(d, 'Договір');
    d = addStage(d, 'Договір');
    expect(d.stages.map((s) => s.code)).toEqual(['new', 'offer', 'dohovir', 'dohovir_2', 'won']);
    d = addStage(d, 'Lost for good', 'lost');
    expect(d.stages[d.stages.length - 1]).toMatchObject({ code: 'lost_for_good', kind: 'lost' });
    const body = toPatch(d, pipeline, localize);
    expect((body['stages'] as Record<string, unknown>[])[2]).toEqual({ code: 'dohovir', name: 'Договір', kind: 'open', rules: { requiredFields: [], noOpenTasks: false } });
  });

  it("a new stage's code follows its name until typed; a saved stage keeps its code and per-language name unless retyped", () => {
    let d = addStage(draftFromPipeline(pipeline, localize), 'Meet');
    const key = d.stages[2].key;
    d = updateStage(d, key, { name: 'Meeting' });
    expect(d.stages[2].code).toBe('meeting');
    d = updateStage(d, key, { code: 'mtg' });
    d = updateStage(d, key, { name: 'Meeting held' });
    expect(d.stages[2].code).toBe('mtg');
    d = updateStage(d, d.stages[0].key, { name: 'New' });
    d = updateStage(d, d.stages[1].key, { name: 'Proposal' });
    const stages = toPatch(d, pipeline, localize)['stages'] as Record<string, unknown>[];
    expect(stages[0]).toEqual({ id: 's1', kind: 'open', rules: { requiredFields: [], noOpenTasks: false } });
    expect(stages[1]).toMatchObject({ id: 's2', name: 'Proposal' });
    expect(stages[1]['rules']).toEqual({ requiredFields: ['budget'], noOpenTasks: true });
  });

  it('requires fields (custom ones and groups) on a stage, and unrequires them', () => {
    let d = draftFromPipeline(pipeline, localize);
    const key = d.stages[0].key;
    d = toggleRequired(d, key, 'brief', true);
    d = toggleRequired(d, key, 'bloggers', true);
    d = toggleRequired(d, key, 'brief', true);
    expect(d.stages[0].requiredFields).toEqual(['brief', 'bloggers']);
    d = toggleRequired(d, key, 'brief', false);
    expect(d.stages[0].requiredFields).toEqual(['bloggers']);
    expect(isDirty(d, pipeline, localize)).toBe(true);
    expect((toPatch(d, pipeline, localize)['stages'] as Record<string, unknown>[])[0]['rules']).toEqual({ requiredFields: ['bloggers'], noOpenTasks: false });
  });

  it('sends the assignment only when it changed, and null to turn it off', () => {
    const d = { ...draftFromPipeline(pipeline, localize), strategy: 'round-robin', departmentId: 'dep1' };
    expect(toPatch(d, pipeline, localize)['assignment']).toEqual({ strategy: 'round-robin', departmentId: 'dep1' });
    const withAssignment = { ...pipeline, assignment: { strategy: 'least-loaded' } };
    const off = { ...draftFromPipeline(withAssignment, localize), strategy: '' };
    expect(toPatch(off, withAssignment, localize)['assignment']).toBeNull();
  });

  it('finds what the API would refuse, named like the API names it', () => {
    let d = draftFromPipeline(pipeline, localize);
    d = updateStage(d, d.stages[1].key, { name: ' ' });
    d = addStage(d, 'x');
    d = updateStage(d, d.stages[2].key, { code: 'new' });
    expect(draftProblems(d).map((p) => `${p.field}:${p.key}`)).toEqual(['stages[1].name:setup.err.nameRequired', 'stages[2].code:setup.err.codeDuplicate']);
    const closedOnly = removeStage(removeStage(removeStage(d, d.stages[0].key), d.stages[1].key), d.stages[2].key);
    expect(draftProblems(closedOnly).map((p) => p.key)).toContain('setup.err.needOpen');
    expect(draftProblems({ name: '', stages: [] }, { code: 'Bad Code' }).map((p) => p.field)).toEqual(['code', 'name', 'stages']);
  });

  it('places validation errors on the stage at the index the API names', () => {
    const d = draftFromPipeline(pipeline, localize);
    const placed = placeErrors({ 'stages[2].code': 'bad', 'stages[1].rules.requiredFields[0]': 'unknown', name: 'empty', 'assignment.strategy': 'unknown' }, d.stages);
    expect(placed.stages[d.stages[2].key]).toEqual(['bad']);
    expect(placed.stages[d.stages[1].key]).toEqual(['unknown']);
    expect(placed.pipeline).toEqual({ name: 'empty', assignment: 'unknown' });
  });

  it('builds the POST of a new pipeline', () => {
    const d = addStage({ name: ' Опт ', stages: [], strategy: '', departmentId: '' }, 'Нова заявка');
    expect(toCreate('wholesale', d)).toEqual({
      code: 'wholesale',
      name: 'Опт',
      stages: [{ code: 'nova_zaiavka', name: 'Нова заявка', kind: 'open', rules: { requiredFields: [], noOpenTasks: false } }],
    });
    expect(codeFromName('Щастя — Ї!')).toBe('shchastia_i');
  });
});
