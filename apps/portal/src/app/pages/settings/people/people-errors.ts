import { computed, signal } from '@angular/core';
import type { FormGroup } from '@angular/forms';
import { ApiError } from '../../../core/api.service';
import { errorText } from '../../../core/errors';
import type { I18nService } from '../../../core/i18n.service';
import type { TextKey } from '../../../core/i18n.dictionaries';
import './people.i18n';

/**
 * The API's error of a people form, in words: next to the control of each field it names (the control is
 * put in an error state until edited), anything else as the form's general error. Like the shared
 * FormErrors, but with this area's own words per field (`people.field.email`) and per error code
 * (`people.errors.email_taken`), since the shared `field.name` speaks of a portal's name.
 */
export class PeopleFormErrors {
  private readonly error = signal<unknown>(null);
  /** Errors found before sending (e.g. `to` before `from`), by control. */
  private readonly local = signal<Record<string, TextKey>>({});

  constructor(
    private readonly i18n: I18nService,
    private readonly form: FormGroup,
    /** API field name → form control name (a function when it depends on the form's state). */
    private readonly controlMap: Record<string, string> | (() => Record<string, string>),
  ) {}

  private get controls(): Record<string, string> {
    return typeof this.controlMap === 'function' ? this.controlMap() : this.controlMap;
  }

  /** Text for one API field (own check first, then the API's), or null; follows the language. */
  field(apiField: string): string | null {
    const own = this.local()[apiField];
    if (own) return this.i18n.t(own);
    const err = this.error();
    if (!(err instanceof ApiError)) return null;
    const message = err.fieldErrors[apiField];
    if (message === undefined) return null;
    return this.text(err, apiField, message);
  }

  /** The general error: anything not shown next to a field. */
  readonly general = computed(() => {
    const err = this.error();
    if (!err) return null;
    if (!(err instanceof ApiError)) return errorText(this.i18n, err);
    const fields = Object.keys(err.fieldErrors);
    const unplaced = fields.filter((f) => !(f in this.controls));
    if (fields.length && !unplaced.length) return null;
    if (unplaced.length) return unplaced.map((f) => this.text(err, f, err.fieldErrors[f])).join(' ');
    return this.codeText(err) ?? errorText(this.i18n, err);
  });

  show(err: unknown): void {
    this.unmark();
    this.local.set({});
    this.error.set(err);
    if (!(err instanceof ApiError)) return;
    for (const field of Object.keys(err.fieldErrors)) this.mark(field);
  }

  /** An error found before sending, shown next to the control of `apiField`. */
  showLocal(apiField: string, key: TextKey): void {
    if (this.error()) this.unmark();
    this.error.set(null);
    this.local.update((l) => ({ ...l, [apiField]: key }));
    this.mark(apiField);
  }

  clear(): void {
    this.unmark();
    this.error.set(null);
    this.local.set({});
  }

  /** Controls marked for an earlier error lose the mark (their own validators still apply). */
  private unmark(): void {
    for (const name of Object.values(this.controls)) {
      const control = this.form.get(name);
      if (control?.hasError('api')) control.updateValueAndValidity({ emitEvent: false });
    }
  }

  private mark(apiField: string): void {
    const control = this.form.get(this.controls[apiField] ?? '');
    if (!control) return;
    control.setErrors({ api: true });
    control.markAsTouched();
  }

  private codeText(err: ApiError): string | null {
    const key = `people.errors.${err.code}`;
    const text = this.i18n.t(key as TextKey);
    return text === key ? null : text;
  }

  private text(err: ApiError, field: string, message: string): string {
    if (err.code !== 'validation_failed') {
      const byCode = this.codeText(err);
      if (byCode) return byCode;
    }
    // An id naming nothing (a deleted user or department) has words of its own.
    if (/does not exist/i.test(message)) {
      const key = `people.field.${field}.unknown`;
      const text = this.i18n.t(key as TextKey);
      if (text !== key) return text;
    }
    const key = `people.field.${field}`;
    const text = this.i18n.t(key as TextKey);
    return text === key ? message : text;
  }
}

/** An error with no field of its own, in this area's words when it has some (`people.errors.last_admin`). */
export function peopleErrorText(i18n: I18nService, err: unknown): string {
  if (err instanceof ApiError) {
    const key = `people.errors.${err.code}`;
    const text = i18n.t(key as TextKey);
    if (text !== key) return text;
  }
  return errorText(i18n, err);
}
