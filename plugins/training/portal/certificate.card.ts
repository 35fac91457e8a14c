import { Component, effect, inject, input, output, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { PORTAL_HOST, pluginWords } from '@portal/portal-kit';
import { TrIcon } from './icon';
import { dateText } from './time';
import { saveBlob } from './training';
import type { Certificate } from './training';
import { WORDS } from './words';

/** A passed course's certificate: its code and date (and score), and the PDF download. Loads it by id. */
@Component({
  selector: 'tr-certificate-card',
  imports: [MatButtonModule, TrIcon],
  host: { 'data-testid': 'tr-certificate' },
  template: `
    <tr-icon name="award" [size]="36" />
    <div class="cert-text">
      <strong>{{ title() }}</strong>
      <span class="small">
        @if (certificate(); as cert) {
          {{ t('certificateCode') }} <code data-testid="tr-certificate-code">{{ cert.code }}</code> · {{ t('issuedOn', { date: date(cert.issuedAt) }) }}
          @if (showScore()) {
            · {{ t('scoreValue', { pct: cert.scorePct }) }}
          }
        } @else {
          {{ t('loading') }}
        }
      </span>
    </div>
    <button mat-flat-button type="button" [disabled]="downloading()" (click)="download()" data-testid="tr-certificate-download">
      <tr-icon name="download" /><span>{{ t('downloadPdf') }}</span>
    </button>
  `,
  styles: `
    :host { display: flex; flex-wrap: wrap; align-items: center; gap: 12px 16px; padding: 14px 16px; border-radius: 12px; box-sizing: border-box;
      background: linear-gradient(90deg, #e6f4ea, #f3fbf5); border: 1px solid #b7dfc2; color: #0f5223; }
    .cert-text { display: flex; flex-direction: column; gap: 2px; flex: 1 1 240px; }
    .cert-text code { font-size: 14px; font-weight: 600; letter-spacing: .5px; }
    .small { font-size: 13px; }
  `,
})
export class TrCertificateCard {
  private readonly host = inject(PORTAL_HOST);
  protected readonly t = pluginWords(this.host, WORDS);
  readonly certificateId = input.required<string>();
  readonly title = input.required<string>();
  readonly showScore = input(false);
  /** A load or download that failed: the page shows it where it shows its other errors. */
  readonly failed = output<unknown>();
  protected readonly certificate = signal<Certificate | null>(null);
  protected readonly downloading = signal(false);

  constructor() {
    effect(() => {
      const id = this.certificateId();
      untracked(() => void this.load(id));
    });
  }

  private async load(id: string): Promise<void> {
    if (this.certificate()?.id === id) return;
    this.certificate.set(null);
    try {
      this.certificate.set(await this.host.get<Certificate>(`/training/certificates/${encodeURIComponent(id)}`));
    } catch (err) {
      this.failed.emit(err);
    }
  }

  protected date(iso: string): string {
    return dateText(iso, this.host.lang(), this.host.timezone());
  }

  async download(): Promise<void> {
    const id = this.certificateId();
    this.downloading.set(true);
    try {
      const blob = await this.host.blob(`/training/certificates/${encodeURIComponent(id)}/pdf`);
      saveBlob(blob, `certificate-${this.certificate()?.code ?? id}.pdf`);
    } catch (err) {
      this.failed.emit(err);
    } finally {
      this.downloading.set(false);
    }
  }
}
