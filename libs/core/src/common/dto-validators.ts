import { ValidateIf, ValidationOptions, registerDecorator } from 'class-validator';
import { parseMoney } from './money';

/** Present (null included) → validated; absent → skipped. Unlike @IsOptional, null is not waved through. */
export const IfPresent = () => ValidateIf((_o, v) => v !== undefined);

/** Money: a number or a decimal string with at most two places, not negative; null when nullable. */
export function IsMoneyAmount(opts: ValidationOptions & { nullable?: boolean } = {}): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isMoneyAmount',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be an amount of money with at most two decimal places, e.g. "1500.00"`, ...opts },
      validator: {
        validate(value: unknown) {
          if (value === null || value === undefined) return !!opts.nullable;
          if (typeof value !== 'number' && typeof value !== 'string') return false;
          if (typeof value === 'string' && value.trim() === '') return !!opts.nullable;
          const d = parseMoney(value);
          return d !== null && !d.isNegative();
        },
      },
    });
}

/** A plain JSON object (not an array, not null). */
export function IsPlainObject(opts: ValidationOptions = {}): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPlainObject',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be an object`, ...opts },
      validator: {
        validate: (value: unknown) => !!value && typeof value === 'object' && !Array.isArray(value),
      },
    });
}

/** Text Postgres can store: no NUL character (it would fail in the database, not here). */
export function NoNul(opts: ValidationOptions = {}): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'noNul',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must not contain NUL characters`, ...opts },
      validator: {
        validate: (value: unknown) => !hasNul(value),
      },
    });
}

/** Whether a string anywhere in a JSON value holds a NUL character (which jsonb and text columns refuse). */
export function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => hasNul(k) || hasNul(v));
  return false;
}
