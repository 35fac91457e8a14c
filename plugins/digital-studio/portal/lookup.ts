import type { PortalHost } from '@portal/portal-kit';
import type { Deal, Task } from './studio';

/**
 * Titles of deals and tasks the studio's screens name (entries and timers carry ids only), fetched once per
 * page load and shared by the timer, "My time" and the widgets. A deal or task that is gone resolves to null.
 */
const deals = new Map<string, Promise<Deal | null>>();
const tasks = new Map<string, Promise<Task | null>>();

export function dealOf(host: PortalHost, id: string): Promise<Deal | null> {
  let p = deals.get(id);
  if (!p) {
    p = host.get<Deal>(`/deals/${encodeURIComponent(id)}`).catch(() => null);
    deals.set(id, p);
  }
  return p;
}

export function taskOf(host: PortalHost, id: string): Promise<Task | null> {
  let p = tasks.get(id);
  if (!p) {
    p = host.get<Task>(`/tasks/${encodeURIComponent(id)}`).catch(() => null);
    tasks.set(id, p);
  }
  return p;
}

/** Remembers what a list already returned, so naming it costs no request. */
export function rememberTask(t: Task): void {
  tasks.set(t.id, Promise.resolve(t));
}

export function rememberDeal(d: Deal): void {
  deals.set(d.id, Promise.resolve(d));
}

/** The day an entry was logged changes what a page shows elsewhere (the deal card, "My time"): they listen. */
export const TIME_LOGGED = 'digital-studio:time-logged';

export function announceTimeLogged(dealId: string | null): void {
  if (typeof window !== 'undefined') window.dispatchEvent(new CustomEvent(TIME_LOGGED, { detail: { dealId } }));
}
