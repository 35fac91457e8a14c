import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, ValidationFailedError } from '../../common/errors';
import { RequestContext } from '../../common/request-context';
import { isUuid } from '../../common/uuid';
import { Db } from '../../database/db';
import { PortalScopedRepository } from '../../database/portal-scoped.repository';
import { PipelineEntity } from './pipeline.entity';
import { CreatePipelineDto, PatchStageDto, StageDto, UpdatePipelineDto } from './dto/pipeline.dto';
import { StageEntity, StageRules } from './stage.entity';

/** Deal properties a stage rule may require besides custom fields. */
export const BUILT_IN_DEAL_FIELDS = ['title', 'budget', 'responsibleId', 'contactIds', 'companyId'];

export type PipelineWithStages = PipelineEntity & { stages: StageEntity[] };

@Injectable()
export class PipelinesRepository extends PortalScopedRepository<PipelineEntity> {
  protected readonly entity = PipelineEntity;
  protected readonly label = 'Pipeline';
}

@Injectable()
export class StagesRepository extends PortalScopedRepository<StageEntity> {
  protected readonly entity = StageEntity;
  protected readonly label = 'Stage';
}

/** Pipelines and their ordered stages; references accept the id or the stable code. */
@Injectable()
export class PipelinesService {
  constructor(
    private readonly pipelines: PipelinesRepository,
    private readonly stages: StagesRepository,
    private readonly db: Db,
  ) {}

  async findPipeline(ref: string): Promise<PipelineWithStages | null> {
    const qb = this.pipelines.qb('p');
    if (isUuid(ref)) qb.andWhere('p.id = :ref', { ref });
    else qb.andWhere('p.code = :ref', { ref });
    const p = await qb.getOne();
    if (!p) return null;
    return { ...p, stages: await this.stagesOf(p.id) } as PipelineWithStages;
  }

  /** For a reference inside a request body or query: unknown → 400 naming the field. */
  async resolvePipeline(ref: string, field = 'pipeline'): Promise<PipelineWithStages> {
    const p = typeof ref === 'string' && ref ? await this.findPipeline(ref) : null;
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
    const stages = await this.stages.qb('s').orderBy('s.position', 'ASC').getMany();
    return pipelines.map((p) => ({ ...p, stages: stages.filter((s) => s.pipelineId === p.id) }) as PipelineWithStages);
  }

  async getStage(id: string): Promise<StageEntity> {
    return this.stages.get(id);
  }

  // ---- writes (admin) ------------------------------------------------------------------------------

  async create(dto: CreatePipelineDto): Promise<PipelineWithStages> {
    return this.db.transaction(async () => {
      if (await this.pipelines.findOneBy({ code: dto.code })) {
        throw new ConflictError('code_taken', `A pipeline with code "${dto.code}" already exists`, [{ field: 'code' }]);
      }
      await this.validateStages(dto.stages, 'stages');
      const [{ max }] = await this.db.query<{ max: number | null }>(`SELECT max(position) AS max FROM pipelines WHERE portal_id = $1`, [RequestContext.portalId()]);
      const pipeline = await this.pipelines.insert({ code: dto.code, name: dto.name.trim(), position: (max ?? -1) + 1, archived: false, settings: {} });
      for (const [i, st] of dto.stages.entries()) {
        await this.stages.insert({ pipelineId: pipeline.id, code: st.code, name: st.name.trim(), position: i, kind: st.kind ?? 'open', rules: this.rulesOf(st) });
      }
      return this.getPipeline(pipeline.id);
    });
  }

  /** Edits the name, archive flag, assignment and — given the full ordered list — the stages. */
  async update(ref: string, dto: UpdatePipelineDto): Promise<PipelineWithStages> {
    return this.db.transaction(async () => {
      const found = await this.getPipeline(ref);
      const pipeline = await this.pipelines.getForUpdate(found.id);
      if (dto.name !== undefined) pipeline.name = dto.name.trim();
      if (dto.archived !== undefined) pipeline.archived = dto.archived;
      if (dto.assignment !== undefined) pipeline.settings = { ...pipeline.settings, assignment: dto.assignment };
      await this.pipelines.save(pipeline);
      if (dto.stages) await this.replaceStages(found, dto.stages);
      return this.getPipeline(pipeline.id);
    });
  }

  private async replaceStages(pipeline: PipelineWithStages, wanted: PatchStageDto[]): Promise<void> {
    const existing = pipeline.stages;
    const matched = wanted.map((w, i) => {
      const byId = w.id ? existing.find((s) => s.id === w.id) : undefined;
      if (w.id && !byId) throw ValidationFailedError.field(`stages[${i}].id`, `stage ${w.id} is not in pipeline "${pipeline.code}"`);
      const stage = byId ?? (w.code ? existing.find((s) => s.code === w.code) : undefined);
      if (!stage && (!w.code || !w.name)) throw ValidationFailedError.field(`stages[${i}]`, 'a new stage needs a code and a name');
      return { wanted: w, stage };
    });
    const merged = matched.map(({ wanted: w, stage }) => ({
      code: w.code ?? stage!.code,
      name: w.name ?? stage!.name,
      kind: w.kind ?? stage?.kind ?? 'open',
      rules: w.rules ?? stage?.rules,
    }));
    await this.validateStages(merged as StageDto[], 'stages');
    const keep = new Set(matched.map((m) => m.stage?.id).filter(Boolean));
    const removed = existing.filter((s) => !keep.has(s.id));
    for (const s of removed) {
      const [{ n }] = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM deals WHERE portal_id = $1 AND stage_id = $2`, [RequestContext.portalId(), s.id]);
      if (Number(n) > 0) throw new ConflictError('stage_has_deals', `Stage "${s.code}" still holds ${n} deal(s); move them first`, [{ stage: s.code, deals: Number(n) }]);
    }
    for (const s of removed) await this.stages.delete(s.id);
    // Positions and codes are unique per pipeline: park the kept stages out of the way, then write the new order.
    for (const m of matched) if (m.stage) await this.stages.update(m.stage.id, { position: 1000 + m.stage.position, code: `~${m.stage.id}` } as Partial<StageEntity>);
    for (const [i, m] of matched.entries()) {
      const values = { code: merged[i].code, name: merged[i].name.trim(), kind: merged[i].kind, rules: this.rulesOf(merged[i] as StageDto), position: i };
      if (m.stage) await this.stages.update(m.stage.id, values as Partial<StageEntity>);
      else await this.stages.insert({ ...values, pipelineId: pipeline.id } as Partial<StageEntity>);
    }
  }

  private rulesOf(st: { rules?: StageRules | StageDto['rules'] }): StageRules {
    const r = st.rules ?? {};
    return { requiredFields: [...new Set(r.requiredFields ?? [])], noOpenTasks: r.noOpenTasks ?? false };
  }

  private async validateStages(stages: StageDto[], path: string): Promise<void> {
    const problems: { field: string; message: string }[] = [];
    const seen = new Map<string, number>();
    stages.forEach((s, i) => {
      if (seen.has(s.code)) problems.push({ field: `${path}[${i}].code`, message: `duplicates the code of ${path}[${seen.get(s.code)}]` });
      else seen.set(s.code, i);
    });
    if (!stages.some((s) => (s.kind ?? 'open') === 'open')) problems.push({ field: path, message: 'a pipeline needs at least one open stage' });
    const known = new Set([...BUILT_IN_DEAL_FIELDS, ...(await this.dealFieldCodes())]);
    stages.forEach((s, i) =>
      (s.rules?.requiredFields ?? []).forEach((code, j) => {
        if (!known.has(code)) problems.push({ field: `${path}[${i}].rules.requiredFields[${j}]`, message: `"${code}" is not a deal field` });
      }),
    );
    if (problems.length) throw new ValidationFailedError(problems);
  }

  private async dealFieldCodes(): Promise<string[]> {
    const rows = await this.db.query<{ code: string }>(`SELECT code FROM field_defs WHERE portal_id = $1 AND entity = 'deal'`, [RequestContext.portalId()]);
    return rows.map((r) => r.code);
  }
}
