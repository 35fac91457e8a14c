import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { ApiService } from '../core/api.service';
import { I18nService } from '../core/i18n.service';
import { SessionService } from '../core/session.service';
import { byTestId, fakeFetch, settle } from '../testing/fake-fetch';
import { NotificationsComponent } from './notifications.component';

const ME = { id: 'u1', email: 'a@b.c', name: 'Head', roles: ['head'], portal: { id: 'p', slug: 's', name: 'S', locale: 'en', timezone: 'UTC' } };

describe('NotificationsComponent', () => {
  async function render() {
    localStorage.clear();
    const items = [
      { id: 'n1', kind: 'project.threshold', level: 'critical', text: 'Project “Site” lost money', dealId: 'd1', createdAt: '2026-11-30T10:00:00Z', readAt: null },
      { id: 'n2', kind: 'assigned', level: 'info', text: 'A deal was assigned to you', createdAt: '2026-11-29T10:00:00Z', readAt: '2026-11-29T11:00:00Z' },
    ];
    const fake = fakeFetch({
      'GET /me': () => ({ body: ME }),
      'GET /notifications?limit=50': () => ({ body: { items, nextCursor: null } }),
      'POST /notifications/n1/read': () => ({ body: { ...items[0], readAt: '2026-11-30T12:00:00Z' } }),
    });
    (globalThis as { fetch: unknown }).fetch = fake.fetch;
    TestBed.configureTestingModule({ imports: [NotificationsComponent], providers: [provideRouter([])] });
    TestBed.inject(I18nService).choose('en');
    TestBed.inject(ApiService).setToken('tok');
    await TestBed.inject(SessionService).load();
    const fixture = TestBed.createComponent(NotificationsComponent);
    await settle();
    await fixture.whenStable();
    return { fixture, root: fixture.nativeElement as HTMLElement, fake };
  }

  it('counts the unread, lists them newest first and opens the deal of one, marking it read', async () => {
    const { fixture, root, fake } = await render();
    expect(byTestId(root, 'notifications-count')?.textContent?.trim()).toBe('1');
    byTestId(root, 'notifications-bell')?.click();
    await settle();
    await fixture.whenStable();
    const entries = root.querySelectorAll('[data-testid="notification"]');
    expect(entries).toHaveLength(2);
    expect(entries[0].textContent).toContain('lost money');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    (entries[0] as HTMLElement).click();
    await settle();
    await fixture.whenStable();
    expect(fake.calls.some((c) => c.method === 'POST' && c.url.endsWith('/notifications/n1/read'))).toBe(true);
    expect(navigate).toHaveBeenCalledWith(['/deals', 'd1']);
    expect(byTestId(root, 'notifications-count')).toBeNull();
    expect(byTestId(root, 'notifications-panel')).toBeNull();
  });
});
