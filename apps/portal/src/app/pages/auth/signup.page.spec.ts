import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { I18nService } from '../../core/i18n.service';
import { TOKEN_KEY } from '../../core/api.service';
import { byTestId, fakeFetch, fill, settle } from '../../testing/fake-fetch';
import { SignupPage } from './signup.page';

const ME = { id: 'u1', email: 'boss@acme.test', name: 'Boss', roles: ['admin'], portal: { id: 'p1', slug: 'acme', name: 'Acme', locale: 'uk', timezone: 'Europe/Kyiv' } };

describe('SignupPage', () => {
  async function render(routes: Parameters<typeof fakeFetch>[0]) {
    localStorage.clear();
    const fake = fakeFetch(routes);
    (globalThis as { fetch: unknown }).fetch = fake.fetch;
    TestBed.configureTestingModule({
      imports: [SignupPage],
      providers: [provideRouter([]), { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }],
    });
    TestBed.inject(I18nService).choose('en');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const fixture = TestBed.createComponent(SignupPage);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const submit = async (values: Record<string, string>) => {
      for (const [id, v] of Object.entries(values)) fill(root, id, v);
      byTestId(root, 'signup-submit')!.click();
      await settle();
      await fixture.whenStable();
    };
    return { fixture, root, fake, navigate, submit };
  }

  const form = {
    'signup-name': 'Acme',
    'signup-slug': 'acme',
    'signup-admin-name': 'Boss',
    'signup-email': 'boss@acme.test',
    'signup-password': 'secret123',
    'signup-locale': 'uk',
    'signup-timezone': 'Europe/Warsaw',
  };

  it('creates the portal, signs in and opens the marketplace in the portal language', async () => {
    const { fake, navigate, submit, root } = await render({
      'POST /portals': () => ({ status: 201, body: { id: 'p1', slug: 'acme' } }),
      'POST /auth/login': () => ({ body: { accessToken: 'tok', user: ME } }),
      'GET /me': () => ({ body: ME }),
    });
    expect(byTestId(root, 'page-title')?.textContent).toBe('Create your portal');
    expect((byTestId(root, 'signup-timezone') as HTMLSelectElement).value).toBe('Europe/Kyiv');
    await submit(form);
    expect(fake.calls.map((c) => `${c.method} ${c.url}`)).toEqual(['POST /api/v1/portals', 'POST /api/v1/auth/login', 'GET /api/v1/me']);
    expect(fake.calls[0].body).toEqual({
      name: 'Acme',
      slug: 'acme',
      admin: { name: 'Boss', email: 'boss@acme.test', password: 'secret123' },
      locale: 'uk',
      timezone: 'Europe/Warsaw',
    });
    expect(fake.calls[1].body).toEqual({ portal: 'acme', email: 'boss@acme.test', password: 'secret123' });
    expect(fake.calls[2].headers['Authorization']).toBe('Bearer tok');
    expect(localStorage.getItem(TOKEN_KEY)).toBe('tok');
    expect(navigate).toHaveBeenCalledWith('/marketplace');
    expect(TestBed.inject(I18nService).lang()).toBe('uk');
  });

  it('shows a taken address next to the address field', async () => {
    const { root, submit, navigate } = await render({
      'POST /portals': () => ({ status: 409, body: { statusCode: 409, error: 'slug_taken', message: 'The address "acme" is taken', details: [{ field: 'slug' }] } }),
    });
    await submit(form);
    expect(byTestId(root, 'error-slug')?.textContent?.trim()).toBe('The address “acme” is already taken. Choose another one.');
    expect(byTestId(root, 'form-error')).toBeNull();
    expect(navigate).not.toHaveBeenCalled();
    TestBed.inject(I18nService).choose('uk');
    await settle();
    expect(byTestId(root, 'error-slug')?.textContent?.trim()).toBe('Адреса «acme» уже зайнята. Оберіть іншу.');
    expect(byTestId(root, 'page-title')?.textContent).toBe('Створіть свій портал');
  });

  it('shows validation errors in words next to each field, and other errors above the form', async () => {
    let answer: { status: number; body: unknown } = {
      status: 400,
      body: {
        statusCode: 400,
        error: 'validation_failed',
        message: '…',
        details: [
          { field: 'admin.password', message: 'password must be longer than or equal to 8 characters' },
          { field: 'admin.email', message: 'email must be an email' },
        ],
      },
    };
    const { root, submit } = await render({ 'POST /portals': () => answer });
    await submit({ ...form, 'signup-password': 'short', 'signup-email': 'nope' });
    expect(byTestId(root, 'error-password')?.textContent).toBe('The password must be at least 8 characters long.');
    expect(byTestId(root, 'error-admin.password')).not.toBeNull();
    expect(byTestId(root, 'error-email')?.textContent).toBe('Enter a valid e-mail address.');
    expect(byTestId(root, 'error-slug')).toBeNull();

    answer = { status: 500, body: { statusCode: 500, error: 'internal_error', message: 'Internal error', details: [] } };
    await submit(form);
    expect(byTestId(root, 'form-error')?.textContent?.trim()).toBe('Something went wrong on the server. Try again later.');
    expect(byTestId(root, 'error-password')).toBeNull();
  });
});
