import { Injectable } from '@nestjs/common';
import { FieldEntityKind } from './field-def.entity';

/**
 * Validates and normalises custom field values against the portal's field definitions.
 * (Contract used by deals, contacts and companies; the fields context owns the implementation.)
 */
@Injectable()
export class FieldValuesService {
  /**
   * Returns `current` with `input` applied (a null value clears a field), every value normalised.
   * Throws ValidationFailedError naming `fields.<code>` (or `fields.<code>[i].<sub>`) for an unknown code or a bad value.
   * `creating` checks the definitions' `required` flag.
   */
  async normalize(
    _entity: FieldEntityKind,
    input: Record<string, unknown> | undefined,
    current: Record<string, unknown> = {},
    _opts: { creating?: boolean } = {},
  ): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = { ...current };
    for (const [k, v] of Object.entries(input ?? {})) {
      if (v === null) delete out[k];
      else out[k] = v;
    }
    return out;
  }

  /** Whether a value counts as filled for "required" rules (empty strings, arrays and groups do not). */
  isFilled(value: unknown): boolean {
    if (value === null || value === undefined) return false;
    if (typeof value === 'string') return value.trim().length > 0;
    if (Array.isArray(value)) return value.some((v) => this.isFilled(v));
    if (typeof value === 'object') return Object.values(value as object).some((v) => this.isFilled(v));
    return true;
  }
}
