import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, ValidationFailedError } from '../../common/errors';
import { RequestContext } from '../../common/request-context';
import { isUuid } from '../../common/uuid';
import { Db } from '../../database/db';
import { PortalScopedRepository } from '../../database/portal-scoped.repository';
import { CreateFieldDto, UpdateFieldDto } from './dto/field.dto';
import { FieldDefEntity, FieldEntityKind } from './field-def.entity';
import { FIELD_ENTITIES, TYPES_WITH_OPTIONS } from './field-types';

@Injectable()
export class FieldDefsRepository extends PortalScopedRepository<FieldDefEntity> {
  protected readonly entity = FieldDefEntity;
  protected readonly label = 'Field';
}

function checkOptions(options: string[] | undefined, path: string, problems: { field: string; message: string }[]): void {
  if (!options?.length) {
    problems.push({ field: path, message: 'an enum needs at least one option' });
    return;
  }
  const seen = new Set<string>();
  options.forEach((o, i) => {
    if (seen.has(o)) problems.push({ field: `${path}[${i}]`, message: `"${o}" is listed twice` });
    seen.add(o);
  });
}

/** Custom field definitions of deals, contacts and companies (admin). */
@Injectable()
export class FieldsService {
  constructor(
    private readonly defs: FieldDefsRepository,
    private readonly db: Db,
  ) {}

  list(entity?: string): Promise<FieldDefEntity[]> {
    if (entity !== undefined && !FIELD_ENTITIES.includes(entity as FieldEntityKind)) {
      throw ValidationFailedError.field('entity', `must be one of ${FIELD_ENTITIES.join(', ')}`);
    }
    const qb = this.defs.qb('f').orderBy('f.entity', 'ASC').addOrderBy('f.position', 'ASC').addOrderBy('f.created_at', 'ASC');
    if (entity) qb.andWhere('f.entity = :entity', { entity });
    return qb.getMany();
  }

  async create(dto: CreateFieldDto): Promise<FieldDefEntity> {
    const problems: { field: string; message: string }[] = [];
    if (TYPES_WITH_OPTIONS.has(dto.type)) checkOptions(dto.options, 'options', problems);
    else if (dto.options !== undefined) problems.push({ field: 'options', message: 'only enum and multienum fields have options' });
    if (dto.type === 'group') {
      if (!dto.fields?.length) problems.push({ field: 'fields', message: 'a group needs its member fields' });
      const seen = new Set<string>();
      dto.fields?.forEach((f, i) => {
        if (seen.has(f.code)) problems.push({ field: `fields[${i}].code`, message: `"${f.code}" is used twice` });
        seen.add(f.code);
        if (TYPES_WITH_OPTIONS.has(f.type)) checkOptions(f.options, `fields[${i}].options`, problems);
      });
    } else {
      if (dto.fields !== undefined) problems.push({ field: 'fields', message: 'only a group has member fields' });
      if (dto.repeatable) problems.push({ field: 'repeatable', message: 'only a group can be repeatable' });
    }
    if (problems.length) throw new ValidationFailedError(problems);
    return this.db.transaction(async () => {
      if (await this.defs.findOneBy({ entity: dto.entity, code: dto.code })) {
        throw new ConflictError('code_taken', `A ${dto.entity} field with code "${dto.code}" already exists`, [{ field: 'code' }]);
      }
      const [{ max }] = await this.db.query<{ max: number | null }>(`SELECT max(position) AS max FROM field_defs WHERE portal_id = $1 AND entity = $2`, [
        RequestContext.portalId(),
        dto.entity,
      ]);
      return this.defs.insert({
        entity: dto.entity,
        code: dto.code,
        name: dto.name.trim(),
        type: dto.type,
        options: dto.options ?? null,
        required: dto.required ?? false,
        repeatable: dto.type === 'group' ? (dto.repeatable ?? false) : false,
        fields: dto.type === 'group' ? (dto.fields ?? []).map((f) => ({ code: f.code, name: f.name.trim(), type: f.type, options: f.options, required: f.required ?? false })) : null,
        position: (max ?? -1) + 1,
      });
    });
  }

  async update(id: string, dto: UpdateFieldDto): Promise<FieldDefEntity> {
    return this.db.transaction(async () => {
      const def = await this.get(id);
      if (dto.options !== undefined) {
        if (!TYPES_WITH_OPTIONS.has(def.type)) throw ValidationFailedError.field('options', 'only enum and multienum fields have options');
        const problems: { field: string; message: string }[] = [];
        checkOptions(dto.options, 'options', problems);
        const dropped = (def.options ?? []).filter((o) => !dto.options!.includes(o));
        if (dropped.length) problems.push({ field: 'options', message: `options cannot be removed (values may use them): ${dropped.join(', ')}` });
        if (problems.length) throw new ValidationFailedError(problems);
        def.options = dto.options;
      }
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
      const table = { deal: 'deals', contact: 'contacts', company: 'companies' }[def.entity];
      await this.db.query(`UPDATE ${table} SET fields = fields - $2 WHERE portal_id = $1 AND fields ? $2`, [portalId, def.code]);
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

  async get(ref: string): Promise<FieldDefEntity> {
    const def = isUuid(ref) ? await this.defs.findById(ref) : null;
    if (!def) throw new NotFoundError('Field', ref);
    return def;
  }
}
