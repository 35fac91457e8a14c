import { Injectable, computed, inject, signal } from '@angular/core';
import type { Type } from '@angular/core';
import { SLOT_FIELD, allowedFor, routePath } from './contributions';
import type { PluginMenuContribution, PluginRouteContribution, PluginUi, PluginWidgetContribution, WidgetSlot } from './contributions';
import { PORTAL_HOST, PORTAL_PLUGIN_LOADERS } from './host';
import type { PortalPluginModule } from './host';

export interface MenuItem extends PluginMenuContribution {
  plugin: string;
}

export interface RouteMatch extends PluginRouteContribution {
  plugin: string;
  module: string;
}

export interface WidgetItem extends PluginWidgetContribution {
  plugin: string;
  module: string;
}

/**
 * The UI the portal's installed plugins contribute: menu items, routes and widgets, from
 * `GET /marketplace/ui`, filtered by the user's roles. Components are loaded on first use from the
 * plugin's portal module; a plugin the portal has not installed contributes nothing.
 */
@Injectable({ providedIn: 'root' })
export class PluginUiRegistry {
  private readonly host = inject(PORTAL_HOST);
  private readonly loaders = inject(PORTAL_PLUGIN_LOADERS, { optional: true }) ?? {};
  private readonly contributions = signal<PluginUi[]>([]);
  private readonly modules = new Map<string, Promise<PortalPluginModule>>();
  private loading: Promise<PluginUi[]> | null = null;
  private loadedFor: string | null = null;

  private readonly roles = computed(() => this.host.user()?.roles ?? []);

  /** Menu items the current user may open. */
  readonly menu = computed<MenuItem[]>(() =>
    this.contributions().flatMap((ui) => (ui.menu ?? []).filter((m) => allowedFor(m.roles, this.roles()) && this.routeAllowed(ui, m.route)).map((m) => ({ ...m, plugin: ui.plugin }))),
  );

  /** The contributions of the signed-in user's portal, loaded once per user (again after `refresh`). */
  load(): Promise<PluginUi[]> {
    const userId = this.host.user()?.id ?? null;
    if (!userId) {
      this.contributions.set([]);
      return Promise.resolve([]);
    }
    if (!this.loading || this.loadedFor !== userId) {
      this.loadedFor = userId;
      this.loading = this.host.get<PluginUi[]>('/marketplace/ui').then(
        (list) => {
          this.contributions.set(Array.isArray(list) ? list : []);
          return this.contributions();
        },
        (err) => {
          this.loading = null;
          throw err;
        },
      );
    }
    return this.loading;
  }

  /** After a plugin is installed or uninstalled. */
  refresh(): Promise<PluginUi[]> {
    this.loading = null;
    return this.load();
  }

  /** The plugin route a URL opens, if an installed plugin contributes it and the user may see it. */
  routeFor(url: string): RouteMatch | null {
    const path = routePath(url);
    for (const ui of this.contributions()) {
      const route = (ui.routes ?? []).find((r) => routePath(r.path) === path);
      if (route && ui.module && allowedFor(route.roles, this.roles())) return { ...route, plugin: ui.plugin, module: ui.module };
    }
    return null;
  }

  /** The widgets of a slot the current user may see; deal-card widgets filtered by the deal's pipeline. */
  widgets(slot: WidgetSlot, context: { pipeline?: string } = {}): WidgetItem[] {
    return this.contributions().flatMap((ui) => {
      if (!ui.module) return [];
      const list = ui[SLOT_FIELD[slot]] ?? [];
      return list
        .filter((w) => allowedFor(w.roles, this.roles()))
        .filter((w) => !w.pipelines?.length || (context.pipeline !== undefined && w.pipelines.includes(context.pipeline)))
        .map((w) => ({ ...w, plugin: ui.plugin, module: ui.module as string }));
    });
  }

  /** A plugin component by its module and name; null when the portal build does not bundle it. */
  async component(module: string, name: string): Promise<Type<unknown> | null> {
    const loader = this.loaders[module];
    if (!loader) return null;
    let loaded = this.modules.get(module);
    if (!loaded) {
      loaded = loader();
      this.modules.set(module, loaded);
      loaded.catch(() => this.modules.delete(module));
    }
    return (await loaded).components[name] ?? null;
  }

  private routeAllowed(ui: PluginUi, route: string): boolean {
    const target = (ui.routes ?? []).find((r) => routePath(r.path) === routePath(route));
    return !target || allowedFor(target.roles, this.roles());
  }
}
