import { mergeStageOrder, normalizeRules, stagesProblems, widenRules } from './pipeline-definition';

describe('stage lists', () => {
  const fields = ['brief'];

  it('accepts ordered stages whose rules require built-in or custom deal fields', () => {
    const stages = [
      { code: 'lead', name: 'Lead' },
      { code: 'brief', name: 'Brief', rules: { requiredFields: ['brief', 'budget'], noOpenTasks: true } },
      { code: 'lost', name: 'Lost', kind: 'lost' as const, rules: { requiredFields: ['lostReason'] } },
    ];
    expect(stagesProblems(stages, 'stages', fields)).toEqual([]);
  });

  it('names every problem by its place', () => {
    const problems = stagesProblems(
      [
        { code: 'a', name: 'A', kind: 'won' },
        { code: 'a', name: ' ', kind: 'lost' },
        { code: 'Bad!', name: 'B', kind: 'maybe' as never, rules: { requiredFields: ['nope'] } },
      ],
      'pipeline.stages',
      fields,
    );
    expect(problems.map((p) => p.field)).toEqual([
      'pipeline.stages[1].code',
      'pipeline.stages[1].name',
      'pipeline.stages[2].code',
      'pipeline.stages[2].kind',
      'pipeline.stages[2].rules.requiredFields[0]',
      'pipeline.stages',
    ]);
  });

  it('refuses an empty list and malformed rules without throwing', () => {
    expect(stagesProblems([], 'stages', fields)[0].field).toBe('stages');
    expect(stagesProblems(undefined as never, 'stages', fields)[0].field).toBe('stages');
    const bad = stagesProblems([{ code: 'a', name: 'A', rules: { requiredFields: 'budget' as never, noOpenTasks: 'yes' as never } }], 'stages', fields);
    expect(bad.map((p) => p.field)).toEqual(['stages[0].rules.noOpenTasks', 'stages[0].rules.requiredFields']);
  });
});

describe('stage rules', () => {
  it('stores required fields once and keeps the guards plugins contributed', () => {
    expect(normalizeRules({ requiredFields: ['budget', 'budget'] }, ['requisites.filled'])).toEqual({
      requiredFields: ['budget'],
      noOpenTasks: false,
      guards: ['requisites.filled'],
    });
    expect(normalizeRules({ guards: ['b', 'a', 'b'] }, ['requisites.filled']).guards).toEqual(['b', 'a']);
    expect(normalizeRules({ guards: [] }, ['requisites.filled'])).toEqual({ requiredFields: [], noOpenTasks: false });
  });

  it('refuses guards that are not a list of codes', () => {
    const bad = stagesProblems([{ code: 'a', name: 'A', rules: { guards: 'x' as never } }, { code: 'b', name: 'B', rules: { guards: ['ok', 7 as never] } }], 'stages', []);
    expect(bad.map((p) => p.field)).toEqual(['stages[0].rules.guards', 'stages[1].rules.guards[1]']);
  });

  it('only widens the rules of a stage the portal already has', () => {
    expect(widenRules({ requiredFields: ['budget'], noOpenTasks: true }, { requiredFields: ['brief'], noOpenTasks: false })).toEqual({
      requiredFields: ['budget', 'brief'],
      noOpenTasks: true,
    });
    expect(widenRules({ guards: ['mine'] }, { guards: ['theirs', 'mine'] }).guards).toEqual(['mine', 'theirs']);
  });
});

describe('merging a plugin’s stages into a pipeline the portal has', () => {
  it('keeps the portal’s order and slots new stages next to their neighbours', () => {
    expect(mergeStageOrder(['lead', 'won', 'lost'], ['lead', 'brief', 'offer', 'won', 'lost'])).toEqual(['lead', 'brief', 'offer', 'won', 'lost']);
    expect(mergeStageOrder(['a', 'b', 'won'], ['x', 'y', 'won'])).toEqual(['a', 'b', 'x', 'y', 'won']);
    expect(mergeStageOrder(['mine'], ['x', 'y'])).toEqual(['mine', 'x', 'y']);
  });

  it('changes nothing when every stage is there, whatever their order', () => {
    expect(mergeStageOrder(['b', 'a'], ['a', 'b'])).toEqual(['b', 'a']);
  });
});
