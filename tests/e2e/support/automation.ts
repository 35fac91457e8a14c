import { DateTime } from 'luxon';
import { Session, api } from './api';

/** Helpers for automation tests: pipelines, rules, the sandbox clock, the run log — all through the API. */

export const KYIV = 'Europe/Kyiv';

export async function ok<T = any>(res: Promise<{ status: number; body: T }>, status = 200): Promise<T> {
  const r = await res;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function pipeline(s: Session, code: string, stages: (string | { code: string; kind?: string; rules?: unknown })[]): Promise<void> {
  await ok(
    api('POST', '/pipelines', {
      token: s.token,
      body: { code, name: code, stages: stages.map((st) => (typeof st === 'string' ? { code: st, name: st } : { name: st.code, ...st })) },
    }),
    201,
  );
}

export async function field(s: Session, code: string, type: string, extra: Record<string, unknown> = {}): Promise<void> {
  await ok(api('POST', '/fields', { token: s.token, body: { entity: 'deal', code, name: code, type, ...extra } }), 201);
}

export async function rule(s: Session, body: Record<string, unknown>): Promise<{ id: string; code: string }> {
  return ok(api('POST', '/automations', { token: s.token, body: { name: String(body['code']), ...body } }), 201);
}

export async function deal(s: Session, body: Record<string, unknown>): Promise<string> {
  return (await ok(api('POST', '/deals', { token: s.token, body: { title: 'Deal', ...body } }), 201)).id;
}

export async function move(s: Session, dealId: string, stage: string, extra: Record<string, unknown> = {}): Promise<void> {
  await ok(api('PATCH', `/deals/${dealId}`, { token: s.token, body: { stage, ...extra } }));
}

export async function clockNow(s: Session): Promise<DateTime> {
  return DateTime.fromISO((await ok(api('GET', '/test-clock', { token: s.token }))).now, { zone: KYIV });
}

export async function advanceTo(s: Session, to: DateTime): Promise<void> {
  await ok(api('POST', '/test-clock/advance', { token: s.token, body: { to: to.toISO() } }));
}

export async function advance(s: Session, body: { minutes?: number; days?: number }): Promise<void> {
  await ok(api('POST', '/test-clock/advance', { token: s.token, body }));
}

/** The next given weekday (1 = Monday … 7 = Sunday) at hh:mm in Kyiv, strictly after `from`. */
export function nextWeekday(from: DateTime, weekday: number, hour: number, minute = 0): DateTime {
  let d = from.setZone(KYIV).set({ hour, minute, second: 0, millisecond: 0 });
  while (d.weekday !== weekday || d <= from) d = d.plus({ days: 1 }).set({ hour, minute });
  return d;
}

export async function runs(s: Session, query: string): Promise<any[]> {
  return (await ok(api('GET', `/automations/runs?limit=200&${query}`, { token: s.token }))).items;
}

export async function tasks(s: Session, dealId: string): Promise<any[]> {
  return (await ok(api('GET', `/tasks?dealId=${dealId}&limit=200`, { token: s.token }))).items;
}

export async function timeline(s: Session, dealId: string): Promise<any[]> {
  return (await ok(api('GET', `/deals/${dealId}/timeline?limit=200`, { token: s.token }))).items;
}

/** Live portals run their automations in the background: wait until the predicate holds. */
export async function eventually<T>(fn: () => Promise<T>, pred: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (pred(v)) return v;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(v).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
