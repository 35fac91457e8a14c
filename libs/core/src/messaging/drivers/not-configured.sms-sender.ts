import { DeliveryError } from '../delivery-error';
import type { OutgoingSms, SmsSender } from '../sms-sender.port';

/** Bound when SMS_GATEWAY_URL is unset: the app runs, and an SMS action fails with a clear reason. */
export class NotConfiguredSmsSender implements SmsSender {
  readonly configured = false;

  async send(_sms: OutgoingSms): Promise<{ messageId: string }> {
    throw new DeliveryError('SMS_GATEWAY_URL is not set: SMS cannot be sent', true);
  }
}
