import { formatMoney, lineAmount, parseMoney, parseQuantity } from '../server/money/amounts';
import { calculateInvoiceTotals } from '../server/money/invoice-totals';
import { isBlankDraft, itemBody } from './invoices';
import type { ItemDraft } from './invoices';

/**
 * What the items being edited will come to, computed by the server's own exact (bigint) money code, so the
 * preview is the number the server will store and print — never a float. A row that does not parse yet has no
 * amount; the server names its problem when saved.
 */
export interface ItemsPreview {
  /** Per row, in the editor's order (null: not a valid line yet, or a blank row). */
  amounts: (string | null)[];
  /** Σ line amounts, when every non-blank row is valid. */
  total: string | null;
  /** The invoice the default entity would issue from these lines (VAT on the total per rate group). */
  invoice: { subtotal: string; vat: string; total: string; vatGroups: { rate: string; vat: string }[] } | null;
}

export interface VatSettings {
  vatPayer: boolean;
  vatRate: string | null;
  pricesIncludeVat: boolean;
}

export function previewItems(drafts: readonly ItemDraft[], vat: VatSettings | null): ItemsPreview {
  let sum = 0n;
  let allValid = true;
  let lines = 0;
  const amounts = drafts.map((d) => {
    if (isBlankDraft(d)) return null;
    lines++;
    const body = itemBody(d);
    const q = parseQuantity(body.quantity);
    const p = parseMoney(body.price);
    if (!q.ok || !p.ok || !body.name) {
      allValid = false;
      return q.ok && p.ok ? formatMoney(lineAmount(q.value, p.value)) : null;
    }
    const amount = lineAmount(q.value, p.value);
    sum += amount;
    return formatMoney(amount);
  });
  const total = allValid && lines > 0 ? formatMoney(sum) : null;
  let invoice: ItemsPreview['invoice'] = null;
  if (total !== null && vat) {
    // A non-VAT entity bills the deal's items without their rates (as the server does when it issues).
    const bodies = drafts.filter((d) => !isBlankDraft(d)).map((d) => {
      const b = itemBody(d);
      return { ...b, vatRate: vat.vatPayer ? (b.vatRate ?? null) : null };
    });
    const r = calculateInvoiceTotals(bodies, { vatPayer: vat.vatPayer, vatRate: vat.vatRate, pricesIncludeVat: vat.pricesIncludeVat });
    if (r.ok) invoice = { subtotal: r.value.subtotal, vat: r.value.vat, total: r.value.total, vatGroups: r.value.vatGroups.map((g) => ({ rate: g.rate, vat: g.vat })) };
  }
  return { amounts, total, invoice };
}
