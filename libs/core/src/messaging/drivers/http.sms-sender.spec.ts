// eslint-disable-next-line @nx/enforce-module-boundaries -- drivers are tested against the same protocol fakes as the e2e suite
import { startSmsGatewayFake, type SmsGatewayFake } from '../../../../../tests/fakes';
import { HttpSmsSender } from './http.sms-sender';
import { NotConfiguredSmsSender } from './not-configured.sms-sender';

describe('HttpSmsSender (against a local TurboSMS gateway)', () => {
  let gateway: SmsGatewayFake;

  beforeAll(async () => {
    gateway = await startSmsGatewayFake({ token: 'tok-123' });
  });
  afterEach(() => gateway.clear());
  afterAll(() => gateway.close());

  it('sends to the number without the plus, with sender, token and idempotency key', async () => {
    const result = await new HttpSmsSender(gateway.url).send({ to: '+380671234567', text: 'Ваш код 1234', idempotencyKey: 'run-7:0' });

    expect(gateway.messages).toEqual([{ to: '+380671234567', phone: '380671234567', text: 'Ваш код 1234', sender: 'Portal', idempotencyKey: 'run-7:0', messageId: result.messageId }]);
    expect(result.messageId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('uses the sender of the URL', async () => {
    await new HttpSmsSender(gateway.url.replace('sender=Portal', 'sender=Shop')).send({ to: '+380671234567', text: 'x', idempotencyKey: 'k' });
    expect((await gateway.waitFor()).sender).toBe('Shop');
  });

  it('reports a wrong token as a permanent failure with the gateway status', async () => {
    const sending = new HttpSmsSender(gateway.url.replace('tok-123', 'wrong')).send({ to: '+380671234567', text: 'x', idempotencyKey: 'k' });
    await expect(sending).rejects.toThrow('SMS gateway answered HTTP 401: INVALID_TOKEN');
    await expect(sending).rejects.toMatchObject({ permanent: true });
    expect(gateway.messages).toHaveLength(0);
  });

  it('reports a server failure as retryable, and the retry gets through', async () => {
    gateway.failNext(1, 503);
    const sender = new HttpSmsSender(gateway.url);
    const first = sender.send({ to: '+380671234567', text: 'x', idempotencyKey: 'k' });
    await expect(first).rejects.toThrow(/HTTP 503/);
    await expect(first).rejects.toMatchObject({ permanent: false });
    await sender.send({ to: '+380671234567', text: 'x', idempotencyKey: 'k' });
    expect(gateway.messages).toHaveLength(1);
  });

  it('reports a recipient the gateway refuses', async () => {
    await expect(new HttpSmsSender(gateway.url).send({ to: '+1234567', text: 'x', idempotencyKey: 'k' })).rejects.toThrow(/refused \+1234567: NOT_ALLOWED_RECIPIENT_COUNTRY/);
  });

  it('refuses a number that is not E.164 without calling the gateway', async () => {
    await expect(new HttpSmsSender(gateway.url).send({ to: '0671234567', text: 'x', idempotencyKey: 'k' })).rejects.toMatchObject({ permanent: true });
    expect(gateway.messages).toHaveLength(0);
  });

  it('names the cause when the gateway is unreachable', async () => {
    const down = await startSmsGatewayFake();
    await down.close();
    await expect(new HttpSmsSender(down.url).send({ to: '+380671234567', text: 'x', idempotencyKey: 'k' })).rejects.toThrow(/unreachable: ECONNREFUSED/);
  });
});

describe('NotConfiguredSmsSender', () => {
  it('says SMS_GATEWAY_URL is missing', async () => {
    const sender = new NotConfiguredSmsSender();
    expect(sender.configured).toBe(false);
    await expect(sender.send({ to: '+380671234567', text: 'x', idempotencyKey: 'k' })).rejects.toThrow('SMS_GATEWAY_URL is not set: SMS cannot be sent');
  });
});
