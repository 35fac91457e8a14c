import { Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router } from '@angular/router';
import type { CanMatchFn, UrlSegment } from '@angular/router';
import { filter, map } from 'rxjs';
import { PORTAL_HOST } from './host';
import { PluginOutletComponent } from './plugin-outlet.component';
import { PluginUiRegistry } from './registry';

/** Matches a URL that an installed plugin contributes as a route (the registry is loaded first). */
export const pluginRouteMatch: CanMatchFn = async (_route, segments: UrlSegment[]) => {
  const registry = inject(PluginUiRegistry);
  try {
    await registry.load();
  } catch {
    return false;
  }
  return registry.routeFor(segments.map((s) => s.path).join('/')) !== null;
};

/** The page of a plugin route: its title and the plugin's component. */
@Component({
  selector: 'pk-plugin-route-page',
  imports: [PluginOutletComponent],
  template: `
    @if (match(); as m) {
      <h1 data-testid="page-title">{{ host.localized(m.title) }}</h1>
      <pk-plugin-outlet [module]="m.module" [name]="m.component" />
    }
  `,
})
export class PluginRoutePage {
  private readonly registry = inject(PluginUiRegistry);
  private readonly router = inject(Router);
  protected readonly host = inject(PORTAL_HOST);

  private readonly url = toSignal(
    this.router.events.pipe(
      filter((e): e is NavigationEnd => e instanceof NavigationEnd),
      map((e) => e.urlAfterRedirects),
    ),
    { initialValue: this.router.url },
  );

  protected readonly match = computed(() => this.registry.routeFor(this.url()));
}
