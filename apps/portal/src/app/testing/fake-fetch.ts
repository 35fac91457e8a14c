/** A scripted `fetch` for component tests: routes by "METHOD /path" (query string included), records calls. */
export interface FakeCall {
  method: string;
  url: string;
  body: unknown;
  headers: Record<string, string>;
}

type Handler = (call: FakeCall) => { status?: number; body?: unknown; sse?: string[] } | Promise<{ status?: number; body?: unknown; sse?: string[] }>;

export function fakeFetch(routes: Record<string, Handler>): { fetch: (url: string, init?: RequestInit) => Promise<unknown>; calls: FakeCall[] } {
  const calls: FakeCall[] = [];
  const fetch = async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const call: FakeCall = { method, url, body: init.body ? JSON.parse(String(init.body)) : undefined, headers: (init.headers ?? {}) as Record<string, string> };
    calls.push(call);
    const path = url.replace(/^\/api\/v1/, '');
    const key = Object.keys(routes).find((k) => k === `${method} ${path}` || (k.endsWith('*') && `${method} ${path}`.startsWith(k.slice(0, -1))));
    if (!key) throw new TypeError(`no fake route for ${method} ${path}`);
    const { status = 200, body, sse } = await routes[key](call);
    const text = sse ? sse.join('') : body === undefined ? '' : JSON.stringify(body);
    const chunks = sse ? sse.map((s) => new TextEncoder().encode(s)) : [];
    return {
      ok: status >= 200 && status < 300,
      status,
      statusText: '',
      text: () => Promise.resolve(text),
      body: sse
        ? {
            getReader: () => ({
              read: async () => (chunks.length ? { done: false, value: chunks.shift() } : { done: true, value: undefined }),
            }),
          }
        : null,
    };
  };
  return { fetch, calls };
}

/** Types into an input (or picks in a select) the way a user does, firing the events forms listen to. */
export function fill(root: ParentNode, testId: string, value: string): void {
  const el = root.querySelector(`[data-testid="${testId}"]`) as HTMLInputElement | HTMLSelectElement;
  if (!el) throw new Error(`no element ${testId}`);
  el.value = value;
  el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input'));
}

export function byTestId(root: ParentNode, testId: string): HTMLElement | null {
  return root.querySelector(`[data-testid="${testId}"]`);
}

/** Lets pending promises (fetch, dialogs) settle. */
export async function settle(times = 5): Promise<void> {
  for (let i = 0; i < times; i++) await new Promise((r) => setTimeout(r, 0));
}
