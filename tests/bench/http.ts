/** One JSON call to the API for benchmark setup; anything but 2xx stops the benchmark with the answer. */
export async function call(base: string, method: string, path: string, token: string | null, body?: unknown): Promise<any> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json: any = text ? JSON.parse(text) : null;
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 2000)}`);
  return json;
}
