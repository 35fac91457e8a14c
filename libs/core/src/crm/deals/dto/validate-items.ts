import { plainToInstance } from 'class-transformer';
import { ValidationError, validate } from 'class-validator';
import { ValidationFailedError } from '../../../common/errors';

const MAX_DETAILS = 100;

function flatten(errors: ValidationError[], prefix: string, out: { field: string; message: string }[]): void {
  for (const e of errors) {
    const field = `${prefix}.${e.property}`;
    for (const [kind, message] of Object.entries(e.constraints ?? {})) {
      out.push({ field, message: kind === 'whitelistValidation' ? `${field} is not a known property` : message });
    }
    if (e.children?.length) flatten(e.children, field, out);
  }
}

/**
 * Validates each element of a batch with the single-item DTO (same rules as the single endpoint, unknown
 * properties refused) and names errors `items[3].budget`. Returns the DTO instances.
 */
export async function validateEach<T extends object>(cls: new () => T, items: Record<string, unknown>[], name = 'items'): Promise<T[]> {
  const out: T[] = [];
  const details: { field: string; message: string }[] = [];
  for (const [i, item] of items.entries()) {
    const dto = plainToInstance(cls, item, { enableImplicitConversion: false });
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) flatten(errors, `${name}[${i}]`, details);
    if (details.length >= MAX_DETAILS) break;
    out.push(dto);
  }
  if (details.length) throw new ValidationFailedError(details.slice(0, MAX_DETAILS));
  return out;
}
