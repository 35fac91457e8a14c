import { Logger } from '@nestjs/common';
import { JobHandler, JobOptions, JobQueue } from '../job-queue.port';

interface Pending {
  name: string;
  data: unknown;
  opts: JobOptions;
  attempt: number;
}

/** The embedded driver: retries with backoff and delays, in this process only (single-node mode). */
export class InProcessJobQueue implements JobQueue {
  readonly driver = 'in-process' as const;
  private readonly logger = new Logger('InProcessJobQueue');
  private readonly handlers = new Map<string, JobHandler>();
  private readonly known = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private running = 0;
  private waiters: (() => void)[] = [];
  private closed = false;

  async add(name: string, data: unknown, opts: JobOptions = {}): Promise<void> {
    if (opts.jobId) {
      if (this.known.has(opts.jobId)) return;
      this.known.add(opts.jobId);
    }
    this.schedule({ name, data, opts, attempt: 1 }, opts.delayMs ?? 0);
  }

  process(name: string, handler: JobHandler): void {
    this.handlers.set(name, handler);
  }

  private schedule(job: Pending, delay: number): void {
    if (this.closed) return;
    this.running++;
    const t = setTimeout(() => {
      this.timers.delete(t);
      void this.run(job);
    }, delay);
    this.timers.add(t);
  }

  private async run(job: Pending): Promise<void> {
    const handler = this.handlers.get(job.name);
    try {
      if (!handler) throw new Error(`No handler for job ${job.name}`);
      await handler(job.data);
    } catch (err) {
      const attempts = job.opts.attempts ?? 1;
      if (job.attempt < attempts) {
        const backoff = (job.opts.backoffMs ?? 1000) * 2 ** (job.attempt - 1);
        this.schedule({ ...job, attempt: job.attempt + 1 }, backoff);
      } else {
        this.logger.error(`Job ${job.name} failed after ${job.attempt} attempts: ${(err as Error).message}`);
      }
    } finally {
      this.running--;
      if (this.running === 0) this.waiters.splice(0).forEach((w) => w());
    }
  }

  drain(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
