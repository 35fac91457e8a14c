import { ApplicationConfig, inject, provideAppInitializer, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { appRoutes } from './app.routes';
import { SessionService } from './core/session.service';
import { providePluginUi } from './plugins/portal-host';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(appRoutes, withComponentInputBinding()),
    providePluginUi(),
    // A stored session: the user (and so the portal's language) is known before the first page renders.
    // A failure here is shown by the guard of the page that needs the user.
    provideAppInitializer(() => {
      const session = inject(SessionService);
      if (session.loggedIn()) return session.load().then(() => undefined, () => undefined);
      return undefined;
    }),
  ],
};
