import { Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError, PluginDatabase } from '@portal/plugin-sdk';
import { AlertsService } from './alerts.service';
import { Problems, body, isDateTime, isRealDate, isUuid, onlyKeys, optionalText } from './input';
import { parseMoney } from './money';
import { PortalFacts, StudioContext } from './studio-context';

const view = (e: any) => ({
  id: e.id,
  dealId: e.deal_id,
  amount: e.amount,
  note: e.note,
  spentAt: e.spent_at,
  createdBy: e.created_by,
  createdAt: new Date(e.created_at).toISOString(),
});

const COLUMNS = `id, deal_id, amount::text, note, to_char(spent_at, 'YYYY-MM-DD') AS spent_at, created_by, created_at`;

/** Direct costs of a project (licences, contractors, ads): heads, admins and the deal's responsible. */
@Injectable()
export class ExpensesService {
  constructor(
    private readonly db: PluginDatabase,
    private readonly ctx: StudioContext,
    private readonly alerts: AlertsService,
  ) {}

  /** The deal, if the caller may see its money: a head, an admin, or its responsible. 404 when unknown here. */
  async projectFor(facts: PortalFacts, dealId: string): Promise<{ id: string; responsible_id: string | null }> {
    const [deal] = isUuid(dealId) ? await this.db.query(`SELECT id, responsible_id FROM deals WHERE portal_id = $1 AND id = $2`, [facts.portalId, dealId]) : [];
    if (!deal) throw new NotFoundError('Deal', dealId);
    if (!this.ctx.isLead() && deal.responsible_id !== this.ctx.userId()) throw new ForbiddenError("Only heads, admins and the deal's responsible see its money");
    return deal;
  }

  async create(dealId: string, raw: unknown) {
    const b = body(raw);
    const p = new Problems();
    onlyKeys(b, ['amount', 'note', 'spentAt'], p);
    const amount = parseMoney(b['amount']);
    if (amount === null || amount.startsWith('-') || amount === '0.00') p.add('amount', 'must be an amount of money > 0 with at most two decimals, e.g. "1500.00"');
    const note = optionalText(b, 'note', 1000, p);
    if (!note && !p.list.some((x) => x.field === 'note')) p.add('note', 'is required: what the money was spent on');
    const spent = b['spentAt'];
    if (spent !== undefined && spent !== null && !isRealDate(spent) && !isDateTime(spent)) p.add('spentAt', 'must be a date YYYY-MM-DD or an ISO 8601 date-time');
    p.throwIfAny();
    const facts = await this.ctx.portal();
    return this.db.transaction(async () => {
      await this.projectFor(facts, dealId);
      const [row] = await this.db.query(
        `INSERT INTO ds_expenses (portal_id, deal_id, amount, note, spent_at, created_by)
         VALUES ($1, $2, $3::numeric, $4, coalesce(($5::timestamptz AT TIME ZONE $7)::date, $6::date), $8)
         RETURNING ${COLUMNS}`,
        [facts.portalId, dealId, amount, note, isDateTime(spent) ? spent : null, isRealDate(spent) ? spent : facts.today, facts.timezone, this.ctx.userIdOrNull()],
      );
      await this.alerts.evaluate(dealId, facts);
      return view(row);
    });
  }

  async list(dealId: string) {
    const facts = await this.ctx.portal();
    await this.projectFor(facts, dealId);
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM ds_expenses WHERE portal_id = $1 AND deal_id = $2 ORDER BY spent_at DESC, created_at DESC, id`, [facts.portalId, dealId]);
    const [{ total }] = await this.db.query(`SELECT coalesce(sum(amount), 0)::numeric(16,2)::text AS total FROM ds_expenses WHERE portal_id = $1 AND deal_id = $2`, [facts.portalId, dealId]);
    return { items: rows.map(view), nextCursor: null, total };
  }

  async remove(dealId: string, id: string): Promise<void> {
    const facts = await this.ctx.portal();
    await this.db.transaction(async () => {
      await this.projectFor(facts, dealId);
      const [e] = isUuid(id) ? await this.db.query(`SELECT created_by FROM ds_expenses WHERE portal_id = $1 AND deal_id = $2 AND id = $3 FOR UPDATE`, [facts.portalId, dealId, id]) : [];
      if (!e) throw new NotFoundError('Expense', id);
      if (!this.ctx.isLead() && e.created_by !== this.ctx.userId()) throw new ForbiddenError('Only heads, admins and whoever recorded an expense can delete it');
      await this.db.query(`DELETE FROM ds_expenses WHERE portal_id = $1 AND id = $2`, [facts.portalId, id]);
      await this.alerts.evaluate(dealId, facts);
    });
  }
}
