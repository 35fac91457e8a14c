import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { OverlayContainer } from '@angular/cdk/overlay';
import { ApiService } from '../../core/api.service';
import { I18nService } from '../../core/i18n.service';
import { SessionService } from '../../core/session.service';
import { byTestId, fakeFetch, settle } from '../../testing/fake-fetch';
import type { FakeCall } from '../../testing/fake-fetch';
import { providePluginUi } from '../../plugins/portal-host';
import { MarketplacePage } from './marketplace.page';

const ME = { id: 'u1', email: 'a@b.c', name: 'Boss', roles: ['admin'], portal: { id: 'p', slug: 'acme', name: 'Acme', locale: 'en', timezone: 'UTC' } };
const plugin = (over: object = {}) => ({
  id: 'sales',
  name: 'Sales pack',
  version: '1.0.0',
  summary: 'Pipelines for sales',
  category: 'sales',
  dependsOn: ['base'],
  installed: false,
  installedVersion: null,
  ...over,
});
const base = { ...plugin(), id: 'base', name: 'Base CRM', dependsOn: [], installed: true, installedVersion: '1.0.0' };

describe('MarketplacePage', () => {
  let installed = false;
  let uninstallAnswer: { status: number; body: unknown } = { status: 200, body: { uninstalled: ['sales'] } };

  async function render() {
    localStorage.clear();
    installed = false;
    const routes = {
      'GET /me': () => ({ body: ME }),
      'GET /marketplace': () => ({ body: [base, plugin({ installed, installedVersion: installed ? '1.0.0' : null })] }),
      'POST /marketplace/sales/install?dryRun=true': () => ({
        body: {
          plan: [
            { plugin: 'sales', kind: 'pipeline', action: 'create', code: 'warm' },
            { plugin: 'sales', kind: 'stage', action: 'create', code: 'new', pipeline: 'warm' },
            { plugin: 'sales', kind: 'stage', action: 'create', code: 'won', pipeline: 'warm' },
            { plugin: 'sales', kind: 'field', action: 'conflict', code: 'budget', entity: 'deal' },
            { plugin: 'sales', kind: 'plugin', action: 'install', code: 'sales' },
          ],
        },
      }),
      'GET /marketplace/installs/*': (c: FakeCall) => {
        const id = c.url.split('/')[5];
        const ev = (done: number, state: string, step: string) =>
          `event: progress\ndata: ${JSON.stringify({ installId: id, plugin: 'sales', state, done, total: 3, step })}\n\n`;
        return { sse: [': hello\n\n', ev(1, 'running', 'field deal.x'), ev(2, 'running', 'pipeline warm'), ev(3, 'done', 'installed')] };
      },
      'POST /marketplace/sales/install?installId=*': () => {
        installed = true;
        return { body: { installed: ['sales'] } };
      },
      'POST /marketplace/base/uninstall': () => uninstallAnswer,
      'GET /marketplace/ui': () => ({ body: [] }),
    };
    const fake = fakeFetch(routes);
    (globalThis as { fetch: unknown }).fetch = fake.fetch;
    TestBed.configureTestingModule({
      imports: [MarketplacePage],
      providers: [provideRouter([]), providePluginUi(), { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }],
    });
    TestBed.inject(I18nService).choose('en');
    TestBed.inject(ApiService).setToken('tok');
    await TestBed.inject(SessionService).load();
    const fixture = TestBed.createComponent(MarketplacePage);
    await settle();
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const overlay = TestBed.inject(OverlayContainer).getContainerElement();
    const step = async () => {
      await settle(10);
      await fixture.whenStable();
    };
    return { fixture, root, overlay, fake, step };
  }

  beforeEach(() => {
    // jsdom has no layout, so the CDK finds no button focusable; a browser does.
    const warn = console.warn;
    jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
      if (!String(args[0]).includes('cdkFocusInitial')) warn(...args);
    });
  });
  afterEach(() => {
    TestBed.inject(OverlayContainer).ngOnDestroy();
    jest.restoreAllMocks();
  });

  it('lists the plugins with their state, version, category and dependencies', async () => {
    const { root } = await render();
    expect(byTestId(root, 'page-title')?.textContent).toBe('Marketplace');
    const card = byTestId(root, 'plugin-card-sales')!;
    expect(card.textContent).toContain('Sales pack');
    expect(card.textContent).toContain('Version 1.0.0');
    expect(card.textContent).toContain('Sales');
    expect(card.textContent).toContain('Requires: Base CRM');
    expect(byTestId(root, 'plugin-state-sales')?.textContent?.trim()).toBe('not installed');
    expect(byTestId(root, 'plugin-state-base')?.textContent?.trim()).toBe('installed');
    expect(byTestId(root, 'plugin-install-sales')).not.toBeNull();
    expect(byTestId(root, 'plugin-uninstall-sales')).toBeNull();
    expect(byTestId(root, 'plugin-uninstall-base')).not.toBeNull();
  });

  it('installs: the plan in words, then the progress stream opened before the install, then the new state', async () => {
    const { root, overlay, fake, step } = await render();
    byTestId(root, 'plugin-install-sales')!.click();
    await step();
    expect(byTestId(overlay, 'install-plan')).not.toBeNull();
    expect(byTestId(overlay, 'install-plan-summary')?.textContent).toContain('Will create 1 pipeline and 2 stages.');
    expect(byTestId(overlay, 'install-plan-summary')?.textContent).toContain('Already in the portal and left as it is: 1 field.');
    expect(overlay.querySelectorAll('[data-testid="install-plan-step"]').length).toBe(5);

    byTestId(overlay, 'install-confirm')!.click();
    await step();
    const urls = fake.calls.map((c) => `${c.method} ${c.url}`);
    const streamAt = urls.findIndex((u) => u.includes('/events'));
    const installAt = urls.findIndex((u) => u.includes('installId='));
    expect(streamAt).toBeGreaterThan(-1);
    expect(installAt).toBeGreaterThan(streamAt);
    const id = urls[streamAt].split('/')[5];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(urls[installAt]).toBe(`POST /api/v1/marketplace/sales/install?installId=${id}`);
    expect(fake.calls[streamAt].headers['Authorization']).toBe('Bearer tok');

    const bar = byTestId(root, 'install-progress')!;
    expect(bar.getAttribute('aria-valuenow')).toBe('100');
    expect(byTestId(root, 'install-step')?.textContent?.trim()).toBe('Installed');
    expect(byTestId(root, 'plugin-state-sales')?.textContent?.trim()).toBe('installed');
    expect(byTestId(root, 'plugin-uninstall-sales')).not.toBeNull();
    // The new plugin's menu items and widgets are asked for again.
    expect(urls.slice(installAt).some((u) => u === 'GET /api/v1/marketplace/ui')).toBe(true);
  });

  it('cancelling the plan installs nothing', async () => {
    const { root, overlay, fake, step } = await render();
    byTestId(root, 'plugin-install-sales')!.click();
    await step();
    byTestId(overlay, 'install-cancel')!.click();
    await step();
    expect(fake.calls.some((c) => c.url.includes('installId='))).toBe(false);
    expect(byTestId(root, 'install-progress')).toBeNull();
  });

  it('uninstall explains what is kept, and a refusal names the plugins that depend on it', async () => {
    const { root, overlay, fake, step } = await render();
    uninstallAnswer = {
      status: 409,
      body: { statusCode: 409, error: 'plugin_required_by', message: 'Installed plugins depend on base: sales', details: ['sales'] },
    };
    byTestId(root, 'plugin-uninstall-base')!.click();
    await step();
    expect(byTestId(overlay, 'uninstall-dialog')?.textContent).toContain('installing it again brings everything back');
    byTestId(overlay, 'uninstall-confirm')!.click();
    await step();
    expect(fake.calls.some((c) => c.method === 'POST' && c.url === '/api/v1/marketplace/base/uninstall')).toBe(true);
    expect(byTestId(root, 'plugin-error-base')?.textContent?.trim()).toBe(
      'Base CRM cannot be uninstalled while these plugins need it: Sales pack. Uninstall them first.',
    );
  });
});
