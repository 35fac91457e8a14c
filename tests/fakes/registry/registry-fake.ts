import type { IncomingMessage, ServerResponse } from 'node:http';
import { FailurePlan } from '../failure-plan';
import { flattenHeaders, listenHttp, sendJson } from '../http-server';
import { httpFakeControls } from '../http-fake-controls';
import { Recorder } from '../recorder';

/**
 * A companies registry on a local port, speaking the invoices plugin's registry protocol:
 *   GET /companies/<taxId>[?country=UA|RU]  Accept: application/json  [Authorization: Bearer <token>]
 *   200 {name, taxId, address, director}     a known company
 *   404 {error: "not_found"}                  an unknown tax id
 *   400 {error: "invalid_tax_id"}             not 8, 10 or 12 digits
 *   401 {error: "unauthorized"}               a token was configured and the request lacks it
 * Anything else is a 404 for an unknown path or 405 for another method, as a real registry would answer.
 */
export interface RegistryCompanyRecord {
  name: string;
  taxId: string;
  address: string | null;
  director: string | null;
}

export interface RegistryRequest {
  method: string;
  path: string;
  taxId: string | null;
  country: string | null;
  headers: Record<string, string>;
}

export interface RegistryFake {
  /** A ready REGISTRY_API_URL (with the token in the user-info when one is set). */
  url: string;
  port: number;
  requests: RegistryRequest[];
  add(company: RegistryCompanyRecord): void;
  failNext(n: number, status?: number): void;
  waitFor(pred?: (r: RegistryRequest) => boolean, timeoutMs?: number): Promise<RegistryRequest>;
  clear(): void;
  close(): Promise<void>;
}

export const SAMPLE_COMPANIES: RegistryCompanyRecord[] = [
  { name: 'ТОВ «РОМАШКА»', taxId: '14360570', address: '01001, м. Київ, вул. Хрещатик, 1', director: 'Шевченко Тарас Григорович' },
  { name: 'ООО «ВЕКТОР»', taxId: '7707083893', address: '117997, г. Москва, ул. Вавилова, д. 19', director: 'Иванов Иван Иванович' },
];

export async function startRegistryFake(opts: { companies?: RegistryCompanyRecord[]; token?: string } = {}): Promise<RegistryFake> {
  const companies = new Map((opts.companies ?? SAMPLE_COMPANIES).map((c) => [c.taxId, c]));
  const recorder = new Recorder<RegistryRequest>('registry request');
  const failures = new FailurePlan();

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://registry.local');
    const m = /^\/companies\/([^/]+)$/.exec(url.pathname);
    const taxId = m ? decodeURIComponent(m[1]) : null;
    recorder.push({ method: req.method ?? '', path: url.pathname, taxId, country: url.searchParams.get('country'), headers: flattenHeaders(req.headers) });
    const failStatus = failures.take();
    if (failStatus !== null) return sendJson(res, failStatus, { error: 'simulated_failure' });
    if (opts.token && req.headers.authorization !== `Bearer ${opts.token}`) return sendJson(res, 401, { error: 'unauthorized' });
    if (!m) return sendJson(res, 404, { error: 'no_such_path' });
    if (req.method !== 'GET') return sendJson(res, 405, { error: 'method_not_allowed' });
    if (!/^(\d{8}|\d{10}|\d{12})$/.test(taxId ?? '')) return sendJson(res, 400, { error: 'invalid_tax_id' });
    const found = companies.get(taxId as string);
    if (!found) return sendJson(res, 404, { error: 'not_found' });
    sendJson(res, 200, found);
  }

  const { server, port } = await listenHttp(handle);
  return {
    url: `http://${opts.token ? `${encodeURIComponent(opts.token)}@` : ''}127.0.0.1:${port}`,
    port,
    requests: recorder.items,
    add: (c) => companies.set(c.taxId, c),
    ...httpFakeControls(recorder, failures, server),
  };
}
