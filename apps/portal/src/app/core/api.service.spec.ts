import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { ApiError, ApiService, TOKEN_KEY, parseSse, toApiError } from './api.service';

describe('toApiError', () => {
  it('maps a validation error to field errors', () => {
    const err = toApiError(400, {
      statusCode: 400,
      error: 'validation_failed',
      message: 'slug: slug must be 3–63 lowercase letters; admin.password: too short',
      details: [
        { field: 'slug', message: 'slug must be 3–63 lowercase letters, digits or dashes' },
        { field: 'admin.password', message: 'password must be longer than or equal to 8 characters' },
        { field: 'admin.password', message: 'password must be a string' },
      ],
    });
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toBeInstanceOf(Error);
    expect(err.status).toBe(400);
    expect(err.code).toBe('validation_failed');
    expect(err.fieldErrors).toEqual({
      slug: 'slug must be 3–63 lowercase letters, digits or dashes',
      'admin.password': 'password must be longer than or equal to 8 characters; password must be a string',
    });
  });

  it('gives a field named without its own message the error message (409 slug_taken)', () => {
    const err = toApiError(409, { statusCode: 409, error: 'slug_taken', message: 'The address "acme" is taken', details: [{ field: 'slug' }] });
    expect(err.code).toBe('slug_taken');
    expect(err.message).toBe('The address "acme" is taken');
    expect(err.fieldErrors).toEqual({ slug: 'The address "acme" is taken' });
  });

  it('keeps details that name no field (409 plugin_required_by: plugin ids)', () => {
    const err = toApiError(409, { statusCode: 409, error: 'plugin_required_by', message: 'Installed plugins depend on a', details: ['b', 'c'] });
    expect(err.details).toEqual(['b', 'c']);
    expect(err.fieldErrors).toEqual({});
  });

  it('copes with bodies that are not the API shape', () => {
    expect(toApiError(502, '<html>Bad gateway</html>', 'Bad Gateway')).toMatchObject({ status: 502, code: 'internal_error', message: '<html>Bad gateway</html>' });
    expect(toApiError(404, undefined, 'Not Found')).toMatchObject({ status: 404, code: 'http_404', message: 'Not Found', fieldErrors: {} });
    expect(toApiError(400, { message: ['a', 'b'] })).toMatchObject({ code: 'http_400', message: 'a; b' });
  });
});

describe('parseSse', () => {
  it('splits events, skips comments and keeps the incomplete rest', () => {
    const { events, rest } = parseSse(
      ': progress of install x\n\nevent: progress\ndata: {"done":1,"total":3}\n\nevent: progress\r\ndata: {"done":2,"total":3}\r\n\r\nevent: progress\ndata: {"do',
    );
    expect(events).toEqual([
      { event: 'progress', data: { done: 1, total: 3 } },
      { event: 'progress', data: { done: 2, total: 3 } },
    ]);
    expect(rest).toBe('event: progress\ndata: {"do');
  });
});

describe('ApiService', () => {
  let api: ApiService;
  let fetchMock: jest.Mock;
  const respond = (status: number, body: unknown) =>
    fetchMock.mockResolvedValueOnce({
      ok: status >= 200 && status < 300,
      status,
      statusText: '',
      text: () => Promise.resolve(body === undefined ? '' : JSON.stringify(body)),
    });

  beforeEach(() => {
    localStorage.clear();
    fetchMock = jest.fn();
    (globalThis as { fetch: unknown }).fetch = fetchMock;
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    api = TestBed.inject(ApiService);
  });

  it('sends JSON with the bearer token to /api/v1', async () => {
    api.setToken('tok');
    expect(localStorage.getItem(TOKEN_KEY)).toBe('tok');
    respond(200, { ok: true });
    await expect(api.post('/things', { a: 1 })).resolves.toEqual({ ok: true });
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/v1/things');
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"a":1}');
    expect(init.headers).toMatchObject({ Authorization: 'Bearer tok', 'Content-Type': 'application/json' });
  });

  it('throws an ApiError with field errors', async () => {
    respond(400, { statusCode: 400, error: 'validation_failed', message: 'x', details: [{ field: 'name', message: 'name should not be empty' }] });
    const err = (await api.post('/portals', {}, { auth: false }).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.fieldErrors).toEqual({ name: 'name should not be empty' });
  });

  it('a 401 on an authenticated call signs out and goes to /login', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    api.setToken('old');
    respond(401, { statusCode: 401, error: 'unauthorized', message: 'A valid bearer token is required', details: [] });
    await expect(api.get('/me')).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    expect(api.token()).toBeNull();
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
    expect(navigate).toHaveBeenCalledWith('/login');
  });

  it('a 401 of a sign-in (no token sent) is just an error', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    respond(401, { statusCode: 401, error: 'invalid_credentials', message: 'wrong', details: [] });
    await expect(api.post('/auth/login', {}, { auth: false })).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(navigate).not.toHaveBeenCalled();
  });

  it('a network failure is an ApiError too', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(api.get('/marketplace')).rejects.toMatchObject({ status: 0, code: 'network', isNetwork: true });
  });
});
