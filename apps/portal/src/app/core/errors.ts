import { Injectable, Injector, inject } from '@angular/core';
import type { MatSnackBar } from '@angular/material/snack-bar';
import { ApiError } from './api.service';
import { I18nService } from './i18n.service';
import type { TextKey } from './i18n.dictionaries';
import { DICTIONARIES } from './i18n.service';

function known(key: string): key is TextKey {
  return key in DICTIONARIES.en;
}

/** An error in words of the current language: known codes are translated, others show the API's message. */
export function errorText(i18n: I18nService, err: unknown, params: Record<string, string> = {}): string {
  if (!(err instanceof ApiError)) return i18n.t('errors.generic', { message: err instanceof Error ? err.message : String(err) });
  if (err.isNetwork) return i18n.t('errors.network');
  const key = `errors.${err.code}`;
  if (known(key)) return i18n.t(key, params);
  if (err.status >= 500) return i18n.t('errors.internal_error');
  if (err.status === 403) return i18n.t('errors.forbidden');
  return i18n.t('errors.generic', { message: err.message });
}

/** What to show next to a form field the API named: a translated explanation when there is one. */
export function fieldErrorText(i18n: I18nService, err: ApiError, field: string, params: Record<string, string> = {}): string | null {
  const message = err.fieldErrors[field];
  if (message === undefined) return null;
  if (err.code !== 'validation_failed') {
    const codeKey = `errors.${err.code}`;
    if (known(codeKey)) return i18n.t(codeKey, params);
  }
  const key = `field.${field}`;
  return known(key) ? i18n.t(key) : message;
}

/**
 * Errors the page has no better place for: a snackbar that stays until closed. The snackbar (and the CDK
 * overlay under it) is loaded on first use, keeping it out of the initial bundle.
 */
@Injectable({ providedIn: 'root' })
export class Notifier {
  private readonly injector = inject(Injector);
  private readonly i18n = inject(I18nService);
  private snackBar: Promise<MatSnackBar> | null = null;

  error(err: unknown, params?: Record<string, string>): void {
    this.open(errorText(this.i18n, err, params), { panelClass: 'snack-error' });
  }

  info(message: string): void {
    this.open(message, { duration: 5000 });
  }

  private open(message: string, config: { panelClass?: string; duration?: number }): void {
    const action = this.i18n.t('common.close');
    this.snackBar ??= import('@angular/material/snack-bar').then((m) => this.injector.get(m.MatSnackBar));
    this.snackBar.then(
      (bar) => bar.open(message, action, config),
      () => {
        // The snackbar itself could not be loaded (the connection is gone): say it the plain way.
        this.snackBar = null;
        globalThis.alert?.(message);
      },
    );
  }
}
