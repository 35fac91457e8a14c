export {
  normalizeDigits,
  edrpouControlDigit,
  isValidEdrpou,
  rnokppControlDigit,
  isValidRnokpp,
  decodeRnokpp,
  innLegalControlDigit,
  innIndividualControlDigits,
  isValidInnLegal,
  isValidInnIndividual,
  validateTaxId,
} from './tax-ids';
export type { TaxCountry, TaxKind, TaxIdType, TaxIdResult } from './tax-ids';

export {
  IBAN_LENGTHS,
  IBAN_MIN_LENGTH,
  IBAN_MAX_LENGTH,
  normalizeIban,
  formatIban,
  mod97,
  hasValidIbanChecksum,
  ibanCheckDigits,
  parseUaIban,
  validateIban,
} from './iban';
export type { IbanResult, UaIbanParts } from './iban';

export {
  ruAccountKeySum,
  ruAccountControlKey,
  isBankOfRussiaBik,
  validateRuBik,
  validateRuAccount,
  validateRuCorrAccount,
} from './ru-account';
export type { RuAccountResult, RuCorrAccountResult } from './ru-account';

export {
  DEFAULT_PATTERN,
  MAX_PATTERN_LENGTH,
  MAX_PREFIX_LENGTH,
  MAX_NUMBER_LENGTH,
  MAX_SEQ_PAD,
  validatePattern,
  validatePrefix,
  patternHasYear,
  parseIssueDate,
  counterYear,
  formatNumber,
} from './numbering';
export type { PatternToken, PatternResult, NumberParts } from './numbering';
