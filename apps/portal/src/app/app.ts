import { Component, computed, effect, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { filter, map } from 'rxjs';
import { Title } from '@angular/platform-browser';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';
import { PluginUiRegistry, PluginWidgetsComponent } from '@portal/portal-kit';
import { I18nService, LANGS, TPipe, isLang } from './core/i18n.service';
import type { Lang } from './core/i18n.service';
import { SessionService } from './core/session.service';
import { NotificationsComponent } from './shell/notifications.component';

/** The shell: a top bar (portal, navigation, language, user) over the current page. */
@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatToolbarModule, MatButtonModule, TPipe, NotificationsComponent, PluginWidgetsComponent],
  templateUrl: './app.html',
  styleUrl: './app.css',
})
export class App {
  protected readonly session = inject(SessionService);
  protected readonly i18n = inject(I18nService);
  protected readonly langs = LANGS;
  protected readonly plugins = inject(PluginUiRegistry);
  private readonly router = inject(Router);
  private readonly url = toSignal(
    this.router.events.pipe(
      filter((e) => e instanceof NavigationEnd),
      map(() => this.router.url),
    ),
    { initialValue: this.router.url },
  );
  /**
   * The plugin menu item the page belongs to: the longest item route the path starts with, so `invoices/legal-entities`
   * lights only "Legal entities", and `training/course?id=…` (no menu item of its own) lights "Training".
   */
  protected readonly activePluginRoute = computed(() => {
    const path = this.url().split(/[?#]/)[0].replace(/^\//, '');
    let best: string | null = null;
    for (const item of this.plugins.menu()) {
      if ((path === item.route || path.startsWith(`${item.route}/`)) && (!best || item.route.length > best.length)) best = item.route;
    }
    return best;
  });

  constructor() {
    const title = inject(Title);
    effect(() => {
      const brand = this.i18n.t('app.brand');
      const portal = this.session.me()?.portal?.name;
      title.setTitle(portal ? `${portal} — ${brand}` : brand);
    });
    // The menu items of installed plugins, for whoever is signed in.
    effect(() => {
      if (this.session.me()) void this.plugins.load().catch(() => undefined);
    });
  }

  protected langName(lang: Lang): string {
    return this.i18n.t(`lang.${lang}`);
  }

  protected switchLang(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (isLang(value)) this.i18n.choose(value);
  }
}
