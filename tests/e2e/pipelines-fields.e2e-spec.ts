import { addUser, api, signUp } from './support/api';

const SALES = {
  code: 'warm',
  name: 'Warm clients',
  stages: [
    { code: 'lead', name: 'Lead' },
    { code: 'qualified', name: 'Quality control', rules: { requiredFields: ['budget'] } },
    { code: 'contract', name: 'Contract', rules: { requiredFields: ['budget', 'contactIds'], noOpenTasks: true } },
    { code: 'won', name: 'Won', kind: 'won' },
    { code: 'lost', name: 'Lost', kind: 'lost' },
  ],
};

describe('pipelines and stage rules', () => {
  it('creates a pipeline with ordered stages, kinds and rules, readable by id or code', async () => {
    const s = await signUp();
    const created = await api('POST', '/pipelines', { token: s.token, body: SALES });
    expect(created.status).toBe(201);
    expect(created.body.stages.map((st: { code: string }) => st.code)).toEqual(['lead', 'qualified', 'contract', 'won', 'lost']);
    expect(created.body.stages[0]).toMatchObject({ position: 0, kind: 'open', rules: { requiredFields: [], noOpenTasks: false } });
    expect(created.body.stages[2].rules).toEqual({ requiredFields: ['budget', 'contactIds'], noOpenTasks: true });
    expect(created.body.stages[3].kind).toBe('won');

    const list = await api('GET', '/pipelines', { token: s.token });
    expect(list.status).toBe(200);
    expect(Array.isArray(list.body)).toBe(true);
    expect(list.body.map((p: { code: string }) => p.code)).toEqual(['warm']);
    const byCode = await api('GET', '/pipelines/warm', { token: s.token });
    expect(byCode.body.id).toBe(created.body.id);
  });

  it('refuses duplicate codes, unknown required fields and a pipeline without an open stage, naming the field', async () => {
    const s = await signUp();
    await api('POST', '/pipelines', { token: s.token, body: SALES });
    const again = await api('POST', '/pipelines', { token: s.token, body: SALES });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('code_taken');

    const dupStage = await api('POST', '/pipelines', { token: s.token, body: { code: 'x', name: 'X', stages: [{ code: 'a', name: 'A' }, { code: 'a', name: 'A2' }] } });
    expect(dupStage.status).toBe(400);
    expect(dupStage.body.details[0].field).toBe('stages[1].code');

    const unknownField = await api('POST', '/pipelines', { token: s.token, body: { code: 'y', name: 'Y', stages: [{ code: 'a', name: 'A', rules: { requiredFields: ['nope'] } }] } });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.details[0].field).toBe('stages[0].rules.requiredFields[0]');

    const closedOnly = await api('POST', '/pipelines', { token: s.token, body: { code: 'z', name: 'Z', stages: [{ code: 'w', name: 'W', kind: 'won' }] } });
    expect(closedOnly.status).toBe(400);
    expect(closedOnly.body.details[0].field).toBe('stages');

    const badCode = await api('POST', '/pipelines', { token: s.token, body: { code: 'Bad Code', name: 'B', stages: [{ code: 'a', name: 'A', kind: 'maybe' }] } });
    expect(badCode.status).toBe(400);
    expect(badCode.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['code', 'stages.0.kind']));
    expect((await api('GET', '/pipelines', { token: s.token })).body).toHaveLength(1);
  });

  it('lets only an admin change pipelines; PATCH renames, reorders and adds stages', async () => {
    const s = await signUp();
    const p = (await api('POST', '/pipelines', { token: s.token, body: SALES })).body;
    const manager = await addUser(s, ['manager']);
    expect((await api('POST', '/pipelines', { token: manager.token, body: { ...SALES, code: 'm' } })).status).toBe(403);
    expect((await api('PATCH', `/pipelines/${p.id}`, { token: manager.token, body: { name: 'x' } })).status).toBe(403);

    const patched = await api('PATCH', `/pipelines/${p.id}`, {
      token: s.token,
      body: {
        name: 'Warm',
        stages: [
          { code: 'lead', name: 'Incoming' },
          { code: 'callback', name: 'Unreachable / call back' },
          { id: p.stages[1].id },
          { code: 'contract' },
          { code: 'won' },
          { code: 'lost' },
        ],
      },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.name).toBe('Warm');
    expect(patched.body.stages.map((st: { code: string }) => st.code)).toEqual(['lead', 'callback', 'qualified', 'contract', 'won', 'lost']);
    expect(patched.body.stages[0]).toMatchObject({ id: p.stages[0].id, name: 'Incoming' });
    expect(patched.body.stages[2]).toMatchObject({ id: p.stages[1].id, rules: { requiredFields: ['budget'], noOpenTasks: false } });
    expect(patched.body.stages.map((st: { position: number }) => st.position)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('never shows one portal another portal’s pipelines or fields', async () => {
    const a = await signUp();
    const b = await signUp();
    const p = (await api('POST', '/pipelines', { token: a.token, body: SALES })).body;
    const f = (await api('POST', '/fields', { token: a.token, body: { entity: 'deal', code: 'brief', name: 'Brief', type: 'text' } })).body;
    expect((await api('GET', `/pipelines/${p.id}`, { token: b.token })).status).toBe(404);
    expect((await api('GET', '/pipelines/warm', { token: b.token })).status).toBe(404);
    expect((await api('PATCH', `/pipelines/${p.id}`, { token: b.token, body: { name: 'hijack' } })).status).toBe(404);
    expect((await api('GET', '/pipelines', { token: b.token })).body).toEqual([]);
    expect((await api('GET', `/fields/${f.id}`, { token: b.token })).status).toBe(404);
    expect((await api('PATCH', `/fields/${f.id}`, { token: b.token, body: { name: 'x' } })).status).toBe(404);
    expect((await api('DELETE', `/fields/${f.id}`, { token: b.token })).status).toBe(404);
    expect((await api('GET', '/fields?entity=deal', { token: b.token })).body).toEqual([]);
    // b can create its own "warm" pipeline: codes are per portal.
    expect((await api('POST', '/pipelines', { token: b.token, body: SALES })).status).toBe(201);
  });
});

describe('custom fields', () => {
  it('defines fields of every type on deals, contacts and companies', async () => {
    const s = await signUp();
    const types = ['string', 'text', 'number', 'money', 'date', 'datetime', 'boolean', 'user', 'url', 'phone', 'email', 'file'];
    for (const type of types) {
      const r = await api('POST', '/fields', { token: s.token, body: { entity: 'deal', code: `f_${type}`, name: type, type } });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ entity: 'deal', code: `f_${type}`, type, required: false });
    }
    const en = await api('POST', '/fields', { token: s.token, body: { entity: 'contact', code: 'source', name: 'Source', type: 'enum', options: ['site', 'call'] } });
    expect(en.body.options).toEqual(['site', 'call']);
    const me = await api('POST', '/fields', { token: s.token, body: { entity: 'company', code: 'services', name: 'Services', type: 'multienum', options: ['SEO', 'SMM'] } });
    expect(me.status).toBe(201);
    const group = await api('POST', '/fields', {
      token: s.token,
      body: {
        entity: 'deal',
        code: 'bloggers',
        name: 'Bloggers',
        type: 'group',
        repeatable: true,
        fields: [
          { code: 'blogger', name: 'Blogger', type: 'string', required: true },
          { code: 'service', name: 'Service', type: 'enum', options: ['post', 'stories', 'reels'] },
          { code: 'platform', name: 'Platform', type: 'enum', options: ['Instagram', 'TikTok', 'YouTube'] },
        ],
      },
    });
    expect(group.status).toBe(201);
    expect(group.body).toMatchObject({ type: 'group', repeatable: true });
    expect(group.body.fields).toHaveLength(3);

    const deals = await api('GET', '/fields?entity=deal', { token: s.token });
    expect(deals.body.map((f: { code: string }) => f.code)).toEqual([...types.map((t) => `f_${t}`), 'bloggers']);
    expect((await api('GET', '/fields?entity=contact', { token: s.token })).body).toHaveLength(1);
    expect((await api('GET', '/fields?entity=nope', { token: s.token })).status).toBe(400);
  });

  it('refuses malformed definitions with the field named', async () => {
    const s = await signUp();
    const noOptions = await api('POST', '/fields', { token: s.token, body: { entity: 'deal', code: 'e', name: 'E', type: 'enum' } });
    expect(noOptions.status).toBe(400);
    expect(noOptions.body.details[0].field).toBe('options');
    const badType = await api('POST', '/fields', { token: s.token, body: { entity: 'deal', code: 'e', name: 'E', type: 'colour' } });
    expect(badType.body.details[0].field).toBe('type');
    const repeatScalar = await api('POST', '/fields', { token: s.token, body: { entity: 'deal', code: 'e', name: 'E', type: 'string', repeatable: true } });
    expect(repeatScalar.body.details[0].field).toBe('repeatable');
    const nested = await api('POST', '/fields', { token: s.token, body: { entity: 'deal', code: 'g', name: 'G', type: 'group', fields: [{ code: 'x', name: 'X', type: 'group' }] } });
    expect(nested.status).toBe(400);
    expect(nested.body.details[0].field).toBe('fields.0.type');
    await api('POST', '/fields', { token: s.token, body: { entity: 'deal', code: 'brief', name: 'Brief', type: 'text' } });
    const dup = await api('POST', '/fields', { token: s.token, body: { entity: 'deal', code: 'brief', name: 'Brief', type: 'text' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toBe('code_taken');
    // the same code on another entity is fine
    expect((await api('POST', '/fields', { token: s.token, body: { entity: 'contact', code: 'brief', name: 'Brief', type: 'text' } })).status).toBe(201);
  });

  it('adds enum options but never removes them', async () => {
    const s = await signUp();
    const f = (await api('POST', '/fields', { token: s.token, body: { entity: 'deal', code: 'src', name: 'Src', type: 'enum', options: ['a'] } })).body;
    const added = await api('PATCH', `/fields/${f.id}`, { token: s.token, body: { options: ['a', 'b'], name: 'Source' } });
    expect(added.body).toMatchObject({ name: 'Source', options: ['a', 'b'] });
    const removed = await api('PATCH', `/fields/${f.id}`, { token: s.token, body: { options: ['b'] } });
    expect(removed.status).toBe(400);
    expect(removed.body.details[0].field).toBe('options');
  });

  it('lets a stage rule require a custom field once it exists', async () => {
    const s = await signUp();
    await api('POST', '/fields', { token: s.token, body: { entity: 'deal', code: 'brief', name: 'Brief', type: 'text' } });
    const p = await api('POST', '/pipelines', { token: s.token, body: { code: 'p', name: 'P', stages: [{ code: 'a', name: 'A' }, { code: 'b', name: 'B', rules: { requiredFields: ['brief'] } }] } });
    expect(p.status).toBe(201);
    expect(p.body.stages[1].rules.requiredFields).toEqual(['brief']);
  });
});

describe('editing pipelines that are in use', () => {
  it('refuses to remove a stage that still holds deals, and removes it once empty', async () => {
    const s = await signUp();
    const p = (await api('POST', '/pipelines', { token: s.token, body: SALES })).body;
    const deal = await api('POST', '/deals', { token: s.token, body: { title: 'D', pipeline: 'warm', stage: 'qualified', budget: '100' } });
    expect(deal.status).toBe(201);
    const withoutQualified = SALES.stages.filter((st) => st.code !== 'qualified').map((st) => ({ code: st.code }));
    const refused = await api('PATCH', `/pipelines/${p.id}`, { token: s.token, body: { name: 'Renamed', stages: withoutQualified } });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'stage_has_deals', details: [{ stage: 'qualified', deals: 1 }] });
    const unchanged = (await api('GET', `/pipelines/${p.id}`, { token: s.token })).body;
    expect(unchanged.name).toBe('Warm clients');
    expect(unchanged.stages).toHaveLength(5);

    expect((await api('PATCH', `/deals/${deal.body.id}`, { token: s.token, body: { stage: 'lead' } })).status).toBe(200);
    const removed = await api('PATCH', `/pipelines/${p.id}`, { token: s.token, body: { stages: withoutQualified } });
    expect(removed.status).toBe(200);
    expect(removed.body.stages.map((st: { code: string }) => st.code)).toEqual(['lead', 'contract', 'won', 'lost']);
  });

  it('names the bad entry of a stage list and writes nothing', async () => {
    const s = await signUp();
    const p = (await api('POST', '/pipelines', { token: s.token, body: SALES })).body;
    const twice = await api('PATCH', `/pipelines/${p.id}`, { token: s.token, body: { stages: [{ code: 'lead' }, { id: p.stages[0].id }] } });
    expect(twice.status).toBe(400);
    expect(twice.body.details[0].field).toBe('stages[1]');
    const foreign = await api('PATCH', `/pipelines/${p.id}`, { token: s.token, body: { stages: [{ id: '00000000-0000-4000-8000-000000000000' }] } });
    expect(foreign.body.details[0].field).toBe('stages[0].id');
    const nameless = await api('PATCH', `/pipelines/${p.id}`, { token: s.token, body: { name: 'New', stages: [{ code: 'lead' }, { code: 'fresh' }] } });
    expect(nameless.body.details[0].field).toBe('stages[1]');
    const closedOnly = await api('PATCH', `/pipelines/${p.id}`, { token: s.token, body: { stages: [{ code: 'won' }, { code: 'lost' }] } });
    expect(closedOnly.status).toBe(400);
    expect((await api('GET', `/pipelines/${p.id}`, { token: s.token })).body).toEqual(p);
  });

  it('lets a lost stage require a loss reason', async () => {
    const s = await signUp();
    const r = await api('POST', '/pipelines', {
      token: s.token,
      body: { code: 'p', name: 'P', stages: [{ code: 'a', name: 'A' }, { code: 'lost', name: 'Lost', kind: 'lost', rules: { requiredFields: ['lostReason'] } }] },
    });
    expect(r.status).toBe(201);
    expect(r.body.stages[1].rules.requiredFields).toEqual(['lostReason']);
  });

  it('answers two simultaneous creates of one code with one 201 and one 409', async () => {
    const s = await signUp();
    const results = await Promise.all([
      api('POST', '/pipelines', { token: s.token, body: SALES }),
      api('POST', '/pipelines', { token: s.token, body: SALES }),
      api('POST', '/fields', { token: s.token, body: { entity: 'deal', code: 'brief', name: 'Brief', type: 'text' } }),
      api('POST', '/fields', { token: s.token, body: { entity: 'deal', code: 'brief', name: 'Brief', type: 'text' } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 409, 409]);
    expect((await api('GET', '/pipelines', { token: s.token })).body).toHaveLength(1);
    expect((await api('GET', '/fields', { token: s.token })).body).toHaveLength(1);
  });

  it('archives a pipeline out of the default list and checks assignment references', async () => {
    const s = await signUp();
    const p = (await api('POST', '/pipelines', { token: s.token, body: SALES })).body;
    const noStrategy = await api('PATCH', `/pipelines/${p.id}`, { token: s.token, body: { assignment: { departmentId: p.id } } });
    expect(noStrategy.status).toBe(400);
    expect(noStrategy.body.details[0].field).toBe('assignment.strategy');
    const unknownDept = await api('PATCH', `/pipelines/${p.id}`, { token: s.token, body: { assignment: { strategy: 'least-loaded', departmentId: p.id } } });
    expect(unknownDept.body.details[0].field).toBe('assignment.departmentId');
    const dept = (await api('POST', '/departments', { token: s.token, body: { name: 'Sales' } })).body;
    const assigned = await api('PATCH', `/pipelines/warm`, { token: s.token, body: { assignment: { strategy: 'least-loaded', departmentId: dept.id } } });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assignment).toEqual({ strategy: 'least-loaded', departmentId: dept.id });

    expect((await api('PATCH', `/pipelines/${p.id}`, { token: s.token, body: { archived: true } })).body.archived).toBe(true);
    expect((await api('GET', '/pipelines', { token: s.token })).body).toEqual([]);
    expect((await api('GET', '/pipelines?archived=true', { token: s.token })).body.map((x: { code: string }) => x.code)).toEqual(['warm']);
  });
});

describe('editing custom fields', () => {
  const GROUP = {
    entity: 'deal',
    code: 'bloggers',
    name: 'Bloggers',
    type: 'group',
    repeatable: true,
    fields: [
      { code: 'blogger', name: 'Blogger', type: 'string', required: true },
      { code: 'platform', name: 'Platform', type: 'enum', options: ['Instagram'] },
    ],
  };

  it('adds members to a group ("add blogger" pairs) but never drops one or changes its type', async () => {
    const s = await signUp();
    const g = (await api('POST', '/fields', { token: s.token, body: GROUP })).body;
    const grown = await api('PATCH', `/fields/${g.id}`, {
      token: s.token,
      body: { fields: [GROUP.fields[0], { ...GROUP.fields[1], options: ['Instagram', 'TikTok'] }, { code: 'service', name: 'Service', type: 'enum', options: ['post', 'reels'] }] },
    });
    expect(grown.status).toBe(200);
    expect(grown.body.fields.map((f: { code: string }) => f.code)).toEqual(['blogger', 'platform', 'service']);
    expect(grown.body.fields[1].options).toEqual(['Instagram', 'TikTok']);

    const dropped = await api('PATCH', `/fields/${g.id}`, { token: s.token, body: { fields: [GROUP.fields[0]] } });
    expect(dropped.status).toBe(400);
    expect(dropped.body.details[0].field).toBe('fields');
    const retyped = await api('PATCH', `/fields/${g.id}`, { token: s.token, body: { name: 'X', fields: grown.body.fields.map((f: object, i: number) => (i === 0 ? { ...f, type: 'number' } : f)) } });
    expect(retyped.body.details[0].field).toBe('fields[0].type');
    expect((await api('GET', `/fields/${g.id}`, { token: s.token })).body).toEqual(grown.body);
  });

  it('deleting a field clears its values and the stage rules that required it', async () => {
    const s = await signUp();
    const f = (await api('POST', '/fields', { token: s.token, body: { entity: 'deal', code: 'brief', name: 'Brief', type: 'text' } })).body;
    await api('POST', '/pipelines', { token: s.token, body: { code: 'p', name: 'P', stages: [{ code: 'a', name: 'A' }, { code: 'b', name: 'B', rules: { requiredFields: ['brief', 'budget'] } }] } });
    const deal = (await api('POST', '/deals', { token: s.token, body: { title: 'D', pipeline: 'p', fields: { brief: 'text' } } })).body;
    const manager = await addUser(s, ['manager']);
    expect((await api('DELETE', `/fields/${f.id}`, { token: manager.token })).status).toBe(403);
    expect((await api('DELETE', `/fields/${f.id}`, { token: s.token })).status).toBe(204);
    expect((await api('GET', `/deals/${deal.id}`, { token: s.token })).body.fields).toEqual({});
    expect((await api('GET', '/pipelines/p', { token: s.token })).body.stages[1].rules.requiredFields).toEqual(['budget']);
    expect((await api('GET', `/fields/${f.id}`, { token: s.token })).status).toBe(404);
  });
});
