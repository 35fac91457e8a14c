import { DeliveryError, isRetryableStatus } from './delivery-error';
import { describeFetchFailure } from './fetch-failure';

export interface WebhookCall {
  url: string;
  body: unknown;
  idempotencyKey: string;
  timeoutMs?: number;
}

export const WEBHOOK_USER_AGENT = 'bitrix-portal-automation';
const DEFAULT_TIMEOUT_MS = 10_000;

/** A human message when `url` cannot be a webhook target, null when it can (also for validating rules on save). */
export function validateWebhookUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'webhook URL is not a valid URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `webhook URL must be http:// or https://, got ${parsed.protocol}//`;
  return null;
}

/**
 * POSTs `body` as JSON; resolves on 2xx, throws otherwise so the caller retries with backoff.
 * Redirects are not followed: a redirected POST would silently turn into a GET.
 */
export async function callWebhook({ url, body, idempotencyKey, timeoutMs = DEFAULT_TIMEOUT_MS }: WebhookCall): Promise<{ status: number }> {
  const invalid = validateWebhookUrl(url);
  if (invalid) throw new DeliveryError(invalid, true);
  // The host only: a webhook URL often carries a secret in its path or query, and this message gets logged.
  const host = new URL(url).host;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey, 'User-Agent': WEBHOOK_USER_AGENT },
      body: JSON.stringify(body ?? null),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new DeliveryError(`Webhook ${host} unreachable: ${describeFetchFailure(err)}`);
  }
  // Drain the body so the connection can be reused; its content is not needed.
  await response.arrayBuffer().catch(() => undefined);
  if (response.status < 200 || response.status > 299) {
    const reason = response.status >= 300 && response.status < 400 ? 'redirects are not followed' : response.statusText;
    throw new DeliveryError(`Webhook ${host} answered HTTP ${response.status}${reason ? ` ${reason}` : ''}`, !isRetryableStatus(response.status));
  }
  return { status: response.status };
}
