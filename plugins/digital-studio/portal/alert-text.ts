import type { Alert } from './studio';

type Words = (key: 'alertMarginCritical' | 'alertMarginWarning' | 'alertHoursCritical' | 'alertHoursWarning', params?: Record<string, string | number>) => string;

/** Why a project is flagged, in the viewer's words (the API's `reason` is in the portal's language). */
export function alertText(
  t: Words,
  a: Pick<Alert, 'kind' | 'level'>,
  f: { marginPct: string; grossProfit: string; spentPct: string; warningMarginPct: number; hoursWarningPct: number; hoursCriticalPct: number },
): string {
  if (a.kind === 'margin') return a.level === 'critical' ? t('alertMarginCritical', { gp: f.grossProfit }) : t('alertMarginWarning', { margin: f.marginPct, threshold: f.warningMarginPct });
  return a.level === 'critical' ? t('alertHoursCritical', { spent: f.spentPct, threshold: f.hoursCriticalPct }) : t('alertHoursWarning', { spent: f.spentPct, threshold: f.hoursWarningPct });
}
