/**
 * Russian bank requisites: БИК (9 digits), расчётный счёт (20 digits) and корреспондентский счёт (20 digits).
 * Russia does not use IBAN domestically; an account is checked against its bank's БИК with the control key of
 * the Bank of Russia's «Порядок расчёта контрольного ключа в номере лицевого счёта» (ЦБ РФ, 08.09.1997 № 515).
 * Pure functions, no I/O.
 *
 * The key: write the 3-digit "conditional number" of the institution that holds the account, then the 20-digit
 * account; multiply the 23 digits by 7,1,3,7,1,3,… and add; a correct account gives a sum divisible by 10.
 * (The official text computes the 9th account digit — the key — from the other 22 with the key set to 0; that
 * is the same congruence, since the key sits under weight 3.)
 *
 * The 3-digit number is
 * - the last 3 digits of the БИК for an account held by a credit institution (a client's расчётный счёт);
 * - "0" + the 5th and 6th digits of the БИК for an account held by the Bank of Russia itself: a bank's
 *   корреспондентский счёт (301…), the treasury's единый казначейский счёт (40102…), and any account at a
 *   Bank of Russia division, whose БИК ends in 000, 001 or 002.
 * Treasury accounts (казначейские счета, 03…, opened in the Federal Treasury since 2021) carry no such key;
 * they are checked for format only and reported with keyChecked: false.
 */

export type RuAccountResult =
  | { ok: true; bik: string; account: string; keyChecked: boolean }
  | { ok: false; field: 'bik' | 'account'; message: string };

export type RuCorrAccountResult =
  | { ok: true; bik: string; corrAccount: string }
  | { ok: false; field: 'bik' | 'corrAccount'; message: string };

const KEY_WEIGHTS = [7, 1, 3] as const;

const strip = (v: string): string => v.replace(/\s+/g, '');

/** Σ dᵢ·(7,1,3 repeated) mod 10 over prefix (3 digits) + account (20 digits); 0 means the key is right. */
export function ruAccountKeySum(prefix3: string, account20: string): number {
  const s = prefix3 + account20;
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += (s.charCodeAt(i) - 48) * KEY_WEIGHTS[i % 3];
  return sum % 10;
}

/** The control key (the 9th digit) an account must have at the institution with that 3-digit number. */
export function ruAccountControlKey(prefix3: string, account20: string): number {
  const withoutKey = account20.slice(0, 8) + '0' + account20.slice(9);
  // The key sits under weight 3 and 3·7 ≡ 1 (mod 10): key ≡ −7·sum.
  return (10 - ((ruAccountKeySum(prefix3, withoutKey) * 7) % 10)) % 10;
}

/** A Bank of Russia division (РКЦ/ГРКЦ/ГУ): the БИК's last three digits are 000, 001 or 002. */
export function isBankOfRussiaBik(bik: string): boolean {
  return /^\d{6}00[012]$/.test(bik);
}

/** "0" + 5th and 6th digits of the БИК: the prefix for accounts held in the Bank of Russia. */
const bankOfRussiaPrefix = (bik: string): string => '0' + bik.slice(4, 6);

/** Format of a БИК: 9 digits, starting with 0 (04… for banks, 00…–02… for treasury bodies since 2021). */
export function validateRuBik(value: string): { ok: true; bik: string } | { ok: false; field: 'bik'; message: string } {
  if (typeof value !== 'string') return { ok: false, field: 'bik', message: 'bik must be a string of 9 digits' };
  const bik = strip(value);
  if (!/^\d{9}$/.test(bik)) return { ok: false, field: 'bik', message: `bik must be exactly 9 digits; got "${bik}"` };
  if (bik[0] !== '0') return { ok: false, field: 'bik', message: 'bik of a Russian bank starts with 0 (e.g. 044525225)' };
  return { ok: true, bik };
}

/** A расчётный (or any client) счёт against the БИК of the bank that holds it. */
export function validateRuAccount(bikValue: string, accountValue: string): RuAccountResult {
  const b = validateRuBik(bikValue);
  if (!b.ok) return b;
  const { bik } = b;
  if (typeof accountValue !== 'string') return { ok: false, field: 'account', message: 'account must be a string of 20 digits' };
  const account = strip(accountValue);
  if (!/^\d{20}$/.test(account)) {
    return { ok: false, field: 'account', message: `account must be exactly 20 digits; got ${account.length} characters` };
  }
  if (/^0+$/.test(account)) return { ok: false, field: 'account', message: 'account cannot be all zeros' };
  if (account.startsWith('03')) return { ok: true, bik, account, keyChecked: false };

  const heldByBankOfRussia = isBankOfRussiaBik(bik) || account.startsWith('40102');
  const prefix = heldByBankOfRussia ? bankOfRussiaPrefix(bik) : bik.slice(6);
  if (ruAccountKeySum(prefix, account) !== 0) {
    return {
      ok: false,
      field: 'account',
      message: 'account does not match the bik: the control key (9th digit) is wrong — check both for a typo',
    };
  }
  return { ok: true, bik, account, keyChecked: true };
}

/**
 * A bank's корреспондентский счёт against its БИК: 301… ending in the БИК's last three digits, or — for a
 * treasury body's БИК — the единый казначейский счёт 40102…; keyed with "0" + БИК digits 5–6.
 */
export function validateRuCorrAccount(bikValue: string, corrValue: string): RuCorrAccountResult {
  const b = validateRuBik(bikValue);
  if (!b.ok) return b;
  const { bik } = b;
  if (typeof corrValue !== 'string') return { ok: false, field: 'corrAccount', message: 'corrAccount must be a string of 20 digits' };
  const corr = strip(corrValue);
  if (!/^\d{20}$/.test(corr)) {
    return { ok: false, field: 'corrAccount', message: `corrAccount must be exactly 20 digits; got ${corr.length} characters` };
  }
  const isCorr = corr.startsWith('301');
  const isTreasury = corr.startsWith('40102');
  if (!isCorr && !isTreasury) {
    return { ok: false, field: 'corrAccount', message: 'corrAccount must start with 301 (or 40102 for a treasury account)' };
  }
  if (isCorr && corr.slice(17) !== bik.slice(6)) {
    return { ok: false, field: 'corrAccount', message: "corrAccount must end with the bik's last three digits" };
  }
  if (ruAccountKeySum(bankOfRussiaPrefix(bik), corr) !== 0) {
    return { ok: false, field: 'corrAccount', message: 'corrAccount does not match the bik: the control key (9th digit) is wrong' };
  }
  return { ok: true, bik, corrAccount: corr };
}
