import { Injectable, inject, signal } from '@angular/core';
import { Router } from '@angular/router';

export const API_BASE = '/api/v1';
export const TOKEN_KEY = 'portal.token';

/** One entry of an error's `details`; validation errors name a `field`, other errors carry their own keys. */
/** A lesson that explains why the API refused (a refused stage move carries them when the training plugin is installed). */
export interface HelpLink {
  courseId: string;
  lessonId: string;
  title: string;
}

export interface ApiErrorDetail {
  field?: string;
  message?: string;
  [key: string]: unknown;
}

/** An error of the API (`{statusCode, error, message, details}`), or of the network (status 0, code `network`). */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown[] = [],
    /** The message of each field the API named, by field (`slug`, `admin.email`). */
    readonly fieldErrors: Record<string, string> = {},
    readonly help: HelpLink[] = [],
  ) {
    super(message);
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

/** Turns a failed response (status and parsed body, if any) into an `ApiError`. */
export function toApiError(status: number, body: unknown, statusText = ''): ApiError {
  const b = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const code = typeof b['error'] === 'string' && b['error'] ? b['error'] : status >= 500 ? 'internal_error' : `http_${status}`;
  const rawMessage = b['message'];
  const message =
    typeof rawMessage === 'string' && rawMessage
      ? rawMessage
      : Array.isArray(rawMessage)
        ? rawMessage.map(String).join('; ')
        : typeof body === 'string' && body.trim()
          ? body.trim().slice(0, 300)
          : statusText || `HTTP ${status}`;
  const details = Array.isArray(b['details']) ? (b['details'] as unknown[]) : [];
  const fieldErrors: Record<string, string> = {};
  for (const d of details) {
    if (!d || typeof d !== 'object') continue;
    const { field, message: fieldMessage } = d as ApiErrorDetail;
    if (typeof field !== 'string' || !field) continue;
    const text = typeof fieldMessage === 'string' && fieldMessage ? fieldMessage : message;
    // The first message of a field wins a place; later ones are appended.
    fieldErrors[field] = fieldErrors[field] && fieldErrors[field] !== text ? `${fieldErrors[field]}; ${text}` : text;
  }
  const help = Array.isArray(b['help'])
    ? (b['help'] as Partial<HelpLink>[]).filter((h): h is HelpLink => !!h && typeof h.courseId === 'string' && typeof h.lessonId === 'string' && typeof h.title === 'string')
    : [];
  return new ApiError(status || 500, code, message, details, fieldErrors, help);
}

export function networkError(cause: unknown): ApiError {
  const text = cause instanceof Error ? cause.message : String(cause);
  return new ApiError(0, 'network', text || 'Network error');
}

export interface RequestOptions {
  /** Send the bearer token and treat a 401 as the end of the session (default true). */
  auth?: boolean;
  signal?: AbortSignal;
}

/** One server-sent event: its `event:` name (default `message`) and its `data:` parsed as JSON when it is JSON. */
export interface SseEvent {
  event: string;
  data: unknown;
}

/** Splits a buffer of `text/event-stream` into complete events and the incomplete rest. */
export function parseSse(buffer: string): { events: SseEvent[]; rest: string } {
  const normalized = buffer.replace(/\r\n?/g, '\n');
  const blocks = normalized.split('\n\n');
  const rest = blocks.pop() ?? '';
  const events: SseEvent[] = [];
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (!line || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const name = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (name === 'event') event = value;
      else if (name === 'data') data.push(value);
    }
    if (!data.length) continue;
    const text = data.join('\n');
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    events.push({ event, data: parsed });
  }
  return { events, rest };
}

/** An open event stream: `closed` settles when the server ends it (or `close()` is called). */
export interface EventStream {
  closed: Promise<void>;
  close(): void;
}

/**
 * The portal's client of REST API v1: same origin, JSON in and out, the bearer token kept in localStorage.
 * Every failure is an `ApiError`; a 401 on an authenticated call ends the session and goes to /login.
 */
@Injectable({ providedIn: 'root' })
export class ApiService {
  private readonly router = inject(Router);
  private readonly tokenState = signal<string | null>(readToken());

  /** The bearer token, or null when signed out. */
  readonly token = this.tokenState.asReadonly();

  setToken(token: string | null): void {
    try {
      if (token) localStorage.setItem(TOKEN_KEY, token);
      else localStorage.removeItem(TOKEN_KEY);
    } catch {
      // storage unavailable: the session lasts for this page only
    }
    this.tokenState.set(token);
  }

  get<T>(path: string, opts?: RequestOptions): Promise<T> {
    return this.request<T>('GET', path, undefined, opts);
  }

  post<T>(path: string, body?: unknown, opts?: RequestOptions): Promise<T> {
    return this.request<T>('POST', path, body, opts);
  }

  patch<T>(path: string, body?: unknown, opts?: RequestOptions): Promise<T> {
    return this.request<T>('PATCH', path, body, opts);
  }

  put<T>(path: string, body?: unknown, opts?: RequestOptions): Promise<T> {
    return this.request<T>('PUT', path, body, opts);
  }

  delete<T>(path: string, opts?: RequestOptions): Promise<T> {
    return this.request<T>('DELETE', path, undefined, opts);
  }

  /** A file the API serves (a PDF, a CSV) with the session's token, as a Blob. */
  async blob(path: string, opts: RequestOptions = {}): Promise<Blob> {
    const { headers, authed } = this.headers(opts, false);
    let res: Response;
    try {
      res = await fetch(API_BASE + path, { headers, signal: opts.signal });
    } catch (err) {
      throw networkError(err);
    }
    if (!res.ok) {
      const text = await res.text().catch(() => '');
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON
      }
      throw this.fail(res, parsed, authed);
    }
    return res.blob();
  }

  async request<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
    const { headers, authed } = this.headers(opts, body !== undefined);
    let res: Response;
    try {
      res = await fetch(API_BASE + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: opts.signal });
    } catch (err) {
      throw networkError(err);
    }
    const text = await res.text().catch(() => '');
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    if (!res.ok) throw this.fail(res, parsed, authed);
    return parsed as T;
  }

  /**
   * Opens a server-sent event stream (with the bearer token, which EventSource cannot send) and resolves
   * once the server has answered, so whatever the stream waits for may start right after.
   */
  async openStream(path: string, onEvent: (e: SseEvent) => void, opts: RequestOptions = {}): Promise<EventStream> {
    const { headers, authed } = this.headers(opts, false);
    headers['Accept'] = 'text/event-stream';
    const abort = new AbortController();
    opts.signal?.addEventListener('abort', () => abort.abort());
    let res: Response;
    try {
      res = await fetch(API_BASE + path, { headers, signal: abort.signal });
    } catch (err) {
      throw networkError(err);
    }
    if (!res.ok || !res.body) {
      const text = await res.text().catch(() => '');
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON
      }
      throw this.fail(res, parsed, authed);
    }
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    const closed = (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          const { events, rest } = parseSse(buffer);
          buffer = rest;
          events.forEach(onEvent);
        }
        const { events } = parseSse(buffer + decoder.decode() + '\n\n');
        events.forEach(onEvent);
      } catch (err) {
        if (!abort.signal.aborted) throw networkError(err);
      }
    })();
    return { closed, close: () => abort.abort() };
  }

  private headers(opts: RequestOptions, json: boolean): { headers: Record<string, string>; authed: boolean } {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (json) headers['Content-Type'] = 'application/json';
    const token = opts.auth === false ? null : this.tokenState();
    if (token) headers['Authorization'] = `Bearer ${token}`;
    return { headers, authed: !!token };
  }

  private fail(res: Response, body: unknown, authed: boolean): ApiError {
    const error = toApiError(res.status, body, res.statusText);
    if (res.status === 401 && authed) {
      this.setToken(null);
      void this.router.navigateByUrl('/login');
    }
    return error;
  }
}

function readToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}
