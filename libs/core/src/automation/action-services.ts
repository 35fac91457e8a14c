import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Db } from '../database/db';
import { DealsService } from '../crm/deals/deals.service';
import { FilesService } from '../crm/files/files.service';
import { NotificationsService } from '../identity/notifications/notifications.service';
import { TasksService } from '../tasks/tasks.service';
import { AssignmentStrategies } from '../crm/assignment/assignment-strategies';
import { TimelineService } from '../crm/timeline/timeline.service';
import type { ActionServices, DealFacts, DeliveryKind } from './automation.types';
import { applyDelay } from './calendar';
import type { BusinessCalendar, Delay } from './calendar';

export interface RunScope {
  portalId: string;
  runId: string;
  ruleCode: string;
  deal: DealFacts | null;
  now: Date;
  cal: BusinessCalendar;
  /** Index of the action being executed: part of every idempotency key it makes. */
  actionIndex: number;
  deliveries: string[];
}

interface UserRow {
  id: string;
  name: string;
  email: string;
}

/** Builds the services an action uses for one run; everything joins the run's transaction. */
@Injectable()
export class ActionServicesFactory {
  constructor(
    private readonly db: Db,
    private readonly tasks: TasksService,
    private readonly deals: DealsService,
    private readonly files: FilesService,
    private readonly notifications: NotificationsService,
    private readonly strategies: AssignmentStrategies,
    private readonly timeline: TimelineService,
  ) {}

  create(scope: RunScope): ActionServices {
    let template: Record<string, unknown> | null = null;
    const users = (spec: string) => this.resolveUsers(spec, scope);
    const services: ActionServices = {
      createTask: async (t) => {
        const task = await this.tasks.create({ ...t, createdBy: 'automation', creatorId: null, fieldPrefix: `actions[${scope.actionIndex}].` });
        return { id: task.id };
      },
      changeDeal: (dealId, change) => this.deals.applyChange(dealId, change),
      createDeal: (input) => this.deals.createInTransaction(input as never),
      copyFiles: async (from, to) => (await this.files.copyAll(from, to)).length,
      notify: (userId, text, dealId, level = 'info') =>
        this.notifications.notify({ userId, kind: 'automation', text, level, dealId, dedupeKey: `run:${scope.runId}:${scope.actionIndex}` }),
      deliver: async (kind: DeliveryKind, payload) => {
        const n = scope.deliveries.length;
        const [row] = await this.db.query<{ id: string }>(
          `INSERT INTO automation_deliveries (portal_id, run_id, action_index, kind, idempotency_key, payload)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
          [scope.portalId, scope.runId, scope.actionIndex, kind, `${scope.runId}:${scope.actionIndex}:${n}`, payload],
        );
        if (row) scope.deliveries.push(row.id);
      },
      resolveAssignee: async (spec, target) => {
        if (spec.startsWith('strategy:')) return this.byStrategy(spec.slice(9), scope, target ?? 'task');
        const found = await users(spec);
        if (spec.startsWith('role:') && found.length > 1) return this.leastBusy(found.map((u) => u.id));
        return found[0]?.id ?? null;
      },
      resolveUsers: users,
      dueFrom: (spec) => this.due(spec, scope),
      templateContext: async () => (template ??= await this.templateContext(scope)),
    };
    return services;
  }

  /**
   * A strategy's pick, from the pool of the deal's pipeline `assignment` setting when it has one; the
   * decision and its reason go on the deal's timeline.
   */
  private async byStrategy(name: string, scope: RunScope, target: 'deal' | 'task'): Promise<string | null> {
    const deal = scope.deal;
    const [setting] = deal ? await this.db.query<{ a: Record<string, string> | null }>(`SELECT settings->'assignment' AS a FROM pipelines WHERE id = $1`, [deal.pipelineId]) : [];
    const a = setting?.a ?? {};
    const decision = await this.strategies.decide(name, {
      portalId: scope.portalId,
      target,
      deal: deal ? { id: deal.id, title: deal.title, pipelineId: deal.pipelineId, pipelineCode: deal.pipelineCode, responsibleId: deal.responsibleId } : null,
      pool: { departmentId: a['departmentId'] ?? null, requiresCourseId: a['requiresCourseId'] ?? null },
    });
    if (!decision) throw new Error(`the assignment strategy "${name}" is not available on this portal`);
    if (deal) await this.timeline.add('deal', deal.id, 'assigned', { target, userId: decision.userId, strategy: name, reason: decision.reason, rule: scope.ruleCode });
    return decision.userId;
  }

  private due(spec: unknown, scope: RunScope): Date {
    const s = (spec ?? { days: 1 }) as Delay & { field?: string };
    if (s.field) {
      const value = scope.deal?.fields[s.field];
      if (typeof value !== 'string' || !value) throw new Error(`the date field "${s.field}" is empty`);
      const base = /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? DateTime.fromISO(value, { zone: scope.cal.timezone }).set({ hour: 19, minute: 0 }).toJSDate()
        : new Date(value);
      const { field: _f, ...rest } = s;
      if (rest.at) {
        const [h, m] = rest.at.split(':').map(Number);
        return DateTime.fromJSDate(base, { zone: scope.cal.timezone }).set({ hour: h, minute: m, second: 0, millisecond: 0 }).toJSDate();
      }
      return base;
    }
    return applyDelay(scope.cal, scope.now, s);
  }

  private async resolveUsers(spec: string, scope: RunScope): Promise<UserRow[]> {
    const active = `portal_id = $1 AND active AND deleted_at IS NULL`;
    const one = async (id: unknown) => (typeof id === 'string' && id ? this.db.query<UserRow>(`SELECT id, name, email FROM users WHERE ${active} AND id::text = $2`, [scope.portalId, id]) : []);
    if (spec === 'responsible') return one(scope.deal?.responsibleId);
    if (spec === 'department-head') {
      return this.db.query<UserRow>(
        `SELECT h.id, h.name, h.email FROM users u JOIN departments d ON d.id = u.department_id JOIN users h ON h.id = d.head_id
          WHERE u.id = $2 AND h.portal_id = $1 AND h.active AND h.deleted_at IS NULL`,
        [scope.portalId, scope.deal?.responsibleId ?? null],
      );
    }
    const [kind, ...rest] = spec.split(':');
    const arg = rest.join(':');
    if (kind === 'user') return one(arg);
    if (kind === 'field') return one(scope.deal?.fields[arg]);
    if (kind === 'role') return this.db.query<UserRow>(`SELECT id, name, email FROM users WHERE ${active} AND $2 = ANY(roles) ORDER BY name, id`, [scope.portalId, arg]);
    return [];
  }

  /** Among several candidates (a role), the one with the fewest open tasks. */
  private async leastBusy(ids: string[]): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(
      `SELECT u.id FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, n)
        ORDER BY (SELECT count(*) FROM tasks t WHERE t.assignee_id = u.id AND t.status = 'open'), n LIMIT 1`,
      [ids],
    );
    return row.id;
  }

  private async templateContext(scope: RunScope): Promise<Record<string, unknown>> {
    const deal = scope.deal;
    const [portal] = await this.db.query(`SELECT name, slug FROM portals WHERE id = $1`, [scope.portalId]);
    if (!deal) return { portal, deal: null, contact: null, company: null, responsible: null };
    const [contact] = deal.contactIds.length ? await this.db.query(`SELECT id, name, emails, phones FROM contacts WHERE id = $1`, [deal.contactIds[0]]) : [];
    const [company] = deal.companyId ? await this.db.query(`SELECT id, name, emails, phones FROM companies WHERE id = $1`, [deal.companyId]) : [];
    const [responsible] = deal.responsibleId ? await this.db.query(`SELECT id, name, email FROM users WHERE id = $1`, [deal.responsibleId]) : [];
    return {
      portal,
      deal: { id: deal.id, title: deal.title, budget: deal.budget, currency: deal.currency, stage: deal.stageCode, pipeline: deal.pipelineCode, tags: deal.tags, fields: deal.fields },
      contact: contact ? { id: contact.id, name: contact.name, email: contact.emails?.[0] ?? null, phone: contact.phones?.[0] ?? null } : null,
      company: company ? { id: company.id, name: company.name, email: company.emails?.[0] ?? null, phone: company.phones?.[0] ?? null } : null,
      responsible: responsible ?? null,
    };
  }
}
