import { Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { PORTAL_HOST, pluginWords } from '@portal/portal-kit';
import { barPercent, fetchLoads, memberState } from './loads';
import type { MemberLoad } from './loads';
import { WORDS } from './words';

/** Dashboard widget: the five most loaded people, with a link to the full view. */
@Component({
  selector: 'lb-team-load-widget',
  imports: [RouterLink],
  template: `
    @if (error()) {
      <p class="form-error" role="alert">{{ error() }}</p>
    }
    @for (m of top(); track m.userId) {
      <div class="row" data-testid="lb-widget-row">
        <span class="name">{{ m.name }}</span>
        <div class="bar"><div class="fill" [class.over]="state(m) === 'atCapacity'" [style.width.%]="bar(m)"></div></div>
        <span class="h">{{ t('hours', { h: m.load }) }}</span>
      </div>
    } @empty {
      @if (!error()) {
        <p class="muted">{{ t('empty') }}</p>
      }
    }
    <a routerLink="/load-balancer/loads" class="more" data-testid="lb-widget-more">{{ t('more') }}</a>
  `,
  styles: `
    .row { display: grid; grid-template-columns: 140px 1fr 56px; gap: 8px; align-items: center; margin: 4px 0; font-size: 14px; }
    .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .bar { height: 8px; border-radius: 4px; background: var(--mat-sys-surface-container-high); overflow: hidden; }
    .fill { height: 100%; background: var(--mat-sys-primary); }
    .fill.over { background: #b3261e; }
    .h { text-align: right; font-variant-numeric: tabular-nums; color: var(--mat-sys-on-surface-variant); }
    .more { display: inline-block; margin-top: 8px; font-size: 14px; }
  `,
})
export class TeamLoadWidget {
  private readonly host = inject(PORTAL_HOST);
  protected readonly t = pluginWords(this.host, WORDS);
  private readonly rows = signal<MemberLoad[]>([]);
  private readonly failure = signal<unknown>(null);
  protected readonly error = computed(() => (this.failure() ? this.host.errorText(this.failure()) : null));
  protected readonly top = computed(() => [...this.rows()].sort((a, b) => b.loadMinutes - a.loadMinutes).slice(0, 5));
  private readonly max = computed(() => Math.max(0, ...this.rows().map((m) => m.loadMinutes)));

  constructor() {
    fetchLoads(this.host).then(
      (rows) => this.rows.set(rows),
      (err) => this.failure.set(err),
    );
  }

  protected state = memberState;
  protected bar(m: MemberLoad): number {
    return barPercent(m, this.max());
  }
}
