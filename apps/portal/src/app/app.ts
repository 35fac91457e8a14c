import { Component, effect, inject } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
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
