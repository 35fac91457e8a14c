import { Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { Router } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ApiError, ApiService } from '../../../core/api.service';
import { errorText } from '../../../core/errors';
import { I18nService, TPipe } from '../../../core/i18n.service';
import { SessionService } from '../../../core/session.service';
import type { Page, User } from '../deals.types';
import { apiMessageText } from './api-words';
import { downloadBlob, extensionOf, saveBlob, sizeText, uploadFile } from './file-transfer';
import type { DealFile } from './file-transfer';
import './card.i18n';

interface Upload {
  key: number;
  name: string;
  size: number;
  /** 0..1 */
  progress: number;
}

/** True when a drag carries files (not text or a link dragged around the page). */
export function dragHasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/**
 * The deal's files: name, size, who uploaded them and when, a download (with the bearer token); uploads by
 * the button or by dropping files, with progress and the API's refusals in words.
 */
@Component({
  selector: 'app-deal-files',
  imports: [MatButtonModule, MatCardModule, MatProgressBarModule, TPipe],
  templateUrl: './deal-files.html',
  styleUrl: './card.css',
})
export class DealFiles {
  private readonly api = inject(ApiService);
  private readonly router = inject(Router);
  private readonly session = inject(SessionService);
  protected readonly i18n = inject(I18nService);

  readonly dealId = input.required<string>();
  readonly users = input<User[]>([]);
  /** After each successful upload (the timeline has a new entry). */
  readonly uploaded = output<DealFile>();

  protected readonly files = signal<DealFile[]>([]);
  protected readonly cursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly uploads = signal<Upload[]>([]);
  protected readonly uploadErrors = signal<{ key: number; text: string }[]>([]);
  protected readonly downloading = signal<Record<string, boolean>>({});
  protected readonly downloadError = signal<string | null>(null);
  protected readonly over = signal(false);
  protected readonly busy = computed(() => this.uploads().length > 0);

  private readonly userNames = computed(() => new Map(this.users().map((u) => [u.id, u.name])));
  private seq = 0;

  constructor() {
    effect(() => {
      const id = this.dealId();
      untracked(() => void this.load(id));
    });
  }

  async load(id = this.dealId(), more = false): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    try {
      const next = this.cursor();
      const cursor = more && next ? `&cursor=${encodeURIComponent(next)}` : '';
      const page = await this.api.get<Page<DealFile>>(`/deals/${encodeURIComponent(id)}/files?limit=50${cursor}`);
      if (id !== this.dealId()) return;
      this.files.update((all) => (more ? [...all, ...page.items.filter((f) => !all.some((a) => a.id === f.id))] : page.items));
      this.cursor.set(page.nextCursor ?? null);
    } catch (err) {
      this.loadError.set(errorText(this.i18n, err));
    } finally {
      this.loading.set(false);
    }
  }

  protected picked(input: HTMLInputElement): void {
    const files = Array.from(input.files ?? []);
    input.value = '';
    void this.upload(files);
  }

  /** Uploads the files one after another; each failure is said next to the list, the others go on. */
  async upload(files: File[]): Promise<void> {
    for (const file of files) {
      const key = ++this.seq;
      this.uploads.update((all) => [...all, { key, name: file.name, size: file.size, progress: 0 }]);
      try {
        const created = (await uploadFile(`/deals/${encodeURIComponent(this.dealId())}/files`, file, this.api.token(), (progress) =>
          this.uploads.update((all) => all.map((u) => (u.key === key ? { ...u, progress } : u))),
        )) as Partial<DealFile> & Pick<DealFile, 'id' | 'name' | 'size'>;
        const file_: DealFile = { mime: null, dealId: this.dealId(), uploadedBy: this.session.me()?.id ?? null, createdAt: new Date().toISOString(), ...created };
        this.files.update((all) => [file_, ...all.filter((f) => f.id !== file_.id)]);
        this.uploaded.emit(file_);
      } catch (err) {
        this.unauthorized(err);
        this.uploadErrors.update((all) => [...all, { key, text: this.uploadErrorText(file, err) }]);
      } finally {
        this.uploads.update((all) => all.filter((u) => u.key !== key));
      }
    }
    // The list as the API has it (uploader and date of the new ones).
    if (files.length) void this.load();
  }

  protected uploadErrorText(file: File, err: unknown): string {
    if (err instanceof ApiError && err.status === 413) return this.i18n.t('dealcard.files.tooLarge', { name: file.name, max: this.maxText(err) });
    if (err instanceof ApiError && err.status === 400) {
      const reason = err.fieldErrors['file'] ?? err.fieldErrors['body'] ?? err.message;
      return this.i18n.t('dealcard.files.refused', { name: file.name, reason: apiMessageText(this.i18n, reason) });
    }
    return this.i18n.t('dealcard.files.failed', { name: file.name, reason: errorText(this.i18n, err) });
  }

  /** "25 MB" from the 413's message ("… larger than 25 MB"), or its detail in bytes. */
  private maxText(err: ApiError): string {
    const mb = /(\d+)\s*MB/.exec(err.message);
    if (mb) return sizeText(Number(mb[1]) * 1000 ** 2, this.i18n.lang());
    const bytes = /(\d{4,})\s*bytes/.exec(err.fieldErrors['file'] ?? '');
    return bytes ? sizeText(Number(bytes[1]), this.i18n.lang()) : '—';
  }

  protected dismissError(key: number): void {
    this.uploadErrors.update((all) => all.filter((e) => e.key !== key));
  }

  async download(file: DealFile): Promise<void> {
    if (this.downloading()[file.id]) return;
    this.downloading.update((all) => ({ ...all, [file.id]: true }));
    this.downloadError.set(null);
    try {
      saveBlob(await downloadBlob(file.id, this.api.token()), file.name);
    } catch (err) {
      this.unauthorized(err);
      this.downloadError.set(this.i18n.t('dealcard.files.downloadFailed', { name: file.name, reason: errorText(this.i18n, err) }));
    } finally {
      this.downloading.update(({ [file.id]: _done, ...rest }) => rest);
    }
  }

  /** A 401 ends the session, as every other call of the API does. */
  private unauthorized(err: unknown): void {
    if (err instanceof ApiError && err.status === 401) {
      this.api.setToken(null);
      void this.router.navigateByUrl('/login');
    }
  }

  protected dragOver(event: DragEvent): void {
    if (!dragHasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    this.over.set(true);
  }

  protected dragLeave(event: DragEvent): void {
    const to = event.relatedTarget as Node | null;
    if (to && (event.currentTarget as HTMLElement).contains(to)) return;
    this.over.set(false);
  }

  protected drop(event: DragEvent): void {
    this.over.set(false);
    if (!dragHasFiles(event)) return;
    event.preventDefault();
    event.stopPropagation();
    void this.upload(Array.from(event.dataTransfer?.files ?? []));
  }

  protected size(bytes: number): string {
    return sizeText(bytes, this.i18n.lang());
  }

  protected ext(name: string): string {
    return extensionOf(name) || this.i18n.t('dealcard.files.fileBadge');
  }

  protected uploader(id: string | null): string {
    return id ? (this.userNames().get(id) ?? '—') : '—';
  }

  protected date(iso: string): string {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(this.i18n.lang(), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
  }

  protected percent(u: Upload): number {
    return Math.round(u.progress * 100);
  }
}
