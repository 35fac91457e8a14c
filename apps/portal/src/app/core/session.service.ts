import { Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { ApiService } from './api.service';
import { I18nService } from './i18n.service';

export interface Me {
  id: string;
  email: string;
  name: string;
  roles: string[];
  locale?: string | null;
  portal: { id: string; slug: string; name: string; locale: string; timezone: string; sandbox?: boolean } | null;
}

interface LoginResponse {
  accessToken: string;
  user: { id: string; email: string; name: string; roles: string[] };
}

/** Who is signed in (from `GET /me`), signing in and out. */
@Injectable({ providedIn: 'root' })
export class SessionService {
  private readonly api = inject(ApiService);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly current = signal<Me | null>(null);
  private loading: Promise<Me> | null = null;

  readonly loggedIn = computed(() => this.api.token() !== null);
  /** The signed-in user; null when signed out (also right after a 401 ended the session). */
  readonly me = computed(() => (this.api.token() ? this.current() : null));
  readonly isAdmin = computed(() => this.me()?.roles.includes('admin') ?? false);

  /** Loads the current user once per session (again after `refresh`), and applies their language. */
  load(): Promise<Me> {
    if (!this.loading) {
      this.loading = this.api.get<Me>('/me').then(
        (me) => {
          this.current.set(me);
          this.i18n.signedIn(me.id, me.portal?.locale, me.locale);
          return me;
        },
        (err) => {
          this.loading = null;
          throw err;
        },
      );
    }
    return this.loading;
  }

  async login(portal: string, email: string, password: string): Promise<Me> {
    const res = await this.api.post<LoginResponse>('/auth/login', { portal: portal.trim().toLowerCase(), email: email.trim(), password }, { auth: false });
    this.api.setToken(res.accessToken);
    this.current.set(null);
    this.loading = null;
    return this.load();
  }

  logout(): void {
    this.api.setToken(null);
    this.current.set(null);
    this.loading = null;
    this.i18n.signedOut();
    void this.router.navigateByUrl('/login');
  }
}
