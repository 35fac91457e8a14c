import { Component, computed, effect, inject, input, reflectComponentType, signal } from '@angular/core';
import type { Type } from '@angular/core';
import { NgComponentOutlet } from '@angular/common';
import { PORTAL_HOST } from './host';
import { PluginUiRegistry } from './registry';

/** Renders one component of a plugin's portal module, loading the module on first use. */
@Component({
  selector: 'pk-plugin-outlet',
  imports: [NgComponentOutlet],
  template: `
    @if (component(); as c) {
      <ng-container *ngComponentOutlet="c; inputs: inputs()" />
    } @else if (error()) {
      <p class="form-error" role="alert" data-testid="plugin-outlet-error">{{ error() }}</p>
    }
  `,
})
export class PluginOutletComponent {
  private readonly registry = inject(PluginUiRegistry);
  private readonly host = inject(PORTAL_HOST);

  readonly module = input.required<string>();
  readonly name = input.required<string>();
  /** Inputs for the plugin's component (e.g. `{dealId}` for a deal-card widget). */
  readonly context = input<Record<string, unknown>>({});

  protected readonly component = signal<Type<unknown> | null>(null);
  private readonly failure = signal<unknown>(null);
  /** The context values the component declares as inputs (setting an undeclared input is an error). */
  protected readonly inputs = computed(() => {
    const c = this.component();
    const declared = new Set((c ? (reflectComponentType(c)?.inputs ?? []) : []).map((i) => i.templateName));
    return Object.fromEntries(Object.entries(this.context()).filter(([name]) => declared.has(name)));
  });
  protected readonly error = computed(() => {
    const err = this.failure();
    return err ? this.host.errorText(err) : null;
  });

  constructor() {
    effect(() => {
      const module = this.module();
      const name = this.name();
      this.component.set(null);
      this.failure.set(null);
      this.registry.component(module, name).then(
        (c) => (c ? this.component.set(c) : this.failure.set(new Error(`${module}: ${name}`))),
        (err) => this.failure.set(err),
      );
    });
  }
}
