import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { OverlayContainer } from '@angular/cdk/overlay';
import type { Type } from '@angular/core';
import { ApiService } from '../../../core/api.service';
import { I18nService } from '../../../core/i18n.service';
import { SessionService } from '../../../core/session.service';
import { byTestId, fakeFetch, fill, settle } from '../../../testing/fake-fetch';
import type { FakeCall } from '../../../testing/fake-fetch';
import { AbsencesPage } from './absences.page';
import { DepartmentsPage } from './departments.page';
import { daysBetween, today } from './people.types';

const ME = { id: 'u1', email: 'boss@acme.test', name: 'Olena Boss', roles: ['admin'], portal: { id: 'p', slug: 'acme', name: 'Acme', locale: 'en', timezone: 'UTC' } };
const user = (id: string, over: object = {}) => ({ id, email: `${id}@acme.test`, name: `User ${id}`, roles: ['employee'], departmentId: null, locale: null, active: true, ...over });
const USERS = [user('u1', { name: 'Olena Boss', departmentId: 'd1' }), user('u2', { name: 'Petro', departmentId: 'd2' }), user('u3', { name: 'Ivan', departmentId: 'd2', active: false })];
const shift = (days: number) => {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return today(d);
};

async function render<T>(component: Type<T>, routes: Record<string, (c: FakeCall) => { status?: number; body?: unknown }>) {
  localStorage.clear();
  const fake = fakeFetch({ 'GET /me': () => ({ body: ME }), 'GET /users': () => ({ body: { items: USERS, nextCursor: null } }), ...routes });
  (globalThis as { fetch: unknown }).fetch = fake.fetch;
  TestBed.configureTestingModule({
    imports: [component],
    providers: [provideRouter([]), { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }],
  });
  TestBed.inject(I18nService).choose('en');
  TestBed.inject(ApiService).setToken('tok');
  await TestBed.inject(SessionService).load();
  const fixture = TestBed.createComponent(component);
  const step = async () => {
    await settle(10);
    await fixture.whenStable();
  };
  await step();
  return { root: fixture.nativeElement as HTMLElement, overlay: TestBed.inject(OverlayContainer).getContainerElement(), fake, step };
}

// Dialogs and the overlay are slow in jsdom on a busy machine.
jest.setTimeout(30_000);

describe('people settings pages', () => {
beforeEach(() => {
  const warn = console.warn;
  jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    if (!String(args[0]).includes('cdkFocusInitial')) warn(...args);
  });
});
afterEach(() => {
  TestBed.inject(OverlayContainer).ngOnDestroy();
  jest.restoreAllMocks();
});

describe('DepartmentsPage', () => {
  const deps = () => [
    { id: 'd1', name: 'Management', headId: 'u1', parentId: null },
    { id: 'd2', name: 'Sales', headId: null, parentId: 'd1' },
  ];
  const routes = (over: Record<string, (c: FakeCall) => { status?: number; body?: unknown }> = {}) => ({
    'GET /departments': () => ({ body: { items: deps(), nextCursor: null } }),
    'POST /departments': (c: FakeCall) => ({ status: 201, body: { id: 'd3', parentId: null, headId: null, ...(c.body as object) } }),
    'PATCH /departments/*': (c: FakeCall) => ({ body: { ...deps().find((d) => c.url.endsWith(d.id)), ...(c.body as object) } }),
    ...over,
  });

  it('lists departments as a tree with head and number of people', async () => {
    const { root } = await render(DepartmentsPage, routes());
    const rows = Array.from(root.querySelectorAll('[data-row="department"]'));
    expect(rows.map((r) => r.querySelector('[data-testid="department-row-name"]')?.textContent)).toEqual(['Management', 'Sales']);
    expect(byTestId(root, 'department-head-d1')?.textContent).toContain('Olena Boss');
    expect(byTestId(root, 'department-head-d2')?.textContent).toContain('No head');
    expect(byTestId(root, 'department-people-d2')?.textContent).toContain('2 people');
    expect(byTestId(root, 'department-row-d2')?.textContent).toContain('deactivated: 1');
  });

  it('creates a department with a head (active users only)', async () => {
    const { root, overlay, fake, step } = await render(DepartmentsPage, routes());
    byTestId(root, 'departments-new')!.click();
    await step();
    const heads = Array.from((byTestId(overlay, 'department-head') as HTMLSelectElement).options).map((o) => o.value);
    expect(heads).toEqual(['', 'u1', 'u2']);
    fill(overlay, 'department-name', 'Support');
    fill(overlay, 'department-head', 'u2');
    byTestId(overlay, 'department-submit')!.click();
    await step();
    expect(fake.calls.find((c) => c.method === 'POST')!.body).toEqual({ name: 'Support', headId: 'u2' });
    expect(root.querySelectorAll('[data-row="department"]').length).toBe(3);
  });

  it('edits with PATCH (name, head, parent; clearing sends null), and a department cannot sit inside itself', async () => {
    const { root, overlay, fake, step } = await render(DepartmentsPage, routes());
    byTestId(root, 'department-edit-d1')!.click();
    await step();
    const parents = Array.from((byTestId(overlay, 'department-parent') as HTMLSelectElement).options).map((o) => o.value);
    expect(parents).toEqual(['']);
    fill(overlay, 'department-name', 'Board');
    fill(overlay, 'department-head', '');
    byTestId(overlay, 'department-submit')!.click();
    await step();
    const patch = fake.calls.find((c) => c.method === 'PATCH')!;
    expect(patch.url).toBe('/api/v1/departments/d1');
    expect(patch.body).toEqual({ name: 'Board', headId: null, parentId: null });
    expect(byTestId(root, 'department-row-d1')?.textContent).toContain('Board');
  });

  it('shows an API validation error next to the name', async () => {
    const { root, overlay, step } = await render(
      DepartmentsPage,
      routes({ 'POST /departments': () => ({ status: 400, body: { statusCode: 400, error: 'validation_failed', message: 'x', details: [{ field: 'name', message: 'name should not be empty' }] } }) }),
    );
    byTestId(root, 'departments-new')!.click();
    await step();
    byTestId(overlay, 'department-submit')!.click();
    await step();
    expect(byTestId(overlay, 'department-error-name')?.textContent).toContain('Enter a name');
    expect(byTestId(overlay, 'department-dialog')).not.toBeNull();
  });
});

describe('AbsencesPage', () => {
  const items = () => [
    { id: 'a1', userId: 'u1', from: shift(10), to: shift(16), reason: 'vacation' },
    { id: 'a2', userId: 'u1', from: shift(-30), to: shift(-28), reason: 'Conference' },
  ];
  const routes = (over: Record<string, (c: FakeCall) => { status?: number; body?: unknown }> = {}) => ({
    'GET /users/*': (c: FakeCall) => ({ body: { items: c.url.includes('/u1/') ? items() : [], nextCursor: null } }),
    'POST /users/*': (c: FakeCall) => ({ status: 201, body: { id: 'a9', userId: 'u1', ...(c.body as object) } }),
    'DELETE /users/*': () => ({ status: 204 }),
    ...over,
  });

  it('shows the signed-in user’s upcoming absences with reasons in words; past ones on request', async () => {
    const { root, step } = await render(AbsencesPage, routes());
    expect((byTestId(root, 'absences-user') as HTMLSelectElement).value).toBe('u1');
    expect(root.querySelectorAll('[data-row="absence"]').length).toBe(1);
    expect(byTestId(root, 'absence-row-a1')?.textContent).toContain('Vacation');
    expect(byTestId(root, 'absence-row-a1')?.textContent).toContain('7');
    expect(byTestId(root, 'absences-count')?.textContent).toContain('1 absence, 7 days');
    (byTestId(root, 'absences-show-past')!.querySelector('input') as HTMLInputElement).click();
    await step();
    expect(byTestId(root, 'absence-row-a2')?.textContent).toContain('Conference');

    fill(root, 'absences-user', 'u2');
    await step();
    expect(byTestId(root, 'absences-empty')?.textContent).toContain('Petro has no absences');
  });

  it('refuses an end before the start next to the “to” field, without asking the API', async () => {
    const { root, fake, step } = await render(AbsencesPage, routes());
    fill(root, 'absence-from', '2026-12-10');
    fill(root, 'absence-to', '2026-12-01');
    byTestId(root, 'absence-add')!.click();
    await step();
    expect(byTestId(root, 'absence-error-to')?.textContent).toContain('The last day cannot be before the first one.');
    expect(fake.calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('shows the API’s error on `to` next to the field too', async () => {
    const { root, step } = await render(
      AbsencesPage,
      routes({ 'POST /users/*': () => ({ status: 400, body: { statusCode: 400, error: 'validation_failed', message: 'to', details: [{ field: 'to', message: 'must not be before from' }] } }) }),
    );
    fill(root, 'absence-from', '2026-12-01');
    fill(root, 'absence-to', '2026-12-03');
    byTestId(root, 'absence-add')!.click();
    await step();
    expect(byTestId(root, 'absence-error-to')?.textContent).toContain('it cannot be before the first one');
  });

  it('adds (POST {from, to, reason}) with a custom reason, and deletes after confirming', async () => {
    const { root, overlay, fake, step } = await render(AbsencesPage, routes());
    fill(root, 'absence-from', shift(40));
    fill(root, 'absence-to', shift(41));
    await step();
    expect(byTestId(root, 'absence-days')?.textContent).toContain('2 days');
    fill(root, 'absence-reason', 'other');
    await step();
    byTestId(root, 'absence-add')!.click();
    await step();
    expect(byTestId(root, 'absence-error-reason')?.textContent).toContain('Enter the reason.');
    fill(root, 'absence-other-reason', 'Wedding');
    byTestId(root, 'absence-add')!.click();
    await step();
    const post = fake.calls.find((c) => c.method === 'POST')!;
    expect(post.url).toBe('/api/v1/users/u1/absences');
    expect(post.body).toEqual({ from: shift(40), to: shift(41), reason: 'Wedding' });
    expect(byTestId(root, 'absence-row-a9')?.textContent).toContain('Wedding');

    byTestId(root, 'absence-delete-a1')!.click();
    await step();
    byTestId(overlay, 'confirm-ok')!.click();
    await step();
    expect(fake.calls.find((c) => c.method === 'DELETE')!.url).toBe('/api/v1/users/u1/absences/a1');
    expect(byTestId(root, 'absence-row-a1')).toBeNull();
  });

  it('counts days with both ends included', () => {
    expect(daysBetween('2026-12-01', '2026-12-14')).toBe(14);
    expect(daysBetween('2026-12-01', '2026-12-01')).toBe(1);
  });
});
});
