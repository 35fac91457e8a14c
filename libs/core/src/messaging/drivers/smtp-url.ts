import { ConfigError } from '../../config/app-config';

export interface SmtpSettings {
  /** The connection URL for nodemailer, without our own `from` parameter. */
  url: string;
  from: string;
}

/**
 * SMTP_URL is `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://user:pass@host:465` (TLS).
 * `?from=` sets the sender (URL-encoded, may be `Name <addr>`); without it the sender is
 * `noreply@<host of PUBLIC_URL>`. Other query parameters are nodemailer's own (`?tls.rejectUnauthorized=false`, timeouts).
 */
export function parseSmtpUrl(smtpUrl: string, publicUrl: string): SmtpSettings {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new ConfigError('SMTP_URL must be a URL like smtp://user:pass@host:587');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new ConfigError(`SMTP_URL must start with smtp:// or smtps://, got ${url.protocol}//`);
  if (!url.hostname) throw new ConfigError('SMTP_URL must name a host');
  const from = url.searchParams.get('from') || `noreply@${hostOf(publicUrl)}`;
  url.searchParams.delete('from');
  return { url: url.toString(), from };
}

function hostOf(publicUrl: string): string {
  try {
    return new URL(publicUrl).hostname || 'localhost';
  } catch {
    return 'localhost';
  }
}
