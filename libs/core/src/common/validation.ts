import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidationFailedError } from './errors';

function flatten(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) {
      for (const [kind, message] of Object.entries(e.constraints)) {
        out.push({ field, message: kind === 'whitelistValidation' ? `${field} is not a known property` : message });
      }
    }
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

const PRIMITIVES = new Set<unknown>([String, Number, Boolean, Array, Object]);

/** A DTO body must be a JSON object: arrays and bare values are refused before class-transformer sees them. */
class ObjectBodyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.metatype && !PRIMITIVES.has(metadata.metatype)) {
      if (value === undefined || value === null) value = {};
      if (typeof value !== 'object' || Array.isArray(value)) {
        throw new ValidationFailedError([{ field: 'body', message: 'the body must be a JSON object' }]);
      }
    }
    return super.transform(value, metadata);
  }
}

/** Whitelist, unknown properties refused, every problem named by its field. */
export function createValidationPipe(): ValidationPipe {
  return new ObjectBodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => new ValidationFailedError(flatten(errors)),
  });
}
