import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { App } from './app';
import { ApiService } from './core/api.service';
import { I18nService } from './core/i18n.service';
import { providePluginUi } from './plugins/portal-host';

describe('App (shell)', () => {
  beforeEach(async () => {
    localStorage.clear();
    await TestBed.configureTestingModule({ imports: [App], providers: [provideRouter([]), providePluginUi()] }).compileComponents();
  });

  const el = (root: HTMLElement, id: string) => root.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;

  it('has the language switch, and the user controls only when signed in', async () => {
    TestBed.inject(I18nService).choose('en');
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const select = el(root, 'lang-switch') as HTMLSelectElement;
    expect(Array.from(select.options).map((o) => o.value)).toEqual(['uk', 'ru', 'en']);
    expect(select.value).toBe('en');
    expect(el(root, 'logout')).toBeNull();
    expect(el(root, 'nav-marketplace')).toBeNull();

    TestBed.inject(ApiService).setToken('t');
    await fixture.whenStable();
    expect(el(root, 'logout')?.textContent?.trim()).toBe('Log out');
    expect(el(root, 'nav-marketplace')?.textContent?.trim()).toBe('Marketplace');
    expect(el(root, 'nav-tasks')?.textContent?.trim()).toBe('My tasks');
    expect(el(root, 'notifications-bell')).not.toBeNull();
    // Settings are for administrators; the user is not known to be one yet.
    expect(el(root, 'nav-settings')).toBeNull();

    select.value = 'uk';
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(el(root, 'logout')?.textContent?.trim()).toBe('Вийти');
    expect(localStorage.getItem('portal.lang')).toBe('uk');
  });
});
