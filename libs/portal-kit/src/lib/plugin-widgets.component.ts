import { Component, computed, inject, input } from '@angular/core';
import { PORTAL_HOST } from './host';
import type { WidgetSlot } from './contributions';
import { PluginOutletComponent } from './plugin-outlet.component';
import { PluginUiRegistry } from './registry';

/** The widgets installed plugins add to a slot (the deal card, the dashboard), each in its own panel. */
@Component({
  selector: 'pk-plugin-widgets',
  imports: [PluginOutletComponent],
  template: `
    @for (w of items(); track w.plugin + '/' + w.id) {
      @if (bare()) {
        <pk-plugin-outlet
          [module]="w.module"
          [name]="w.component"
          [context]="context()"
          [attr.data-testid]="'plugin-widget-' + w.id"
        />
      } @else {
        <section
          class="pk-widget"
          [attr.data-testid]="'plugin-widget-' + w.id"
          [attr.data-plugin]="w.plugin"
        >
          <h3 class="pk-widget-title">{{ host.localized(w.title) }}</h3>
          <pk-plugin-outlet
            [module]="w.module"
            [name]="w.component"
            [context]="context()"
          />
        </section>
      }
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    .pk-widget {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 12px 16px;
      background: var(--mat-sys-surface);
    }
    .pk-widget-title {
      margin: 0 0 8px;
      font-size: 15px;
      font-weight: 500;
    }
  `,
})
export class PluginWidgetsComponent {
  private readonly registry = inject(PluginUiRegistry);
  protected readonly host = inject(PORTAL_HOST);

  readonly slot = input.required<WidgetSlot>();
  /** Passed to every widget as its inputs; `pipeline` (a code) also selects deal-card widgets. */
  readonly context = input<Record<string, unknown>>({});
  /** Without the titled panel (the top bar's small controls). */
  readonly bare = input(false);

  protected readonly items = computed(() => {
    const pipeline = this.context()['pipeline'];
    return this.registry.widgets(this.slot(), {
      pipeline: typeof pipeline === 'string' ? pipeline : undefined,
    });
  });

  constructor() {
    void this.registry.load().catch(() => undefined);
  }
}
