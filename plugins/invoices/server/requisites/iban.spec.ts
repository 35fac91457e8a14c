import { formatIban, hasValidIbanChecksum, IBAN_LENGTHS, ibanCheckDigits, mod97, normalizeIban, parseUaIban, validateIban } from './iban';

describe('mod97', () => {
  it('matches BigInt arithmetic on long numbers, letters counted as 10..35', () => {
    const samples = ['3052990000026007233566001301000', '123456789012345678901234567890123456789', '0', '96', '97', '98'];
    for (const s of samples) expect(mod97(s)).toBe(Number(BigInt(s) % 97n));
    // "WEST12345698765432GB82" → W=32 E=14 S=28 T=29 … G=16 B=11.
    expect(mod97('WEST12345698765432GB82')).toBe(Number(BigInt('3214282912345698765432161182') % 97n));
    expect(mod97('WEST12345698765432GB82')).toBe(1);
  });

  it('refuses anything but upper-case letters and digits', () => {
    expect(() => mod97('ab')).toThrow();
    expect(() => mod97('12 3')).toThrow();
  });
});

describe('validateIban', () => {
  it('accepts the ISO 13616 / SWIFT registry examples', () => {
    for (const iban of [
      'GB82WEST12345698765432', // the ISO 13616 example
      'DE89370400440532013000',
      'PL61109010140000071219812874',
      'UA213223130000026007233566001', // the SWIFT IBAN registry example for Ukraine
    ]) {
      expect([iban, validateIban(iban).ok]).toEqual([iban, true]);
    }
  });

  it('accepts a Ukrainian IBAN constructed by hand and exposes МФО and account', () => {
    // Bank code (МФО) 305299 (ПриватБанк), account 26007233566001 padded to 19 digits: 0000026007233566001.
    // BBAN = 3052990000026007233566001; append "UA00" → U=30, A=10 → 3052990000026007233566001301000;
    // that number mod 97 = 24 → check digits 98 − 24 = 74 → UA74 3052 9900 0002 6007 2335 6600 1.
    expect(ibanCheckDigits('UA', '3052990000026007233566001')).toBe('74');
    expect(validateIban('ua74 3052 9900 0002 6007 2335 6600 1')).toEqual({
      ok: true,
      normalized: 'UA743052990000026007233566001',
      formatted: 'UA74 3052 9900 0002 6007 2335 6600 1',
      country: 'UA',
      ua: { mfo: '305299', account: '0000026007233566001' },
    });
  });

  it('normalizes whitespace (also NBSP and tabs) and lower case, and formats in groups of four', () => {
    expect(normalizeIban(' gb82 west\u00a01234\t5698 7654 32 ')).toBe('GB82WEST12345698765432');
    expect(formatIban('GB82WEST12345698765432')).toBe('GB82 WEST 1234 5698 7654 32');
    expect(formatIban('NO9386011117947')).toBe('NO93 8601 1117 947');
    const r = validateIban('gb82 west 1234 5698 7654 32');
    expect(r).toEqual({ ok: true, normalized: 'GB82WEST12345698765432', formatted: 'GB82 WEST 1234 5698 7654 32', country: 'GB' });
  });

  it('recomputes the check digits of the known examples', () => {
    expect(ibanCheckDigits('GB', 'WEST12345698765432')).toBe('82');
    expect(ibanCheckDigits('UA', '3223130000026007233566001')).toBe('21');
    expect(ibanCheckDigits('DE', '370400440532013000')).toBe('89');
  });

  it('accepts a country outside the table when the length is 15..34 and the checksum holds', () => {
    const bban = 'ABCD12345678901';
    const iban = `ZZ${ibanCheckDigits('ZZ', bban)}${bban}`;
    expect(IBAN_LENGTHS.ZZ).toBeUndefined();
    expect(validateIban(iban)).toMatchObject({ ok: true, country: 'ZZ' });
    expect(validateIban('ZZ12ABC')).toMatchObject({ ok: false, message: expect.stringContaining('15 to 34') });
  });

  it('rejects broken ones with a message naming the field', () => {
    const cases: Array<[string, string]> = [
      ['', 'iban is empty'],
      ['UA213223130000026007233566010', 'check digits do not match'], // last two digits swapped
      ['UA223223130000026007233566001', 'check digits do not match'], // wrong check digits
      ['GB82WEST12345698765433', 'check digits do not match'],
      ['UA21322313000002600723356600', 'must have 29 characters; got 28'],
      ['GB82WEST123456987654321', 'must have 22 characters; got 23'],
      ['UA2132231300000260072335660A1', '6-digit bank code (МФО) and a 19-digit account'],
      ['UA21-3223-1300', 'only Latin letters and digits'],
      ['UА213223130000026007233566001', 'only Latin letters and digits'], // Cyrillic "А"
      ['21UA3223130000026007233566001', 'two-letter country code'],
      ['UAXX3223130000026007233566001', 'two-letter country code'],
    ];
    for (const [input, fragment] of cases) {
      const r = validateIban(input);
      expect([input, r.ok]).toEqual([input, false]);
      if (!r.ok) {
        expect(r.field).toBe('iban');
        expect(r.message).toMatch(/^iban /);
        expect(r.message).toContain(fragment);
      }
    }
  });

  it('rejects check digits 00, 01 and 99 even when they pass mod 97', () => {
    // 3052990000000000000000013 has check digits 02; 99 ≡ 02 (mod 97), so "UA99…" passes the bare mod-97 test.
    const bban = '3052990000000000000000013';
    expect(ibanCheckDigits('UA', bban)).toBe('02');
    expect(hasValidIbanChecksum(`UA99${bban}`)).toBe(true);
    expect(validateIban(`UA02${bban}`).ok).toBe(true);
    expect(validateIban(`UA99${bban}`)).toMatchObject({ ok: false, message: expect.stringContaining('between 02 and 98') });
  });

  it('refuses non-strings coming from JSON', () => {
    expect(validateIban(42 as never)).toMatchObject({ ok: false, field: 'iban' });
  });
});

describe('parseUaIban', () => {
  it('splits UA kk bbbbbb aaaaaaaaaaaaaaaaaaa', () => {
    expect(parseUaIban('UA213223130000026007233566001')).toEqual({ mfo: '322313', account: '0000026007233566001' });
    expect(parseUaIban('GB82WEST12345698765432')).toBeNull();
    expect(parseUaIban('UA21322313000002600723356600')).toBeNull();
  });
});
