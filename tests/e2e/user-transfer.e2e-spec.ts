import { addUser, api, signUp } from './support/api';

/** Seed 002: deleting a user hands their deals, tasks, contacts and companies to another user. */
describe('deleting a user with transfer', () => {
  it('moves every deal, task, contact and company of the leaver to the heir', async () => {
    const admin = await signUp();
    const leaver = await addUser(admin, ['manager']);
    const heir = await addUser(admin, ['manager']);
    await api('POST', '/pipelines', { token: admin.token, body: { code: 'sales', name: 'Sales', stages: [{ code: 'new', name: 'New' }] } });

    const company = await api('POST', '/companies', { token: leaver.token, body: { name: 'Leaver Co' } });
    const contact = await api('POST', '/contacts', { token: leaver.token, body: { name: 'Leaver Contact', companyId: company.body.id } });
    const deal = await api('POST', '/deals', { token: leaver.token, body: { title: 'Leaver deal', pipeline: 'sales', contactIds: [contact.body.id] } });
    const task = await api('POST', '/tasks', { token: leaver.token, body: { title: 'Call', assigneeId: leaver.userId, dueAt: '2030-01-01T10:00:00+02:00', dealId: deal.body.id } });
    for (const r of [company, contact, deal, task]) expect(r.status).toBe(201);
    expect(deal.body.responsibleId).toBe(leaver.userId);

    const del = await api('DELETE', `/users/${leaver.userId}?transferTo=${heir.userId}`, { token: admin.token });
    expect(del.status).toBe(200);

    expect((await api('GET', `/deals/${deal.body.id}`, { token: admin.token })).body.responsibleId).toBe(heir.userId);
    expect((await api('GET', `/tasks/${task.body.id}`, { token: admin.token })).body.assigneeId).toBe(heir.userId);
    expect((await api('GET', `/contacts/${contact.body.id}`, { token: admin.token })).body.responsibleId).toBe(heir.userId);
    expect((await api('GET', `/companies/${company.body.id}`, { token: admin.token })).body.responsibleId).toBe(heir.userId);
    const heirsDeals = await api('GET', `/deals?responsibleId=${heir.userId}`, { token: admin.token });
    expect(heirsDeals.body.items.map((d: { id: string }) => d.id)).toEqual([deal.body.id]);
  });

  it('refuses a transfer target of another portal and changes nothing', async () => {
    const admin = await signUp();
    const other = await signUp();
    const leaver = await addUser(admin, ['manager']);
    const res = await api('DELETE', `/users/${leaver.userId}?transferTo=${other.userId}`, { token: admin.token });
    expect(res.status).toBe(400);
    expect(res.body.details[0].field).toBe('transferTo');
    expect((await api('GET', `/users/${leaver.userId}`, { token: admin.token })).status).toBe(200);
  });
});
