import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { OPEN_DATABASE } from '../database/database.module';
import type { OpenDatabase } from '../database/data-source.factory';
import { Public } from '../identity/auth/auth.decorators';
import { JOB_QUEUE } from '../jobs/job-queue.port';
import type { JobQueue } from '../jobs/job-queue.port';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(OPEN_DATABASE) private readonly db: OpenDatabase,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  @Public()
  @Get()
  async health() {
    await this.db.dataSource.query('SELECT 1');
    return { status: 'ok', db: this.db.kind, queue: this.queue.driver };
  }
}
