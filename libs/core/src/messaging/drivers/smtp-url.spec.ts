import { ConfigError } from '../../config/app-config';
import { parseSmtpUrl } from './smtp-url';

describe('parseSmtpUrl', () => {
  it('takes the sender from ?from= and leaves the rest for nodemailer', () => {
    expect(parseSmtpUrl('smtps://u:p@mail.example.com:465?from=Shop%20%3Cshop%40example.com%3E&tls.rejectUnauthorized=false', 'https://crm.example.com')).toEqual({
      url: 'smtps://u:p@mail.example.com:465?tls.rejectUnauthorized=false',
      from: 'Shop <shop@example.com>',
    });
  });

  it('defaults the sender to noreply at the host of PUBLIC_URL', () => {
    expect(parseSmtpUrl('smtp://mail.example.com:2525', 'https://crm.example.com:8443/app')).toEqual({ url: 'smtp://mail.example.com:2525', from: 'noreply@crm.example.com' });
  });

  it.each([['http://mail.example.com'], ['nonsense']])('refuses %s', (url) => {
    expect(() => parseSmtpUrl(url, 'http://localhost:3000')).toThrow(ConfigError);
  });
});
