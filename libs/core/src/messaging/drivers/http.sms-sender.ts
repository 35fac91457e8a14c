import { DeliveryError, isRetryableStatus } from '../delivery-error';
import { describeFetchFailure } from '../fetch-failure';
import type { OutgoingSms, SmsSender } from '../sms-sender.port';
import { parseSmsGatewayUrl } from './sms-gateway-url';
import type { SmsGatewaySettings } from './sms-gateway-url';

const TIMEOUT_MS = 10_000;
const E164 = /^\+[1-9]\d{6,14}$/;

interface TurboSmsAnswer {
  response_code?: number;
  response_status?: string;
  response_result?: { phone?: string; response_code?: number; message_id?: string | null; response_status?: string }[] | null;
}

/** Speaks the TurboSMS HTTP API (`POST /message/send.json`, Bearer token); one recipient per call. */
export class HttpSmsSender implements SmsSender {
  readonly configured = true;
  private readonly settings: SmsGatewaySettings;

  constructor(gatewayUrl: string) {
    this.settings = parseSmsGatewayUrl(gatewayUrl);
  }

  async send(sms: OutgoingSms): Promise<{ messageId: string }> {
    const to = sms.to.replace(/[\s()-]/g, '');
    if (!E164.test(to)) throw new DeliveryError(`SMS recipient "${sms.to}" is not an E.164 phone number like +380671234567`, true);
    const phone = to.slice(1);
    const response = await this.post({ recipients: [phone], sms: { sender: this.settings.sender, text: sms.text } }, sms.idempotencyKey);
    const answer = await readAnswer(response);
    if (!response.ok) {
      throw new DeliveryError(`SMS gateway answered HTTP ${response.status}: ${answer?.response_status ?? response.statusText}`, !isRetryableStatus(response.status));
    }
    if (!answer) throw new DeliveryError(`SMS gateway answered HTTP ${response.status} without a JSON body`);
    if (answer.response_code !== 0) throw new DeliveryError(`SMS gateway refused the message: ${answer.response_status ?? `code ${answer.response_code}`}`, true);
    const result = answer.response_result?.find((r) => r.phone === phone) ?? answer.response_result?.[0];
    if (!result || result.response_code !== 0 || !result.message_id) {
      throw new DeliveryError(`SMS gateway refused ${to}: ${result?.response_status ?? 'no result for the recipient'}`, true);
    }
    return { messageId: result.message_id };
  }

  private async post(body: unknown, idempotencyKey: string): Promise<Response> {
    try {
      return await fetch(`${this.settings.baseUrl}/message/send.json`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${this.settings.token}`,
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'Idempotency-Key': idempotencyKey,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      throw new DeliveryError(`SMS gateway ${this.settings.baseUrl} unreachable: ${describeFetchFailure(err)}`);
    }
  }
}

async function readAnswer(response: Response): Promise<TurboSmsAnswer | null> {
  try {
    const parsed: unknown = JSON.parse(await response.text());
    return parsed && typeof parsed === 'object' ? (parsed as TurboSmsAnswer) : null;
  } catch {
    return null;
  }
}
