type Query = (sql: string, params: unknown[]) => Promise<any[]>;

/** What the invoices plugin billed for a project: issued, sent and paid invoices (cancelled ones excluded), and what was paid. */
export interface InvoiceTotals {
  invoiced: string;
  paid: string;
  count: number;
}

export const NO_INVOICES: InvoiceTotals = { invoiced: '0.00', paid: '0.00', count: 0 };

/**
 * Invoiced and paid totals per deal, read from the invoices plugin's table. Only called where the portal has
 * that plugin installed (its table then exists: every plugin of the build has its schema). Totals are summed in
 * the invoices' own currency, which is the deal's.
 */
export async function invoiceTotals(query: Query, portalId: string, dealIds: string[]): Promise<Map<string, InvoiceTotals>> {
  if (!dealIds.length) return new Map();
  const rows = await query(
    `SELECT deal_id, count(*) FILTER (WHERE status <> 'cancelled')::int AS n,
            coalesce(sum(total) FILTER (WHERE status <> 'cancelled'), 0)::numeric(16,2)::text AS invoiced,
            coalesce(sum(total) FILTER (WHERE status = 'paid'), 0)::numeric(16,2)::text AS paid
       FROM inv_invoices WHERE portal_id = $1 AND deal_id = ANY($2::uuid[]) GROUP BY deal_id`,
    [portalId, dealIds],
  );
  return new Map(rows.map((r) => [r.deal_id, { invoiced: r.invoiced, paid: r.paid, count: r.n }]));
}
