import { Component, OnDestroy, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { PluginUiRegistry } from '@portal/portal-kit';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ApiError, ApiService } from '../../core/api.service';
import type { EventStream } from '../../core/api.service';
import { Notifier, errorText } from '../../core/errors';
import { I18nService, TPipe } from '../../core/i18n.service';
import type { TextKey } from '../../core/i18n.dictionaries';
import { SessionService } from '../../core/session.service';
import { newUuid } from '../../core/uuid';
import { InstallPlanDialog } from './install-plan.dialog';
import type { InstallPlanData } from './install-plan.dialog';
import type { PlanStep } from './plan-summary';
import { withTranslations } from './marketplace.types';
import type { InstallProgress, Plugin } from './marketplace.types';
import { UninstallDialog } from './uninstall.dialog';

/** A card's error: an API error, or an uninstall refused because other plugins need this one. */
type CardError = { kind: 'api'; error: unknown } | { kind: 'requiredBy'; dependents: string[] };

@Component({
  selector: 'app-marketplace-page',
  imports: [MatCardModule, MatButtonModule, MatDialogModule, MatProgressBarModule, TPipe],
  templateUrl: './marketplace.page.html',
  styleUrl: './marketplace.page.css',
})
export class MarketplacePage implements OnDestroy {
  private readonly api = inject(ApiService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly pluginUi = inject(PluginUiRegistry);
  protected readonly i18n = inject(I18nService);
  protected readonly session = inject(SessionService);

  protected readonly plugins = signal<Plugin[] | null>(null);
  protected readonly loadError = signal<unknown>(null);
  protected readonly busy = signal<Record<string, boolean>>({});
  protected readonly progress = signal<Record<string, InstallProgress>>({});
  private readonly errors = signal<Record<string, CardError>>({});
  private readonly streams = new Set<EventStream>();

  protected readonly names = computed(() => Object.fromEntries((this.plugins() ?? []).map((p) => [p.id, this.i18n.localized(p.name)])));

  constructor() {
    void this.load();
  }

  ngOnDestroy(): void {
    for (const s of this.streams) s.close();
  }

  async load(): Promise<void> {
    this.loadError.set(null);
    try {
      this.plugins.set((await this.api.get<Plugin[]>('/marketplace')).map(withTranslations));
    } catch (err) {
      this.loadError.set(err);
      if (this.plugins()) this.notifier.error(err);
    }
  }

  protected loadErrorText(): string {
    return errorText(this.i18n, this.loadError());
  }

  protected nameOf(id: string): string {
    return this.names()[id] ?? id;
  }

  protected categoryName(category: string): string {
    const key = `category.${category}` as TextKey;
    const text = this.i18n.t(key);
    return text === key ? category : text;
  }

  protected dependencies(p: Plugin): string {
    return this.i18n.list(p.dependsOn.map((id) => this.nameOf(id)));
  }

  protected canUpgrade(p: Plugin): boolean {
    return p.installed && !!p.installedVersion && p.installedVersion !== p.version;
  }

  protected progressValue(p: InstallProgress): number {
    if (p.state === 'done') return 100;
    return p.total ? Math.round((p.done / p.total) * 100) : 0;
  }

  protected progressText(p: InstallProgress): string {
    if (p.state === 'done') return this.i18n.t('progress.done');
    if (p.state === 'failed') return this.i18n.t('progress.failed');
    if (p.state === 'starting' || !p.total) return this.i18n.t('progress.starting');
    return this.i18n.t('progress.running', { done: p.done, total: p.total, step: this.stepText(p.step) });
  }

  /** The server's step ("field deal.advance", "finishing") in words of the current language. */
  protected stepText(step: string): string {
    const [kind, ...rest] = step.split(' ');
    const label = this.i18n.t(`kind.${kind}` as TextKey);
    if (label !== `kind.${kind}` && rest.length) return `${label} ${rest.join(' ')}`;
    if (step === 'finishing') return this.i18n.t('progress.step.finishing');
    if (step === 'demo data') return this.i18n.t('progress.step.demo');
    return step;
  }

  protected cardError(id: string): string | null {
    const e = this.errors()[id];
    if (!e) return null;
    if (e.kind === 'requiredBy') {
      return this.i18n.t('market.requiredBy', { name: this.nameOf(id), plugins: this.i18n.list(e.dependents.map((d) => this.nameOf(d))) });
    }
    return errorText(this.i18n, e.error);
  }

  /** Dry run → the plan in a dialog → on confirm, the progress stream, then the install itself. */
  async install(p: Plugin): Promise<void> {
    if (this.busy()[p.id]) return;
    this.setBusy(p.id, true);
    this.setError(p.id, null);
    try {
      let plan: PlanStep[];
      try {
        plan = (await this.api.post<{ plan: PlanStep[] }>(`/marketplace/${encodeURIComponent(p.id)}/install?dryRun=true`)).plan ?? [];
      } catch (err) {
        this.fail(p.id, err);
        return;
      }
      const data: InstallPlanData = { pluginId: p.id, pluginName: this.nameOf(p.id), plan, names: this.names() };
      const ref = this.dialog.open<InstallPlanDialog, InstallPlanData, boolean>(InstallPlanDialog, { data, width: '640px' });
      if (!(await firstValueFrom(ref.afterClosed()))) return;
      await this.runInstall(p);
    } finally {
      this.setBusy(p.id, false);
    }
  }

  private async runInstall(p: Plugin): Promise<void> {
    const installId = newUuid();
    this.setProgress(p.id, { installId, plugin: p.id, state: 'starting', done: 0, total: 0, step: '' });
    let stream: EventStream | null = null;
    try {
      // Opened first: the server holds the events of this id for us until the install starts.
      stream = await this.api.openStream(`/marketplace/installs/${installId}/events`, (e) => {
        if (e.event === 'progress' && e.data && typeof e.data === 'object') {
          const ev = e.data as InstallProgress;
          this.setProgress(p.id, { installId, plugin: ev.plugin, state: ev.state, done: ev.done, total: ev.total, step: ev.step });
        } else if (e.event === 'error') {
          const message = (e.data as { message?: string } | null)?.message ?? String(e.data);
          this.notifier.info(this.i18n.t('errors.stream', { message }));
        }
      });
      this.streams.add(stream);
      stream.closed.catch((err) => this.notifier.info(this.i18n.t('errors.stream', { message: errorText(this.i18n, err) })));
    } catch (err) {
      // Without the stream the install still runs; the bar then jumps from start to end.
      this.notifier.info(this.i18n.t('errors.stream', { message: errorText(this.i18n, err) }));
    }
    try {
      await this.api.post(`/marketplace/${encodeURIComponent(p.id)}/install?installId=${installId}`);
      this.setProgress(p.id, { ...this.progressOf(p.id, installId), state: 'done' });
      this.notifier.info(this.i18n.t('market.installedSnack', { name: this.nameOf(p.id) }));
      void this.pluginUi.refresh().catch(() => undefined);
    } catch (err) {
      this.setProgress(p.id, { ...this.progressOf(p.id, installId), state: 'failed' });
      this.fail(p.id, err);
    } finally {
      if (stream) {
        stream.close();
        this.streams.delete(stream);
      }
      // The new state arrives with the buttons already enabled.
      this.setBusy(p.id, false);
      await this.load();
    }
  }

  async uninstall(p: Plugin): Promise<void> {
    if (this.busy()[p.id]) return;
    const ref = this.dialog.open<UninstallDialog, { pluginName: string }, boolean>(UninstallDialog, {
      data: { pluginName: this.nameOf(p.id) },
      width: '520px',
    });
    if (!(await firstValueFrom(ref.afterClosed()))) return;
    this.setBusy(p.id, true);
    this.setError(p.id, null);
    this.progress.update(({ [p.id]: _gone, ...rest }) => rest);
    try {
      await this.api.post(`/marketplace/${encodeURIComponent(p.id)}/uninstall`);
      this.notifier.info(this.i18n.t('market.uninstalledSnack', { name: this.nameOf(p.id) }));
      void this.pluginUi.refresh().catch(() => undefined);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'plugin_required_by') {
        const dependents = err.details.map((d) => (typeof d === 'string' ? d : String((d as { id?: unknown })?.id ?? d)));
        this.setError(p.id, { kind: 'requiredBy', dependents });
      } else {
        this.fail(p.id, err);
      }
    } finally {
      this.setBusy(p.id, false);
      await this.load();
    }
  }

  private fail(id: string, err: unknown): void {
    this.setError(id, { kind: 'api', error: err });
  }

  private progressOf(id: string, installId: string): InstallProgress {
    return this.progress()[id] ?? { installId, plugin: id, state: 'starting', done: 0, total: 0, step: '' };
  }

  private setProgress(id: string, p: InstallProgress): void {
    this.progress.update((all) => {
      // A late event of the same install never undoes its end.
      const prev = all[id];
      if (prev && prev.installId === p.installId && (prev.state === 'done' || prev.state === 'failed') && p.state === 'running') return all;
      return { ...all, [id]: p };
    });
  }

  private setBusy(id: string, on: boolean): void {
    this.busy.update((all) => ({ ...all, [id]: on }));
  }

  private setError(id: string, e: CardError | null): void {
    this.errors.update((all) => {
      const next = { ...all };
      if (e) next[id] = e;
      else delete next[id];
      return next;
    });
  }
}
