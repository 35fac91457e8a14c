/** A plugin of `GET /marketplace`. `name` and `summary` may come per language. */
export interface Plugin {
  id: string;
  name: string | Record<string, string>;
  version: string;
  summary: string | Record<string, string>;
  category: string;
  dependsOn: string[];
  installed: boolean;
  installedVersion: string | null;
  /** The name and summary in Ukrainian and Russian (`name` and `summary` are the English ones). */
  translations?: Partial<Record<string, { name?: string; summary?: string }>>;
}

/** `name` and `summary` per language, from the English ones and the plugin's translations. */
export function withTranslations(p: Plugin): Plugin {
  const t = p.translations ?? {};
  const per = (key: 'name' | 'summary', en: string | Record<string, string>) =>
    typeof en === 'string' ? { en, ...Object.fromEntries(Object.entries(t).flatMap(([lang, v]) => (v?.[key] ? [[lang, v[key] as string]] : []))) } : en;
  return { ...p, name: per('name', p.name), summary: per('summary', p.summary) };
}

/** An install's progress, from its event stream (`event: progress`). */
export interface InstallProgress {
  installId: string;
  plugin: string;
  state: 'starting' | 'running' | 'done' | 'failed';
  done: number;
  total: number;
  step: string;
}
