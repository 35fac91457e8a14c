import { computed, signal } from '@angular/core';
import type { FormGroup } from '@angular/forms';
import { ApiError } from './api.service';
import { errorText, fieldErrorText } from './errors';
import type { I18nService } from './i18n.service';

/**
 * The API's error of a form, in words: next to the control of each field it names (the control is put in
 * an error state until edited), and whatever has no field of its own as the form's general error.
 */
export class FormErrors {
  private readonly error = signal<unknown>(null);

  constructor(
    private readonly i18n: I18nService,
    private readonly form: FormGroup,
    /** API field name (`admin.email`) → form control name (`email`). */
    private readonly controls: Record<string, string>,
    private readonly params: () => Record<string, string> = () => ({}),
  ) {}

  /** Text for one API field, or null; follows the language. */
  field(apiField: string): string | null {
    const err = this.error();
    return err instanceof ApiError ? fieldErrorText(this.i18n, err, apiField, this.params()) : null;
  }

  /** The general error: anything not shown next to a field. */
  readonly general = computed(() => {
    const err = this.error();
    if (!err) return null;
    if (!(err instanceof ApiError)) return errorText(this.i18n, err);
    const fields = Object.keys(err.fieldErrors);
    const unplaced = fields.filter((f) => !(f in this.controls));
    if (fields.length && !unplaced.length) return null;
    if (unplaced.length) {
      return unplaced.map((f) => fieldErrorText(this.i18n, err, f, this.params()) ?? '').join(' ');
    }
    return errorText(this.i18n, err, this.params());
  });

  show(err: unknown): void {
    this.error.set(err);
    if (!(err instanceof ApiError)) return;
    for (const field of Object.keys(err.fieldErrors)) {
      const control = this.form.get(this.controls[field] ?? '');
      if (!control) continue;
      control.setErrors({ api: true });
      control.markAsTouched();
    }
  }

  clear(): void {
    this.error.set(null);
  }
}
