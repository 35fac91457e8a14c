import { CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Phones are stored in E.164. A national number is read in the portal's country, so a Ukrainian portal
 * reads "067 123 45 67" as +380671234567. Returns null when the text is not a valid phone number.
 */
export function normalizePhone(raw: string, country: CountryCode): string | null {
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  if (!text || text.length > 40) return null;
  const parsed = parsePhoneNumberFromString(text, country);
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}

export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

const TZ_COUNTRY: Record<string, CountryCode> = {
  'Europe/Kyiv': 'UA',
  'Europe/Kiev': 'UA',
  'Europe/Uzhgorod': 'UA',
  'Europe/Zaporozhye': 'UA',
  'Europe/Simferopol': 'UA',
  'Europe/Moscow': 'RU',
  'Europe/Samara': 'RU',
  'Asia/Yekaterinburg': 'RU',
  'Asia/Novosibirsk': 'RU',
  'Europe/Minsk': 'BY',
  'Asia/Almaty': 'KZ',
  'Europe/Warsaw': 'PL',
  'Europe/Berlin': 'DE',
  'Europe/London': 'GB',
  'America/New_York': 'US',
};

/** The country a portal's national phone numbers belong to: its time zone first, then its language. */
export function portalCountry(portal: { timezone: string; locale: string }): CountryCode {
  return TZ_COUNTRY[portal.timezone] ?? (portal.locale === 'ru' ? 'RU' : 'UA');
}
