import {
  decodeRnokpp,
  edrpouControlDigit,
  innIndividualControlDigits,
  innLegalControlDigit,
  isValidEdrpou,
  isValidInnIndividual,
  isValidInnLegal,
  isValidRnokpp,
  rnokppControlDigit,
  validateTaxId,
} from './tax-ids';

describe('ЄДРПОУ (EDRPOU)', () => {
  it('accepts the codes of well-known public institutions', () => {
    // Public register data: АТ КБ «ПриватБанк», АТ «Ощадбанк», АТ «Укрексімбанк», Національний банк України,
    // АТ «Райффайзен Банк» (ex-Аваль).
    for (const code of ['14360570', '00032129', '00032112', '00032106', '14305909']) {
      expect([code, isValidEdrpou(code)]).toEqual([code, true]);
    }
  });

  it('computes the control digit by hand-checkable examples', () => {
    // 14360570 < 30 000 000 → weights 1..7: 1·1+4·2+3·3+6·4+0·5+5·6+7·7 = 121; 121 mod 11 = 0.
    expect(edrpouControlDigit('14360570')).toBe(0);
    // 32855961 in [30M, 60M] → weights 7,1,2,3,4,5,6: 21+2+16+15+20+45+36 = 155; 155 mod 11 = 1.
    expect(edrpouControlDigit('32855961')).toBe(1);
    // 00131954 < 30M: 0+0+3+12+5+54+35 = 109 → mod 11 = 10 → weights 3..9: 0+0+5+18+7+72+45 = 147 → 4.
    expect(edrpouControlDigit('00131954')).toBe(4);
    // 43808820 in range: 28+3+16+0+32+40+12 = 131 → 10 → weights 9,3..8: 36+9+32+0+48+56+16 = 197 → 10 → 0.
    expect(edrpouControlDigit('43808820')).toBe(0);
  });

  it('agrees with codes collected from public sources, covering every branch', () => {
    // From the python-stdnum test corpus of real ЄДРПОУ codes ("found online"), picked per branch.
    const basePass1 = ['00022438', '00130694', '02010669', '13857564', '20077720', '26510514'];
    const basePass2 = ['00131954', '01072609', '03361780', '20003749', '22815333', '26615223'];
    const basePass2Zero = ['23246880', '25083040']; // second remainder 10 → control digit 0
    const altPass1 = ['30327425', '32855961', '37193071', '40081237', '42258617', '43629317'];
    const altPass2 = ['30674235', '34275671', '36297353', '38203737'];
    const altPass2Zero = ['40599600', '41761770', '43328020', '43573920', '43808820'];
    for (const code of [...basePass1, ...basePass2, ...basePass2Zero, ...altPass1, ...altPass2, ...altPass2Zero]) {
      expect([code, isValidEdrpou(code)]).toEqual([code, true]);
    }
  });

  it('rejects wrong control digits, lengths, characters and all zeros', () => {
    expect(isValidEdrpou('14360571')).toBe(false);
    expect(isValidEdrpou('00032128')).toBe(false);
    expect(isValidEdrpou('32855968')).toBe(false);
    expect(isValidEdrpou('43808821')).toBe(false);
    expect(isValidEdrpou('1436057')).toBe(false);
    expect(isValidEdrpou('143605700')).toBe(false);
    expect(isValidEdrpou('1436057O')).toBe(false);
    expect(isValidEdrpou('00000000')).toBe(false);
    // A transposition of two digits is caught here.
    expect(isValidEdrpou('41360570')).toBe(false);
  });

  it('misses a single-digit typo only when the second pass is involved', () => {
    // Weights 1..7 (and 7,1..6) are all non-zero mod 11, so changing one digit always changes the first-pass
    // remainder; a typo can slip through only when the original or the typo needs the second pass (remainder 10)
    // and the digits happen to coincide (e.g. 14360570 → 14362570, 43808820 → 44808820), or when it moves the
    // code across 30M/60M. Check exhaustively that these are the only ways.
    const firstPass = (code: string): number => {
      const n = Number(code);
      const w = n < 30_000_000 || n > 60_000_000 ? [1, 2, 3, 4, 5, 6, 7] : [7, 1, 2, 3, 4, 5, 6];
      return w.reduce((sum, wi, i) => sum + wi * Number(code[i]), 0) % 11;
    };
    let missed = 0;
    let caught = 0;
    for (const code of ['14360570', '00032129', '00032112', '32855961', '43808820']) {
      for (let i = 0; i < 8; i++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === code[i]) continue;
          const typo = code.slice(0, i) + d + code.slice(i + 1);
          if (!isValidEdrpou(typo)) {
            caught++;
            continue;
          }
          missed++;
          const crossedRange = (Number(code) < 30_000_000) !== (Number(typo) < 30_000_000) || (Number(code) > 60_000_000) !== (Number(typo) > 60_000_000);
          expect([typo, firstPass(typo) === 10 || firstPass(code) === 10 || crossedRange]).toEqual([typo, true]);
        }
      }
    }
    expect(isValidEdrpou('14362570')).toBe(true); // the documented blind spot, for the record
    expect(caught).toBeGreaterThan(missed * 10);
  });
});

describe('РНОКПП (RNOKPP)', () => {
  it('computes the control digit: Σ dᵢ·(-1,5,7,9,4,6,10,5,7) mod 11 mod 10', () => {
    // 1759013776: -1+35+35+81+0+6+30+35+49 = 270; 270 mod 11 = 6.
    expect(rnokppControlDigit('1759013776')).toBe(6);
    expect(isValidRnokpp('1759013776')).toBe(true);
    expect(isValidRnokpp('2530414071')).toBe(true);
  });

  it('handles a negative weighted sum with a non-negative remainder', () => {
    // 1000000000: the sum is -1; -1 mod 11 = 10 → 10 mod 10 = 0 (JS `%` would give -1).
    expect(rnokppControlDigit('1000000000')).toBe(0);
    expect(isValidRnokpp('1000000000')).toBe(true);
    expect(isValidRnokpp('1000000001')).toBe(false);
  });

  it('rejects wrong digits and shapes', () => {
    expect(isValidRnokpp('1759013770')).toBe(false);
    expect(isValidRnokpp('1759013777')).toBe(false);
    expect(isValidRnokpp('175901377')).toBe(false);
    expect(isValidRnokpp('17590137760')).toBe(false);
    expect(isValidRnokpp('0000000000')).toBe(false);
    expect(isValidRnokpp('АА123456')).toBe(false);
  });

  it('decodes the birth date (days since 31.12.1899) and the sex (9th digit odd = male)', () => {
    // 17590 days after 1899-12-31 is 1948-02-28; the 9th digit 7 is odd.
    expect(decodeRnokpp('1759013776')).toEqual({ birthDate: '1948-02-28', sex: 'male' });
    // 25304 days → 1969-04-12; the 9th digit 7 is odd.
    expect(decodeRnokpp('2530414071')).toEqual({ birthDate: '1969-04-12', sex: 'male' });
    // 9th digit even → female: 175901376?: -1+35+35+81+0+6+30+35+42 = 263; 263 mod 11 = 10 → 0.
    expect(rnokppControlDigit('175901376')).toBe(0);
    expect(decodeRnokpp('1759013760')).toEqual({ birthDate: '1948-02-28', sex: 'female' });
    expect(decodeRnokpp('1759013770')).toBeNull();
  });
});

describe('ИНН (INN)', () => {
  it('accepts real organisations (10 digits)', () => {
    // ПАО Сбербанк, ООО «Яндекс», ООО «Яндекс.Маркет», Банк ВТБ (ПАО), АО «Альфа-Банк».
    for (const inn of ['7707083893', '7736207543', '7704357909', '7702070139', '7728168971']) {
      expect([inn, isValidInnLegal(inn)]).toEqual([inn, true]);
    }
    // 7707083893: 14+28+0+21+0+72+12+48+72 = 267; 267 mod 11 = 3.
    expect(innLegalControlDigit('7707083893')).toBe(3);
  });

  it('checks both control digits of an individual ИНН (12 digits)', () => {
    // 500100732259: 11th = (35+0+0+10+0+0+63+12+12+16 = 148) mod 11 = 5;
    //               12th = (15+0+0+4+0+0+35+27+8+12+40 = 141) mod 11 = 9.
    expect(innIndividualControlDigits('500100732259')).toEqual([5, 9]);
    expect(isValidInnIndividual('500100732259')).toBe(true);
    expect(isValidInnIndividual('123456789047')).toBe(true);
    expect(isValidInnIndividual('500100732258')).toBe(false); // 12th wrong
    expect(isValidInnIndividual('500100732269')).toBe(false); // 11th wrong
    expect(isValidInnIndividual('123456789037')).toBe(false);
  });

  it('rejects wrong 10-digit ones and wrong lengths', () => {
    expect(isValidInnLegal('7707083894')).toBe(false);
    expect(isValidInnLegal('1234567895')).toBe(false);
    expect(isValidInnLegal('0000000000')).toBe(false);
    expect(isValidInnLegal('500100732259')).toBe(false);
    expect(isValidInnIndividual('7707083893')).toBe(false);
  });
});

describe('validateTaxId', () => {
  it('normalizes whitespace and reports the type', () => {
    expect(validateTaxId('UA', 'legal', ' 1436 0570 ')).toEqual({ ok: true, normalized: '14360570', type: 'UA_EDRPOU' });
    expect(validateTaxId('UA', 'individual', '17590\u00a013776')).toEqual({ ok: true, normalized: '1759013776', type: 'UA_RNOKPP' });
    expect(validateTaxId('RU', 'legal', '77 07 083893')).toEqual({ ok: true, normalized: '7707083893', type: 'RU_INN_LEGAL' });
    expect(validateTaxId('RU', 'individual', '5001 0073 2259')).toEqual({
      ok: true,
      normalized: '500100732259',
      type: 'RU_INN_INDIVIDUAL',
    });
  });

  it('infers the kind from the length when it is not given', () => {
    expect(validateTaxId('UA', undefined, '00032129')).toMatchObject({ ok: true, type: 'UA_EDRPOU' });
    expect(validateTaxId('UA', undefined, '2530414071')).toMatchObject({ ok: true, type: 'UA_RNOKPP' });
    expect(validateTaxId('RU', undefined, '7736207543')).toMatchObject({ ok: true, type: 'RU_INN_LEGAL' });
    expect(validateTaxId('RU', undefined, '123456789047')).toMatchObject({ ok: true, type: 'RU_INN_INDIVIDUAL' });
    const r = validateTaxId('UA', undefined, '123456789');
    expect(r).toEqual({ ok: false, field: 'taxId', message: expect.stringContaining('has 9 digits; expected 8') });
  });

  it('names the field and explains the failure in English', () => {
    const cases: Array<[Parameters<typeof validateTaxId>, string]> = [
      [['UA', 'legal', ''], 'taxId is empty'],
      [['UA', 'legal', '   '], 'taxId is empty'],
      [['UA', 'legal', '1436-0570'], 'only digits'],
      [['UA', 'legal', '1759013776'], 'must be a 8-digit EDRPOU (ЄДРПОУ) code for a Ukrainian legal entity; got 10 digits'],
      [['UA', 'individual', '14360570'], 'must be a 10-digit RNOKPP'],
      [['RU', 'legal', '500100732259'], 'must be a 10-digit INN (ИНН) for a Russian organisation; got 12 digits'],
      [['RU', 'individual', '7707083893'], 'must be a 12-digit INN'],
      [['UA', 'legal', '14360571'], 'control digit does not match'],
      [['UA', 'individual', '1759013770'], 'control digit does not match'],
      [['RU', 'legal', '7707083894'], 'control digit does not match'],
      [['RU', 'individual', '500100732258'], 'control digit does not match'],
      [['UA', 'legal', '00000000'], 'all zeros'],
      [['RU', undefined, '0000000000'], 'all zeros'],
    ];
    for (const [args, fragment] of cases) {
      const r = validateTaxId(...args);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.field).toBe('taxId');
        expect(r.message).toMatch(/^taxId /);
        expect(r.message).toContain(fragment);
      }
    }
  });

  it('refuses unsupported countries, kinds and non-strings coming from JSON', () => {
    expect(validateTaxId('PL' as never, 'legal', '1234567890')).toMatchObject({ ok: false, message: expect.stringContaining('unsupported country') });
    expect(validateTaxId('UA', 'company' as never, '14360570')).toMatchObject({ ok: false, message: expect.stringContaining('unknown kind') });
    expect(validateTaxId('UA', 'legal', 14360570 as never)).toMatchObject({ ok: false, field: 'taxId' });
  });
});
