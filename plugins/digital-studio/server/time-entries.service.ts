import { Injectable } from '@nestjs/common';
import { ConflictError, ForbiddenError, NotFoundError, PluginDatabase, ValidationFailedError } from '@portal/plugin-sdk';
import { AlertsService } from './alerts.service';
import { Problems, body, decodeCursor, encodeCursor, isDateTime, isRealDate, isUuid, onlyKeys, optionalText, optionalUuid, parseLimit, queryParam } from './input';
import { PortalFacts, StudioContext } from './studio-context';

/** One entry is at most a day of work; a timer left running longer is capped to this. */
export const MAX_ENTRY_MINUTES = 1440;

interface EntryRow {
  id: string;
  user_id: string;
  deal_id: string;
  task_id: string | null;
  department_id: string | null;
  minutes: number;
  started_at: Date;
  work_date: string;
  note: string | null;
  source: string;
  hourly_cost: string | null;
  cost: string;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

const columns = (a = '') =>
  `${a}id, ${a}user_id, ${a}deal_id, ${a}task_id, ${a}department_id, ${a}minutes, ${a}started_at, to_char(${a}work_date, 'YYYY-MM-DD') AS work_date, ${a}note, ${a}source, ${a}hourly_cost::text AS hourly_cost, ${a}cost::text AS cost, ${a}created_by, ${a}created_at, ${a}updated_at`;
const COLUMNS = columns();

/** Time entries (whole minutes on a project deal or one of its tasks) and each person's running timer. */
@Injectable()
export class TimeEntriesService {
  constructor(
    private readonly db: PluginDatabase,
    private readonly ctx: StudioContext,
    private readonly alerts: AlertsService,
  ) {}

  view(e: EntryRow, p: PortalFacts, lead = this.ctx.isLead()) {
    return {
      id: e.id,
      userId: e.user_id,
      dealId: e.deal_id,
      taskId: e.task_id,
      departmentId: e.department_id,
      minutes: e.minutes,
      startedAt: new Date(e.started_at).toISOString(),
      workDate: e.work_date,
      note: e.note,
      source: e.source,
      locked: e.work_date < p.lockedBefore,
      // Rates and costs are for heads and admins only.
      hourlyCost: lead ? e.hourly_cost : null,
      cost: lead ? e.cost : null,
      createdBy: e.created_by,
      createdAt: new Date(e.created_at).toISOString(),
      updatedAt: new Date(e.updated_at).toISOString(),
    };
  }

  // ---- create ------------------------------------------------------------------------------------------

  async create(raw: unknown) {
    const b = body(raw);
    const p = new Problems();
    onlyKeys(b, ['taskId', 'dealId', 'minutes', 'startedAt', 'note', 'userId'], p);
    const minutes = this.minutes(b['minutes'], p, true) as number;
    const taskId = optionalUuid(b, 'taskId', p, 'a task');
    const dealId = optionalUuid(b, 'dealId', p, 'a deal');
    if (b['taskId'] == null && b['dealId'] == null) p.add('taskId', 'either taskId (a task of a project deal) or dealId is required');
    const startedAt = this.startedAt(b['startedAt'], p);
    const note = optionalText(b, 'note', 1000, p);
    const userId = optionalUuid(b, 'userId', p, 'a user');
    p.throwIfAny();
    const facts = await this.ctx.portal();
    const me = this.ctx.userId();
    const who = userId ?? me;
    if (who !== me && !this.ctx.isLead()) throw new ForbiddenError('Only heads and admins log time for someone else');
    return this.db.transaction(async () => {
      const target = await this.target(facts, taskId, dealId);
      await this.assertUser(facts, who, 'userId');
      const start = startedAt ?? new Date(facts.now.getTime() - minutes * 60_000);
      this.notInFuture(start, facts);
      const workDate = await this.workDate(facts, start);
      if (!this.ctx.isLead()) this.assertOpen(workDate, facts, 'startedAt');
      const entry = await this.insert(facts, { userId: who, ...target, minutes, startedAt: start, workDate, note: note ?? null, source: 'manual' });
      await this.alerts.evaluate(entry.deal_id, facts);
      return this.view(entry, facts);
    });
  }

  /** Inserts an entry costed at the rate valid on its work date (the person's own, else their department's). */
  private async insert(
    facts: PortalFacts,
    e: { userId: string; dealId: string; taskId: string | null; minutes: number; startedAt: Date; workDate: string; note: string | null; source: string },
  ): Promise<EntryRow> {
    const [row] = await this.db.query(
      `WITH u AS (SELECT id, department_id FROM users WHERE portal_id = $1 AND id = $2),
            r AS (SELECT ds_rate_for($1, u.id, u.department_id, $7::date) AS rate FROM u)
       INSERT INTO ds_time_entries (portal_id, user_id, deal_id, task_id, department_id, minutes, started_at, work_date, note, source, hourly_cost, cost, created_by)
       SELECT $1, u.id, $3, $4, u.department_id, $5::int, $6, $7::date, $8, $9, r.rate, coalesce(round($5::int * r.rate / 60, 2), 0), $10 FROM u, r
       RETURNING ${COLUMNS}`,
      [facts.portalId, e.userId, e.dealId, e.taskId, e.minutes, e.startedAt, e.workDate, e.note, e.source, this.ctx.userIdOrNull()],
    );
    return row;
  }

  // ---- list --------------------------------------------------------------------------------------------

  async list(q: Record<string, unknown>) {
    const p = new Problems();
    const limit = parseLimit(q['limit'], p);
    const filters: Record<string, string | undefined> = {};
    for (const key of ['dealId', 'userId', 'taskId']) {
      const v = queryParam(q[key]);
      if (v !== undefined && !isUuid(v)) p.add(key, `must be a ${key.slice(0, -2)} id (a UUID)`);
      filters[key] = v;
    }
    const from = queryParam(q['from']);
    const to = queryParam(q['to']);
    if (from !== undefined && !isRealDate(from)) p.add('from', 'must be a date YYYY-MM-DD (the work date, inclusive)');
    if (to !== undefined && !isRealDate(to)) p.add('to', 'must be a date YYYY-MM-DD (the work date, inclusive)');
    if (from && to && isRealDate(from) && isRealDate(to) && to < from) p.add('to', 'must not be before from');
    const cursor = decodeCursor(q['cursor'], p, (v) => v.length === 2 && isDateTime(v[0]) && isUuid(v[1]));
    p.throwIfAny();
    const facts = await this.ctx.portal();
    const lead = this.ctx.isLead();
    const me = this.ctx.userId();
    const rows: EntryRow[] = await this.db.query(
      `SELECT ${columns('e.')}
         FROM ds_time_entries e JOIN deals d ON d.id = e.deal_id
        WHERE e.portal_id = $1
          AND ($2::boolean OR e.user_id = $3 OR d.responsible_id = $3)
          AND ($4::uuid IS NULL OR e.deal_id = $4) AND ($5::uuid IS NULL OR e.user_id = $5) AND ($6::uuid IS NULL OR e.task_id = $6)
          AND ($7::date IS NULL OR e.work_date >= $7) AND ($8::date IS NULL OR e.work_date <= $8)
          AND ($9::timestamptz IS NULL OR (e.started_at, e.id) < ($9, $10::uuid))
        ORDER BY e.started_at DESC, e.id DESC
        LIMIT $11`,
      [facts.portalId, lead, me, filters['dealId'] ?? null, filters['userId'] ?? null, filters['taskId'] ?? null, from ?? null, to ?? null, cursor?.[0] ?? null, cursor?.[1] ?? null, limit + 1],
    );
    const more = rows.length > limit;
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map((e) => this.view(e, facts, lead)), nextCursor: more && last ? encodeCursor([new Date(last.started_at).toISOString(), last.id]) : null };
  }

  async get(id: string) {
    const facts = await this.ctx.portal();
    const e = await this.find(facts, id);
    if (!this.ctx.isLead() && e.user_id !== this.ctx.userId()) {
      const [deal] = await this.db.query(`SELECT 1 FROM deals WHERE id = $1 AND responsible_id = $2`, [e.deal_id, this.ctx.userId()]);
      if (!deal) throw new NotFoundError('Time entry', id);
    }
    return this.view(e, facts);
  }

  // ---- change ------------------------------------------------------------------------------------------

  async update(id: string, raw: unknown) {
    const b = body(raw);
    const p = new Problems();
    onlyKeys(b, ['taskId', 'dealId', 'minutes', 'startedAt', 'note'], p);
    const minutes = this.minutes(b['minutes'], p, false);
    const taskId = b['taskId'] === null ? null : optionalUuid(b, 'taskId', p, 'a task');
    const dealId = optionalUuid(b, 'dealId', p, 'a deal');
    if (b['dealId'] === null) p.add('dealId', 'an entry always belongs to a deal');
    const startedAt = this.startedAt(b['startedAt'], p);
    const note = optionalText(b, 'note', 1000, p);
    p.throwIfAny();
    const facts = await this.ctx.portal();
    return this.db.transaction(async () => {
      const e = await this.find(facts, id, true);
      this.assertMayChange(e, facts);
      let target = { dealId: e.deal_id, taskId: e.task_id };
      if (taskId !== undefined || dealId !== undefined) {
        target = taskId === null ? await this.target(facts, undefined, dealId ?? e.deal_id) : await this.target(facts, taskId ?? undefined, taskId ? dealId : (dealId ?? e.deal_id));
      }
      const start = startedAt ?? new Date(e.started_at);
      if (startedAt) this.notInFuture(start, facts);
      const workDate = startedAt ? await this.workDate(facts, start) : e.work_date;
      if (!this.ctx.isLead()) this.assertOpen(workDate, facts, 'startedAt');
      const [row] = await this.db.returning(
        `UPDATE ds_time_entries SET minutes = $3::int, started_at = $4, work_date = $5::date, note = $6, task_id = $7, deal_id = $8,
                hourly_cost = ds_rate_for(portal_id, user_id, department_id, $5::date),
                cost = coalesce(round($3::int * ds_rate_for(portal_id, user_id, department_id, $5::date) / 60, 2), 0), updated_at = now()
          WHERE portal_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
        [facts.portalId, id, minutes ?? e.minutes, start, workDate, note === undefined ? e.note : note, target.taskId, target.dealId],
      );
      for (const deal of [...new Set([e.deal_id, target.dealId])].sort()) await this.alerts.evaluate(deal, facts);
      return this.view(row, facts);
    });
  }

  async remove(id: string): Promise<void> {
    const facts = await this.ctx.portal();
    await this.db.transaction(async () => {
      const e = await this.find(facts, id, true);
      this.assertMayChange(e, facts);
      await this.db.query(`DELETE FROM ds_time_entries WHERE portal_id = $1 AND id = $2`, [facts.portalId, id]);
      await this.alerts.evaluate(e.deal_id, facts);
    });
  }

  // ---- timers ------------------------------------------------------------------------------------------

  async currentTimer() {
    const facts = await this.ctx.portal();
    const [t] = await this.db.query(`SELECT deal_id, task_id, note, started_at FROM ds_timers WHERE portal_id = $1 AND user_id = $2`, [facts.portalId, this.ctx.userId()]);
    return this.timerView(t, facts);
  }

  /** Starts the caller's timer on a task (or a deal); a timer already running is stopped first, into its entry. */
  async startTimer(raw: unknown) {
    const b = body(raw);
    const p = new Problems();
    onlyKeys(b, ['taskId', 'dealId', 'note'], p);
    const taskId = optionalUuid(b, 'taskId', p, 'a task');
    const dealId = optionalUuid(b, 'dealId', p, 'a deal');
    if (b['taskId'] == null && b['dealId'] == null) p.add('taskId', 'is required (a task of a project deal); or give dealId');
    const note = optionalText(b, 'note', 1000, p);
    p.throwIfAny();
    const facts = await this.ctx.portal();
    const me = this.ctx.userId();
    return this.db.transaction(async () => {
      await this.db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`ds-timer:${me}`]);
      const target = await this.target(facts, taskId, dealId);
      const stopped = await this.stopRunning(facts, me);
      await this.db.query(`INSERT INTO ds_timers (portal_id, user_id, deal_id, task_id, note, started_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
        facts.portalId,
        me,
        target.dealId,
        target.taskId,
        note ?? null,
        facts.now,
      ]);
      return { ...this.timerView({ deal_id: target.dealId, task_id: target.taskId, note: note ?? null, started_at: facts.now }, facts), stopped };
    });
  }

  async stopTimer(raw: unknown) {
    const b = body(raw);
    const p = new Problems();
    onlyKeys(b, ['note'], p);
    const note = optionalText(b, 'note', 1000, p);
    p.throwIfAny();
    const facts = await this.ctx.portal();
    const me = this.ctx.userId();
    return this.db.transaction(async () => {
      await this.db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`ds-timer:${me}`]);
      const entry = await this.stopRunning(facts, me, note);
      if (!entry) throw new ConflictError('timer_not_running', 'You have no running timer');
      return entry;
    });
  }

  /**
   * Stops the user's running timer into a time entry: elapsed time rounded to the nearest whole minute (a half
   * minute rounds up), at least 1, at most a day (1440). Timer entries are honest tracking: the lock period does
   * not refuse them.
   */
  private async stopRunning(facts: PortalFacts, userId: string, note?: string | null) {
    const [t] = await this.db.returning(`DELETE FROM ds_timers WHERE portal_id = $1 AND user_id = $2 RETURNING deal_id, task_id, note, started_at`, [facts.portalId, userId]);
    if (!t) return null;
    const started = new Date(t.started_at);
    const elapsed = Math.max(0, facts.now.getTime() - started.getTime());
    const minutes = Math.min(MAX_ENTRY_MINUTES, Math.max(1, Math.floor((elapsed + 30_000) / 60_000)));
    const [deal] = await this.db.query(`SELECT 1 FROM deals WHERE portal_id = $1 AND id = $2`, [facts.portalId, t.deal_id]);
    if (!deal) return null;
    const entry = await this.insert(facts, {
      userId,
      dealId: t.deal_id,
      taskId: t.task_id,
      minutes,
      startedAt: started,
      workDate: await this.workDate(facts, started),
      note: note ?? t.note ?? null,
      source: 'timer',
    });
    await this.alerts.evaluate(entry.deal_id, facts);
    return this.view(entry, facts);
  }

  private timerView(t: { deal_id: string; task_id: string | null; note: string | null; started_at: Date } | undefined, facts: PortalFacts) {
    if (!t) return { running: false, dealId: null, taskId: null, note: null, startedAt: null, elapsedMinutes: 0 };
    const started = new Date(t.started_at);
    return {
      running: true,
      dealId: t.deal_id,
      taskId: t.task_id,
      note: t.note,
      startedAt: started.toISOString(),
      elapsedMinutes: Math.floor(Math.max(0, facts.now.getTime() - started.getTime()) / 60_000),
    };
  }

  // ---- rules -------------------------------------------------------------------------------------------

  private minutes(v: unknown, p: Problems, required: boolean): number | undefined {
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      p.add('minutes', 'must be a whole number of minutes');
      return 0;
    }
    if (v < 1 || v > MAX_ENTRY_MINUTES) p.add('minutes', `must be from 1 to ${MAX_ENTRY_MINUTES} (one day)`);
    return v;
  }

  private startedAt(v: unknown, p: Problems): Date | undefined {
    if (v === undefined || v === null) return undefined;
    if (!isDateTime(v)) {
      p.add('startedAt', 'must be an ISO 8601 date-time with an offset');
      return undefined;
    }
    return new Date(v);
  }

  private notInFuture(start: Date, facts: PortalFacts): void {
    if (start.getTime() > facts.now.getTime() + 60_000) throw ValidationFailedError.field('startedAt', 'must not be in the future');
  }

  /** The day the work counts for: its start, in the portal's time zone (it picks the rate and the lock). */
  private async workDate(facts: PortalFacts, start: Date): Promise<string> {
    const [row] = await this.db.query(`SELECT to_char(($1::timestamptz AT TIME ZONE $2)::date, 'YYYY-MM-DD') AS d`, [start, facts.timezone]);
    return row.d;
  }

  private assertOpen(workDate: string, facts: PortalFacts, field: string): void {
    if (workDate < facts.lockedBefore) {
      throw new ForbiddenError(
        `Time entries dated before ${facts.lockedBefore} are locked (${facts.settings.lockDays} days); only heads and admins change them (${field} ${workDate})`,
        'period_locked',
      );
    }
  }

  private assertMayChange(e: EntryRow, facts: PortalFacts): void {
    if (this.ctx.isLead()) return;
    if (e.user_id !== this.ctx.userId()) throw new ForbiddenError('You can change only your own time entries');
    this.assertOpen(e.work_date, facts, 'workDate');
  }

  private async find(facts: PortalFacts, id: string, forUpdate = false): Promise<EntryRow> {
    if (!isUuid(id)) throw new NotFoundError('Time entry', id);
    const [e] = await this.db.query(`SELECT ${COLUMNS} FROM ds_time_entries WHERE portal_id = $1 AND id = $2 ${forUpdate ? 'FOR UPDATE' : ''}`, [facts.portalId, id]);
    if (!e) throw new NotFoundError('Time entry', id);
    return e;
  }

  /** Where time goes: a task of a project deal (its deal), or the deal itself; unknown ids are 400s naming the field. */
  private async target(facts: PortalFacts, taskId: string | undefined, dealId: string | undefined): Promise<{ dealId: string; taskId: string | null }> {
    if (taskId) {
      const [task] = await this.db.query(`SELECT deal_id FROM tasks WHERE portal_id = $1 AND id = $2`, [facts.portalId, taskId]);
      if (!task) throw ValidationFailedError.field('taskId', `Task ${taskId} does not exist in this portal`);
      if (!task.deal_id) throw ValidationFailedError.field('taskId', 'is not a project task: it belongs to no deal');
      if (dealId && dealId !== task.deal_id) throw ValidationFailedError.field('dealId', `the task belongs to the deal ${task.deal_id}, not ${dealId}`);
      return { dealId: task.deal_id, taskId };
    }
    const [deal] = await this.db.query(`SELECT id FROM deals WHERE portal_id = $1 AND id = $2`, [facts.portalId, dealId]);
    if (!deal) throw ValidationFailedError.field('dealId', `Deal ${dealId} does not exist in this portal`);
    return { dealId: deal.id, taskId: null };
  }

  private async assertUser(facts: PortalFacts, userId: string, field: string): Promise<void> {
    const [u] = await this.db.query(`SELECT 1 FROM users WHERE portal_id = $1 AND id = $2 AND deleted_at IS NULL`, [facts.portalId, userId]);
    if (!u) throw ValidationFailedError.field(field, `User ${userId} does not exist in this portal`);
  }
}
