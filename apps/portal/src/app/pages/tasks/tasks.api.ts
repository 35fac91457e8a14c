import type { ApiService } from '../../core/api.service';
import type { TaskItem, TaskPage, TaskUser } from './tasks.types';

/** Every task of a filter (`assigneeId=…&status=open`), page after page (at most `max`). */
export async function loadAllTasks(api: ApiService, query: string, max = 2000): Promise<TaskItem[]> {
  const all: TaskItem[] = [];
  let cursor: string | null = null;
  do {
    const page: TaskPage = await api.get<TaskPage>(`/tasks?${query}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    all.push(...(page.items ?? []));
    cursor = page.nextCursor ?? null;
  } while (cursor && all.length < max);
  return all;
}

/** The portal's users (active and not: old tasks may name someone who left). */
export async function loadUsers(api: ApiService): Promise<TaskUser[]> {
  const res = await api.get<{ items: TaskUser[] } | TaskUser[]>('/users');
  return Array.isArray(res) ? res : (res.items ?? []);
}

/**
 * Titles of the deals the tasks belong to (one `GET /deals/:id` each, a few at a time); a deal that cannot be
 * read (deleted, no access) is left out, and the row then shows a plain "Deal" link.
 */
export async function loadDealTitles(api: ApiService, ids: string[], known: ReadonlyMap<string, string> = new Map()): Promise<Map<string, string>> {
  const out = new Map(known);
  const wanted = [...new Set(ids)].filter((id) => !out.has(id));
  const batch = 8;
  for (let i = 0; i < wanted.length; i += batch) {
    await Promise.all(
      wanted.slice(i, i + batch).map(async (id) => {
        try {
          const deal = await api.get<{ id: string; title: string }>(`/deals/${encodeURIComponent(id)}`);
          out.set(id, deal.title);
        } catch {
          // shown as a plain link
        }
      }),
    );
  }
  return out;
}
