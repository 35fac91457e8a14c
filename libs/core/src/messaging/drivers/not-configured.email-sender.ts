import { DeliveryError } from '../delivery-error';
import type { EmailSender, OutgoingEmail } from '../email-sender.port';

/** Bound when SMTP_URL is unset: the app runs, and an e-mail action fails with a clear reason. */
export class NotConfiguredEmailSender implements EmailSender {
  readonly configured = false;

  async send(_mail: OutgoingEmail): Promise<{ messageId: string }> {
    throw new DeliveryError('SMTP_URL is not set: e-mail cannot be sent', true);
  }
}
