import { Injectable } from '@nestjs/common';
import { NotFoundError, PluginDatabase, PluginServices } from '@portal/plugin-sdk';
import { AlertsService } from './alerts.service';
import { Problems, body, isRealDate, isUuid, onlyKeys } from './input';
import { parseMoney } from './money';
import { StudioContext } from './studio-context';

type Owner = { kind: 'user' | 'department'; id: string };

const rateView = (r: any) => ({
  hourlyCost: r.hourly_cost,
  currency: r.currency,
  validFrom: r.valid_from,
  setBy: r.set_by,
  setAt: new Date(r.set_at).toISOString(),
});

/**
 * Hourly costs of people (and departments' defaults, for people without their own), each valid from a date.
 * Setting one recalculates, in the same transaction, every entry it now covers (a back-dated rate changes past
 * costs), records who did it in `ds_rate_changes`, notes the recalculation on each affected deal's timeline
 * (without amounts: rates are for heads and admins) and re-evaluates those projects' alerts.
 */
@Injectable()
export class CostRatesService {
  constructor(
    private readonly db: PluginDatabase,
    private readonly ctx: StudioContext,
    private readonly alerts: AlertsService,
    private readonly services: PluginServices,
  ) {}

  async set(owner: Owner, raw: unknown) {
    const b = body(raw);
    const p = new Problems();
    onlyKeys(b, ['hourlyCost', 'currency', 'validFrom'], p);
    const hourlyCost = parseMoney(b['hourlyCost']);
    if (b['hourlyCost'] === undefined) p.add('hourlyCost', 'is required');
    else if (hourlyCost === null || hourlyCost.startsWith('-')) p.add('hourlyCost', 'must be an amount of money ≥ 0 with at most two decimals, e.g. "500.00"');
    const currency = typeof b['currency'] === 'string' ? b['currency'].trim().toUpperCase() : '';
    if (!/^[A-Z]{3}$/.test(currency)) p.add('currency', 'must be a three-letter currency code, e.g. "UAH"');
    if (!isRealDate(b['validFrom'])) p.add('validFrom', 'must be a date YYYY-MM-DD');
    p.throwIfAny();
    const validFrom = b['validFrom'] as string;
    const facts = await this.ctx.portal();
    await this.assertOwner(facts.portalId, owner);
    const column = owner.kind === 'user' ? 'user_id' : 'department_id';
    return this.db.transaction(async () => {
      const [previous] = await this.db.query(
        `SELECT hourly_cost::text FROM ds_cost_rates WHERE portal_id = $1 AND ${column} = $2 AND valid_from <= $3 ORDER BY valid_from DESC LIMIT 1`,
        [facts.portalId, owner.id, validFrom],
      );
      const [rate] = await this.db.query(
        `INSERT INTO ds_cost_rates (portal_id, ${column}, hourly_cost, currency, valid_from, set_by) VALUES ($1, $2, $3::numeric, $4, $5::date, $6)
         ON CONFLICT (portal_id, ${column}, valid_from) WHERE ${column} IS NOT NULL
         DO UPDATE SET hourly_cost = EXCLUDED.hourly_cost, currency = EXCLUDED.currency, set_by = EXCLUDED.set_by, set_at = now()
         RETURNING hourly_cost::text, currency, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, set_by, set_at`,
        [facts.portalId, owner.id, hourlyCost, currency, validFrom, this.ctx.userIdOrNull()],
      );
      // Every entry from that day on whose applicable rate is now different: cost again, per entry, to the kopeck.
      const touched = await this.db.query(
        `WITH r AS (
           SELECT id, cost AS old_cost, ds_rate_for(portal_id, user_id, department_id, work_date) AS rate
             FROM ds_time_entries WHERE portal_id = $1 AND ${column} = $2 AND work_date >= $3::date
         ), u AS (
           UPDATE ds_time_entries e SET hourly_cost = r.rate, cost = coalesce(round(e.minutes * r.rate / 60, 2), 0), updated_at = now()
             FROM r WHERE e.id = r.id AND e.hourly_cost IS DISTINCT FROM r.rate
           RETURNING e.deal_id, e.cost - r.old_cost AS delta
         )
         SELECT deal_id, count(*)::int AS entries, sum(delta)::numeric(16,2)::text AS delta FROM u GROUP BY deal_id ORDER BY deal_id`,
        [facts.portalId, owner.id, validFrom],
      );
      const entries = touched.reduce((n: number, t: any) => n + t.entries, 0);
      const [{ total }] = await this.db.query(`SELECT coalesce(sum(x), 0)::numeric(16,2)::text AS total FROM unnest($1::numeric[]) x`, [touched.map((t: any) => t.delta)]);
      await this.db.query(
        `INSERT INTO ds_rate_changes (portal_id, ${column}, hourly_cost, currency, valid_from, previous_cost, changed_by, entries_recalculated, cost_delta)
         VALUES ($1, $2, $3::numeric, $4, $5::date, $6::numeric, $7, $8, $9::numeric)`,
        [facts.portalId, owner.id, hourlyCost, currency, validFrom, previous?.hourly_cost ?? null, this.ctx.userIdOrNull(), entries, total],
      );
      for (const t of touched) {
        await this.services.addDealTimeline(t.deal_id, 'labor_cost_recalculated', { reason: 'cost_rate_changed', validFrom, entries: t.entries });
        await this.alerts.evaluate(t.deal_id, facts);
      }
      return { [owner.kind === 'user' ? 'userId' : 'departmentId']: owner.id, ...rateView(rate), recalculated: { entries, deals: touched.length, costDelta: total } };
    });
  }

  async history(owner: Owner) {
    const facts = await this.ctx.portal();
    await this.assertOwner(facts.portalId, owner);
    const column = owner.kind === 'user' ? 'user_id' : 'department_id';
    const rows = await this.db.query(
      `SELECT hourly_cost::text, currency, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, set_by, set_at FROM ds_cost_rates
        WHERE portal_id = $1 AND ${column} = $2 ORDER BY valid_from DESC`,
      [facts.portalId, owner.id],
    );
    const current = rows.find((r: any) => r.valid_from <= facts.today);
    let fallback = null;
    if (owner.kind === 'user') {
      const [dep] = await this.db.query(
        `SELECT r.department_id, r.hourly_cost::text, r.currency, to_char(r.valid_from, 'YYYY-MM-DD') AS valid_from, r.set_by, r.set_at
           FROM users u JOIN ds_cost_rates r ON r.portal_id = u.portal_id AND r.department_id = u.department_id
          WHERE u.portal_id = $1 AND u.id = $2 AND r.valid_from <= $3::date ORDER BY r.valid_from DESC LIMIT 1`,
        [facts.portalId, owner.id, facts.today],
      );
      if (dep) fallback = { departmentId: dep.department_id, ...rateView(dep) };
    }
    return {
      [owner.kind === 'user' ? 'userId' : 'departmentId']: owner.id,
      current: current ? rateView(current) : null,
      ...(owner.kind === 'user' ? { departmentDefault: fallback } : {}),
      items: rows.map(rateView),
      nextCursor: null,
    };
  }

  /** The audit of rate changes: who set which rate, from when, and what it recalculated. */
  async changes() {
    const facts = await this.ctx.portal();
    const rows = await this.db.query(
      `SELECT id, user_id, department_id, hourly_cost::text, currency, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, previous_cost::text, changed_by, changed_at,
              entries_recalculated, cost_delta::text FROM ds_rate_changes WHERE portal_id = $1 ORDER BY changed_at DESC, id LIMIT 200`,
      [facts.portalId],
    );
    return {
      items: rows.map((r: any) => ({
        id: r.id,
        userId: r.user_id,
        departmentId: r.department_id,
        hourlyCost: r.hourly_cost,
        currency: r.currency,
        validFrom: r.valid_from,
        previousCost: r.previous_cost,
        changedBy: r.changed_by,
        changedAt: new Date(r.changed_at).toISOString(),
        entriesRecalculated: r.entries_recalculated,
        costDelta: r.cost_delta,
      })),
      nextCursor: null,
    };
  }

  private async assertOwner(portalId: string, owner: Owner): Promise<void> {
    const table = owner.kind === 'user' ? 'users' : 'departments';
    const found = isUuid(owner.id) ? await this.db.query(`SELECT 1 FROM ${table} WHERE portal_id = $1 AND id = $2`, [portalId, owner.id]) : [];
    if (!found.length) throw new NotFoundError(owner.kind === 'user' ? 'User' : 'Department', owner.id);
  }
}
