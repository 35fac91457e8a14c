import { computed, inject } from '@angular/core';
import type { Provider } from '@angular/core';
import { PORTAL_HOST, PORTAL_PLUGIN_LOADERS } from '@portal/portal-kit';
import type { LocalizedText, PortalHost } from '@portal/portal-kit';
import { ApiError, ApiService } from '../core/api.service';
import { errorText } from '../core/errors';
import { I18nService } from '../core/i18n.service';
import { SessionService } from '../core/session.service';
import { PLUGIN_LOADERS } from './plugin-loaders';

/** The portal's services, lent to plugins' UI through portal-kit's narrow PortalHost. */
function portalHost(): PortalHost {
  const api = inject(ApiService);
  const i18n = inject(I18nService);
  const session = inject(SessionService);
  return {
    get: (path) => api.get(path),
    post: (path, body) => api.post(path, body),
    patch: (path, body) => api.patch(path, body),
    put: (path, body) => api.put(path, body),
    delete: (path) => api.delete(path),
    blob: (path) => api.blob(path),
    fieldErrors: (err) => (err instanceof ApiError ? err.fieldErrors : {}),
    lang: i18n.lang,
    timezone: computed(() => session.me()?.portal?.timezone || 'UTC'),
    user: computed(() => {
      const me = session.me();
      return me ? { id: me.id, name: me.name, roles: me.roles } : null;
    }),
    localized: (text: LocalizedText | undefined) => i18n.localized(text),
    errorText: (err) => errorText(i18n, err),
  };
}

export function providePluginUi(): Provider[] {
  return [
    { provide: PORTAL_HOST, useFactory: portalHost },
    { provide: PORTAL_PLUGIN_LOADERS, useValue: PLUGIN_LOADERS },
  ];
}
