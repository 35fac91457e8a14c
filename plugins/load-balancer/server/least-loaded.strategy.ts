import type { AssignmentStrategy } from '@portal/plugin-sdk';
import { explain } from './choose';
import { decide } from './loads';
import { loadSettings } from './settings';

/**
 * `least-loaded`: the eligible member of the pool with the least open work. The decision takes the portal's
 * balancer lock first, held until the caller's transaction commits the assignment, so two arrivals never
 * both see the same "least loaded" person; the assignment's own triggers then count the new work.
 */
export const leastLoaded: AssignmentStrategy = async (req) => {
  const s = loadSettings(req.settings);
  if (s.respectWorkingHours && !req.workingNow) return { userId: null, reason: 'outside working hours: nobody is assigned until they start' };
  return explain(await decide(req.query, req.portalId, req.pool, req.today, s));
};
