/** The queue port: Bull on Redis when REDIS_URL is set, an in-process driver otherwise; same semantics. */
export interface JobOptions {
  /** Idempotency: a second add with the same id while the first is known is ignored. */
  jobId?: string;
  delayMs?: number;
  attempts?: number;
  backoffMs?: number;
}

export type JobHandler = (data: any) => Promise<void>;

export interface JobQueue {
  readonly driver: 'bull' | 'in-process';
  add(name: string, data: unknown, opts?: JobOptions): Promise<void>;
  process(name: string, handler: JobHandler, concurrency?: number): void;
  /** Resolves when nothing is waiting or running (tests, test clock). */
  drain(): Promise<void>;
  close(): Promise<void>;
}

export const JOB_QUEUE = Symbol('JOB_QUEUE');
