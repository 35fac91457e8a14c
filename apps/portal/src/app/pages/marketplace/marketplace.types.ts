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
