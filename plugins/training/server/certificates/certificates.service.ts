import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, ForbiddenError, NotFoundError, PluginInstallations } from '@portal/plugin-sdk';
import type { AppConfig } from '@portal/plugin-sdk';
import { formatDate } from '../programs/overdue';
import { isUuid } from '../sql';
import { TrainingContext, asLocale } from '../training-context';
import { normalizeCertificateCode } from './certificate-code';
import { renderCertificatePdf } from './render-certificate';

interface CertificateRow {
  id: string;
  portal_id: string;
  code: string;
  course_id: string;
  course_title: string;
  user_id: string;
  user_name: string;
  issued_at: Date;
  score_pct: number;
}

/** Where a certificate can be checked: the app's public address (`PUBLIC_URL`) + the public verify endpoint. */
export function verifyUrlOf(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/api/v1/training/certificates/verify/${code}`;
}

/** Certificates: the record (the owner, admins, the owner's heads), its PDF, and the public check of a code. */
@Injectable()
export class CertificatesService {
  constructor(
    private readonly ctx: TrainingContext,
    private readonly installations: PluginInstallations,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async row(id: string): Promise<CertificateRow> {
    if (!isUuid(id)) throw new NotFoundError('Certificate', id);
    const [row] = await this.ctx.sql.query<CertificateRow>(
      `SELECT id, portal_id, code, course_id, course_title, user_id, user_name, issued_at, score_pct FROM tr_certificates WHERE portal_id = $1 AND id = $2`,
      [this.ctx.portalId(), id.toLowerCase()],
    );
    if (!row) throw new NotFoundError('Certificate', id);
    if (!(await this.ctx.maySee(row.user_id))) throw new ForbiddenError('Only the owner, admins and the owner’s heads see a certificate');
    return row;
  }

  async get(id: string) {
    const r = await this.row(id);
    return {
      id: r.id,
      code: r.code,
      courseId: r.course_id,
      courseTitle: r.course_title,
      userId: r.user_id,
      userName: r.user_name,
      issuedAt: new Date(r.issued_at).toISOString(),
      scorePct: r.score_pct,
      verifyUrl: verifyUrlOf(this.config.publicUrl, r.code),
    };
  }

  async pdf(id: string): Promise<{ filename: string; bytes: Buffer }> {
    const r = await this.row(id);
    const portal = await this.ctx.portal();
    const settings = await this.ctx.settings();
    const issuedAt = new Date(r.issued_at);
    const bytes = await renderCertificatePdf({
      language: asLocale(portal.locale),
      issuer: settings.certificateIssuer || portal.name,
      userName: r.user_name,
      courseTitle: r.course_title,
      scorePct: r.score_pct,
      issuedAt,
      issuedOn: formatDate(issuedAt, asLocale(portal.locale), portal.timezone),
      code: r.code,
      verifyUrl: verifyUrlOf(this.config.publicUrl, r.code),
    });
    return { filename: `certificate-${r.code}.pdf`, bytes };
  }

  /** Public: whether a code names a certificate of a portal that has the training plugin. Unknown → 404 {valid: false}. */
  async verify(rawCode: string) {
    const code = normalizeCertificateCode(rawCode ?? '');
    // An unknown code is an answer, not an error: `{valid: false}` (the shape API.md gives both outcomes).
    if (!code) return { valid: false, code: null, userName: null, courseTitle: null, issuedAt: null };
    const [row] = await this.ctx.db.query<CertificateRow>(`SELECT portal_id, user_name, course_title, issued_at FROM tr_certificates WHERE code = $1`, [code]);
    if (!row || !(await this.installations.isInstalled(row.portal_id, 'training'))) return { valid: false, code, userName: null, courseTitle: null, issuedAt: null };
    return { valid: true, code, userName: row.user_name, courseTitle: row.course_title, issuedAt: new Date(row.issued_at).toISOString() };
  }
}
