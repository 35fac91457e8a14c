import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { Clock } from '../../common/clock';
import { ConflictError, ErrorDetail, ForbiddenError, NotFoundError, UnprocessableError, ValidationFailedError } from '../../common/errors';
import { MoneyInput, formatMoney, parseMoney } from '../../common/money';
import { Page, decodeCursor, pageOf, parseLimit } from '../../common/pagination';
import { RequestContext } from '../../common/request-context';
import { isUuid } from '../../common/uuid';
import { Db } from '../../database/db';
import { AssignmentStrategies } from '../assignment/assignment-strategies';
import { DomainEvents } from '../../events/domain-events';
import { OutboxService } from '../../events/outbox.service';
import type { StageGuardDeal } from '../../extensions/extension-points';
import { StageGuardsRegistry } from '../../extensions/stage-guards.registry';
import { UsersRepository } from '../../identity/users/users.repository';
import { TasksService } from '../../tasks/tasks.service';
import { CompaniesService } from '../companies/companies.service';
import { ContactsService } from '../contacts/contacts.service';
import { FieldValuesService } from '../fields/field-values.service';
import { FilesService } from '../files/files.service';
import { NotesService } from '../notes/notes.service';
import { PipelineWithStages, PipelinesService } from '../pipelines/pipelines.service';
import { StageEntity } from '../pipelines/stage.entity';
import { TimelineService, TimelineView } from '../timeline/timeline.service';
import { DealBatchWriter } from './deal-batch.writer';
import { DealState, diffDeal, sameList } from './deal-changes';
import { DealEntity } from './deal.entity';
import { StageRulesUnmetError } from './deal.errors';
import { DealReferences } from './deal-references';
import { normalizeTags, withTags, withoutTags } from './deal-tags';
import { DealView, dealView } from './deal.view';
import { hasNul } from '../../common/dto-validators';
import { DealsRepository, NewDealRecord } from './deals.repository';
import { StageRuleViolation, requiresNoOpenTasks, unmetStageGuards, unmetStageRules } from './stage-rules';

export interface CreateDealInput {
  title: string;
  pipeline: string;
  stage?: string;
  budget?: MoneyInput | null;
  currency?: string;
  responsibleId?: string | null;
  contactIds?: string[];
  companyId?: string | null;
  fields?: Record<string, unknown>;
  tags?: string[];
  lostReason?: string | null;
}

/** A change to one deal: PATCH's fields, plus the tag edits bulk actions and automations make. */
export interface DealChange {
  title?: string;
  pipeline?: string;
  stage?: string;
  budget?: MoneyInput | null;
  currency?: string;
  responsibleId?: string | null;
  contactIds?: string[];
  companyId?: string | null;
  /** A partial patch: a null value clears that field. */
  fields?: Record<string, unknown>;
  tags?: string[];
  addTags?: string[];
  removeTags?: string[];
  lostReason?: string | null;
}

export interface CopyDealInput {
  pipeline?: string;
  stage?: string;
  include?: ('fields' | 'tags' | 'files' | 'contacts')[];
}

interface PreparedDeal {
  record: NewDealRecord;
  pipeline: PipelineWithStages;
  stage: StageEntity;
  /** Set when the pipeline's `assignment` strategy chose the responsible: what goes on the timeline. */
  assigned?: Record<string, unknown>;
}

export const DEFAULT_CURRENCY = 'UAH';

/** Where a deal is: what stage events and the timeline carry, ids and codes both. */
export function stagePlace(p: PipelineWithStages, s: StageEntity) {
  return { pipelineId: p.id, pipelineCode: p.code, stageId: s.id, stageCode: s.code, stageKind: s.kind, stageName: s.name };
}

const uniq = (ids: string[]) => [...new Set(ids)];

/** Deals: create, list, change (moves checked against stage rules), delete, copy, import. One transaction each. */
@Injectable()
export class DealsService {
  constructor(
    private readonly deals: DealsRepository,
    private readonly pipelines: PipelinesService,
    private readonly fieldValues: FieldValuesService,
    private readonly contacts: ContactsService,
    private readonly companies: CompaniesService,
    private readonly users: UsersRepository,
    private readonly notes: NotesService,
    private readonly files: FilesService,
    private readonly outbox: OutboxService,
    private readonly timeline: TimelineService,
    private readonly batch: DealBatchWriter,
    private readonly clock: Clock,
    private readonly tasks: TasksService,
    private readonly db: Db,
    private readonly strategies: AssignmentStrategies,
    private readonly stageGuards: StageGuardsRegistry,
  ) {}

  // ---- reads ---------------------------------------------------------------------------------------

  async get(id: string): Promise<DealView> {
    const row = await this.deals.findRow(id);
    if (!row) throw new NotFoundError('Deal', id);
    return dealView(row);
  }

  /** The deal's row (404 when unknown here), for other contexts that need its state. */
  getEntity(id: string): Promise<DealEntity> {
    return this.deals.get(id);
  }

  /** For a deal id inside a request body: unknown → 400 naming `field`. */
  async assertExists(id: string, field = 'dealId'): Promise<void> {
    if (!(await this.deals.findById(id))) throw ValidationFailedError.field(field, `Deal ${id} does not exist in this portal`);
  }

  async list(query: { pipeline?: string; stage?: string; responsibleId?: string; tag?: string; q?: string; limit?: unknown; cursor?: unknown }): Promise<Page<DealView>> {
    const limit = parseLimit(query.limit);
    const after = decodeCursor(query.cursor);
    if (after && !isUuid(after.id)) throw ValidationFailedError.field('cursor', 'is not a cursor returned by this list');
    const pipelineRef = query.pipeline || undefined;
    const stageRef = query.stage || undefined;
    // The kanban column (pipeline id + stage id) needs no lookup: the list query filters by the ids, and only
    // an empty page pays for the check that tells an unknown pipeline/stage (400) from an empty column.
    const byIds = !!pipelineRef && !!stageRef && isUuid(pipelineRef) && isUuid(stageRef);
    const places = byIds ? [{ pipelineId: pipelineRef, stageId: stageRef }] : await this.deals.resolveListScope(pipelineRef, stageRef);
    const rows = await this.deals.listRows(
      { places, responsibleId: query.responsibleId || undefined, tag: query.tag?.trim() || undefined, q: query.q?.trim() || undefined, after },
      limit + 1,
    );
    if (byIds && !rows.length) await this.deals.resolveListScope(pipelineRef, stageRef);
    return pageOf(rows, limit, dealView);
  }

  /**
   * GET /deals/summary: every stage of a pipeline in order with its deal count and budget sums (per
   * currency), under the same filters as the list — the kanban's column headers.
   */
  async summary(query: { pipeline?: string; responsibleId?: string; tag?: string; q?: string }) {
    if (!query.pipeline) throw ValidationFailedError.field('pipeline', 'is required');
    const pipeline = await this.pipelines.resolvePipeline(query.pipeline, 'pipeline');
    const rows = await this.deals.stageTotals(pipeline.id, { responsibleId: query.responsibleId || undefined, tag: query.tag?.trim() || undefined, q: query.q?.trim() || undefined });
    return {
      pipeline: { id: pipeline.id, code: pipeline.code },
      stages: pipeline.stages.map((s) => {
        const mine = rows.filter((r) => r.stage_id === s.id);
        return {
          stageId: s.id,
          code: s.code,
          kind: s.kind,
          count: mine.reduce((n, r) => n + r.count, 0),
          budgets: mine.filter((r) => r.budget !== null).map((r) => ({ currency: r.currency, sum: formatMoney(r.budget as string) })),
        };
      }),
    };
  }

  async timelineOf(id: string, query: { limit?: unknown; cursor?: unknown; kind?: string } = {}): Promise<Page<TimelineView>> {
    await this.deals.get(id);
    return this.timeline.list('deal', id, query);
  }

  // ---- create --------------------------------------------------------------------------------------

  async create(input: CreateDealInput): Promise<DealView> {
    return this.db.transaction(async () => this.get(await this.createInTransaction(input)));
  }

  /**
   * Creates one deal in the caller's transaction (or its own) and returns its id: `deal.created` and
   * `stage.entered` in the outbox, `created` on the timeline. For automations and copies.
   */
  async createInTransaction(input: CreateDealInput): Promise<string> {
    return this.db.transaction(async () => {
      const refs = this.references();
      const { record, pipeline, stage, assigned } = await this.prepareNew(input, refs);
      await this.deals.insertMany([record]);
      const place = stagePlace(pipeline, stage);
      await this.outbox.record(DomainEvents.DealCreated, 'deal', record.id, this.createdPayload(record, pipeline, stage));
      await this.outbox.record(DomainEvents.StageEntered, 'deal', record.id, { dealId: record.id, ...place, from: null, to: place });
      await this.timeline.add('deal', record.id, 'created', { title: record.title, to: place });
      if (assigned) await this.timeline.add('deal', record.id, 'assigned', assigned);
      return record.id;
    });
  }

  /**
   * The bulk create path (importers): up to 1000 deals, all or nothing. References are resolved once per
   * request, the rows, contacts, outbox events and timeline entries go in one statement each. Errors name
   * `items[i].<field>`; unmet stage rules answer 422 with `index` on each detail.
   */
  async importMany(items: CreateDealInput[]): Promise<{ created: number; ids: string[] }> {
    return this.db.transaction(async () => {
      const refs = this.references();
      await refs.preloadContacts(items.flatMap((i) => i.contactIds ?? []));
      // Most imported rows carry no custom fields: when the portal requires none, those skip the per-row check.
      const blankFieldsOk = await this.blankFieldsAreValid();
      const prepared: PreparedDeal[] = [];
      const invalid: ErrorDetail[] = [];
      const unmet: ErrorDetail[] = [];
      for (const [index, item] of items.entries()) {
        try {
          prepared.push(await this.prepareNew(item, refs, `items[${index}].`, blankFieldsOk));
        } catch (err) {
          if (err instanceof ValidationFailedError) invalid.push(...err.details);
          else if (err instanceof StageRulesUnmetError) unmet.push(...err.details.map((d) => ({ index, ...d })));
          else throw err;
        }
        if (invalid.length >= 100) break;
      }
      if (invalid.length) throw new ValidationFailedError(invalid.slice(0, 100) as { field: string; message: string }[]);
      if (unmet.length) {
        const count = new Set(unmet.map((d) => d.index)).size;
        throw new UnprocessableError('stage_rules_unmet', `${count} item(s) do not meet the rules of the stage they would be created in`, unmet);
      }
      const records = prepared.map((p) => p.record);
      await this.deals.insertMany(records);
      await this.batch.recordEvents(
        prepared.flatMap((p) => {
          const place = stagePlace(p.pipeline, p.stage);
          return [
            { type: DomainEvents.DealCreated, aggregateId: p.record.id, payload: this.createdPayload(p.record, p.pipeline, p.stage) },
            { type: DomainEvents.StageEntered, aggregateId: p.record.id, payload: { dealId: p.record.id, ...place, from: null, to: place } },
          ];
        }),
      );
      await this.batch.addTimeline(
        prepared.flatMap((p) => [
          { entityId: p.record.id, kind: 'created', data: { title: p.record.title, to: stagePlace(p.pipeline, p.stage), imported: true } },
          ...(p.assigned ? [{ entityId: p.record.id, kind: 'assigned', data: p.assigned }] : []),
        ]),
      );
      return { created: records.length, ids: records.map((r) => r.id) };
    });
  }

  private references(): DealReferences {
    const refs = new DealReferences({ pipelines: this.pipelines, users: this.users, contacts: this.contacts, companies: this.companies });
    refs.trustUser(RequestContext.userId());
    return refs;
  }

  private createdPayload(d: NewDealRecord, p: PipelineWithStages, s: StageEntity): Record<string, unknown> {
    return { dealId: d.id, title: d.title, responsibleId: d.responsibleId, budget: d.budget, ...stagePlace(p, s) };
  }

  /** Validates and resolves one new deal; nothing is written. `prefix` goes in front of every field name. */
  private async prepareNew(input: CreateDealInput, refs: DealReferences, prefix = '', blankFieldsOk = false): Promise<PreparedDeal> {
    const f = (name: string) => `${prefix}${name}`;
    const pipeline = await refs.pipeline(input.pipeline, f('pipeline'));
    const stage = input.stage !== undefined ? this.pipelines.resolveStage(pipeline, input.stage, f('stage')) : this.pipelines.firstStage(pipeline);
    if (!stage) throw ValidationFailedError.field(f('pipeline'), `pipeline "${pipeline.code}" has no stages`);
    const budget = this.budget(input.budget, f('budget'));
    const currency = (input.currency ?? DEFAULT_CURRENCY).toUpperCase();
    const id = randomUUID();
    const title = this.title(input.title, f('title'));
    const assigned = input.responsibleId === undefined ? await this.assignByPipeline(pipeline, id, title) : undefined;
    const responsibleId = input.responsibleId === undefined ? ((assigned?.['userId'] as string | null) ?? RequestContext.userId() ?? null) : input.responsibleId;
    if (responsibleId && input.responsibleId !== undefined) await refs.user(responsibleId, f('responsibleId'));
    const contactIds = uniq(input.contactIds ?? []);
    if (contactIds.length) await refs.contactIds(contactIds, f('contactIds'));
    const companyId = input.companyId ?? null;
    if (companyId) await refs.company(companyId, f('companyId'));
    const hasFields = !!input.fields && Object.keys(input.fields).length > 0;
    const fields = !hasFields && blankFieldsOk ? {} : await this.normalizeFields(input.fields, {}, true, prefix);
    const tags = normalizeTags(input.tags ?? [], f('tags'));
    const lostReason = input.lostReason?.trim() || null;
    if (lostReason && stage.kind !== 'lost') throw ValidationFailedError.field(f('lostReason'), 'only a deal in a lost stage has a loss reason');
    const unmet = [
      ...unmetStageRules(stage.rules, { title, budget, responsibleId, contactIds, companyId, lostReason, fields }, [], (v) => this.fieldValues.isFilled(v)),
      ...(await this.unmetGuards(pipeline, stage, { id: null, title, budget, responsibleId, contactIds, companyId, fields })),
    ];
    if (unmet.length) throw new StageRulesUnmetError(stage.code, unmet, prefix ? `${prefix.slice(0, -1)}: ` : '', pipeline.code);
    const now = this.clock.now();
    const record: NewDealRecord = {
      id,
      title,
      pipelineId: pipeline.id,
      stageId: stage.id,
      budget,
      currency,
      responsibleId,
      companyId,
      fields,
      tags,
      contactIds,
      lostReason,
      stageEnteredAt: now,
      closedAt: stage.kind === 'open' ? null : now,
      createdBy: RequestContext.userId() ?? null,
      createdAt: now,
    };
    return { record, pipeline, stage, assigned };
  }

  /**
   * A new deal with no responsible named, in a pipeline with an `assignment` setting: the strategy picks,
   * inside this transaction (so its lock holds until the deal is written). Nobody eligible, or the
   * strategy's plugin gone: the creator keeps it, and the timeline says why.
   */
  private async assignByPipeline(pipeline: PipelineWithStages, dealId: string, title: string): Promise<Record<string, unknown> | undefined> {
    const a = pipeline.settings?.['assignment'] as { strategy?: string; departmentId?: string | null; requiresCourseId?: string | null } | null | undefined;
    if (!a?.strategy) return undefined;
    const decision = await this.strategies.decide(a.strategy, {
      portalId: RequestContext.portalId(),
      target: 'deal',
      deal: { id: dealId, title, pipelineId: pipeline.id, pipelineCode: pipeline.code, responsibleId: null },
      pool: { departmentId: a.departmentId ?? null, requiresCourseId: a.requiresCourseId ?? null },
    });
    if (!decision) return { target: 'deal', strategy: a.strategy, userId: null, reason: `the strategy "${a.strategy}" is not available on this portal; the creator keeps the deal` };
    return { target: 'deal', ...decision, ...(decision.userId ? {} : { reason: `${decision.reason}; the creator keeps the deal` }) };
  }

  // ---- change --------------------------------------------------------------------------------------

  /** PATCH /deals/:id: applies the change and answers the deal as it now is. */
  async update(id: string, change: DealChange): Promise<DealView> {
    return this.db.transaction(async () => {
      await this.applyChange(id, change);
      return this.get(id);
    });
  }

  /** Moves a deal to a stage (of its pipeline, or of `pipeline`), under the same rules as PATCH. */
  async move(id: string, stage: string, opts: { pipeline?: string; lostReason?: string | null } = {}): Promise<void> {
    await this.applyChange(id, { stage, ...opts });
  }

  /**
   * The one implementation of "change a deal" (PATCH, bulk actions, automations), in one transaction with
   * the deal row locked. A stage move is checked against the target stage's rules with the deal as it
   * will be after the whole change; an unmet rule refuses everything (422 naming every unmet rule).
   */
  async applyChange(id: string, change: DealChange): Promise<void> {
    await this.db.transaction(async () => {
      const deal = await this.deals.getForUpdate(id);
      const before: DealState = {
        title: deal.title,
        budget: deal.budget === null ? null : formatMoney(deal.budget),
        currency: deal.currency,
        responsibleId: deal.responsibleId,
        companyId: deal.companyId,
        contactIds: await this.deals.contactIdsOf(id),
        tags: deal.tags,
        fields: deal.fields ?? {},
        lostReason: deal.lostReason,
      };
      const after: DealState = { ...before };

      // Where the deal goes, if anywhere (stages are only read when the change names one).
      let move: { fromPipeline: PipelineWithStages; fromStage: StageEntity; toPipeline: PipelineWithStages; toStage: StageEntity } | null = null;
      let targetStage: StageEntity | null = null;
      if (change.pipeline !== undefined || change.stage !== undefined) {
        const fromPipeline = await this.pipelines.getPipeline(deal.pipelineId);
        const fromStage = fromPipeline.stages.find((s) => s.id === deal.stageId) ?? (await this.pipelines.getStage(deal.stageId));
        const toPipeline = change.pipeline !== undefined ? await this.pipelines.resolvePipeline(change.pipeline, 'pipeline') : fromPipeline;
        let toStage = fromStage;
        if (change.stage !== undefined) toStage = this.pipelines.resolveStage(toPipeline, change.stage, 'stage');
        else if (toPipeline.id !== fromPipeline.id) toStage = this.pipelines.firstStage(toPipeline);
        if (!toStage) throw ValidationFailedError.field('pipeline', `pipeline "${toPipeline.code}" has no stages`);
        targetStage = toStage;
        if (toStage.id !== fromStage.id) move = { fromPipeline, fromStage, toPipeline, toStage };
      }

      if (change.title !== undefined) after.title = this.title(change.title, 'title');
      if (change.budget !== undefined) after.budget = this.budget(change.budget, 'budget');
      if (change.currency !== undefined) after.currency = change.currency.toUpperCase();
      if (change.responsibleId !== undefined) {
        after.responsibleId = change.responsibleId;
        if (after.responsibleId && after.responsibleId !== before.responsibleId) await this.users.assertExist([after.responsibleId], 'responsibleId');
      }
      if (change.companyId !== undefined) {
        after.companyId = change.companyId;
        if (after.companyId && after.companyId !== before.companyId) await this.companies.assertExists(after.companyId, 'companyId');
      }
      if (change.contactIds !== undefined) {
        after.contactIds = uniq(change.contactIds);
        if (after.contactIds.length) await this.contacts.assertExist(after.contactIds, 'contactIds');
      }
      if (change.fields !== undefined) after.fields = await this.normalizeFields(change.fields, before.fields, false);
      if (change.tags !== undefined) after.tags = normalizeTags(change.tags, 'tags');
      if (change.addTags?.length) after.tags = withTags(after.tags, normalizeTags(change.addTags, 'tags'));
      if (change.removeTags?.length) after.tags = withoutTags(after.tags, change.removeTags);
      if (change.lostReason !== undefined) {
        const reason = change.lostReason?.trim() || null;
        if (reason && (targetStage ?? (await this.pipelines.getStage(deal.stageId))).kind !== 'lost') {
          throw ValidationFailedError.field('lostReason', 'only a deal in a lost stage has a loss reason');
        }
        after.lostReason = reason;
      }
      if (move && move.toStage.kind !== 'lost') after.lostReason = null;

      if (move) {
        const { toPipeline, toStage } = move;
        const openTaskIds = requiresNoOpenTasks(toStage.rules) ? await this.tasks.openTaskIds(id) : [];
        const unmet = [...unmetStageRules(toStage.rules, after, openTaskIds, (v) => this.fieldValues.isFilled(v)), ...(await this.unmetGuards(toPipeline, toStage, { id, ...after }))];
        if (unmet.length) throw new StageRulesUnmetError(toStage.code, unmet, '', toPipeline.code);
      }

      const changes = diffDeal(before, after);
      if (!move && !changes.length) return;

      const now = this.clock.now();
      const values: Partial<DealEntity> = {
        title: after.title,
        budget: after.budget,
        currency: after.currency,
        responsibleId: after.responsibleId,
        companyId: after.companyId,
        fields: after.fields,
        tags: after.tags,
        lostReason: after.lostReason,
        updatedAt: now,
      };
      if (move) Object.assign(values, { pipelineId: move.toPipeline.id, stageId: move.toStage.id, stageEnteredAt: now, closedAt: move.toStage.kind === 'open' ? null : now });
      await this.deals.update(id, values);
      if (!sameList(before.contactIds, after.contactIds)) await this.deals.replaceContacts(id, after.contactIds);

      if (move) {
        const from = stagePlace(move.fromPipeline, move.fromStage);
        const to = stagePlace(move.toPipeline, move.toStage);
        await this.outbox.record(DomainEvents.StageLeft, 'deal', id, { dealId: id, ...from, from, to });
        await this.outbox.record(DomainEvents.StageEntered, 'deal', id, { dealId: id, ...to, from, to, lostReason: after.lostReason });
        await this.timeline.add('deal', id, 'stage_moved', { from, to, ...(after.lostReason ? { lostReason: after.lostReason } : {}) });
      }
      for (const c of changes) {
        await this.outbox.record(DomainEvents.FieldChanged, 'deal', id, { dealId: id, field: c.field, from: c.from, to: c.to });
        await this.timeline.add('deal', id, 'field_changed', { field: c.field, from: c.from, to: c.to });
      }
    });
  }

  // ---- delete, copy --------------------------------------------------------------------------------

  /** Only an admin or the deal's responsible may delete it; its notes and files go with it. */
  async remove(id: string): Promise<void> {
    const keys = await this.db.transaction(async () => {
      const deal = await this.deals.getForUpdate(id);
      if (!RequestContext.hasRole('admin') && deal.responsibleId !== RequestContext.userId()) {
        throw new ForbiddenError("Only an admin or the deal's responsible can delete it");
      }
      await this.notes.removeForDeal(id);
      const fileKeys = await this.files.detachAllFromDeal(id);
      try {
        await this.deals.delete(id);
      } catch (err) {
        // A record of another context (an invoice, say) still points at the deal.
        if (err instanceof QueryFailedError && (err as unknown as { code?: string }).code === '23503') {
          throw new ConflictError('deal_in_use', 'Other records still refer to this deal', [{ id }]);
        }
        throw err;
      }
      await this.outbox.record(DomainEvents.DealDeleted, 'deal', id, { dealId: id, title: deal.title, pipelineId: deal.pipelineId, stageId: deal.stageId });
      return fileKeys;
    });
    await this.files.discard(keys);
  }

  /**
   * A new deal from an existing one: title, budget, currency, responsible and company always; `include`
   * adds custom fields, tags, files (contents duplicated) and contacts. The target stage's rules apply.
   */
  async copy(id: string, input: CopyDealInput): Promise<DealView> {
    return this.db.transaction(async () => {
      const source = await this.deals.findRow(id);
      if (!source) throw new NotFoundError('Deal', id);
      const include = new Set(input.include ?? []);
      const responsible = source.responsibleId ? await this.users.findById(source.responsibleId) : null;
      const keepResponsible = !!responsible && responsible.active && !responsible.deletedAt;
      const newId = await this.createInTransaction({
        title: source.title,
        pipeline: input.pipeline ?? source.pipelineId,
        stage: input.stage,
        budget: source.budget,
        currency: source.currency,
        responsibleId: keepResponsible ? source.responsibleId : undefined,
        companyId: source.companyId,
        fields: include.has('fields') ? source.fields : undefined,
        tags: include.has('tags') ? source.tags : undefined,
        contactIds: include.has('contacts') ? source.contactIds : undefined,
      });
      const files = include.has('files') ? await this.files.copyAll(source.id, newId) : [];
      await this.timeline.add('deal', newId, 'copied_from', { dealId: source.id, title: source.title, include: [...include], files: files.length });
      await this.timeline.add('deal', source.id, 'copied_to', { dealId: newId, include: [...include] });
      return this.get(newId);
    });
  }

  // ---- values --------------------------------------------------------------------------------------

  /** The stage's plugin guards the deal (as it will be) does not pass; guards of uninstalled plugins are skipped. */
  private async unmetGuards(pipeline: PipelineWithStages, stage: StageEntity, deal: StageGuardDeal): Promise<StageRuleViolation[]> {
    if (!stage.rules?.guards?.length) return [];
    const ctx = {
      portalId: RequestContext.portalId(),
      // Copies: whatever a guard does with them cannot change the deal being saved.
      deal: { id: deal.id, title: deal.title, budget: deal.budget, responsibleId: deal.responsibleId, contactIds: [...deal.contactIds], companyId: deal.companyId, fields: { ...deal.fields } },
      stage: { code: stage.code, pipelineCode: pipeline.code },
      query: (sql: string, params: unknown[]) => this.db.query(sql, params),
    };
    return unmetStageGuards(stage.rules, (guard) => this.stageGuards.check(guard, ctx));
  }

  private title(raw: string, field: string): string {
    const title = typeof raw === 'string' ? raw.trim() : '';
    if (!title) throw ValidationFailedError.field(field, 'must not be empty');
    return title;
  }

  /** Exact decimal from the DTO to the column: "1500.00"; never a float. */
  private budget(raw: MoneyInput | null | undefined, field: string): string | null {
    if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return null;
    const amount = parseMoney(raw);
    if (!amount || amount.isNegative()) throw ValidationFailedError.field(field, 'must be an amount of money with at most two decimal places, e.g. "1500.00"');
    return formatMoney(amount);
  }

  /** Whether a new deal without custom field values passes the portal's field rules (no field is required). */
  private async blankFieldsAreValid(): Promise<boolean> {
    try {
      await this.fieldValues.normalize('deal', undefined, {}, { creating: true });
      return true;
    } catch (err) {
      if (err instanceof ValidationFailedError) return false;
      throw err;
    }
  }

  private async normalizeFields(input: Record<string, unknown> | undefined, current: Record<string, unknown>, creating: boolean, prefix = ''): Promise<Record<string, unknown>> {
    // jsonb refuses NUL: caught here as the client's mistake rather than in the database as ours.
    for (const [code, value] of Object.entries(input ?? {})) {
      if (hasNul(code) || hasNul(value)) throw ValidationFailedError.field(`${prefix}fields.${code.split('\u0000').join('')}`, 'must not contain NUL characters');
    }
    try {
      return await this.fieldValues.normalize('deal', input, current, { creating });
    } catch (err) {
      if (prefix && err instanceof ValidationFailedError) {
        throw new ValidationFailedError(err.details.map((d) => ({ ...d, field: `${prefix}${String(d['field'])}`, message: String(d['message']) })));
      }
      throw err;
    }
  }
}
