import { Session, addUser, api, signUp } from './support/api';

/** Contacts and companies: normalisation, search, duplicate control, company links, isolation. */

async function contact(s: Session, body: Record<string, unknown>, query = '') {
  return api('POST', `/contacts${query}`, { token: s.token, body });
}

async function company(s: Session, body: Record<string, unknown>, query = '') {
  return api('POST', `/companies${query}`, { token: s.token, body });
}

function fieldsOf(res: { body: { details?: { field: string }[] } }): string[] {
  return (res.body.details ?? []).map((d) => d.field);
}

describe('contacts', () => {
  let s: Session;
  beforeAll(async () => {
    s = await signUp({ locale: 'uk', timezone: 'Europe/Kyiv' });
  });

  it('creates a contact with normalised e-mails, phones and tags, the creator as responsible', async () => {
    const res = await contact(s, {
      name: '  Olena Shevchenko ',
      emails: [' Olena@Example.COM ', 'olena@example.com'],
      phones: ['067 123 45 67', '+38 (050) 111-22-33'],
      position: 'CFO',
      tags: [' VIP ', 'vip', 'Партнер'],
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'Olena Shevchenko',
      emails: ['olena@example.com'],
      phones: ['+380671234567', '+380501112233'],
      position: 'CFO',
      companyId: null,
      responsibleId: s.userId,
      fields: {},
      tags: ['VIP', 'Партнер'],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const got = await api('GET', `/contacts/${res.body.id}`, { token: s.token });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
    const timeline = await api('GET', `/contacts/${res.body.id}/timeline`, { token: s.token });
    expect(timeline.body.items.map((t: { kind: string }) => t.kind)).toEqual(['created']);
  });

  it('lists newest first with keyset pagination and filters by q, tag, responsible and company', async () => {
    const p = await signUp();
    const manager = await addUser(p, ['manager']);
    const acme = await company(p, { name: 'Acme' });
    const names = ['Anna Koval', 'Bohdan Lysenko', 'Iryna Melnyk', 'Petro Bondar', 'Oksana Tkachenko'];
    const ids: string[] = [];
    for (const [i, name] of names.entries()) {
      const r = await contact(p, {
        name,
        emails: [`person${i}@mail.test`],
        phones: [`+38067000000${i}`],
        tags: i % 2 ? ['Cold'] : ['Hot'],
        responsibleId: i === 4 ? manager.userId : undefined,
        companyId: i < 2 ? acme.body.id : undefined,
      });
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    const first = await api('GET', '/contacts?limit=2', { token: p.token });
    expect(first.status).toBe(200);
    expect(first.body.items.map((c: { id: string }) => c.id)).toEqual([ids[4], ids[3]]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api('GET', `/contacts?limit=2&cursor=${first.body.nextCursor}`, { token: p.token });
    expect(second.body.items.map((c: { id: string }) => c.id)).toEqual([ids[2], ids[1]]);
    const third = await api('GET', `/contacts?limit=2&cursor=${second.body.nextCursor}`, { token: p.token });
    expect(third.body.items.map((c: { id: string }) => c.id)).toEqual([ids[0]]);
    expect(third.body.nextCursor).toBeNull();

    const q = async (query: string) => (await api('GET', `/contacts?${query}`, { token: p.token })).body.items.map((c: { name: string }) => c.name).sort();
    expect(await q('q=koval')).toEqual(['Anna Koval']);
    expect(await q('q=PERSON3%40mail')).toEqual(['Petro Bondar']);
    expect(await q(`q=${encodeURIComponent('067 000 00 02')}`)).toEqual(['Iryna Melnyk']);
    expect(await q(`q=${encodeURIComponent('+380670000001')}`)).toEqual(['Bohdan Lysenko']);
    expect(await q('q=0000004')).toEqual(['Oksana Tkachenko']);
    expect(await q('q=%25')).toEqual([]);
    expect(await q('tag=hot')).toEqual(['Anna Koval', 'Iryna Melnyk', 'Oksana Tkachenko']);
    expect(await q(`responsibleId=${manager.userId}`)).toEqual(['Oksana Tkachenko']);
    expect(await q(`companyId=${acme.body.id}`)).toEqual(['Anna Koval', 'Bohdan Lysenko']);
    const ofCompany = await api('GET', `/companies/${acme.body.id}/contacts`, { token: p.token });
    expect(ofCompany.status).toBe(200);
    expect(ofCompany.body.items.map((c: { name: string }) => c.name)).toEqual(['Bohdan Lysenko', 'Anna Koval']);
  });

  it('patches fields, records each change in the timeline and refuses nulls where a value is required', async () => {
    const c = (await contact(s, { name: 'Taras', phones: ['050 222 33 44'] })).body;
    const res = await api('PATCH', `/contacts/${c.id}`, { token: s.token, body: { name: 'Taras Hrytsenko', position: 'CEO', tags: ['A'], phones: [] } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Taras Hrytsenko', position: 'CEO', tags: ['A'], phones: [] });
    const timeline = await api('GET', `/contacts/${c.id}/timeline`, { token: s.token });
    const changed = timeline.body.items.filter((t: { kind: string }) => t.kind === 'field_changed').map((t: { data: { field: string } }) => t.data.field);
    expect(changed.sort()).toEqual(['name', 'phones', 'position', 'tags']);
    const noop = await api('PATCH', `/contacts/${c.id}`, { token: s.token, body: {} });
    expect(noop.status).toBe(200);
    expect(noop.body).toEqual(res.body);
    const bad = await api('PATCH', `/contacts/${c.id}`, { token: s.token, body: { name: null, emails: null } });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['name', 'emails']));
    const cleared = await api('PATCH', `/contacts/${c.id}`, { token: s.token, body: { position: null, responsibleId: null } });
    expect(cleared.body).toMatchObject({ position: null, responsibleId: null });
  });

  it('names every invalid field, never a 500, and writes nothing', async () => {
    const res = await contact(s, {
      name: '   ',
      emails: ['ok@mail.test', 'not an email'],
      phones: ['call me'],
      tags: ['ok', ''],
      extra: 1,
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('validation_failed');
    expect(fieldsOf(res)).toContain('extra');
    const res2 = await contact(s, { name: '   ', emails: ['ok@mail.test', 'not an email'], phones: ['call me'], tags: ['ok', ''] });
    expect(res2.status).toBe(400);
    expect(fieldsOf(res2)).toEqual(expect.arrayContaining(['name', 'emails[1]', 'phones[0]', 'tags[1]']));
    const wrongTypes = await contact(s, { name: 5, emails: 'a@b.test', phones: [12], companyId: 'nope', responsibleId: 'x', fields: [1], tags: 'x', position: 3 });
    expect(wrongTypes.status).toBe(400);
    expect(fieldsOf(wrongTypes)).toEqual(expect.arrayContaining(['name', 'emails', 'companyId', 'responsibleId', 'fields', 'tags', 'position']));
    const wrongElement = await contact(s, { name: 'X', phones: [12] });
    expect(fieldsOf(wrongElement)).toEqual(['phones[0]']);
    const unknownUser = await contact(s, { name: 'X', responsibleId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownUser.status).toBe(400);
    expect(fieldsOf(unknownUser)).toEqual(['responsibleId']);
    const unknownCompany = await contact(s, { name: 'X', companyId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownCompany.status).toBe(400);
    expect(fieldsOf(unknownCompany)).toEqual(['companyId']);
    for (const query of ['limit=0', 'limit=abc', 'cursor=garbage', 'responsibleId=nope', 'q=a&q=b', 'unknown=1']) {
      const r = await api('GET', `/contacts?${query}`, { token: s.token });
      expect([query, r.status]).toEqual([query, 400]);
    }
    const badFlag = await contact(s, { name: 'X' }, '?allowDuplicate=yes');
    expect(badFlag.status).toBe(400);
    expect(fieldsOf(badFlag)).toEqual(['allowDuplicate']);
    const malformed = await api('POST', '/contacts', { token: s.token, rawBody: '{"name": ' });
    expect(malformed.status).toBe(400);
    const list = await api('GET', '/contacts?q=X', { token: s.token });
    expect(list.body.items.filter((c: { name: string }) => c.name === 'X')).toEqual([]);
    expect((await api('GET', '/contacts/not-a-uuid', { token: s.token })).status).toBe(404);
  });

  it('lets only an admin or the responsible user delete a contact', async () => {
    const manager = await addUser(s, ['manager']);
    const other = await addUser(s, ['manager']);
    const mine = (await contact(manager, { name: 'Mine' })).body;
    expect(mine.responsibleId).toBe(manager.userId);
    const refused = await api('DELETE', `/contacts/${mine.id}`, { token: other.token });
    expect(refused.status).toBe(403);
    expect((await api('DELETE', `/contacts/${mine.id}`, { token: manager.token })).status).toBe(204);
    expect((await api('GET', `/contacts/${mine.id}`, { token: s.token })).status).toBe(404);
    const theirs = (await contact(manager, { name: 'Theirs' })).body;
    expect((await api('DELETE', `/contacts/${theirs.id}`, { token: s.token })).status).toBe(204);
    expect((await api('DELETE', `/contacts/${theirs.id}`, { token: s.token })).status).toBe(404);
  });
});

describe('companies', () => {
  let s: Session;
  beforeAll(async () => {
    s = await signUp({ locale: 'uk', timezone: 'Europe/Kyiv' });
  });

  it('creates a company with a normalised tax id, e-mails, phones and web address', async () => {
    const res = await company(s, {
      name: 'ТОВ Нова Пошта',
      taxId: ' 3131 6718 ',
      emails: ['Info@NovaPoshta.test'],
      phones: ['0 800 500 609'],
      web: 'novaposhta.ua',
      address: 'Київ',
      tags: ['Logistics'],
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'ТОВ Нова Пошта',
      taxId: '31316718',
      emails: ['info@novaposhta.test'],
      phones: ['+380800500609'],
      web: 'novaposhta.ua',
      address: 'Київ',
      responsibleId: s.userId,
      fields: {},
      tags: ['Logistics'],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect((await api('GET', `/companies/${res.body.id}`, { token: s.token })).body).toEqual(res.body);
    const byTax = await api('GET', '/companies?q=3131%206718', { token: s.token });
    expect(byTax.body.items.map((c: { id: string }) => c.id)).toEqual([res.body.id]);
    const byName = await api('GET', `/companies?q=${encodeURIComponent('нова')}`, { token: s.token });
    expect(byName.body.items.map((c: { id: string }) => c.id)).toEqual([res.body.id]);
  });

  it('validates tax ids (length, digits, check digit) naming taxId', async () => {
    for (const taxId of ['1234', '3131671A', '31316719', '12345678901']) {
      const r = await company(s, { name: 'Bad', taxId });
      expect([taxId, r.status, fieldsOf(r)]).toEqual([taxId, 400, ['taxId']]);
    }
    const rnokpp = await company(s, { name: 'ФОП Коваль', taxId: '1234567899' });
    expect(rnokpp.status).toBe(201);
    const bad = await company(s, { name: '', web: 'not a site', emails: ['x'], phones: ['1'] });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['name', 'web', 'emails[0]', 'phones[0]']));
  });

  it('unlinks contacts when their company is deleted', async () => {
    const co = (await company(s, { name: 'Gone Ltd' })).body;
    const c = (await contact(s, { name: 'Worker', companyId: co.id })).body;
    expect(c.companyId).toBe(co.id);
    const manager = await addUser(s, ['manager']);
    expect((await api('DELETE', `/companies/${co.id}`, { token: manager.token })).status).toBe(403);
    expect((await api('DELETE', `/companies/${co.id}`, { token: s.token })).status).toBe(204);
    expect((await api('GET', `/companies/${co.id}`, { token: s.token })).status).toBe(404);
    expect((await api('GET', `/contacts/${c.id}`, { token: s.token })).body.companyId).toBeNull();
    expect((await api('GET', `/companies/${co.id}/contacts`, { token: s.token })).status).toBe(404);
  });

  it('patches a company and links / unlinks a contact', async () => {
    const co = (await company(s, { name: 'Linkable' })).body;
    const c = (await contact(s, { name: 'Linked' })).body;
    const linked = await api('PATCH', `/contacts/${c.id}`, { token: s.token, body: { companyId: co.id } });
    expect(linked.body.companyId).toBe(co.id);
    const unlinked = await api('PATCH', `/contacts/${c.id}`, { token: s.token, body: { companyId: null } });
    expect(unlinked.body.companyId).toBeNull();
    const patched = await api('PATCH', `/companies/${co.id}`, { token: s.token, body: { name: 'Linkable LLC', taxId: '14360570', web: null } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Linkable LLC', taxId: '14360570', web: null });
    const cleared = await api('PATCH', `/companies/${co.id}`, { token: s.token, body: { taxId: null } });
    expect(cleared.body.taxId).toBeNull();
    const timeline = await api('GET', `/companies/${co.id}/timeline`, { token: s.token });
    // Entries of one PATCH may share a millisecond: compare them as a set.
    expect(timeline.body.items.map((t: { kind: string; data: { field?: string } }) => t.data.field ?? t.kind).sort()).toEqual(['created', 'name', 'taxId', 'taxId']);
  });
});

describe('duplicate control', () => {
  let s: Session;
  beforeAll(async () => {
    s = await signUp({ locale: 'uk', timezone: 'Europe/Kyiv' });
  });

  it('refuses a contact whose e-mail differs only in case, naming the existing contact', async () => {
    const first = (await contact(s, { name: 'Maria', emails: ['maria@shop.test'] })).body;
    const dup = await contact(s, { name: 'Maria 2', emails: ['other@shop.test', 'MARIA@Shop.Test'] });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toBe('duplicate');
    expect(dup.body.details).toEqual([expect.objectContaining({ id: first.id, entity: 'contact', match: 'email', value: 'maria@shop.test' })]);
    const forced = await contact(s, { name: 'Maria 2', emails: ['MARIA@Shop.Test'] }, '?allowDuplicate=true');
    expect(forced.status).toBe(201);
  });

  it('refuses a contact whose phone is the same number in another format', async () => {
    const first = (await contact(s, { name: 'Ivan', phones: ['+380931112233'] })).body;
    const dup = await contact(s, { name: 'Ivan again', phones: ['093 111 22 33'] });
    expect(dup.status).toBe(409);
    expect(dup.body.details).toEqual([expect.objectContaining({ id: first.id, entity: 'contact', match: 'phone', value: '+380931112233' })]);
    const explicitFalse = await contact(s, { name: 'Ivan again', phones: ['093 111 22 33'] }, '?allowDuplicate=false');
    expect(explicitFalse.status).toBe(409);
  });

  it('refuses a PATCH that introduces a duplicate, and allows keeping an existing one', async () => {
    const a = (await contact(s, { name: 'A', phones: ['+380671110001'] })).body;
    const b = (await contact(s, { name: 'B', phones: ['+380671110002'] })).body;
    const dup = await api('PATCH', `/contacts/${b.id}`, { token: s.token, body: { phones: ['+380671110002', '067 111 00 01'] } });
    expect(dup.status).toBe(409);
    expect(dup.body.details).toEqual([expect.objectContaining({ id: a.id, match: 'phone', value: '+380671110001' })]);
    expect((await api('GET', `/contacts/${b.id}`, { token: s.token })).body.phones).toEqual(['+380671110002']);
    const self = await api('PATCH', `/contacts/${a.id}`, { token: s.token, body: { phones: ['067 111 00 01'], name: 'A.' } });
    expect(self.status).toBe(200);
    const forced = await api('PATCH', `/contacts/${b.id}?allowDuplicate=true`, { token: s.token, body: { phones: ['+380671110002', '+380671110001'] } });
    expect(forced.status).toBe(200);
    const rename = await api('PATCH', `/contacts/${b.id}`, { token: s.token, body: { name: 'B.', phones: ['+380671110001', '+380671110002'] } });
    expect(rename.status).toBe(200);
  });

  it('refuses a company with the same tax id, e-mail or phone; contacts and companies do not collide', async () => {
    const first = (await company(s, { name: 'Privat', taxId: '14360570', emails: ['office@privat.test'], phones: ['+380445555555'] })).body;
    const byTax = await company(s, { name: 'Privat copy', taxId: '1436 0570' });
    expect(byTax.status).toBe(409);
    expect(byTax.body.details).toEqual([expect.objectContaining({ id: first.id, entity: 'company', match: 'taxId', value: '14360570' })]);
    const byEmail = await company(s, { name: 'Privat copy', emails: ['Office@Privat.test'] });
    expect(byEmail.body.details).toEqual([expect.objectContaining({ match: 'email', value: 'office@privat.test' })]);
    const byPhone = await company(s, { name: 'Privat copy', phones: ['044 555 55 55'] });
    expect(byPhone.body.details).toEqual([expect.objectContaining({ match: 'phone', value: '+380445555555' })]);
    const other = (await company(s, { name: 'Other' })).body;
    const patch = await api('PATCH', `/companies/${other.id}`, { token: s.token, body: { taxId: '14360570' } });
    expect(patch.status).toBe(409);
    expect(patch.body.details[0]).toMatchObject({ id: first.id, match: 'taxId' });
    expect((await company(s, { name: 'Privat copy', taxId: '14360570' }, '?allowDuplicate=true')).status).toBe(201);
    // A contact may share the company's phone.
    expect((await contact(s, { name: 'Privat reception', phones: ['+380445555555'] })).status).toBe(201);
  });

  it('answers GET /duplicates so the UI can warn before saving', async () => {
    const c = (await contact(s, { name: 'Warned', emails: ['warn@me.test'], phones: ['+380991234567'] })).body;
    const co = (await company(s, { name: 'Warned Co', taxId: '00032129', phones: ['+380991234567'] })).body;
    const res = await api('GET', `/duplicates?entity=contact&email=WARN%40me.test&phone=${encodeURIComponent('099 123 45 67')}`, { token: s.token });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { id: c.id, entity: 'contact', name: 'Warned', match: 'email', value: 'warn@me.test' },
      { id: c.id, entity: 'contact', name: 'Warned', match: 'phone', value: '+380991234567' },
    ]);
    const both = await api('GET', `/duplicates?phone=%2B380991234567`, { token: s.token });
    expect(both.body.items.map((m: { entity: string; id: string }) => [m.entity, m.id])).toEqual([
      ['contact', c.id],
      ['company', co.id],
    ]);
    const tax = await api('GET', '/duplicates?entity=company&taxId=0003%202129', { token: s.token });
    expect(tax.body.items).toEqual([{ id: co.id, entity: 'company', name: 'Warned Co', match: 'taxId', value: '00032129' }]);
    const excluded = await api('GET', `/duplicates?entity=contact&email=warn%40me.test&excludeId=${c.id}`, { token: s.token });
    expect(excluded.body.items).toEqual([]);
    expect((await api('GET', '/duplicates?entity=contact&email=nobody%40me.test', { token: s.token })).body.items).toEqual([]);
    const bad = await api('GET', '/duplicates?entity=deal&email=x&phone=abc&taxId=12', { token: s.token });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(['entity']);
    const badValues = await api('GET', '/duplicates?email=x&phone=abc&taxId=12', { token: s.token });
    expect(badValues.status).toBe(400);
    expect(fieldsOf(badValues)).toEqual(['email', 'phone', 'taxId']);
  });

  it('lets exactly one of two concurrent creates of the same phone succeed', async () => {
    for (let round = 0; round < 3; round++) {
      const phone = `+38067555000${round}`;
      const [a, b] = await Promise.all([
        contact(s, { name: `Race ${round} a`, phones: [phone] }),
        contact(s, { name: `Race ${round} b`, phones: [`0${phone.slice(4)}`] }),
      ]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      const found = await api('GET', `/contacts?q=${encodeURIComponent(phone)}`, { token: s.token });
      expect(found.body.items).toHaveLength(1);
    }
    const [x, y] = await Promise.all([company(s, { name: 'Race Co 1', taxId: '21560766' }), company(s, { name: 'Race Co 2', taxId: '21560766' })]);
    expect([x.status, y.status].sort()).toEqual([201, 409]);
  });
});

describe('portal isolation', () => {
  it("answers 404 for another portal's records and 400 when a body references them", async () => {
    const a = await signUp();
    const b = await signUp();
    const co = (await company(a, { name: 'A Co', taxId: '14360570', phones: ['+380671234567'] })).body;
    const c = (await contact(a, { name: 'A person', emails: ['a@a.test'], companyId: co.id })).body;
    for (const path of [`/contacts/${c.id}`, `/companies/${co.id}`, `/companies/${co.id}/contacts`, `/contacts/${c.id}/timeline`]) {
      expect([path, (await api('GET', path, { token: b.token })).status]).toEqual([path, 404]);
    }
    expect((await api('PATCH', `/contacts/${c.id}`, { token: b.token, body: { name: 'x' } })).status).toBe(404);
    expect((await api('PATCH', `/companies/${co.id}`, { token: b.token, body: { name: 'x' } })).status).toBe(404);
    expect((await api('DELETE', `/contacts/${c.id}`, { token: b.token })).status).toBe(404);
    expect((await api('DELETE', `/companies/${co.id}`, { token: b.token })).status).toBe(404);
    const ref = await contact(b, { name: 'B person', companyId: co.id });
    expect(ref.status).toBe(400);
    expect(ref.body.details).toEqual([expect.objectContaining({ field: 'companyId' })]);
    const own = (await contact(b, { name: 'B person' })).body;
    const patchRef = await api('PATCH', `/contacts/${own.id}`, { token: b.token, body: { companyId: co.id } });
    expect(patchRef.status).toBe(400);
    expect(fieldsOf(patchRef)).toEqual(['companyId']);
    const otherResponsible = await contact(b, { name: 'B person', responsibleId: a.userId });
    expect(fieldsOf(otherResponsible)).toEqual(['responsibleId']);
    // The same e-mail, phone and tax id are no duplicates in another portal, and never leak through search.
    expect((await contact(b, { name: 'B twin', emails: ['a@a.test'] })).status).toBe(201);
    expect((await company(b, { name: 'B Co', taxId: '14360570', phones: ['+380671234567'] })).status).toBe(201);
    expect((await api('GET', '/contacts?q=A%20person', { token: b.token })).body.items).toEqual([]);
    const dups = await api('GET', '/duplicates?email=a%40a.test&taxId=14360570', { token: b.token });
    expect(dups.body.items.map((m: { name: string }) => m.name).sort()).toEqual(['B Co', 'B twin']);
    // Portal A's company id filters nothing in portal B.
    expect((await api('GET', `/contacts?companyId=${co.id}`, { token: b.token })).body.items).toEqual([]);
  });
});
