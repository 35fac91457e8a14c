import { addUser, api, signUp, uniqueSlug } from './support/api';

describe('portals and sign-in', () => {
  it('signs up a portal with its admin and logs in per portal', async () => {
    const slug = uniqueSlug('acme');
    const res = await api('POST', '/portals', {
      body: { name: 'Acme', slug, admin: { email: 'Owner@Acme.test', password: 'long-password', name: 'Olena' }, locale: 'uk', timezone: 'Europe/Kyiv' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.any(String), slug });

    const login = await api('POST', '/auth/login', { body: { portal: slug, email: 'owner@acme.test', password: 'long-password' } });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email: 'owner@acme.test', name: 'Olena', roles: ['admin'] });
    const me = await api('GET', '/me', { token: login.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: 'owner@acme.test', portal: { slug, locale: 'uk', timezone: 'Europe/Kyiv' } });
  });

  it('refuses a taken slug with 409 slug_taken', async () => {
    const s = await signUp();
    const res = await api('POST', '/portals', { body: { name: 'Again', slug: s.slug, admin: { email: 'x@y.test', password: 'long-password', name: 'X' } } });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('slug_taken');
  });

  it('names every invalid field of a sign-up, never a 500', async () => {
    const res = await api('POST', '/portals', { body: { name: '', slug: 'No Spaces', admin: { email: 'not-an-email', password: 'short', name: 'A' }, locale: 'de', extra: 1 } });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('validation_failed');
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'slug', 'admin.email', 'admin.password', 'locale', 'extra']));
  });

  it('answers malformed JSON and non-object bodies with 400', async () => {
    const bad = await api('POST', '/portals', { rawBody: '{"name": ' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid_json');
    const arr = await api('POST', '/portals', { rawBody: '[1,2]' });
    expect(arr.status).toBe(400);
    expect(arr.body.error).toBe('validation_failed');
  });

  it('refuses a wrong password with 401 invalid_credentials and throttles repeated failures', async () => {
    const s = await signUp();
    for (let i = 0; i < 5; i++) {
      const r = await api('POST', '/auth/login', { body: { portal: s.slug, email: s.email, password: 'wrong-password' } });
      expect(r.status).toBe(401);
      expect(r.body.error).toBe('invalid_credentials');
    }
    const blocked = await api('POST', '/auth/login', { body: { portal: s.slug, email: s.email, password: s.password } });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toBe('too_many_attempts');
  });

  it('requires a bearer token', async () => {
    expect((await api('GET', '/me')).status).toBe(401);
    expect((await api('GET', '/users', { token: 'garbage' })).status).toBe(401);
  });

  it('does not let a token of one portal sign into another portal', async () => {
    const a = await signUp();
    const b = await signUp();
    const login = await api('POST', '/auth/login', { body: { portal: b.slug, email: a.email, password: a.password } });
    expect(login.status).toBe(401);
  });
});

describe('users, roles, departments, absences', () => {
  it('lets an admin add people with built-in roles, and only an admin', async () => {
    const admin = await signUp();
    const manager = await addUser(admin, ['manager']);
    expect(manager.token).toBeTruthy();
    const refused = await api('POST', '/users', { token: manager.token, body: { email: 'z@z.test', name: 'Z', password: 'long-password', roles: ['manager'] } });
    expect(refused.status).toBe(403);
    const badRole = await api('POST', '/users', { token: admin.token, body: { email: 'q@q.test', name: 'Q', password: 'long-password', roles: ['emperor'] } });
    expect(badRole.status).toBe(400);
    expect(badRole.body.details[0].field).toBe('roles');
    const dup = await api('POST', '/users', { token: admin.token, body: { email: manager.email.toUpperCase(), name: 'Dup', password: 'long-password', roles: ['employee'] } });
    expect(dup.status).toBe(409);
    const list = await api('GET', '/users', { token: manager.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((u: { id: string }) => u.id)).toEqual(expect.arrayContaining([admin.userId, manager.userId]));
  });

  it('deactivation stops login and existing tokens; reactivation restores them', async () => {
    const admin = await signUp();
    const u = await addUser(admin, ['employee']);
    const off = await api('PATCH', `/users/${u.userId}`, { token: admin.token, body: { active: false } });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    const login = await api('POST', '/auth/login', { body: { portal: u.slug, email: u.email, password: u.password } });
    expect(login.status).toBe(401);
    expect((await api('GET', '/me', { token: u.token })).status).toBe(401);
    await api('PATCH', `/users/${u.userId}`, { token: admin.token, body: { active: true } });
    expect((await api('POST', '/auth/login', { body: { portal: u.slug, email: u.email, password: u.password } })).status).toBe(200);
  });

  it('keeps at least one admin', async () => {
    const admin = await signUp();
    const res = await api('PATCH', `/users/${admin.userId}`, { token: admin.token, body: { active: false } });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('last_admin');
  });

  it('manages departments with a head, and absences', async () => {
    const admin = await signUp();
    const head = await addUser(admin, ['head']);
    const dep = await api('POST', '/departments', { token: admin.token, body: { name: 'Sales', headId: head.userId } });
    expect(dep.status).toBe(201);
    expect(dep.body).toMatchObject({ name: 'Sales', headId: head.userId });
    const member = await addUser(admin, ['manager'], { departmentId: dep.body.id });
    const got = await api('GET', `/users/${member.userId}`, { token: admin.token });
    expect(got.body.departmentId).toBe(dep.body.id);
    const badHead = await api('POST', '/departments', { token: admin.token, body: { name: 'X', headId: '00000000-0000-4000-8000-000000000000' } });
    expect(badHead.status).toBe(400);
    expect(badHead.body.details[0].field).toBe('headId');

    const abs = await api('POST', `/users/${member.userId}/absences`, { token: admin.token, body: { from: '2026-12-01', to: '2026-12-14', reason: 'vacation' } });
    expect(abs.status).toBe(201);
    expect(abs.body).toMatchObject({ userId: member.userId, from: '2026-12-01', to: '2026-12-14', reason: 'vacation' });
    const backwards = await api('POST', `/users/${member.userId}/absences`, { token: admin.token, body: { from: '2026-12-10', to: '2026-12-01', reason: 'x' } });
    expect(backwards.status).toBe(400);
    expect(backwards.body.details[0].field).toBe('to');
    const list = await api('GET', `/users/${member.userId}/absences`, { token: member.token });
    expect(list.body.items).toHaveLength(1);
  });

  it('deletes a user only with a transfer target, then the user is gone', async () => {
    const admin = await signUp();
    const leaver = await addUser(admin, ['manager']);
    const heir = await addUser(admin, ['manager']);
    const noTarget = await api('DELETE', `/users/${leaver.userId}`, { token: admin.token });
    expect(noTarget.status).toBe(400);
    expect(noTarget.body.details[0].field).toBe('transferTo');
    const res = await api('DELETE', `/users/${leaver.userId}?transferTo=${heir.userId}`, { token: admin.token });
    expect(res.status).toBe(200);
    expect((await api('GET', `/users/${leaver.userId}`, { token: admin.token })).status).toBe(404);
    expect((await api('POST', '/auth/login', { body: { portal: leaver.slug, email: leaver.email, password: leaver.password } })).status).toBe(401);
  });

  it('never shows one portal the users or departments of another', async () => {
    const a = await signUp();
    const b = await signUp();
    const ua = await addUser(a, ['manager']);
    const dep = await api('POST', '/departments', { token: a.token, body: { name: 'A-only' } });
    expect((await api('GET', `/users/${ua.userId}`, { token: b.token })).status).toBe(404);
    expect((await api('PATCH', `/users/${ua.userId}`, { token: b.token, body: { name: 'hijack' } })).status).toBe(404);
    expect((await api('DELETE', `/users/${ua.userId}?transferTo=${b.userId}`, { token: b.token })).status).toBe(404);
    expect((await api('POST', `/users/${ua.userId}/absences`, { token: b.token, body: { from: '2026-12-01', to: '2026-12-02', reason: 'x' } })).status).toBe(404);
    expect((await api('GET', `/departments/${dep.body.id}`, { token: b.token })).status).toBe(404);
    expect((await api('PATCH', `/departments/${dep.body.id}`, { token: b.token, body: { name: 'x' } })).status).toBe(404);
    const listB = await api('GET', '/users', { token: b.token });
    expect(listB.body.items.map((u: { id: string }) => u.id)).not.toContain(ua.userId);
    const moveIn = await api('POST', '/users', { token: b.token, body: { email: 'n@n.test', name: 'N', password: 'long-password', roles: ['manager'], departmentId: dep.body.id } });
    expect(moveIn.status).toBe(400);
    expect(moveIn.body.details[0].field).toBe('departmentId');
  });
});

describe('notifications', () => {
  it('lists the caller’s notifications and refuses unknown ones', async () => {
    const s = await signUp();
    const list = await api('GET', '/notifications?unread=true', { token: s.token });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [], nextCursor: null });
    const bad = await api('GET', '/notifications?unread=maybe', { token: s.token });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('unread');
    const missing = await api('POST', '/notifications/00000000-0000-4000-8000-000000000000/read', { token: s.token });
    expect(missing.status).toBe(404);
  });
});
