import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { I18nService } from '../../core/i18n.service';
import { byTestId, fakeFetch, fill, settle } from '../../testing/fake-fetch';
import { LoginPage } from './login.page';

const ME = { id: 'u1', email: 'boss@acme.test', name: 'Boss', roles: ['admin'], portal: { id: 'p1', slug: 'acme', name: 'Acme', locale: 'ru', timezone: 'UTC' } };

describe('LoginPage', () => {
  async function render(login: () => { status?: number; body?: unknown }) {
    localStorage.clear();
    const fake = fakeFetch({ 'POST /auth/login': login, 'GET /me': () => ({ body: ME }) });
    (globalThis as { fetch: unknown }).fetch = fake.fetch;
    TestBed.configureTestingModule({
      imports: [LoginPage],
      providers: [provideRouter([]), { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }],
    });
    TestBed.inject(I18nService).choose('en');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const fixture = TestBed.createComponent(LoginPage);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    fill(root, 'login-portal', ' Acme ');
    fill(root, 'login-email', 'boss@acme.test');
    fill(root, 'login-password', 'secret123');
    byTestId(root, 'login-submit')!.click();
    await settle();
    await fixture.whenStable();
    return { root, fake, navigate };
  }

  it('signs in and opens the marketplace', async () => {
    const { fake, navigate } = await render(() => ({ body: { accessToken: 'tok', user: ME } }));
    expect(fake.calls[0].body).toEqual({ portal: 'acme', email: 'boss@acme.test', password: 'secret123' });
    expect(navigate).toHaveBeenCalledWith('/marketplace');
    expect(TestBed.inject(I18nService).lang()).toBe('ru');
  });

  it('says in words when the credentials are wrong, and stays', async () => {
    const { root, navigate } = await render(() => ({
      status: 401,
      body: { statusCode: 401, error: 'invalid_credentials', message: 'The portal, e-mail or password is wrong', details: [] },
    }));
    expect(byTestId(root, 'form-error')?.textContent?.trim()).toBe('Wrong portal address, e-mail or password.');
    expect(navigate).not.toHaveBeenCalled();
  });
});
