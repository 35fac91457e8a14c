/** The SMS port: a TurboSMS HTTP driver when SMS_GATEWAY_URL is set, a not-configured driver otherwise. */
export interface OutgoingSms {
  /** E.164, e.g. +380671234567. */
  to: string;
  text: string;
  idempotencyKey: string;
}

export interface SmsSender {
  readonly configured: boolean;
  send(sms: OutgoingSms): Promise<{ messageId: string }>;
}

export const SMS_SENDER = Symbol('SMS_SENDER');
