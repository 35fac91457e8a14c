import { normalizePhone, portalCountry } from './phone';

describe('normalizePhone', () => {
  it('reads a Ukrainian national number in E.164', () => {
    expect(normalizePhone('067 123 45 67', 'UA')).toBe('+380671234567');
    expect(normalizePhone('+38 (067) 123-45-67', 'UA')).toBe('+380671234567');
    expect(normalizePhone('380671234567', 'UA')).toBe('+380671234567');
  });
  it('refuses text that is not a phone', () => {
    expect(normalizePhone('call me', 'UA')).toBeNull();
    expect(normalizePhone('123', 'UA')).toBeNull();
  });
  it('takes the country from the portal time zone', () => {
    expect(portalCountry({ timezone: 'Europe/Kyiv', locale: 'en' })).toBe('UA');
    expect(portalCountry({ timezone: 'Europe/Moscow', locale: 'ru' })).toBe('RU');
  });
});
