import { ConfigError } from '../../config/app-config';
import { parseSmsGatewayUrl } from './sms-gateway-url';

describe('parseSmsGatewayUrl', () => {
  it('takes the token from the user name, the sender from the query and drops both from the base', () => {
    expect(parseSmsGatewayUrl('https://abc123@api.turbosms.ua/?sender=Shop')).toEqual({ baseUrl: 'https://api.turbosms.ua', token: 'abc123', sender: 'Shop' });
  });

  it('defaults the sender to Portal and keeps a port and a base path', () => {
    expect(parseSmsGatewayUrl('http://t@127.0.0.1:8080/v1/')).toEqual({ baseUrl: 'http://127.0.0.1:8080/v1', token: 't', sender: 'Portal' });
  });

  it('decodes a percent-encoded token', () => {
    expect(parseSmsGatewayUrl('https://a%2Bb%3Ac@api.turbosms.ua').token).toBe('a+b:c');
  });

  it.each([['not a url'], ['ftp://t@api.turbosms.ua'], ['https://api.turbosms.ua/?sender=Portal']])('refuses %s', (url) => {
    expect(() => parseSmsGatewayUrl(url)).toThrow(ConfigError);
  });
});
