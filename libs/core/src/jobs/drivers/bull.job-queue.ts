import Bull from 'bull';
import { JobHandler, JobOptions, JobQueue } from '../job-queue.port';

/** Redis-backed driver: any number of worker processes share the queue; retries with exponential backoff. */
export class BullJobQueue implements JobQueue {
  readonly driver = 'bull' as const;
  private readonly queue: Bull.Queue;

  constructor(redisUrl: string, queueName = 'portal-jobs') {
    this.queue = new Bull(queueName, redisUrl);
  }

  async add(name: string, data: unknown, opts: JobOptions = {}): Promise<void> {
    await this.queue.add(name, data, {
      jobId: opts.jobId,
      delay: opts.delayMs,
      attempts: opts.attempts ?? 1,
      backoff: opts.backoffMs ? { type: 'exponential', delay: opts.backoffMs } : undefined,
      removeOnComplete: 1000,
      removeOnFail: 5000,
    });
  }

  process(name: string, handler: JobHandler, concurrency = 1): void {
    void this.queue.process(name, concurrency, async (job) => handler(job.data));
  }

  async drain(): Promise<void> {
    for (;;) {
      const counts = await this.queue.getJobCounts();
      if (counts.waiting + counts.active + counts.delayed === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async isReady(): Promise<void> {
    await this.queue.isReady();
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
