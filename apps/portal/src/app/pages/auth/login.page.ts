import { Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatInputModule } from '@angular/material/input';
import { I18nService, TPipe } from '../../core/i18n.service';
import { SessionService } from '../../core/session.service';
import { FormErrors } from '../../core/form-errors';

@Component({
  selector: 'app-login-page',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatCardModule, MatInputModule, TPipe],
  template: `
    <mat-card class="auth-card" appearance="outlined">
      <mat-card-content>
        <h1 data-testid="page-title">{{ 'login.title' | t }}</h1>
        @if (errors.general(); as general) {
          <p class="form-error" role="alert" data-testid="form-error">{{ general }}</p>
        }
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'login.portal' | t }}</mat-label>
            <input matInput formControlName="portal" autocomplete="organization" autocapitalize="off" spellcheck="false" data-testid="login-portal" />
            <mat-error data-testid="error-portal">{{ errors.field('portal') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'common.email' | t }}</mat-label>
            <input matInput type="email" formControlName="email" autocomplete="username" data-testid="login-email" />
            <mat-error data-testid="error-email">{{ errors.field('email') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'common.password' | t }}</mat-label>
            <input matInput type="password" formControlName="password" autocomplete="current-password" data-testid="login-password" />
            <mat-error data-testid="error-password">{{ errors.field('password') }}</mat-error>
          </mat-form-field>
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="busy()" data-testid="login-submit">
              {{ (busy() ? 'login.submitting' : 'login.submit') | t }}
            </button>
          </div>
        </form>
        <p class="switch">
          {{ 'login.noAccount' | t }} <a routerLink="/signup" data-testid="to-signup">{{ 'login.toSignup' | t }}</a>
        </p>
      </mat-card-content>
    </mat-card>
  `,
})
export class LoginPage {
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18nService);

  protected readonly form = inject(NonNullableFormBuilder).group({ portal: '', email: '', password: '' });
  protected readonly errors = new FormErrors(this.i18n, this.form, { portal: 'portal', email: 'email', password: 'password' });
  protected readonly busy = signal(false);

  async submit(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.errors.clear();
    const { portal, email, password } = this.form.getRawValue();
    try {
      await this.session.login(portal, email, password);
      await this.router.navigateByUrl('/marketplace');
    } catch (err) {
      this.errors.show(err);
    } finally {
      this.busy.set(false);
    }
  }
}
