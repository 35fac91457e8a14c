import { Injectable } from '@nestjs/common';
import { NotFoundError, ValidationFailedError, unknownReference } from '../../common/errors';
import { RequestContext } from '../../common/request-context';
import { isUuid } from '../../common/uuid';
import { Db } from '../../database/db';
import { StageGuardsRegistry } from '../../extensions/stage-guards.registry';
import type { PluginDescriptor } from '../../marketplace/plugin-descriptor';
import { AssignmentStrategies } from '../assignment/assignment-strategies';
import { CreatePipelineDto, PatchStageDto, UpdatePipelineDto } from './dto/pipeline.dto';
import { PipelineCodeTakenError, StageHasDealsError } from './pipeline.errors';
import { InstallStep, PipelineInput, Problem, StageInput, codeProblem, mergeStageOrder, nameProblem, normalizeRules, stagesProblems, widenRules } from './pipeline-definition';
import { PipelineEntity } from './pipeline.entity';
import { PipelinesRepository, StagesRepository } from './pipelines.repository';
import { StageEntity } from './stage.entity';

export { BUILT_IN_DEAL_FIELDS } from './pipeline-definition';

export type PipelineWithStages = PipelineEntity & { stages: StageEntity[] };

/** A stage as a request or install data lists it, as far as its guards go. */
type StageGuardsInput = { code?: string; rules?: { guards?: string[] } | null };

/** Whether a plugin's own install data puts `guard` on that stage (the host records the plugin as installed only after it). */
function declaresGuard(plugin: PluginDescriptor, pipeline: string, stage: string | undefined, guard: string): boolean {
  return !!plugin.install?.pipelines?.some((p) => p.code === pipeline && p.stages.some((s) => s.code === stage && !!s.rules?.guards?.includes(guard)));
}

/** A stage of a full-list edit: an existing one (matched by id or code) with its edits, or a new one. */
interface StagePlan {
  stage?: StageEntity;
  code: string;
  name: string;
  kind: StageEntity['kind'];
  rules: StageEntity['rules'];
}

/** Pipelines and their ordered stages; references accept the id or the stable code. */
@Injectable()
export class PipelinesService {
  constructor(
    private readonly pipelines: PipelinesRepository,
    private readonly stages: StagesRepository,
    private readonly db: Db,
    private readonly strategies: AssignmentStrategies,
    private readonly stageGuards: StageGuardsRegistry,
  ) {}

  async findPipeline(ref: string): Promise<PipelineWithStages | null> {
    if (typeof ref !== 'string' || !ref) return null;
    const qb = this.pipelines.qb('p');
    if (isUuid(ref)) qb.andWhere('p.id = :ref', { ref });
    else qb.andWhere('p.code = :ref', { ref });
    const p = await qb.getOne();
    if (!p) return null;
    return { ...p, stages: await this.stagesOf(p.id) } as PipelineWithStages;
  }

  /** For a reference inside a request body or query: unknown → 400 naming the field. */
  async resolvePipeline(ref: string, field = 'pipeline'): Promise<PipelineWithStages> {
    const p = await this.findPipeline(ref);
    if (!p) throw ValidationFailedError.field(field, `unknown pipeline "${ref}"`);
    return p;
  }

  /** For a reference in the path: unknown → 404. */
  async getPipeline(ref: string): Promise<PipelineWithStages> {
    const p = await this.findPipeline(ref);
    if (!p) throw new NotFoundError('Pipeline', ref);
    return p;
  }

  resolveStage(pipeline: PipelineWithStages, ref: string, field = 'stage'): StageEntity {
    const s = pipeline.stages.find((st) => st.id === ref || st.code === ref);
    if (!s) throw ValidationFailedError.field(field, `unknown stage "${ref}" in pipeline "${pipeline.code}"`);
    return s;
  }

  /** Where a new deal lands when no stage is given: the first open stage. */
  firstStage(pipeline: PipelineWithStages): StageEntity {
    const open = pipeline.stages.filter((s) => s.kind === 'open');
    return open[0] ?? pipeline.stages[0];
  }

  stagesOf(pipelineId: string): Promise<StageEntity[]> {
    return this.stages.qb('s').andWhere('s.pipeline_id = :pipelineId', { pipelineId }).orderBy('s.position', 'ASC').getMany();
  }

  /** Every pipeline of the portal with its stages, in two queries. */
  async listWithStages(includeArchived = false): Promise<PipelineWithStages[]> {
    const qb = this.pipelines.qb('p').orderBy('p.position', 'ASC').addOrderBy('p.created_at', 'ASC');
    if (!includeArchived) qb.andWhere('p.archived = false');
    const pipelines = await qb.getMany();
    if (!pipelines.length) return [];
    const stages = await this.stages
      .qb('s')
      .andWhere('s.pipeline_id IN (:...ids)', { ids: pipelines.map((p) => p.id) })
      .orderBy('s.position', 'ASC')
      .getMany();
    return pipelines.map((p) => ({ ...p, stages: stages.filter((s) => s.pipelineId === p.id) }) as PipelineWithStages);
  }

  async getStage(id: string): Promise<StageEntity> {
    return this.stages.get(id);
  }

  // ---- writes (admin) ------------------------------------------------------------------------------

  async create(dto: CreatePipelineDto): Promise<PipelineWithStages> {
    return this.db.transaction(async () => {
      await this.lockCode(dto.code);
      if (await this.pipelines.findOneBy({ code: dto.code })) throw new PipelineCodeTakenError(dto.code);
      this.throwIf(stagesProblems(dto.stages, 'stages', await this.dealFieldCodes()));
      this.throwIf(await this.guardProblems(dto.stages, 'stages'));
      const created = await this.insertPipeline(dto);
      return this.getPipeline(created.id);
    });
  }

  /** Edits the name, archive flag, assignment and — given the full ordered list — the stages. */
  async update(ref: string, dto: UpdatePipelineDto): Promise<PipelineWithStages> {
    return this.db.transaction(async () => {
      const pipeline = await this.pipelines.getForUpdate((await this.getPipeline(ref)).id);
      // Read under the lock, so two concurrent edits of the stage list apply one after the other.
      const found: PipelineWithStages = { ...pipeline, stages: await this.stagesOf(pipeline.id) };
      if (dto.assignment) await this.checkAssignment(dto.assignment);
      if (dto.name !== undefined) pipeline.name = dto.name.trim();
      if (dto.archived !== undefined) pipeline.archived = dto.archived;
      if (dto.assignment !== undefined) {
        const a = dto.assignment;
        const kept = a ? Object.fromEntries(['strategy', 'departmentId', 'requiresCourseId'].filter((k) => a[k] !== undefined).map((k) => [k, a[k]])) : null;
        pipeline.settings = { ...pipeline.settings, assignment: kept };
      }
      await this.pipelines.save(pipeline);
      if (dto.stages) {
        const plan = this.planFromPatch(found, dto.stages);
        this.throwIf(await this.guardProblems(dto.stages, 'stages', (i) => plan[i].stage?.rules?.guards));
        await this.applyStagePlan(found, plan, 'stages');
      }
      return this.getPipeline(pipeline.id);
    });
  }

  /**
   * Install data of a plugin: creates the pipeline, or — when the portal already has one with that code —
   * adds the stages it lacks (in the plugin's order, around the portal's own) and widens the rules of
   * those it has. Never renames, reorders or removes what the portal has; running it twice changes
   * nothing the second time. Joins the caller's transaction. `dryRun` only plans; `plannedDealFields`
   * are deal field codes the same install creates first (so rules may require them in a dry run).
   */
  async install(data: PipelineInput, opts: { dryRun?: boolean; plannedDealFields?: string[]; path?: string } = {}): Promise<InstallStep[]> {
    const path = opts.path ?? 'pipeline';
    return this.db.transaction(async () => {
      const problems: Problem[] = [];
      const codeIssue = codeProblem(data?.code);
      if (codeIssue) problems.push({ field: `${path}.code`, message: codeIssue });
      const nameIssue = nameProblem(data?.name);
      if (nameIssue) problems.push({ field: `${path}.name`, message: nameIssue });
      const dealFields = [...(await this.dealFieldCodes()), ...(opts.plannedDealFields ?? [])];
      problems.push(...stagesProblems(data?.stages, `${path}.stages`, dealFields));
      this.throwIf(problems);
      if (!opts.dryRun) await this.lockCode(data.code);
      const existing = await this.findPipeline(data.code);
      const had = (i: number) => existing?.stages.find((s) => s.code === data.stages[i].code)?.rules?.guards;
      this.throwIf(await this.guardProblems(data.stages, `${path}.stages`, had, (owner, stage, guard) => declaresGuard(owner, data.code, stage, guard)));
      if (!existing) {
        if (data.assignment) await this.checkAssignment(data.assignment);
        if (!opts.dryRun) await this.insertPipeline(data);
        return [{ kind: 'pipeline', action: 'create', code: data.code }, ...data.stages.map((s): InstallStep => ({ kind: 'stage', action: 'create', code: s.code, pipeline: data.code }))];
      }
      if (!opts.dryRun) await this.pipelines.getForUpdate(existing.id);
      const current: PipelineWithStages = { ...existing, stages: await this.stagesOf(existing.id) };
      const { plan, steps } = this.planFromInstall(current, data.stages);
      if (steps.length && !opts.dryRun) await this.applyStagePlan(current, plan, `${path}.stages`);
      return steps;
    });
  }

  // ---- stage plans -----------------------------------------------------------------------------------

  private planFromPatch(pipeline: PipelineWithStages, wanted: PatchStageDto[]): StagePlan[] {
    const existing = pipeline.stages;
    const problems: Problem[] = [];
    const used = new Set<string>();
    const plan = wanted.map((w, i): StagePlan => {
      const byId = w.id ? existing.find((s) => s.id === w.id) : undefined;
      if (w.id && !byId) problems.push({ field: `stages[${i}].id`, message: `stage ${w.id} is not in pipeline "${pipeline.code}"` });
      const stage = byId ?? (w.id ? undefined : existing.find((s) => s.code === w.code));
      if (stage && used.has(stage.id)) problems.push({ field: `stages[${i}]`, message: `stage "${stage.code}" is listed twice` });
      if (stage) used.add(stage.id);
      if (!stage && !w.id && (!w.code || !w.name)) problems.push({ field: `stages[${i}]`, message: 'a new stage needs a code and a name' });
      return {
        stage,
        code: w.code ?? stage?.code ?? '',
        name: (w.name ?? stage?.name ?? '').trim(),
        kind: w.kind ?? stage?.kind ?? 'open',
        rules: w.rules ? normalizeRules(w.rules, stage?.rules?.guards) : normalizeRules(stage?.rules, stage?.rules?.guards),
      };
    });
    this.throwIf(problems);
    return plan;
  }

  private planFromInstall(pipeline: PipelineWithStages, wanted: StageInput[]): { plan: StagePlan[]; steps: InstallStep[] } {
    const byCode = new Map(pipeline.stages.map((s) => [s.code, s]));
    const wantedByCode = new Map(wanted.map((s) => [s.code, s]));
    const steps: InstallStep[] = [];
    const order = mergeStageOrder(
      pipeline.stages.map((s) => s.code),
      wanted.map((s) => s.code),
    );
    const plan = order.map((code): StagePlan => {
      const stage = byCode.get(code);
      const w = wantedByCode.get(code);
      if (!stage) {
        // Every code mergeStageOrder adds comes from `wanted`.
        const added = w as StageInput;
        steps.push({ kind: 'stage', action: 'create', code, pipeline: pipeline.code });
        return { code, name: added.name.trim(), kind: added.kind ?? 'open', rules: normalizeRules(added.rules) };
      }
      const rules = w ? widenRules(stage.rules, w.rules) : normalizeRules(stage.rules, stage.rules?.guards);
      const changes = [
        ...(rules.requiredFields ?? []).filter((f) => !(stage.rules?.requiredFields ?? []).includes(f)).map((f) => `requiredFields: +${f}`),
        ...(rules.noOpenTasks && !stage.rules?.noOpenTasks ? ['noOpenTasks: true'] : []),
        ...(rules.guards ?? []).filter((g) => !(stage.rules?.guards ?? []).includes(g)).map((g) => `guards: +${g}`),
      ];
      if (changes.length) steps.push({ kind: 'stage', action: 'update', code, pipeline: pipeline.code, changes });
      return { stage, code, name: stage.name, kind: stage.kind, rules };
    });
    return { plan, steps };
  }

  /** Writes a full ordered list of stages: updates matched ones, inserts new ones, removes the rest (if empty). */
  private async applyStagePlan(pipeline: PipelineWithStages, plan: StagePlan[], path: string): Promise<void> {
    this.throwIf(stagesProblems(plan, path, await this.dealFieldCodes()));
    const keep = new Set(plan.map((p) => p.stage?.id).filter(Boolean));
    const removed = pipeline.stages.filter((s) => !keep.has(s.id));
    if (removed.length) {
      // Locked first: a deal being put into one of these stages right now either commits before the count or waits for us.
      await this.db.query(`SELECT id FROM stages WHERE portal_id = $1 AND id = ANY($2::uuid[]) FOR UPDATE`, [RequestContext.portalId(), removed.map((s) => s.id)]);
      const counts = await this.db.query<{ stage_id: string; n: string }>(
        `SELECT stage_id, count(*) AS n FROM deals WHERE portal_id = $1 AND stage_id = ANY($2::uuid[]) GROUP BY stage_id`,
        [RequestContext.portalId(), removed.map((s) => s.id)],
      );
      const busy = counts.find((c) => Number(c.n) > 0);
      if (busy) throw new StageHasDealsError(removed.find((s) => s.id === busy.stage_id)?.code ?? busy.stage_id, Number(busy.n));
      for (const s of removed) await this.stages.delete(s.id);
    }
    // Positions and codes are unique per pipeline: park the kept stages out of the way, then write the new order.
    for (const p of plan) if (p.stage) await this.stages.update(p.stage.id, { position: 1000 + p.stage.position, code: `~${p.stage.id}` });
    for (const [i, p] of plan.entries()) {
      const values: Partial<StageEntity> = { code: p.code, name: p.name, kind: p.kind, rules: p.rules, position: i };
      if (p.stage) await this.stages.update(p.stage.id, values);
      else await this.stages.insert({ ...values, pipelineId: pipeline.id });
    }
  }

  private async insertPipeline(data: PipelineInput): Promise<PipelineEntity> {
    const [{ max }] = await this.db.query<{ max: number | null }>(`SELECT max(position) AS max FROM pipelines WHERE portal_id = $1`, [RequestContext.portalId()]);
    const settings = data.assignment ? { assignment: data.assignment } : {};
    const pipeline = await this.pipelines.insert({ code: data.code, name: data.name.trim(), position: (max ?? -1) + 1, archived: false, settings });
    for (const [i, st] of data.stages.entries()) {
      await this.stages.insert({ pipelineId: pipeline.id, code: st.code, name: st.name.trim(), position: i, kind: st.kind ?? 'open', rules: normalizeRules(st.rules) });
    }
    return pipeline;
  }

  /** The assignment strategy is the load-balancer's to interpret; here only its references are checked. */
  private async checkAssignment(a: Record<string, unknown>): Promise<void> {
    if (typeof a['strategy'] !== 'string' || !/^[a-z][a-z0-9.-]*$/.test(a['strategy'])) {
      throw ValidationFailedError.field('assignment.strategy', 'must name an assignment strategy, e.g. "least-loaded"');
    }
    // A plugin's strategy may be set before the plugin is installed: until then the creator keeps new deals
    // and their timeline says why (see DealsService.assignByPipeline).
    if (!this.strategies.names().includes(a['strategy'])) {
      throw ValidationFailedError.field('assignment.strategy', `unknown assignment strategy "${a['strategy']}" (known: ${this.strategies.names().join(', ')})`);
    }
    const dep = a['departmentId'];
    if (dep !== undefined && dep !== null) {
      if (!isUuid(dep)) throw ValidationFailedError.field('assignment.departmentId', 'must be a department id');
      const [row] = await this.db.query(`SELECT 1 FROM departments WHERE portal_id = $1 AND id = $2`, [RequestContext.portalId(), dep]);
      if (!row) throw unknownReference('assignment.departmentId', 'Department', dep);
    }
    const course = a['requiresCourseId'];
    if (course !== undefined && course !== null && !isUuid(course)) throw ValidationFailedError.field('assignment.requiresCourseId', 'must be a course id');
  }

  /**
   * Guards a stage gains (those `had(i)` lacks) must be registered and come with a plugin the portal has
   * installed; `isOwnData` admits a plugin's own install data. Guards a stage keeps are not checked again:
   * once their plugin has left they are skipped, and editing the stage must not require removing them.
   */
  private async guardProblems(
    stages: readonly StageGuardsInput[],
    path: string,
    had: (i: number) => readonly string[] | undefined = () => undefined,
    isOwnData?: (owner: PluginDescriptor, stage: string | undefined, guard: string) => boolean,
  ): Promise<Problem[]> {
    const problems: Problem[] = [];
    const portalId = RequestContext.portalId();
    for (const [i, stage] of stages.entries()) {
      for (const [j, guard] of (stage.rules?.guards ?? []).entries()) {
        if (had(i)?.includes(guard)) continue;
        const issue = await this.stageGuards.unavailability(portalId, guard, isOwnData && ((owner) => isOwnData(owner, stage.code, guard)));
        if (issue) problems.push({ field: `${path}[${i}].rules.guards[${j}]`, message: issue });
      }
    }
    return problems;
  }

  /** Two creates of one code serialize here, so the second sees the first and answers 409 (not a 500). */
  private async lockCode(code: string): Promise<void> {
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`pipeline:${RequestContext.portalId()}:${code}`]);
  }

  private throwIf(problems: Problem[]): void {
    if (problems.length) throw new ValidationFailedError(problems);
  }

  private async dealFieldCodes(): Promise<string[]> {
    const rows = await this.db.query<{ code: string }>(`SELECT code FROM field_defs WHERE portal_id = $1 AND entity = 'deal'`, [RequestContext.portalId()]);
    return rows.map((r) => r.code);
  }
}
