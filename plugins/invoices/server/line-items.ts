import { formatMoney, formatQuantity, formatRate, lineAmount, parseMoney, parseQuantity, parseRate } from './money';
import { Problems, onlyKeys, text } from './input';

/** A line as stored and frozen: exact decimal strings (quantity "1.5", price "1500.00", vatRate "20" or null). */
export interface LineItem {
  name: string;
  quantity: string;
  unit: string | null;
  price: string;
  vatRate: string | null;
}

export const MAX_LINES = 500;
const LINE_KEYS = ['name', 'quantity', 'unit', 'price', 'vatRate'];

/**
 * Reads an array of lines, every problem naming its path as the client sent it: `[1].price` for a bare array
 * (PUT /deals/:id/items), `items[1].price` inside a body. Amounts go through the money module (no floats).
 */
export function parseLines(raw: unknown, at: string, p: Problems): LineItem[] {
  const field = at || 'body';
  if (!Array.isArray(raw)) {
    p.add(field, 'must be an array of lines [{name, quantity, unit?, price, vatRate?}]');
    return [];
  }
  if (raw.length > MAX_LINES) {
    p.add(field, `must have at most ${MAX_LINES} lines`);
    return [];
  }
  const out: LineItem[] = [];
  raw.forEach((line, i) => {
    const path = `${at}[${i}]`;
    if (!line || typeof line !== 'object' || Array.isArray(line)) {
      p.add(path, 'must be an object {name, quantity, unit?, price, vatRate?}');
      return;
    }
    const l = line as Record<string, unknown>;
    const before = p.list.length;
    onlyKeys(l, LINE_KEYS, p, `${path}.`);
    const name = text(l, 'name', 500, p, { required: true, field: `${path}.name` });
    const unit = text(l, 'unit', 20, p, { field: `${path}.unit` }) ?? null;
    const q = parseQuantity(l['quantity'], `${path}.quantity`);
    if (!q.ok) p.add(`${path}.quantity`, q.error);
    const pr = parseMoney(l['price'], `${path}.price`);
    if (!pr.ok) p.add(`${path}.price`, pr.error);
    let vatRate: string | null = null;
    if (l['vatRate'] !== undefined && l['vatRate'] !== null) {
      const r = parseRate(l['vatRate'], `${path}.vatRate`);
      if (r.ok) vatRate = formatRate(r.value);
      else p.add(`${path}.vatRate`, r.error);
    }
    if (p.list.length === before && q.ok && pr.ok) out.push({ name: name as string, quantity: formatQuantity(q.value), unit, price: formatMoney(pr.value), vatRate });
  });
  return out;
}

/** round(quantity × price) to the kopeck, as the invoice prints it. */
export function amountOf(l: { quantity: string; price: string }): string {
  const q = parseQuantity(l.quantity);
  const pr = parseMoney(l.price);
  if (!q.ok || !pr.ok) throw new Error(`a stored line is not exact: ${l.quantity} × ${l.price}`);
  return formatMoney(lineAmount(q.value, pr.value));
}

export function sumOf(amounts: string[]): string {
  let total = 0n;
  for (const a of amounts) {
    const m = parseMoney(a);
    if (m.ok) total += m.value;
  }
  return formatMoney(total);
}
