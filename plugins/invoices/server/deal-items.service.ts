import { Injectable } from '@nestjs/common';
import { NotFoundError, PluginDatabase, PluginServices } from '@portal/plugin-sdk';
import { InvoicesContext } from './invoices-context';
import { Problems, isUuid } from './input';
import { LineItem, amountOf, parseLines, sumOf } from './line-items';
import { rateText } from './legal-entities.service';

/**
 * A deal's line items: what one-click invoicing bills. Replaced as a whole (PUT), in order; the same items serve
 * any deal (a digital-studio project, a retail order).
 */
@Injectable()
export class DealItemsService {
  constructor(
    private readonly db: PluginDatabase,
    private readonly ctx: InvoicesContext,
    private readonly services: PluginServices,
  ) {}

  async requireDeal(dealId: string): Promise<{ id: string; title: string; company_id: string | null; responsible_id: string | null }> {
    const [deal] = isUuid(dealId) ? await this.db.query(`SELECT id, title, company_id, responsible_id FROM deals WHERE portal_id = $1 AND id = $2`, [this.ctx.portalId(), dealId]) : [];
    if (!deal) throw new NotFoundError('Deal', dealId);
    return deal;
  }

  /** The stored lines of a deal, in order. */
  async lines(dealId: string): Promise<LineItem[]> {
    const rows = await this.db.query(
      `SELECT name, quantity::text AS quantity, unit, price::text AS price, vat_rate::text AS vat_rate
         FROM inv_deal_items WHERE portal_id = $1 AND deal_id = $2 ORDER BY position`,
      [this.ctx.portalId(), dealId],
    );
    // numeric(15,3) comes back as "1.500": normalise to the canonical form the money module prints.
    return rows.map((r: any) => ({ name: r.name, quantity: r.quantity.replace(/\.?0+$/, ''), unit: r.unit, price: r.price, vatRate: rateText(r.vat_rate) }));
  }

  private view(dealId: string, lines: LineItem[]) {
    const items = lines.map((l, i) => ({ position: i + 1, ...l, amount: amountOf(l) }));
    return { dealId, items, total: sumOf(items.map((i) => i.amount)) };
  }

  async get(dealId: string) {
    await this.requireDeal(dealId);
    return this.view(dealId, await this.lines(dealId));
  }

  async replace(dealId: string, raw: unknown) {
    const p = new Problems();
    const lines = parseLines(raw, '', p);
    p.throwIfAny();
    const portalId = this.ctx.portalId();
    return this.db.transaction(async () => {
      await this.requireDeal(dealId);
      // Two concurrent replacements of one deal's items run one after the other, never interleaved.
      await this.db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`inv-items:${dealId}`]);
      await this.db.query(`DELETE FROM inv_deal_items WHERE portal_id = $1 AND deal_id = $2`, [portalId, dealId]);
      if (lines.length) {
        await this.db.query(
          `INSERT INTO inv_deal_items (portal_id, deal_id, position, name, quantity, unit, price, vat_rate)
           SELECT $1, $2, x.position, x.name, x.quantity, x.unit, x.price, x.vat_rate
             FROM jsonb_to_recordset($3::jsonb) AS x(position int, name text, quantity numeric, unit text, price numeric, vat_rate numeric)`,
          [portalId, dealId, JSON.stringify(lines.map((l, i) => ({ position: i + 1, name: l.name, quantity: l.quantity, unit: l.unit, price: l.price, vat_rate: l.vatRate })))],
        );
      }
      const view = this.view(dealId, lines);
      await this.services.addDealTimeline(dealId, 'invoice_items_changed', { lines: lines.length, total: view.total });
      return view;
    });
  }
}
