import { ConfigError } from '../../config/app-config';

export interface SmsGatewaySettings {
  /** Scheme, host and path, without credentials, query or trailing slash: `https://api.turbosms.ua`. */
  baseUrl: string;
  token: string;
  sender: string;
}

export const DEFAULT_SMS_SENDER = 'Portal';

/** SMS_GATEWAY_URL is `https://<token>@api.turbosms.ua/?sender=Portal`: the API token rides as the URL user name. */
export function parseSmsGatewayUrl(gatewayUrl: string): SmsGatewaySettings {
  let url: URL;
  try {
    url = new URL(gatewayUrl);
  } catch {
    throw new ConfigError('SMS_GATEWAY_URL must be a URL like https://<token>@api.turbosms.ua/?sender=Portal');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(`SMS_GATEWAY_URL must start with https:// or http://, got ${url.protocol}//`);
  const token = decodeURIComponent(url.username);
  if (!token) throw new ConfigError('SMS_GATEWAY_URL must carry the API token as its user name: https://<token>@api.turbosms.ua/');
  const sender = url.searchParams.get('sender')?.trim() || DEFAULT_SMS_SENDER;
  const baseUrl = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  return { baseUrl, token, sender };
}
