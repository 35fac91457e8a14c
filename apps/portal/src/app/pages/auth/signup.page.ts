import { Component, effect, inject, signal, untracked } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatInputModule } from '@angular/material/input';
import { ApiService } from '../../core/api.service';
import { I18nService, LANGS, TPipe } from '../../core/i18n.service';
import type { Lang } from '../../core/i18n.service';
import type { TextKey } from '../../core/i18n.dictionaries';
import { SessionService } from '../../core/session.service';
import { FormErrors } from '../../core/form-errors';

export const TIME_ZONES = ['Europe/Kyiv', 'Europe/Warsaw', 'Europe/Berlin', 'Europe/London', 'UTC'] as const;

/** API field → form control. */
const CONTROLS: Record<string, string> = {
  name: 'name',
  slug: 'slug',
  'admin.name': 'adminName',
  'admin.email': 'email',
  'admin.password': 'password',
  locale: 'locale',
  timezone: 'timezone',
};

@Component({
  selector: 'app-signup-page',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatCardModule, MatInputModule, TPipe],
  template: `
    <mat-card class="auth-card" appearance="outlined">
      <mat-card-content>
        <h1 data-testid="page-title">{{ 'signup.title' | t }}</h1>
        <p class="intro">{{ 'signup.intro' | t }}</p>
        @if (errors.general(); as general) {
          <p class="form-error" role="alert" data-testid="form-error">{{ general }}</p>
        }
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'signup.name' | t }}</mat-label>
            <input matInput formControlName="name" autocomplete="organization" data-testid="signup-name" />
            <mat-error data-testid="error-name">{{ errors.field('name') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'signup.slug' | t }}</mat-label>
            <input matInput formControlName="slug" autocapitalize="off" spellcheck="false" data-testid="signup-slug" />
            <mat-hint>{{ 'signup.slugHint' | t }}</mat-hint>
            <mat-error data-testid="error-slug">{{ errors.field('slug') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'signup.adminName' | t }}</mat-label>
            <input matInput formControlName="adminName" autocomplete="name" data-testid="signup-admin-name" />
            <mat-error data-testid="error-admin.name"><span data-testid="error-admin-name">{{ errors.field('admin.name') }}</span></mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'common.email' | t }}</mat-label>
            <input matInput type="email" formControlName="email" autocomplete="email" data-testid="signup-email" />
            <mat-error data-testid="error-admin.email"><span data-testid="error-email">{{ errors.field('admin.email') }}</span></mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'common.password' | t }}</mat-label>
            <input matInput type="password" formControlName="password" autocomplete="new-password" data-testid="signup-password" />
            <mat-hint>{{ 'signup.passwordHint' | t }}</mat-hint>
            <mat-error data-testid="error-admin.password"><span data-testid="error-password">{{ errors.field('admin.password') }}</span></mat-error>
          </mat-form-field>
          <div class="row">
            <mat-form-field appearance="outline">
              <mat-label>{{ 'signup.locale' | t }}</mat-label>
              <select matNativeControl formControlName="locale" data-testid="signup-locale">
                @for (lang of langs; track lang) {
                  <option [value]="lang">{{ langName(lang) }}</option>
                }
              </select>
              <mat-error data-testid="error-locale">{{ errors.field('locale') }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'signup.timezone' | t }}</mat-label>
              <select matNativeControl formControlName="timezone" data-testid="signup-timezone">
                @for (zone of zones; track zone) {
                  <option [value]="zone">{{ zoneName(zone) }}</option>
                }
              </select>
              <mat-error data-testid="error-timezone">{{ errors.field('timezone') }}</mat-error>
            </mat-form-field>
          </div>
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="busy()" data-testid="signup-submit">
              {{ (busy() ? 'signup.submitting' : 'signup.submit') | t }}
            </button>
          </div>
        </form>
        <p class="switch">
          {{ 'signup.haveAccount' | t }} <a routerLink="/login" data-testid="to-login">{{ 'signup.toLogin' | t }}</a>
        </p>
      </mat-card-content>
    </mat-card>
  `,
})
export class SignupPage {
  private readonly api = inject(ApiService);
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);
  protected readonly i18n = inject(I18nService);
  protected readonly langs = LANGS;
  protected readonly zones = TIME_ZONES;

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: '',
    slug: '',
    adminName: '',
    email: '',
    password: '',
    locale: this.i18n.lang() as string,
    timezone: 'Europe/Kyiv' as string,
  });
  protected readonly errors = new FormErrors(this.i18n, this.form, CONTROLS, () => ({ slug: this.form.controls.slug.value }));
  protected readonly busy = signal(false);

  constructor() {
    // Until chosen, the portal's language is the one the visitor reads this page in.
    effect(() => {
      const lang = this.i18n.lang();
      untracked(() => {
        const locale = this.form.controls.locale;
        if (locale.pristine && locale.value !== lang) locale.setValue(lang);
      });
    });
  }

  protected langName(lang: Lang): string {
    return this.i18n.t(`lang.${lang}`);
  }

  protected zoneName(zone: string): string {
    const name = this.i18n.t(`tz.${zone}` as TextKey);
    return zone === 'UTC' ? `UTC — ${name}` : `${name} (${zone})`;
  }

  async submit(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.errors.clear();
    const v = this.form.getRawValue();
    const slug = v.slug.trim().toLowerCase();
    try {
      await this.api.post(
        '/portals',
        { name: v.name.trim(), slug, admin: { name: v.adminName.trim(), email: v.email.trim(), password: v.password }, locale: v.locale, timezone: v.timezone },
        { auth: false },
      );
      await this.session.login(slug, v.email, v.password);
      await this.router.navigateByUrl('/marketplace');
    } catch (err) {
      this.errors.show(err);
    } finally {
      this.busy.set(false);
    }
  }
}
