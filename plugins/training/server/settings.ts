import type { PluginSettingSpec } from '@portal/plugin-sdk';

/** The training plugin's settings (`/marketplace/training/settings`). */
export const SETTINGS: Record<string, PluginSettingSpec> = {
  overdueNotify: { type: 'boolean', default: true, label: 'Notify a trainee and their head (once) when an assigned course is overdue' },
  defaultPassPct: { type: 'number', default: 80, min: 1, max: 100, label: 'Pass threshold (%) of a test that does not set its own' },
  certificateIssuer: { type: 'string', default: '', label: 'Issuer printed on certificates (empty: the portal’s name)' },
};

export interface TrainingSettings {
  overdueNotify: boolean;
  defaultPassPct: number;
  certificateIssuer: string;
}

export function trainingSettings(s: Record<string, unknown>): TrainingSettings {
  const pct = s['defaultPassPct'];
  return {
    overdueNotify: s['overdueNotify'] !== false,
    defaultPassPct: typeof pct === 'number' && pct >= 1 && pct <= 100 ? Math.round(pct) : 80,
    certificateIssuer: typeof s['certificateIssuer'] === 'string' ? s['certificateIssuer'].trim().slice(0, 200) : '',
  };
}
