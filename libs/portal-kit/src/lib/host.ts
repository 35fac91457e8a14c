import { InjectionToken } from '@angular/core';
import type { Signal, Type } from '@angular/core';
import type { LocalizedText } from './contributions';

export type PortalLang = 'uk' | 'ru' | 'en';

export interface PortalUser {
  id: string;
  name: string;
  roles: string[];
}

/**
 * What the portal lends a plugin's UI: its API session, language and user. A plugin's components inject
 * this instead of the portal's own services, so they depend on nothing but this kit.
 */
export interface PortalHost {
  /** `GET /api/v1<path>` with the user's session; rejects with an error `errorText` can put in words. */
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  delete<T>(path: string): Promise<T>;
  /** `GET` of a file (CSV, PDF) with the session, as a Blob. */
  blob(path: string): Promise<Blob>;
  /** The API error's field messages by field name (`{}` for other errors), to show next to the control. */
  fieldErrors(err: unknown): Record<string, string>;
  readonly lang: Signal<PortalLang>;
  readonly user: Signal<PortalUser | null>;
  /** The portal's time zone (IANA name): "today" and dates of entries are the portal's. */
  readonly timezone: Signal<string>;
  localized(text: LocalizedText | undefined): string;
  /** An API error in words of the current language. */
  errorText(err: unknown): string;
}

export const PORTAL_HOST = new InjectionToken<PortalHost>('PORTAL_HOST');

/** What a plugin's portal module exports: its components by the names its manifest uses. */
export interface PortalPluginModule {
  components: Record<string, Type<unknown>>;
}

export type PortalPluginLoader = () => Promise<PortalPluginModule>;

/** module name → lazy loader; the portal build lists the plugins it bundles (see apps/portal plugin-loaders). */
export const PORTAL_PLUGIN_LOADERS = new InjectionToken<Record<string, PortalPluginLoader>>('PORTAL_PLUGIN_LOADERS');

/** Words of a plugin in the portal's three languages, read through the host's current language. */
export type PluginWords<K extends string> = Record<PortalLang, Record<K, string>>;

export function pluginWords<K extends string>(host: PortalHost, words: PluginWords<K>): (key: K, params?: Record<string, string | number>) => string {
  return (key, params) => {
    const text = words[host.lang()]?.[key] ?? words.en[key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;
  };
}
