import { httpFakeControls } from './http-fake-controls';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FailurePlan } from './failure-plan';
import { flattenHeaders, listenHttp, parseJson, readBody, sendJson } from './http-server';
import { Recorder } from './recorder';

export interface ReceivedRequest {
  method: string;
  /** Path and query, as requested. */
  path: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** The parsed JSON body; undefined when the body was empty or not JSON (see rawBody). */
  body: unknown;
  rawBody: string;
  /** Date.now() on arrival, to check retry backoff. */
  at: number;
  /** What the sink answered: 200, or the status of a simulated failure. */
  status: number;
}

export interface WebhookSink {
  /** `http://127.0.0.1:<port>`; any path is accepted. */
  url: string;
  port: number;
  /** Every request, failed ones included. */
  requests: ReceivedRequest[];
  failNext(n: number, status?: number): void;
  waitFor(pred?: (req: ReceivedRequest) => boolean, timeoutMs?: number): Promise<ReceivedRequest>;
  clear(): void;
  close(): Promise<void>;
}

/** A webhook receiver on a local port that records every request and answers 200 `{"ok":true}`. */
export async function startWebhookSink(): Promise<WebhookSink> {
  const recorder = new Recorder<ReceivedRequest>('webhook request');
  const failures = new FailurePlan();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const status = failures.take() ?? 200;
    recorder.push({
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: flattenHeaders(req.headers),
      body: parseJson(rawBody),
      rawBody,
      at: Date.now(),
      status,
    });
    sendJson(res, status, status === 200 ? { ok: true } : { ok: false, error: `simulated failure ${status}` });
  }

  const { server, port } = await listenHttp((req, res) => {
    handle(req, res).catch((err: Error) => sendJson(res, 500, { ok: false, error: err.message }));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: recorder.items,
    ...httpFakeControls(recorder, failures, server),
  };
}
