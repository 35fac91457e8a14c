import { Injectable } from '@nestjs/common';
import { NotFoundError, ValidationFailedError } from '../../common/errors';
import { RequestContext } from '../../common/request-context';
import { isUuid } from '../../common/uuid';
import { Db } from '../../database/db';
import { FieldTypesRegistry } from '../../extensions/field-types.registry';
import type { PluginDescriptor } from '../../marketplace/plugin-descriptor';
import { InstallStep, Problem } from '../pipelines/pipeline-definition';
import { CreateFieldDto, UpdateFieldDto } from './dto/field.dto';
import { FieldDefEntity, FieldEntityKind } from './field-def.entity';
import { FieldDefsRepository } from './field-defs.repository';
import { FieldInput, droppedOptions, fieldDefProblems, optionsProblems, patchMembers, toSubFieldDef, widenFieldDef } from './field-definition';
import { FieldCodeTakenError, FieldDefinitionConflictError } from './field.errors';
import { FIELD_ENTITIES, TYPES_WITH_OPTIONS, isPluginType } from './field-types';

const TABLE_OF: Record<FieldEntityKind, string> = { deal: 'deals', contact: 'contacts', company: 'companies' };

/** Whether a plugin's own install data defines this field (the host records the plugin as installed only after it). */
function declaresField(plugin: PluginDescriptor, data: FieldInput): boolean {
  return !!plugin.install?.fields?.some((f) => f.entity === data.entity && f.code === data.code);
}

/** Custom field definitions of deals, contacts and companies (admin). */
@Injectable()
export class FieldsService {
  constructor(
    private readonly defs: FieldDefsRepository,
    private readonly db: Db,
    private readonly fieldTypes: FieldTypesRegistry,
  ) {}

  list(entity?: string): Promise<FieldDefEntity[]> {
    if (entity !== undefined && !FIELD_ENTITIES.includes(entity as FieldEntityKind)) {
      throw ValidationFailedError.field('entity', `must be one of ${FIELD_ENTITIES.join(', ')}`);
    }
    const qb = this.defs.qb('f').orderBy('f.entity', 'ASC').addOrderBy('f.position', 'ASC').addOrderBy('f.created_at', 'ASC');
    if (entity) qb.andWhere('f.entity = :entity', { entity });
    return qb.getMany();
  }

  async get(ref: string): Promise<FieldDefEntity> {
    const def = isUuid(ref) ? await this.defs.findById(ref) : null;
    if (!def) throw new NotFoundError('Field', ref);
    return def;
  }

  findByCode(entity: FieldEntityKind, code: string): Promise<FieldDefEntity | null> {
    return this.defs.findOneBy({ entity, code });
  }

  async create(dto: CreateFieldDto): Promise<FieldDefEntity> {
    this.throwIf(fieldDefProblems(dto, '', { allowPluginTypes: true }));
    this.throwIf(await this.pluginTypeProblems([{ type: dto.type, path: 'type' }, ...(dto.fields ?? []).map((m, i) => ({ type: m.type, path: `fields[${i}].type` }))]));
    return this.db.transaction(async () => {
      await this.lockCode(dto.entity, dto.code);
      if (await this.findByCode(dto.entity, dto.code)) throw new FieldCodeTakenError(dto.entity, dto.code);
      return this.insertDef(dto);
    });
  }

  /** Renames, toggles `required`, adds enum options and group members; never removes what values may use. */
  async update(id: string, dto: UpdateFieldDto): Promise<FieldDefEntity> {
    return this.db.transaction(async () => {
      const def = await this.get(id);
      const problems: Problem[] = [];
      if (dto.options !== undefined) {
        if (!TYPES_WITH_OPTIONS.has(def.type)) problems.push({ field: 'options', message: 'only enum and multienum fields have options' });
        else {
          optionsProblems(dto.options, 'options', problems);
          const dropped = droppedOptions(def.options, dto.options);
          if (dropped.length) problems.push({ field: 'options', message: `options cannot be removed (values may use them): ${dropped.join(', ')}` });
        }
      }
      if (dto.fields !== undefined) {
        if (def.type !== 'group') problems.push({ field: 'fields', message: 'only a group has member fields' });
        else {
          const patched = patchMembers(def.fields ?? [], dto.fields);
          problems.push(...patched.problems);
          const added = dto.fields.map((m, i) => ({ type: m.type, path: `fields[${i}].type`, code: m.code })).filter((m) => !(def.fields ?? []).some((old) => old.code === m.code));
          problems.push(...(await this.pluginTypeProblems(added)));
          def.fields = patched.members;
        }
      }
      this.throwIf(problems);
      if (dto.options !== undefined) def.options = dto.options;
      if (dto.name !== undefined) def.name = dto.name.trim();
      if (dto.required !== undefined) def.required = dto.required;
      return this.defs.save(def);
    });
  }

  /** Removes the definition and its values, and the stage rules that required it. */
  async remove(id: string): Promise<void> {
    await this.db.transaction(async () => {
      const def = await this.get(id);
      const portalId = RequestContext.portalId();
      await this.db.query(`UPDATE ${TABLE_OF[def.entity]} SET fields = fields - $2 WHERE portal_id = $1 AND fields ? $2`, [portalId, def.code]);
      if (def.entity === 'deal') {
        await this.db.query(
          `UPDATE stages SET rules = jsonb_set(rules, '{requiredFields}', (rules->'requiredFields') - $2)
            WHERE portal_id = $1 AND rules->'requiredFields' ? $2`,
          [portalId, def.code],
        );
      }
      await this.defs.delete(def.id);
    });
  }

  /**
   * Install data of a plugin: creates the field, or — when the portal already has one with that entity and
   * code — adds the enum options and group members it lacks, keeping the portal's names and flags. Running
   * it twice changes nothing the second time; a different type is 409 `field_definition_conflict`.
   * Joins the caller's transaction; `dryRun` only plans. A plugin's type (`np.city`) is accepted when its plugin
   * is installed, or is the plugin whose install data this is.
   */
  async install(data: FieldInput, opts: { dryRun?: boolean; path?: string } = {}): Promise<InstallStep[]> {
    const path = opts.path ?? 'field';
    this.throwIf(fieldDefProblems(data, path, { allowPluginTypes: true }));
    const types = [{ type: data.type, path: `${path}.type` }, ...(data.fields ?? []).map((m, i) => ({ type: m.type, path: `${path}.fields[${i}].type` }))];
    this.throwIf(await this.pluginTypeProblems(types, (owner) => declaresField(owner, data)));
    const entity = data.entity as FieldEntityKind;
    return this.db.transaction(async () => {
      if (!opts.dryRun) await this.lockCode(entity, data.code);
      const existing = await this.findByCode(entity, data.code);
      if (!existing) {
        if (!opts.dryRun) await this.insertDef(data);
        return [{ kind: 'field', action: 'create', entity, code: data.code }];
      }
      const widened = widenFieldDef(existing, data);
      if (widened.conflict) throw new FieldDefinitionConflictError(entity, data.code, widened.conflict);
      if (!widened.changes.length) return [];
      if (!opts.dryRun) {
        if (widened.options) existing.options = widened.options;
        if (widened.fields) existing.fields = widened.fields;
        await this.defs.save(existing);
      }
      return [{ kind: 'field', action: 'update', entity, code: data.code, changes: widened.changes }];
    });
  }

  private async insertDef(data: FieldInput): Promise<FieldDefEntity> {
    const [{ max }] = await this.db.query<{ max: number | null }>(`SELECT max(position) AS max FROM field_defs WHERE portal_id = $1 AND entity = $2`, [
      RequestContext.portalId(),
      data.entity,
    ]);
    const isGroup = data.type === 'group';
    return this.defs.insert({
      entity: data.entity as FieldEntityKind,
      code: data.code,
      name: data.name.trim(),
      type: data.type,
      options: data.options ?? null,
      required: data.required ?? false,
      repeatable: isGroup ? (data.repeatable ?? false) : false,
      fields: isGroup ? (data.fields ?? []).map(toSubFieldDef) : null,
      position: (max ?? -1) + 1,
    });
  }

  /** Two creates of one code serialize here, so the second sees the first and answers 409 (not a 500). */
  private async lockCode(entity: string, code: string): Promise<void> {
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`field:${RequestContext.portalId()}:${entity}:${code}`]);
  }

  /**
   * A plugin's type (`np.city`) must be registered and its plugin installed on the portal; `isOwnData` admits
   * a plugin's own install data. Each problem names where the type was given.
   */
  private async pluginTypeProblems(types: { type: string; path: string }[], isOwnData?: (owner: PluginDescriptor) => boolean): Promise<Problem[]> {
    const problems: Problem[] = [];
    for (const { type, path } of types) {
      if (!isPluginType(type)) continue;
      const issue = await this.fieldTypes.unavailability(RequestContext.portalId(), type, isOwnData);
      if (issue) problems.push({ field: path, message: issue });
    }
    return problems;
  }

  private throwIf(problems: Problem[]): void {
    if (problems.length) throw new ValidationFailedError(problems);
  }
}
