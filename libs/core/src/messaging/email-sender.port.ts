/** The e-mail port: an SMTP driver when SMTP_URL is set, a not-configured driver that refuses otherwise. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Same key, same Message-ID: lets a receiver drop a duplicate after a retried send. */
  idempotencyKey: string;
  from?: string;
  attachments?: EmailAttachment[];
}

export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface EmailSender {
  readonly configured: boolean;
  send(mail: OutgoingEmail): Promise<{ messageId: string }>;
}

export const EMAIL_SENDER = Symbol('EMAIL_SENDER');
