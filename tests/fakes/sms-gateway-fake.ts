import { httpFakeControls } from './http-fake-controls';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FailurePlan } from './failure-plan';
import { listenHttp, parseJson, readBody, sendJson } from './http-server';
import { Recorder } from './recorder';

export interface ReceivedSms {
  /** E.164 with the plus (`+380671234567`), to compare with what the app was asked to send. */
  to: string;
  /** As on the wire: TurboSMS takes international numbers without the plus. */
  phone: string;
  text: string;
  sender: string;
  idempotencyKey: string | undefined;
  /** The id the fake answered with; the driver reports it as its messageId. */
  messageId: string;
}

export interface SmsGatewayFake {
  /** A ready SMS_GATEWAY_URL: `http://<token>@127.0.0.1:<port>/?sender=Portal`. */
  url: string;
  port: number;
  token: string;
  messages: ReceivedSms[];
  /** The next n requests answer HTTP `status` (default 500) with a TurboSMS-shaped error body. */
  failNext(n: number, status?: number): void;
  waitFor(pred?: (sms: ReceivedSms) => boolean, timeoutMs?: number): Promise<ReceivedSms>;
  clear(): void;
  close(): Promise<void>;
}

const PHONE = /^[1-9]\d{9,14}$/;

// The numeric codes imitate TurboSMS's style; drivers must rely on response_code !== 0, not on the values.
function refusal(code: number, status: string): object {
  return { response_code: code, response_status: status, response_result: null };
}

interface SendBody {
  recipients: string[];
  sms: { sender: string; text: string };
}

function validate(body: unknown): SendBody | object {
  const b = body as { recipients?: unknown; sms?: { sender?: unknown; text?: unknown } } | undefined;
  if (!b || typeof b !== 'object') return refusal(100, 'INVALID_REQUEST');
  if (!Array.isArray(b.recipients) || b.recipients.length === 0 || !b.recipients.every((r) => typeof r === 'string')) return refusal(200, 'REQUIRED_RECIPIENTS');
  if (!b.sms || typeof b.sms !== 'object') return refusal(201, 'REQUIRED_SMS');
  if (typeof b.sms.sender !== 'string' || !b.sms.sender.trim()) return refusal(202, 'REQUIRED_SENDER');
  if (typeof b.sms.text !== 'string' || !b.sms.text) return refusal(203, 'REQUIRED_TEXT');
  return b as SendBody;
}

/** A TurboSMS `POST /message/send.json` endpoint on a local port, recording accepted messages in memory. */
export async function startSmsGatewayFake(opts: { token?: string } = {}): Promise<SmsGatewayFake> {
  const token = opts.token ?? 'test-sms-token';
  const recorder = new Recorder<ReceivedSms>('SMS');
  const failures = new FailurePlan();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'POST' || path !== '/message/send.json') return sendJson(res, 404, refusal(404, 'NOT_FOUND'));
    const failStatus = failures.take();
    if (failStatus !== null) return sendJson(res, failStatus, refusal(999, `SIMULATED_FAILURE_${failStatus}`));
    const auth = req.headers.authorization;
    if (!auth) return sendJson(res, 401, refusal(103, 'REQUIRED_TOKEN'));
    if (auth !== `Bearer ${token}`) return sendJson(res, 401, refusal(105, 'INVALID_TOKEN'));
    const body = validate(parseJson(raw));
    if (!('recipients' in body)) return sendJson(res, 200, body);
    const idempotencyKey = req.headers['idempotency-key'] as string | undefined;
    const results = body.recipients.map((phone) => {
      if (!PHONE.test(phone)) return { phone, response_code: 406, message_id: null, response_status: 'NOT_ALLOWED_RECIPIENT_COUNTRY' };
      const messageId = randomUUID();
      recorder.push({ to: `+${phone}`, phone, text: body.sms.text, sender: body.sms.sender, idempotencyKey, messageId });
      return { phone, response_code: 0, message_id: messageId, response_status: 'OK' };
    });
    sendJson(res, 200, { response_code: 0, response_status: 'OK', response_result: results });
  }

  const { server, port } = await listenHttp((req, res) => {
    handle(req, res).catch((err: Error) => sendJson(res, 500, refusal(500, `FAKE_ERROR: ${err.message}`)));
  });
  return {
    url: `http://${encodeURIComponent(token)}@127.0.0.1:${port}/?sender=Portal`,
    port,
    token,
    messages: recorder.items,
    ...httpFakeControls(recorder, failures, server),
  };
}
