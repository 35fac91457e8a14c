// eslint-disable-next-line @nx/enforce-module-boundaries -- drivers are tested against the same protocol fakes as the e2e suite
import { startWebhookSink, type WebhookSink } from '../../../../tests/fakes';
import { callWebhook, validateWebhookUrl } from './webhook-caller';

describe('callWebhook (against a local receiver)', () => {
  let sink: WebhookSink;

  beforeAll(async () => {
    sink = await startWebhookSink();
  });
  afterEach(() => sink.clear());
  afterAll(() => sink.close());

  it('POSTs the body as JSON with the idempotency key and our user agent', async () => {
    const result = await callWebhook({ url: `${sink.url}/hooks/deal?secret=s`, body: { deal: { id: 'd1', title: 'Замовлення' } }, idempotencyKey: 'run-1:2' });

    expect(result).toEqual({ status: 200 });
    expect(sink.requests).toHaveLength(1);
    expect(sink.requests[0]).toMatchObject({ method: 'POST', path: '/hooks/deal?secret=s', body: { deal: { id: 'd1', title: 'Замовлення' } } });
    expect(sink.requests[0].headers).toMatchObject({ 'content-type': 'application/json', 'idempotency-key': 'run-1:2', 'user-agent': 'bitrix-portal-automation' });
  });

  it('throws on a 500 answer, naming the status but not the secret in the URL', async () => {
    sink.failNext(1, 500);
    const calling = callWebhook({ url: `${sink.url}/hook?secret=s3cr3t`, body: {}, idempotencyKey: 'k' });
    await expect(calling).rejects.toThrow(/answered HTTP 500/);
    await expect(calling).rejects.toMatchObject({ permanent: false, message: expect.not.stringContaining('s3cr3t') });
    expect(sink.requests.map((r) => r.status)).toEqual([500]);
    await expect(callWebhook({ url: `${sink.url}/hook`, body: {}, idempotencyKey: 'k' })).resolves.toEqual({ status: 200 });
  });

  it('marks a 4xx answer as permanent', async () => {
    sink.failNext(1, 410);
    await expect(callWebhook({ url: sink.url, body: {}, idempotencyKey: 'k' })).rejects.toMatchObject({ permanent: true, message: expect.stringMatching(/HTTP 410/) });
  });

  it('refuses a URL that is not http(s) without calling it', async () => {
    await expect(callWebhook({ url: 'file:///etc/passwd', body: {}, idempotencyKey: 'k' })).rejects.toThrow(/must be http/);
    expect(sink.requests).toHaveLength(0);
  });

  it('names the cause when the receiver is unreachable', async () => {
    const down = await startWebhookSink();
    await down.close();
    await expect(callWebhook({ url: down.url, body: {}, idempotencyKey: 'k' })).rejects.toThrow(/unreachable: ECONNREFUSED/);
  });
});

describe('validateWebhookUrl', () => {
  it.each([
    ['https://example.com/hook', null],
    ['http://127.0.0.1:8080', null],
    ['ftp://example.com', expect.stringMatching(/must be http/)],
    ['example.com/hook', expect.stringMatching(/not a valid URL/)],
  ])('%s', (url, expected) => {
    expect(validateWebhookUrl(url)).toEqual(expected);
  });
});
