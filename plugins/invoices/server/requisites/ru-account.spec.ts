import { isBankOfRussiaBik, ruAccountControlKey, ruAccountKeySum, validateRuAccount, validateRuBik, validateRuCorrAccount } from './ru-account';

// Public requisites (published on the organisations' own invoices and in public API samples):
// ООО «Яндекс.Маркет», р/с 40702810438000034726 in ПАО Сбербанк, БИК 044525225, к/с 30101810400000000225.
const SBER_BIK = '044525225';
const YANDEX_MARKET_ACCOUNT = '40702810438000034726';
const SBER_CORR = '30101810400000000225';

describe('the control key (weights 7,1,3 over 3 + 20 digits)', () => {
  it('is right for a real settlement account: last three digits of the БИК + account', () => {
    // "225" + "40702810438000034726" × 7,1,3,7,1,3,…:
    // 14+2+15 + 28+0+21 + 0+2+24 + 7+0+12 + 21+8+0 + 0+0+0 + 21+4+21 + 14+6 = 220 → ends in 0.
    expect(ruAccountKeySum('225', YANDEX_MARKET_ACCOUNT)).toBe(0);
    // The key is the 9th account digit ("4" in 40702810[4]38000034726), recomputed from the others:
    expect(ruAccountControlKey('225', YANDEX_MARKET_ACCOUNT)).toBe(4);
  });

  it('is right for correspondent accounts with "0" + БИК digits 5–6', () => {
    // Сбербанк 044525225 → "025"; Альфа-Банк 044525593 → "025"; ВТБ 044525187 → "025"; Т-Банк 044525974 → "025".
    expect(ruAccountKeySum('025', SBER_CORR)).toBe(0);
    expect(ruAccountKeySum('025', '30101810200000000593')).toBe(0);
    expect(ruAccountKeySum('025', '30101810700000000187')).toBe(0);
    expect(ruAccountKeySum('025', '30101810145250000974')).toBe(0);
    expect(ruAccountControlKey('025', SBER_CORR)).toBe(4);
  });
});

describe('validateRuBik', () => {
  it('wants 9 digits starting with 0, spaces ignored', () => {
    expect(validateRuBik(' 0445 25225 ')).toEqual({ ok: true, bik: SBER_BIK });
    expect(validateRuBik('04452522')).toMatchObject({ ok: false, field: 'bik', message: expect.stringContaining('9 digits') });
    expect(validateRuBik('14452522A')).toMatchObject({ ok: false, field: 'bik' });
    expect(validateRuBik('144525225')).toMatchObject({ ok: false, field: 'bik', message: expect.stringContaining('starts with 0') });
  });

  it('recognises Bank of Russia divisions', () => {
    expect(isBankOfRussiaBik('047888001')).toBe(true);
    expect(isBankOfRussiaBik('044525000')).toBe(true);
    expect(isBankOfRussiaBik(SBER_BIK)).toBe(false);
  });
});

describe('validateRuAccount', () => {
  it('accepts a real settlement account against its bank', () => {
    expect(validateRuAccount(SBER_BIK, YANDEX_MARKET_ACCOUNT)).toEqual({
      ok: true,
      bik: SBER_BIK,
      account: YANDEX_MARKET_ACCOUNT,
      keyChecked: true,
    });
    expect(validateRuAccount('044 525 225', '40702 810 4 3800 0034726')).toMatchObject({ ok: true, account: YANDEX_MARKET_ACCOUNT });
  });

  it('uses "0" + БИК digits 5–6 at a Bank of Russia division and for the treasury single account', () => {
    // A budget revenue account at ГРКЦ ГУ Банка России по Ярославской обл. (БИК 047888001) → prefix "088".
    expect(validateRuAccount('047888001', '40101810700000010010')).toMatchObject({ ok: true, keyChecked: true });
    expect(ruAccountKeySum('001', '40101810700000010010')).not.toBe(0); // the plain rule would reject it
    // The единый казначейский счёт of УФК по г. Москве (БИК 004525988) → prefix "025".
    expect(validateRuAccount('004525988', '40102810545370000003')).toMatchObject({ ok: true, keyChecked: true });
  });

  it('checks a treasury account (03…) for format only', () => {
    expect(validateRuAccount('004525988', '03100643000000017300')).toEqual({
      ok: true,
      bik: '004525988',
      account: '03100643000000017300',
      keyChecked: false,
    });
  });

  it('rejects a typo, a swapped pair, and the right account with another bank', () => {
    const bad = ['40702810438000034727', '40702810438000043726', '40702810438000034762', '50702810438000034726'];
    for (const account of bad) {
      expect([account, validateRuAccount(SBER_BIK, account)]).toEqual([
        account,
        { ok: false, field: 'account', message: expect.stringContaining('control key') },
      ]);
    }
    // The same account under Альфа-Банк's БИК (prefix 593) fails the key.
    expect(validateRuAccount('044525593', YANDEX_MARKET_ACCOUNT)).toMatchObject({ ok: false, field: 'account' });
  });

  it('detects every single-digit change of a real account', () => {
    for (let i = 0; i < 20; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === YANDEX_MARKET_ACCOUNT[i]) continue;
        const typo = YANDEX_MARKET_ACCOUNT.slice(0, i) + d + YANDEX_MARKET_ACCOUNT.slice(i + 1);
        if (typo.startsWith('03') || typo.startsWith('40102')) continue; // other rules apply to those
        expect([typo, validateRuAccount(SBER_BIK, typo).ok]).toEqual([typo, false]);
      }
    }
  });

  it('rejects wrong shapes with the field named', () => {
    expect(validateRuAccount(SBER_BIK, '4070281043800003472')).toMatchObject({ ok: false, field: 'account', message: expect.stringContaining('20 digits') });
    expect(validateRuAccount(SBER_BIK, '4070281043800003472X')).toMatchObject({ ok: false, field: 'account' });
    expect(validateRuAccount(SBER_BIK, '00000000000000000000')).toMatchObject({ ok: false, field: 'account', message: expect.stringContaining('zeros') });
    expect(validateRuAccount('04452522', YANDEX_MARKET_ACCOUNT)).toMatchObject({ ok: false, field: 'bik' });
    expect(validateRuAccount(SBER_BIK, 4070281043 as never)).toMatchObject({ ok: false, field: 'account' });
  });
});

describe('validateRuCorrAccount', () => {
  it('accepts real correspondent accounts and the treasury single account', () => {
    expect(validateRuCorrAccount(SBER_BIK, SBER_CORR)).toEqual({ ok: true, bik: SBER_BIK, corrAccount: SBER_CORR });
    expect(validateRuCorrAccount('044525593', '301 018 102 000 000 005 93')).toMatchObject({ ok: true });
    expect(validateRuCorrAccount('044525187', '30101810700000000187')).toMatchObject({ ok: true });
    expect(validateRuCorrAccount('044525974', '30101810145250000974')).toMatchObject({ ok: true });
    expect(validateRuCorrAccount('004525988', '40102810545370000003')).toMatchObject({ ok: true });
  });

  it('rejects a wrong start, a wrong ending, and a wrong key', () => {
    expect(validateRuCorrAccount(SBER_BIK, YANDEX_MARKET_ACCOUNT)).toMatchObject({ ok: false, field: 'corrAccount', message: expect.stringContaining('301') });
    expect(validateRuCorrAccount('044525593', SBER_CORR)).toMatchObject({ ok: false, message: expect.stringContaining('last three digits') });
    expect(validateRuCorrAccount(SBER_BIK, '30101810500000000225')).toMatchObject({ ok: false, message: expect.stringContaining('control key') });
    expect(validateRuCorrAccount(SBER_BIK, '3010181040000000022')).toMatchObject({ ok: false, field: 'corrAccount' });
  });
});
