import { Component, DestroyRef, ElementRef, computed, effect, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { ApiService } from '../core/api.service';
import { Notifier } from '../core/errors';
import { I18nService, TPipe } from '../core/i18n.service';
import { SessionService } from '../core/session.service';

export interface PortalNotification {
  id: string;
  kind: string;
  level: 'info' | 'warning' | 'critical' | string;
  text: string;
  dealId?: string | null;
  createdAt: string;
  readAt: string | null;
}

/** How often the bell asks for news while the page is open. */
const POLL_MS = 60_000;

/** The bell in the top bar: unread in-portal notifications (alerts, assignments), newest first. */
@Component({
  selector: 'app-notifications',
  imports: [TPipe],
  host: { '(document:click)': 'outside($event)', '(document:keydown.escape)': 'open.set(false)' },
  template: `
    <button type="button" class="bell" data-testid="notifications-bell" [attr.aria-expanded]="open()" [attr.aria-label]="'shell.notifications' | t" (click)="toggle()">
      <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22"><path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"/></svg>
      @if (unread() > 0) {
        <span class="count" data-testid="notifications-count">{{ unread() > 99 ? '99+' : unread() }}</span>
      }
    </button>
    @if (open()) {
      <div class="panel" role="dialog" data-testid="notifications-panel" [attr.aria-label]="'shell.notifications' | t">
        <div class="head">
          <strong>{{ 'shell.notifications' | t }}</strong>
          @if (unread() > 0) {
            <button type="button" class="link" data-testid="notifications-read-all" (click)="readAll()">{{ 'shell.readAll' | t }}</button>
          }
        </div>
        @for (n of items(); track n.id) {
          <button type="button" class="item" [class]="'item level-' + n.level" [class.unread]="!n.readAt" data-testid="notification" [attr.data-kind]="n.kind" (click)="openItem(n)">
            <span class="text">{{ n.text }}</span>
            <time class="when" [attr.datetime]="n.createdAt">{{ when(n.createdAt) }}</time>
          </button>
        } @empty {
          <p class="empty">{{ 'shell.noNotifications' | t }}</p>
        }
      </div>
    }
  `,
  styles: `
    :host { position: relative; }
    .bell { position: relative; display: inline-flex; background: transparent; border: 0; color: inherit; cursor: pointer; padding: 8px; border-radius: 50%; }
    .bell:hover { background: color-mix(in srgb, currentColor 12%, transparent); }
    .count { position: absolute; top: 0; right: 0; min-width: 16px; height: 16px; padding: 0 4px; border-radius: 8px; background: #b3261e; color: #fff; font-size: 11px; line-height: 16px; font-weight: 600; }
    .panel { position: absolute; right: 0; top: 44px; width: 380px; max-height: 70vh; overflow: auto; background: var(--mat-sys-surface); color: var(--mat-sys-on-surface); border-radius: 12px; box-shadow: 0 8px 28px rgb(0 0 0 / 22%); z-index: 20; padding: 8px 0; }
    .head { display: flex; justify-content: space-between; align-items: center; padding: 4px 16px 8px; }
    .link { background: none; border: 0; color: var(--mat-sys-primary); cursor: pointer; font: inherit; font-size: 13px; }
    .item { display: flex; flex-direction: column; gap: 2px; width: 100%; text-align: left; background: none; border: 0; border-left: 3px solid transparent; padding: 8px 16px; font: inherit; font-size: 14px; color: inherit; cursor: pointer; }
    .item:hover { background: var(--mat-sys-surface-container-high); }
    .item.unread { background: var(--mat-sys-surface-container); font-weight: 500; }
    .item.level-warning { border-left-color: #e8a200; }
    .item.level-critical { border-left-color: #b3261e; }
    .when { font-size: 12px; color: var(--mat-sys-on-surface-variant); font-weight: 400; }
    .empty { padding: 8px 16px; margin: 0; color: var(--mat-sys-on-surface-variant); font-size: 14px; }
  `,
})
export class NotificationsComponent {
  private readonly api = inject(ApiService);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly session = inject(SessionService);
  private readonly i18n = inject(I18nService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly items = signal<PortalNotification[]>([]);
  protected readonly open = signal(false);
  protected readonly unread = computed(() => this.items().filter((n) => !n.readAt).length);

  constructor() {
    effect(() => {
      if (this.session.me()) void this.load();
    });
    const timer = setInterval(() => {
      if (this.session.me()) void this.load();
    }, POLL_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  async load(): Promise<void> {
    try {
      const res = await this.api.get<{ items: PortalNotification[] }>('/notifications?limit=50');
      this.items.set(res.items ?? []);
    } catch {
      // The bell stays as it was; the page the user is on reports a broken connection in its own words.
    }
  }

  protected outside(event: Event): void {
    if (this.open() && !this.host.nativeElement.contains(event.target as Node)) this.open.set(false);
  }

  protected toggle(): void {
    this.open.update((v) => !v);
    if (this.open()) void this.load();
  }

  protected async openItem(n: PortalNotification): Promise<void> {
    this.open.set(false);
    if (!n.readAt) await this.markRead(n);
    if (n.dealId) void this.router.navigate(['/deals', n.dealId]);
  }

  protected async readAll(): Promise<void> {
    for (const n of this.items().filter((i) => !i.readAt)) await this.markRead(n);
  }

  protected when(iso: string): string {
    return new Intl.DateTimeFormat(this.i18n.lang(), { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
  }

  private async markRead(n: PortalNotification): Promise<void> {
    try {
      await this.api.post(`/notifications/${n.id}/read`, {});
      const now = new Date().toISOString();
      this.items.update((list) => list.map((i) => (i.id === n.id ? { ...i, readAt: now } : i)));
    } catch (err) {
      this.notifier.error(err);
    }
  }
}
