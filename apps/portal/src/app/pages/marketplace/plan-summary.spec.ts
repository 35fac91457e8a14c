import { TestBed } from '@angular/core/testing';
import { I18nService } from '../../core/i18n.service';
import { describePlan, summarizePlan } from './plan-summary';
import type { PlanStep } from './plan-summary';

const steps = (kind: string, action: string, n: number, plugin = 'sales'): PlanStep[] =>
  Array.from({ length: n }, (_, i) => ({ plugin, kind, action, code: `${kind}-${i}` }));

describe('summarizePlan', () => {
  const plan: PlanStep[] = [
    ...steps('field', 'create', 14, 'base'),
    { plugin: 'base', kind: 'plugin', action: 'install', code: 'base', version: '1.0.0', from: null },
    ...steps('pipeline', 'create', 3),
    ...steps('stage', 'create', 12),
    ...steps('stage', 'update', 2),
    ...steps('automation', 'create', 22),
    ...steps('automation', 'enable', 1),
    { plugin: 'sales', kind: 'field', action: 'conflict', code: 'budget', reason: 'the portal has its own field with this code' },
    { plugin: 'sales', kind: 'pipeline', action: 'conflict', code: 'warm' },
    { plugin: 'sales', kind: 'migration', action: 'apply', code: '1.1.0' },
    { plugin: 'sales', kind: 'plugin', action: 'install', code: 'sales', version: '1.1.0', from: null },
  ];

  it('counts the steps by kind for each action', () => {
    const s = summarizePlan(plan, 'sales');
    expect(s.create).toEqual({ pipeline: 3, stage: 12, field: 14, automation: 22 });
    expect(s.update).toEqual({ stage: 2 });
    expect(s.enable).toEqual({ automation: 1 });
    expect(s.conflicts).toEqual({ pipeline: 1, field: 1 });
    expect(s.conflictSteps.map((c) => c.code)).toEqual(['budget', 'warm']);
    expect(s.dependencies).toEqual(['base']);
    expect(s.migrations).toBe(1);
    expect(s.installsPlugin).toBe(true);
    expect(Object.keys(s.create)).toEqual(['pipeline', 'stage', 'field', 'automation']);
  });

  it('an empty plan counts nothing', () => {
    expect(summarizePlan([], 'x')).toEqual({
      create: {},
      update: {},
      enable: {},
      conflicts: {},
      conflictSteps: [],
      dependencies: [],
      upgrades: [],
      migrations: 0,
      installsPlugin: false,
    });
  });

  it('notes an upgrade', () => {
    const s = summarizePlan([{ plugin: 'x', kind: 'plugin', action: 'upgrade', code: 'x', version: '2.0.0', from: '1.0.0' }], 'x');
    expect(s.upgrades).toEqual([{ plugin: 'x', from: '1.0.0', to: '2.0.0' }]);
    expect(s.dependencies).toEqual([]);
  });

  describe('in words', () => {
    let i18n: I18nService;
    beforeEach(() => {
      localStorage.clear();
      i18n = TestBed.inject(I18nService);
    });
    const names = (id: string) => ({ base: 'Base CRM', sales: 'Sales' })[id] ?? id;

    it('English', () => {
      i18n.choose('en');
      const lines = describePlan(
        i18n,
        summarizePlan([...steps('pipeline', 'create', 3), ...steps('field', 'create', 14), ...steps('automation', 'create', 22)], 'sales'),
        names,
      );
      expect(lines).toEqual(['Will create 3 pipelines, 14 fields, and 22 automation rules.']);
      expect(describePlan(i18n, summarizePlan(plan, 'sales'), names)).toEqual([
        'Will install first, as required: Base CRM.',
        'Will create 3 pipelines, 12 stages, 14 fields, and 22 automation rules.',
        'Will extend what the portal already has: 2 stages.',
        'Will bring back: 1 automation rule.',
        'Will apply 1 data migration.',
        'Already in the portal and left as it is: 1 pipeline and 1 field.',
      ]);
    });

    it('Ukrainian and Russian', () => {
      const small = summarizePlan([...steps('pipeline', 'create', 1), ...steps('stage', 'create', 6), ...steps('field', 'create', 3), ...steps('field', 'conflict', 2)], 'sales');
      i18n.choose('uk');
      expect(describePlan(i18n, small)).toEqual(['Буде створено: 1 воронка, 6 стадій і 3 поля.', 'Уже є в порталі й залишиться як є: 2 поля.']);
      i18n.choose('ru');
      expect(describePlan(i18n, small)).toEqual(['Будет создано: 1 воронка, 6 стадий и 3 поля.', 'Уже есть в портале и останется как есть: 2 поля.']);
    });

    it('a plugin that only needs switching on, and a plan with nothing to do', () => {
      i18n.choose('en');
      expect(describePlan(i18n, summarizePlan([{ plugin: 'x', kind: 'plugin', action: 'install', code: 'x' }], 'x'))).toEqual([
        'The plugin adds no pipelines, fields or automation rules of its own; it will simply be switched on.',
      ]);
      expect(describePlan(i18n, summarizePlan([], 'x'))).toEqual(['Nothing needs to be created: everything is already in place.']);
    });
  });
});
