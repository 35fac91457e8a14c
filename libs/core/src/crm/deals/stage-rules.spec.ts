import { StageRuleSubject, unmetStageGuards, unmetStageRules } from './stage-rules';

const isFilled = (v: unknown): boolean =>
  v !== null && v !== undefined && (typeof v !== 'string' || v.trim() !== '') && (!Array.isArray(v) || v.length > 0);

const deal = (over: Partial<StageRuleSubject> = {}): StageRuleSubject => ({
  title: 'Deal',
  budget: null,
  responsibleId: null,
  contactIds: [],
  companyId: null,
  lostReason: null,
  fields: {},
  ...over,
});

describe('unmetStageRules', () => {
  it('names every unmet rule, in the order the stage lists them', () => {
    const rules = { requiredFields: ['budget', 'brief', 'contactIds', 'companyId', 'responsibleId'], noOpenTasks: true };
    expect(unmetStageRules(rules, deal(), ['t1', 't2'], isFilled)).toEqual([
      { rule: 'requiredField', field: 'budget' },
      { rule: 'requiredField', field: 'brief' },
      { rule: 'requiredField', field: 'contactIds' },
      { rule: 'requiredField', field: 'companyId' },
      { rule: 'requiredField', field: 'responsibleId' },
      { rule: 'noOpenTasks', taskIds: ['t1', 't2'] },
    ]);
  });

  it('is met by the deal as it will be', () => {
    const rules = { requiredFields: ['budget', 'brief', 'contactIds'], noOpenTasks: true };
    const ready = deal({ budget: '0.00', fields: { brief: 'https://docs' }, contactIds: ['c1'] });
    expect(unmetStageRules(rules, ready, [], isFilled)).toEqual([]);
  });

  it('treats blank custom values as missing and ignores the task rule when the stage has none', () => {
    expect(unmetStageRules({ requiredFields: ['brief'] }, deal({ fields: { brief: '  ' } }), ['t1'], isFilled)).toEqual([{ rule: 'requiredField', field: 'brief' }]);
    expect(unmetStageRules({}, deal(), ['t1'], isFilled)).toEqual([]);
    expect(unmetStageRules(null, deal(), [], isFilled)).toEqual([]);
  });

  it('can require a loss reason', () => {
    expect(unmetStageRules({ requiredFields: ['lostReason'] }, deal(), [], isFilled)).toEqual([{ rule: 'requiredField', field: 'lostReason' }]);
    expect(unmetStageRules({ requiredFields: ['lostReason'] }, deal({ lostReason: 'Too expensive' }), [], isFilled)).toEqual([]);
  });
});

describe('unmetStageGuards', () => {
  it('asks each guard once, in the order the stage lists them, and names those that refuse', async () => {
    const asked: string[] = [];
    const check = async (guard: string) => {
      asked.push(guard);
      return guard === 'req.company' ? 'the company has no tax id' : null;
    };
    expect(await unmetStageGuards({ guards: ['req.company', 'other.ok', 'req.company'] }, check)).toEqual([{ rule: 'guard', guard: 'req.company', message: 'the company has no tax id' }]);
    expect(asked).toEqual(['req.company', 'other.ok']);
    expect(await unmetStageGuards({ requiredFields: ['budget'] }, check)).toEqual([]);
  });
});
