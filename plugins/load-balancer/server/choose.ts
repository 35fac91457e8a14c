import { hours } from './loads';
import type { PoolVerdict } from './loads';

export interface Choice {
  userId: string | null;
  reason: string;
}

const NAMED = 5;

/** The decision and its reason: "Maria: load 3.5 h, lowest of 4 eligible; Ivan absent; Olena at cap (8 h)". */
export function explain(v: PoolVerdict): Choice {
  const skipped = v.skipped.slice(0, NAMED).map(([name, why, cap]) => (why === 'at cap' ? `${name} at cap (${hours(cap)})` : `${name} ${why}`));
  if (v.skippedCount > NAMED) skipped.push(`and ${v.skippedCount - NAMED} more skipped`);
  const tail = skipped.length ? `; ${skipped.join('; ')}` : '';
  const [best, next] = v.best;
  if (!best) return { userId: null, reason: v.members ? `nobody eligible of ${v.members}${tail}` : 'the pool has no members' };
  const tie = next && Number(next.load_minutes) === Number(best.load_minutes) ? ' (a tie, broken round robin)' : '';
  return { userId: best.id, reason: `${best.name}: load ${hours(best.load_minutes)}, lowest of ${v.members - v.skippedCount} eligible${tie}${tail}` };
}
