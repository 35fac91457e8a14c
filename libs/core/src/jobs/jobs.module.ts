import { createHash } from 'node:crypto';
import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { BullJobQueue } from './drivers/bull.job-queue';
import { InProcessJobQueue } from './drivers/in-process.job-queue';
import { JOB_QUEUE } from './job-queue.port';
import type { JobQueue } from './job-queue.port';

@Global()
@Module({
  providers: [
    {
      provide: JOB_QUEUE,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig): Promise<JobQueue> => {
        if (!config.redisUrl) return new InProcessJobQueue();
        // One queue per database: apps on different databases may share a Redis without taking each other's jobs.
        const q = new BullJobQueue(config.redisUrl, `portal-jobs-${createHash('sha1').update(config.databaseUrl ?? config.dataDir).digest('hex').slice(0, 12)}`);
        await q.isReady();
        return q;
      },
    },
  ],
  exports: [JOB_QUEUE],
})
export class JobsModule implements OnApplicationShutdown {
  constructor(@Inject(JOB_QUEUE) private readonly queue: JobQueue) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
