import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isUuid } from '../common/uuid';

export interface ProgressEvent {
  installId: string;
  plugin: string;
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  /** What is being done now, e.g. "field deal.advance" or "demo data". */
  step: string;
  at: string;
}

interface Tracked {
  portalId: string;
  events: ProgressEvent[];
  listeners: Set<(e: ProgressEvent) => void>;
  finishedAt?: number;
  createdAt: number;
}

const KEEP_MS = 10 * 60_000;

/**
 * Progress of installs, as events a portal shows as a progress bar (`GET /marketplace/installs/:id` and its
 * SSE stream). Kept in the process that runs the install, for ten minutes after it ends: the install is
 * one transaction, so nothing of it is visible in the database before it commits.
 */
@Injectable()
export class InstallProgress {
  private readonly installs = new Map<string, Tracked>();

  /** The caller may choose the id (to subscribe before it starts); otherwise one is made. */
  begin(portalId: string, wanted?: string): { id: string; report: (plugin: string, step: string, done: number, total: number) => void; end: (ok: boolean) => void } {
    this.sweep();
    const waiting = wanted ? this.installs.get(wanted) : undefined;
    const reuse = !!waiting && waiting.portalId === portalId && !waiting.events.length;
    const id = wanted && isUuid(wanted) && (reuse || !waiting) ? wanted : randomUUID();
    const t: Tracked = reuse ? waiting! : { portalId, events: [], listeners: new Set(), createdAt: Date.now() };
    this.installs.set(id, t);
    let last = { plugin: '', done: 0, total: 0 };
    const emit = (e: Omit<ProgressEvent, 'installId' | 'at'>) => {
      const event = { installId: id, at: new Date().toISOString(), ...e };
      t.events.push(event);
      for (const l of t.listeners) l(event);
    };
    return {
      id,
      report: (plugin, step, done, total) => {
        last = { plugin, done, total };
        emit({ plugin, state: 'running', done, total, step });
      },
      end: (ok) => {
        emit({ plugin: last.plugin, state: ok ? 'done' : 'failed', done: ok ? last.total : last.done, total: last.total, step: ok ? 'installed' : 'rolled back' });
        t.finishedAt = Date.now();
        t.listeners.clear();
      },
    };
  }

  /** Past events of an install of this portal; null when unknown here. */
  events(portalId: string, id: string): ProgressEvent[] | null {
    const t = this.installs.get(id);
    return t && t.portalId === portalId ? [...t.events] : null;
  }

  /**
   * Past events, then live ones until the install ends; returns the unsubscribe function. An id not seen
   * yet (a UUID the client will pass to the install) is waited for, so a bar can open before the install.
   */
  subscribe(portalId: string, id: string, listener: (e: ProgressEvent) => void): (() => void) | null {
    if (!this.installs.has(id) && isUuid(id)) this.installs.set(id, { portalId, events: [], listeners: new Set(), createdAt: Date.now() });
    const t = this.installs.get(id);
    if (!t || t.portalId !== portalId) return null;
    t.events.forEach(listener);
    if (t.finishedAt) return () => undefined;
    t.listeners.add(listener);
    return () => t.listeners.delete(listener);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, t] of this.installs) if (now - (t.finishedAt ?? t.createdAt + KEEP_MS) > KEEP_MS) this.installs.delete(id);
  }
}
