import { ValidateIf, ValidationOptions, registerDecorator } from 'class-validator';

/** Present (null included) → validated; absent → skipped. Unlike @IsOptional, null is not waved through. */
export const IfPresent = () => ValidateIf((_o, v) => v !== undefined);

/** A plain JSON object (not an array, not null). */
export function IsPlainObject(opts: ValidationOptions = {}): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPlainObject',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be an object`, ...opts },
      validator: { validate: (value: unknown) => !!value && typeof value === 'object' && !Array.isArray(value) },
    });
}
