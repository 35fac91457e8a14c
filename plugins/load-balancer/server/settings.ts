import type { PluginSettingSpec } from '@portal/plugin-sdk';

/** The load-balancer's settings: what a unit of open work weighs, and who may take more. */
export const SETTINGS: Record<string, PluginSettingSpec> = {
  dealWeightHours: { type: 'number', default: 1, min: 0, max: 1000, label: 'Hours an open deal weighs (pipelines without their own weight)' },
  pipelineWeights: { type: 'map', default: {}, min: 0, max: 1000, label: 'Hours an open deal weighs, per pipeline code' },
  defaultTaskHours: { type: 'number', default: 0.5, min: 0, max: 1000, label: 'Hours an open task without an estimate weighs' },
  capacityHours: { type: 'number', default: 0, min: 0, max: 10000, label: 'Capacity cap per person in hours of open work (0: no cap)' },
  userCapacityHours: { type: 'map', default: {}, min: 0, max: 10000, label: 'Capacity cap per user id, in hours (overrides capacityHours)' },
  respectWorkingHours: { type: 'boolean', default: false, label: 'Assign only inside working hours' },
};

export interface LoadSettings {
  dealWeightMinutes: number;
  pipelineWeightMinutes: Record<string, number>;
  defaultTaskMinutes: number;
  capacityMinutes: number;
  userCapacityMinutes: Record<string, number>;
  respectWorkingHours: boolean;
}

const minutes = (hours: unknown, fallback = 0) => Math.round((typeof hours === 'number' && Number.isFinite(hours) ? hours : fallback) * 60);
const minutesMap = (m: unknown): Record<string, number> =>
  Object.fromEntries(Object.entries(m && typeof m === 'object' ? (m as Record<string, unknown>) : {}).map(([k, v]) => [k, minutes(v)]));

/** Settings (hours, as an admin writes them) as whole minutes, so loads add up exactly. */
export function loadSettings(s: Record<string, unknown>): LoadSettings {
  return {
    dealWeightMinutes: minutes(s['dealWeightHours'], 1),
    pipelineWeightMinutes: minutesMap(s['pipelineWeights']),
    defaultTaskMinutes: minutes(s['defaultTaskHours'], 0.5),
    capacityMinutes: minutes(s['capacityHours']),
    userCapacityMinutes: minutesMap(s['userCapacityHours']),
    respectWorkingHours: s['respectWorkingHours'] === true,
  };
}
