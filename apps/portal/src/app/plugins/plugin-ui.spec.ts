import { Component, input } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { PORTAL_PLUGIN_LOADERS, PluginUiRegistry, PluginWidgetsComponent } from '@portal/portal-kit';
import type { PortalPluginModule } from '@portal/portal-kit';
import { ApiService } from '../core/api.service';
import { I18nService } from '../core/i18n.service';
import { SessionService } from '../core/session.service';
import { byTestId, fakeFetch, settle } from '../testing/fake-fetch';
import { providePluginUi } from './portal-host';

@Component({ selector: 'test-widget', template: `deal {{ dealId() }}` })
class DealWidget {
  readonly dealId = input<string>();
}

const UI = [
  {
    plugin: 'load-balancer',
    module: 'load-balancer',
    routes: [{ path: 'load-balancer/loads', component: 'LoadsPage', title: { en: 'Team load', uk: 'Навантаження команди' }, roles: ['admin', 'head'] }],
    menu: [{ route: 'load-balancer/loads', label: { en: 'Team load', uk: 'Навантаження' }, roles: ['admin', 'head'] }],
    dashboardWidgets: [{ id: 'team-load', component: 'TeamLoadWidget', title: { en: 'Team load' }, roles: ['admin', 'head'] }],
    dealCardWidgets: [{ id: 'studio', component: 'DealWidget', title: { en: 'Profit' }, pipelines: ['projects'] }],
  },
  { plugin: 'no-portal-code', routes: [{ path: 'x', component: 'X', title: 'X' }] },
];

async function setup(roles: string[], ui: unknown = UI) {
  localStorage.clear();
  const fake = fakeFetch({
    'GET /me': () => ({ body: { id: `u-${roles.join()}`, email: 'a@b.c', name: 'A', roles, portal: { id: 'p', slug: 's', name: 'S', locale: 'en', timezone: 'UTC' } } }),
    'GET /marketplace/ui': () => ({ body: ui }),
  });
  (globalThis as { fetch: unknown }).fetch = fake.fetch;
  const loads = jest.fn(async (): Promise<PortalPluginModule> => ({ components: { DealWidget } }));
  TestBed.configureTestingModule({
    providers: [provideRouter([]), providePluginUi(), { provide: PORTAL_PLUGIN_LOADERS, useValue: { 'load-balancer': loads } }],
  });
  TestBed.inject(I18nService).choose('en');
  TestBed.inject(ApiService).setToken('tok');
  await TestBed.inject(SessionService).load();
  const registry = TestBed.inject(PluginUiRegistry);
  await registry.load();
  return { registry, loads, fake };
}

describe('plugin UI registry', () => {
  it("shows an installed plugin's menu, route and widgets to the roles it names", async () => {
    const { registry } = await setup(['head']);
    expect(registry.menu().map((m) => m.route)).toEqual(['load-balancer/loads']);
    expect(registry.routeFor('/load-balancer/loads?x=1')?.component).toBe('LoadsPage');
    expect(registry.widgets('dashboard').map((w) => w.id)).toEqual(['team-load']);
  });

  it('hides them from other roles', async () => {
    const { registry } = await setup(['manager']);
    expect(registry.menu()).toEqual([]);
    expect(registry.routeFor('load-balancer/loads')).toBeNull();
    expect(registry.widgets('dashboard')).toEqual([]);
  });

  it('shows nothing when the portal has no plugin with UI installed', async () => {
    const { registry, fake } = await setup(['admin'], []);
    expect(registry.menu()).toEqual([]);
    expect(registry.routeFor('load-balancer/loads')).toBeNull();
    await registry.load();
    expect(fake.calls.filter((c) => c.url.endsWith('/marketplace/ui'))).toHaveLength(1);
    await registry.refresh();
    expect(fake.calls.filter((c) => c.url.endsWith('/marketplace/ui'))).toHaveLength(2);
  });

  it("ignores routes of a plugin whose portal code this build does not bundle", async () => {
    const { registry } = await setup(['admin']);
    expect(registry.routeFor('x')).toBeNull();
    expect(await registry.component('no-portal-code', 'X')).toBeNull();
  });

  it('renders deal-card widgets only on the pipelines they name, loading the module once', async () => {
    const { registry, loads } = await setup(['manager']);
    expect(registry.widgets('dealCard', { pipeline: 'sales' })).toEqual([]);
    expect(registry.widgets('dealCard', { pipeline: 'projects' }).map((w) => w.id)).toEqual(['studio']);

    const fixture = TestBed.createComponent(PluginWidgetsComponent);
    fixture.componentRef.setInput('slot', 'dealCard');
    fixture.componentRef.setInput('context', { pipeline: 'projects', dealId: 'd-42' });
    await settle();
    await fixture.whenStable();
    await settle();
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    expect(byTestId(root, 'plugin-widget-studio')?.textContent).toContain('Profit');
    expect(byTestId(root, 'plugin-widget-studio')?.textContent).toContain('deal d-42');
    expect(loads).toHaveBeenCalledTimes(1);
  });
});
