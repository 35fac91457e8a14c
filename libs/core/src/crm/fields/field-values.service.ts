import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '../../common/errors';
import { portalCountry } from '../../common/phone';
import { RequestContext } from '../../common/request-context';
import { Db } from '../../database/db';
import { FieldTypesRegistry } from '../../extensions/field-types.registry';
import { FieldEntityKind } from './field-def.entity';
import { PendingRefs, PluginValueTypes, ValueDef, ValueProblem, isFilled, normalizeGroup, normalizeScalar } from './field-value.rules';

/**
 * Validates and normalises custom field values against the portal's field definitions (one query for the
 * definitions, one per referenced kind — users, files — however many values there are).
 */
@Injectable()
export class FieldValuesService {
  /** Values of a plugin's type are checked by its spec whether or not the plugin is still installed: the field is. */
  private readonly pluginTypes: PluginValueTypes;

  constructor(
    private readonly db: Db,
    fieldTypes: FieldTypesRegistry,
  ) {
    this.pluginTypes = (type) => fieldTypes.get(type);
  }

  /**
   * Returns `current` with `input` applied (a null value clears a field), every value normalised.
   * Throws ValidationFailedError naming `fields.<code>` (or `fields.<code>[i].<sub>`) for an unknown code or a bad value.
   * `creating` checks the definitions' `required` flag.
   */
  async normalize(
    entity: FieldEntityKind,
    input: Record<string, unknown> | undefined,
    current: Record<string, unknown> = {},
    opts: { creating?: boolean } = {},
  ): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = { ...current };
    const given = Object.entries(input ?? {});
    if (!given.length && !opts.creating) return out;
    if (input !== undefined && (typeof input !== 'object' || input === null || Array.isArray(input))) {
      throw ValidationFailedError.field('fields', 'must be an object of field codes to values');
    }
    const portalId = RequestContext.portalId();
    const defs = await this.db.query<ValueDef & { required: boolean }>(
      `SELECT code, type, options, required, repeatable, fields FROM field_defs WHERE portal_id = $1 AND entity = $2`,
      [portalId, entity],
    );
    const [portal] = await this.db.query<{ timezone: string; locale: string }>(`SELECT timezone, locale FROM portals WHERE id = $1`, [portalId]);
    const country = portalCountry(portal ?? { timezone: 'Europe/Kyiv', locale: 'uk' });
    const byCode = new Map(defs.map((d) => [d.code, d]));
    const problems: ValueProblem[] = [];
    const refs: PendingRefs = { users: [], files: [] };
    for (const [code, value] of given) {
      const path = `fields.${code}`;
      const def = byCode.get(code);
      if (!def) {
        problems.push({ field: path, message: `there is no ${entity} field "${code}"` });
        continue;
      }
      if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '' && def.type !== 'text')) {
        if (def.required) problems.push({ field: path, message: 'is required and cannot be cleared' });
        else delete out[code];
        continue;
      }
      const n =
        def.type === 'group' ? normalizeGroup(def, value, path, country, problems, refs, this.pluginTypes) : normalizeScalar(def, value, path, country, problems, refs, this.pluginTypes);
      if (n !== undefined) out[code] = n;
    }
    if (opts.creating) {
      for (const d of defs) if (d.required && !isFilled(out[d.code])) problems.push({ field: `fields.${d.code}`, message: 'is required' });
    }
    if (!problems.length) await this.checkRefs(portalId, refs, problems);
    if (problems.length) throw new ValidationFailedError(problems);
    return out;
  }

  /** Whether a value counts as filled for "required" rules (empty strings, arrays and groups do not). */
  isFilled(value: unknown): boolean {
    return isFilled(value);
  }

  private async checkRefs(portalId: string, refs: PendingRefs, problems: ValueProblem[]): Promise<void> {
    if (refs.users.length) {
      const ids = [...new Set(refs.users.map((r) => r.id))];
      const rows = await this.db.query<{ id: string }>(`SELECT id FROM users WHERE portal_id = $1 AND id = ANY($2::uuid[]) AND deleted_at IS NULL`, [portalId, ids]);
      const ok = new Set(rows.map((r) => r.id));
      for (const r of refs.users) if (!ok.has(r.id)) problems.push({ field: r.path, message: `user ${r.id} does not exist in this portal` });
    }
    if (refs.files.length) {
      const ids = [...new Set(refs.files.map((r) => r.id))];
      const rows = await this.db.query<{ id: string }>(`SELECT id FROM files WHERE portal_id = $1 AND id = ANY($2::uuid[])`, [portalId, ids]);
      const ok = new Set(rows.map((r) => r.id));
      for (const r of refs.files) if (!ok.has(r.id)) problems.push({ field: r.path, message: `file ${r.id} does not exist in this portal` });
    }
  }
}
