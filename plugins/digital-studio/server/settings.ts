import type { PluginSettingSpec } from '@portal/plugin-sdk';

/**
 * The studio's settings. Department default rates are not settings: settings numbers are JSON numbers (floats),
 * and a rate is money with a history (valid from a date), so they live in `ds_cost_rates` behind
 * `PUT /departments/:id/cost-rate`. The two hour thresholds are two numbers (settings have no list type).
 */
export const SETTINGS: Record<string, PluginSettingSpec> = {
  lockDays: { type: 'number', default: 7, min: 0, max: 366, label: 'Days after which time entries are locked (only heads and admins change older ones)' },
  warningMarginPct: { type: 'number', default: 20, min: 0, max: 100, label: 'Margin (%) below which a project gets a warning' },
  hoursWarningPct: { type: 'number', default: 80, min: 1, max: 1000, label: 'Share of planned hours (%) spent that raises a warning' },
  hoursCriticalPct: { type: 'number', default: 100, min: 1, max: 1000, label: 'Share of planned hours (%) spent that raises a critical alert' },
};

export interface StudioSettings {
  lockDays: number;
  /** Decimal strings, for SQL numeric (never float arithmetic). */
  warningMarginPct: string;
  hoursWarningPct: string;
  hoursCriticalPct: string;
}

const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

export function studioSettings(s: Record<string, unknown>): StudioSettings {
  return {
    lockDays: Math.trunc(num(s['lockDays'], 7)),
    warningMarginPct: String(num(s['warningMarginPct'], 20)),
    hoursWarningPct: String(num(s['hoursWarningPct'], 80)),
    hoursCriticalPct: String(num(s['hoursCriticalPct'], 100)),
  };
}
