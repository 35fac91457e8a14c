/** An exact decimal amount ("1500.50") with its currency, in the current language's way ("1 500,50 ₴"). */
export function formatMoney(lang: string, amount: string | null | undefined, currency: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '';
  try {
    const fmt = new Intl.NumberFormat(lang, currency ? { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 } : { minimumFractionDigits: 2 });
    // A string is formatted as the exact decimal it is (no float rounding of large sums).
    return fmt.format(amount as unknown as number);
  } catch {
    return currency ? `${amount} ${currency}` : amount;
  }
}

/** The sums of a stage, one per currency. */
export function formatSums(lang: string, budgets: { currency: string; sum: string }[]): string {
  return budgets.map((b) => formatMoney(lang, b.sum, b.currency)).join(' · ');
}
