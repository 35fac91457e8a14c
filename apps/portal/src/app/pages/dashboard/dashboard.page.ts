import { Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { PluginUiRegistry, PluginWidgetsComponent } from '@portal/portal-kit';
import { TPipe } from '../../core/i18n.service';
import { SessionService } from '../../core/session.service';

/** The dashboard: the widgets installed plugins contribute, for the user's roles. */
@Component({
  selector: 'app-dashboard-page',
  imports: [PluginWidgetsComponent, RouterLink, TPipe],
  template: `
    <h1 data-testid="page-title">{{ 'dashboard.title' | t }}</h1>
    @if (hasWidgets()) {
      <div class="widgets" data-testid="dashboard-widgets">
        <pk-plugin-widgets slot="dashboard" />
      </div>
    } @else {
      <p class="muted" data-testid="dashboard-empty">
        {{ 'dashboard.empty' | t }}
        @if (session.isAdmin()) {
          <a routerLink="/marketplace">{{ 'nav.marketplace' | t }}</a>
        }
      </p>
    }
  `,
  styles: `
    .widgets { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 16px; }
  `,
})
export class DashboardPage {
  private readonly registry = inject(PluginUiRegistry);
  protected readonly session = inject(SessionService);
  protected readonly hasWidgets = computed(() => this.registry.widgets('dashboard').length > 0);

  constructor() {
    void this.registry.load().catch(() => undefined);
  }
}
