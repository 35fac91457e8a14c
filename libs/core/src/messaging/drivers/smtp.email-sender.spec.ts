// eslint-disable-next-line @nx/enforce-module-boundaries -- drivers are tested against the same protocol fakes as the e2e suite
import { startSmtpFake, type SmtpFake } from '../../../../../tests/fakes';
import { DeliveryError } from '../delivery-error';
import { NotConfiguredEmailSender } from './not-configured.email-sender';
import { SmtpEmailSender, messageIdFor } from './smtp.email-sender';

describe('SmtpEmailSender (against a local SMTP server)', () => {
  let smtp: SmtpFake;

  beforeAll(async () => {
    smtp = await startSmtpFake();
  });
  afterEach(() => smtp.clear());
  afterAll(() => smtp.close());

  it('delivers text and HTML with a Message-ID derived from the idempotency key', async () => {
    const sender = new SmtpEmailSender(smtp.url, 'https://crm.example.com');
    const result = await sender.send({ to: 'client@example.com', subject: 'Ваше замовлення', text: 'Привіт', html: '<p>Привіт</p>', idempotencyKey: 'run-1:action-0' });

    const mail = await smtp.waitFor((m) => m.subject === 'Ваше замовлення');
    expect(result.messageId).toBe(messageIdFor('run-1:action-0'));
    expect(mail).toMatchObject({ from: 'noreply@crm.example.com', to: ['client@example.com'], text: 'Привіт', html: '<p>Привіт</p>', messageId: result.messageId });
    expect(mail.headers['x-idempotency-key']).toBe('run-1:action-0');
  });

  it('gives the same key the same Message-ID and another key another one', () => {
    expect(messageIdFor('k')).toBe(messageIdFor('k'));
    expect(messageIdFor('k')).not.toBe(messageIdFor('k2'));
    expect(messageIdFor('k')).toMatch(/^<[0-9a-f]{32}@portal>$/);
  });

  it('logs in with the credentials of the URL and takes the sender from ?from=', async () => {
    const url = smtp.url.replace('smtp://', 'smtp://mailer:s%40cret@') + '?from=shop%40example.com';
    await new SmtpEmailSender(url, 'http://localhost').send({ to: 'a@example.com', subject: 's', text: 't', idempotencyKey: 'k1' });
    expect(await smtp.waitFor()).toMatchObject({ authUser: 'mailer', from: 'shop@example.com' });
  });

  it('lets a message override the sender', async () => {
    await new SmtpEmailSender(smtp.url, 'http://localhost').send({ to: 'a@example.com', subject: 's', text: 't', idempotencyKey: 'k2', from: 'Boss <boss@example.com>' });
    expect((await smtp.waitFor()).from).toBe('boss@example.com');
  });

  it('fails with a retryable error when the server is unreachable', async () => {
    const down = await startSmtpFake();
    await down.close();
    const sending = new SmtpEmailSender(down.url, 'http://localhost').send({ to: 'a@example.com', subject: 's', text: 't', idempotencyKey: 'k3' });
    await expect(sending).rejects.toThrow(/SMTP send to a@example.com failed: .*ECONNREFUSED/);
    await expect(sending).rejects.toMatchObject({ permanent: false });
  });
});

describe('NotConfiguredEmailSender', () => {
  it('says SMTP_URL is missing', async () => {
    const sender = new NotConfiguredEmailSender();
    expect(sender.configured).toBe(false);
    await expect(sender.send({ to: 'a@example.com', subject: 's', text: 't', idempotencyKey: 'k' })).rejects.toThrow(new DeliveryError('SMTP_URL is not set: e-mail cannot be sent'));
  });
});
