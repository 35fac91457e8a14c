import { inject } from '@angular/core';
import type { CanActivateFn } from '@angular/router';
import { Router } from '@angular/router';
import { ApiError } from './api.service';
import { Notifier } from './errors';
import { SessionService } from './session.service';

/** Pages for signed-in users: without a session, /login; the user is loaded before the page opens. */
export const authGuard: CanActivateFn = async () => {
  const session = inject(SessionService);
  const router = inject(Router);
  const notifier = inject(Notifier);
  if (!session.loggedIn()) return router.parseUrl('/login');
  try {
    await session.load();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return router.parseUrl('/login');
    // The API is unreachable or failing: say so, and let the page show what it can.
    notifier.error(err);
  }
  return session.loggedIn() ? true : router.parseUrl('/login');
};

/** `/` and unknown addresses: the marketplace when signed in, else the login page. */
export const homeRedirect = () => (inject(SessionService).loggedIn() ? '/marketplace' : '/login');
