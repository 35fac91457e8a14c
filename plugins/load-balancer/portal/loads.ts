import type { PortalHost } from '@portal/portal-kit';

/** A row of `GET /load-balancer/loads`. */
export interface MemberLoad {
  userId: string;
  name: string;
  load: number;
  loadMinutes: number;
  openTasks: number;
  openDeals: number;
  absent: boolean;
  atCapacity: boolean;
  capacity: number | null;
  active: boolean;
  eligible: boolean;
}

export function fetchLoads(host: PortalHost, departmentId?: string): Promise<MemberLoad[]> {
  return host.get<MemberLoad[]>(`/load-balancer/loads${departmentId ? `?departmentId=${encodeURIComponent(departmentId)}` : ''}`);
}

/** Bar width in % of the most loaded person (or of the cap when there is one). */
export function barPercent(member: MemberLoad, max: number): number {
  const cap = member.capacity === null ? null : Number(member.capacity) * 60;
  const scale = cap && cap > 0 ? cap : max;
  if (!scale) return 0;
  return Math.min(100, Math.round((member.loadMinutes / scale) * 100));
}

export type MemberState = 'inactive' | 'absent' | 'atCapacity' | 'notEligible' | 'available';

export function memberState(m: MemberLoad): MemberState {
  if (!m.active) return 'inactive';
  if (m.absent) return 'absent';
  if (m.atCapacity) return 'atCapacity';
  return m.eligible ? 'available' : 'notEligible';
}
