import { createHash } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { DeliveryError } from '../delivery-error';
import type { EmailSender, OutgoingEmail } from '../email-sender.port';
import { parseSmtpUrl } from './smtp-url';

/** Deterministic per idempotency key, so a resent message carries the same Message-ID and can be de-duplicated. */
export function messageIdFor(idempotencyKey: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@portal>`;
}

/** Sends through any SMTP server; one connection per message, so nothing is held open between sends. */
export class SmtpEmailSender implements EmailSender {
  readonly configured = true;
  private readonly transport;
  private readonly from: string;

  constructor(smtpUrl: string, publicUrl: string) {
    const settings = parseSmtpUrl(smtpUrl, publicUrl);
    this.from = settings.from;
    // nodemailer's defaults wait minutes on a dead server; the caller retries, so fail fast instead.
    this.transport = createTransport({ url: settings.url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  }

  async send(mail: OutgoingEmail): Promise<{ messageId: string }> {
    const messageId = messageIdFor(mail.idempotencyKey);
    try {
      await this.transport.sendMail({
        from: mail.from ?? this.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId,
        attachments: mail.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
        headers: { 'X-Idempotency-Key': mail.idempotencyKey },
      });
      return { messageId };
    } catch (err) {
      const { message, responseCode, code } = err as Error & { responseCode?: number; code?: string };
      // SMTP 5xx replies and a refused envelope are final; connection trouble and 4xx are worth a retry.
      const permanent = (responseCode !== undefined && responseCode >= 500) || code === 'EENVELOPE';
      throw new DeliveryError(`SMTP send to ${mail.to} failed: ${message}`, permanent);
    }
  }
}
