import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { OverlayContainer } from '@angular/cdk/overlay';
import { ApiService } from '../../../core/api.service';
import { I18nService } from '../../../core/i18n.service';
import { SessionService } from '../../../core/session.service';
import { byTestId, fakeFetch, fill, settle } from '../../../testing/fake-fetch';
import type { FakeCall } from '../../../testing/fake-fetch';
import { UsersPage } from './users.page';
import { generatePassword } from './people.types';

const ME = { id: 'u1', email: 'boss@acme.test', name: 'Olena Boss', roles: ['admin'], portal: { id: 'p', slug: 'acme', name: 'Acme', locale: 'en', timezone: 'UTC' } };
const user = (id: string, over: object = {}) => ({ id, email: `${id}@acme.test`, name: `User ${id}`, roles: ['employee'], departmentId: null, locale: null, active: true, ...over });
const ROLES = ['admin', 'head', 'manager', 'accountant', 'employee', 'trainee'].map((code) => ({ code, description: code }));

// Dialogs and the overlay are slow in jsdom on a busy machine.
jest.setTimeout(30_000);

describe('UsersPage', () => {
  let users: ReturnType<typeof user>[];
  let answers: Record<string, { status: number; body: unknown }>;

  async function render(lang: 'en' | 'uk' = 'en') {
    localStorage.clear();
    users = [
      user('u1', { name: 'Olena Boss', email: 'boss@acme.test', roles: ['admin', 'head'], departmentId: 'd1' }),
      user('u2', { name: 'Petro Sales', roles: ['manager'] }),
      user('u3', { name: 'Ivan Former', active: false }),
    ];
    answers = {};
    const answer = (key: string, fallback: () => { status?: number; body?: unknown }) => (answers[key] ? answers[key] : fallback());
    const fake = fakeFetch({
      'GET /me': () => ({ body: ME }),
      'GET /users': () => ({ body: { items: users, nextCursor: null } }),
      'GET /roles': () => ({ body: [...ROLES, { code: 'np.courier', description: 'Delivers', name: { en: 'Courier', uk: 'Кур’єр' } }] }),
      'GET /departments': () => ({ body: { items: [{ id: 'd1', name: 'Sales', headId: 'u1', parentId: null }], nextCursor: null } }),
      'POST /users': (c: FakeCall) => answer('POST /users', () => ({ status: 201, body: { ...user('u9'), ...(c.body as object) } })),
      'PATCH /users/*': (c: FakeCall) => {
        const id = c.url.split('/').pop()!;
        return answer('PATCH', () => ({ body: { ...users.find((u) => u.id === id), ...(c.body as object) } }));
      },
      'DELETE /users/*': () => answer('DELETE', () => ({ body: { id: 'u2', deleted: true, transferTo: 'u1', transferred: { deals: 3, tasks: 1, contacts: 0, companies: 2 } } })),
    });
    (globalThis as { fetch: unknown }).fetch = fake.fetch;
    TestBed.configureTestingModule({
      imports: [UsersPage],
      providers: [provideRouter([]), { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }],
    });
    TestBed.inject(I18nService).choose(lang);
    TestBed.inject(ApiService).setToken('tok');
    await TestBed.inject(SessionService).load();
    TestBed.inject(I18nService).choose(lang);
    const fixture = TestBed.createComponent(UsersPage);
    const step = async () => {
      await settle(10);
      await fixture.whenStable();
    };
    await step();
    const root = fixture.nativeElement as HTMLElement;
    const overlay = TestBed.inject(OverlayContainer).getContainerElement();
    return { fixture, root, overlay, fake, step };
  }

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

  it('lists users with localized role chips, department and state; search filters by name or e-mail', async () => {
    const { root, step } = await render();
    const row = byTestId(root, 'user-row-u1')!;
    expect(row.textContent).toContain('Olena Boss');
    expect(row.textContent).toContain('(you)');
    expect(Array.from(row.querySelectorAll('.chip')).map((c) => c.textContent?.trim())).toEqual(['Administrator', 'Head']);
    expect(row.textContent).toContain('Sales');
    expect(byTestId(root, 'user-state-u3')?.textContent?.trim()).toBe('deactivated');
    expect(byTestId(root, 'users-count')?.textContent).toContain('3 users, of them deactivated: 1');

    fill(root, 'users-search', 'PETRO');
    await step();
    expect(root.querySelectorAll('[data-row="user"]').length).toBe(1);
    fill(root, 'users-search', 'u3@acme');
    await step();
    expect(byTestId(root, 'user-row-u3')).not.toBeNull();
    fill(root, 'users-search', 'nobody');
    await step();
    expect(byTestId(root, 'users-none-found')).not.toBeNull();
  });

  it('does not let the signed-in user deactivate or delete themselves, and says why', async () => {
    const { root } = await render();
    expect((byTestId(root, 'user-deactivate-u1') as HTMLButtonElement).disabled).toBe(true);
    expect((byTestId(root, 'user-delete-u1') as HTMLButtonElement).disabled).toBe(true);
    expect(byTestId(root, 'user-self-hint')?.getAttribute('title')).toContain('You cannot deactivate or delete yourself');
    expect((byTestId(root, 'user-deactivate-u2') as HTMLButtonElement).disabled).toBe(false);
  });

  it('invites: localized roles (plugin roles by their name), generated password with a copy hint, POST /users body', async () => {
    const { root, overlay, fake, step } = await render();
    byTestId(root, 'users-invite')!.click();
    await step();
    const roles = byTestId(overlay, 'user-form-roles')!;
    expect(roles.textContent).toContain('Accountant');
    expect(roles.textContent).toContain('Trainee');
    expect(roles.textContent).toContain('Courier');
    expect(byTestId(overlay, 'user-form-copy-hint')).toBeNull();
    byTestId(overlay, 'user-form-generate')!.click();
    await step();
    const password = (byTestId(overlay, 'user-form-password') as HTMLInputElement).value;
    expect(password).toHaveLength(14);
    expect((byTestId(overlay, 'user-form-password') as HTMLInputElement).type).toBe('text');
    expect(byTestId(overlay, 'user-form-copy-hint')?.textContent).toContain('it is not shown again');

    fill(overlay, 'user-form-name', ' Maria New ');
    fill(overlay, 'user-form-email', 'maria@acme.test');
    fill(overlay, 'user-form-department', 'd1');
    (byTestId(overlay, 'user-form-role-manager')!.querySelector('input') as HTMLInputElement).click();
    await step();
    byTestId(overlay, 'user-form-submit')!.click();
    await step();
    const post = fake.calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({ name: 'Maria New', email: 'maria@acme.test', password, roles: ['manager', 'employee'], departmentId: 'd1' });
    expect(byTestId(overlay, 'user-form-dialog')).toBeNull();
    expect(root.querySelectorAll('[data-row="user"]').length).toBe(4);
  });

  it('shows a taken e-mail (409) and validation errors (400) next to their fields', async () => {
    const { root, overlay, step } = await render();
    byTestId(root, 'users-invite')!.click();
    await step();
    fill(overlay, 'user-form-name', 'Maria');
    fill(overlay, 'user-form-email', 'boss@acme.test');
    fill(overlay, 'user-form-password', 'long-enough-1');
    answers['POST /users'] = {
      status: 409,
      body: { statusCode: 409, error: 'email_taken', message: 'A user with e-mail boss@acme.test already exists', details: [{ field: 'email' }] },
    };
    byTestId(overlay, 'user-form-submit')!.click();
    await step();
    expect(byTestId(overlay, 'user-form-error-email')?.textContent).toContain('A user with this e-mail already exists');
    expect(byTestId(overlay, 'user-form-error')).toBeNull();

    answers['POST /users'] = {
      status: 400,
      body: { statusCode: 400, error: 'validation_failed', message: 'password: too short', details: [{ field: 'password', message: 'password must be longer than or equal to 8 characters' }] },
    };
    byTestId(overlay, 'user-form-submit')!.click();
    await step();
    expect(byTestId(overlay, 'user-form-error-password')?.textContent).toContain('The password must be 8 to 200 characters long.');
    expect(byTestId(overlay, 'user-form-error-email')).toBeNull();

    // Without any role the form says so, before asking the API.
    (byTestId(overlay, 'user-form-role-employee')!.querySelector('input') as HTMLInputElement).click();
    await step();
    byTestId(overlay, 'user-form-submit')!.click();
    await step();
    expect(byTestId(overlay, 'user-form-error-roles')?.textContent).toContain('Choose at least one role.');
  });

  it('edits name, roles and department with PATCH /users/:id', async () => {
    const { root, overlay, fake, step } = await render();
    byTestId(root, 'user-edit-u2')!.click();
    await step();
    expect((byTestId(overlay, 'user-form-name') as HTMLInputElement).value).toBe('Petro Sales');
    fill(overlay, 'user-form-name', 'Petro Head');
    fill(overlay, 'user-form-department', 'd1');
    (byTestId(overlay, 'user-form-role-head')!.querySelector('input') as HTMLInputElement).click();
    await step();
    byTestId(overlay, 'user-form-submit')!.click();
    await step();
    const patch = fake.calls.find((c) => c.method === 'PATCH')!;
    expect(patch.url).toBe('/api/v1/users/u2');
    expect(patch.body).toEqual({ name: 'Petro Head', roles: ['head', 'manager'], departmentId: 'd1', locale: null });
    expect(byTestId(root, 'user-row-u2')?.textContent).toContain('Petro Head');
  });

  it('deactivates after a confirmation that explains login will fail', async () => {
    const { root, overlay, fake, step } = await render();
    byTestId(root, 'user-deactivate-u2')!.click();
    await step();
    expect(byTestId(overlay, 'deactivate-dialog')?.textContent).toContain('will no longer be able to sign in');
    byTestId(overlay, 'confirm-ok')!.click();
    await step();
    const patch = fake.calls.find((c) => c.method === 'PATCH')!;
    expect(patch.body).toEqual({ active: false });
    expect(byTestId(root, 'user-state-u2')?.textContent?.trim()).toBe('deactivated');
    expect(byTestId(root, 'user-reactivate-u2')).not.toBeNull();
  });

  it('keeps the confirmation open with the reason when the API refuses (last admin)', async () => {
    const { root, overlay, step } = await render();
    answers['PATCH'] = { status: 409, body: { statusCode: 409, error: 'last_admin', message: 'The portal must keep at least one active admin' } };
    byTestId(root, 'user-deactivate-u2')!.click();
    await step();
    byTestId(overlay, 'confirm-ok')!.click();
    await step();
    expect(byTestId(overlay, 'confirm-error')?.textContent).toContain('at least one active administrator');
    expect(byTestId(root, 'user-state-u2')?.textContent?.trim()).toBe('active');
  });

  it('deletes with transfer: a receiver must be chosen among other active users; DELETE ?transferTo=', async () => {
    const { root, overlay, fake, step } = await render();
    byTestId(root, 'user-delete-u2')!.click();
    await step();
    const dialog = byTestId(overlay, 'delete-user-dialog')!;
    expect(dialog.textContent).toContain('deals where they are responsible');
    expect(dialog.textContent).toContain('tasks assigned to them');
    expect(dialog.textContent).toContain('contacts where they are responsible');
    expect(dialog.textContent).toContain('companies where they are responsible');
    const options = Array.from((byTestId(overlay, 'delete-user-transfer') as HTMLSelectElement).options).map((o) => o.value);
    // Not the deleted user, not a deactivated one; the signed-in user first.
    expect(options).toEqual(['', 'u1']);
    expect((byTestId(overlay, 'delete-user-submit') as HTMLButtonElement).disabled).toBe(true);

    answers['DELETE'] = { status: 400, body: { statusCode: 400, error: 'validation_failed', message: 'x', details: [{ field: 'transferTo', message: 'Active user u1 does not exist in this portal' }] } };
    fill(overlay, 'delete-user-transfer', 'u1');
    await step();
    expect((byTestId(overlay, 'delete-user-submit') as HTMLButtonElement).disabled).toBe(false);
    byTestId(overlay, 'delete-user-submit')!.click();
    await step();
    expect(byTestId(overlay, 'delete-user-error-transferTo')?.textContent).toContain('This user is no longer active');
    expect(byTestId(root, 'user-row-u2')).not.toBeNull();

    delete answers['DELETE'];
    byTestId(overlay, 'delete-user-submit')!.click();
    await step();
    const del = fake.calls.filter((c) => c.method === 'DELETE').pop()!;
    expect(del.url).toBe('/api/v1/users/u2?transferTo=u1');
    expect(byTestId(overlay, 'delete-user-dialog')).toBeNull();
    expect(byTestId(root, 'user-row-u2')).toBeNull();
    expect(overlay.textContent).toContain('Petro Sales is deleted. Olena Boss received 3 deals, 1 task, and 2 companies.');
  });

  it('speaks Ukrainian, roles included', async () => {
    const { root } = await render('uk');
    expect(byTestId(root, 'users-title')?.textContent).toBe('Користувачі');
    expect(byTestId(root, 'user-row-u1')?.textContent).toContain('Адміністратор');
    expect(byTestId(root, 'users-count')?.textContent).toContain('3 користувачі');
  });
});

describe('generatePassword', () => {
  it('makes passwords with a lower-case letter, an upper-case letter and a digit, and no look-alikes', () => {
    for (let i = 0; i < 50; i++) {
      const p = generatePassword();
      expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{14}$/);
      expect(p).toMatch(/[a-z]/);
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/[0-9]/);
    }
  });
});
