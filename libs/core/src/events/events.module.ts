import { Global, Module } from '@nestjs/common';
import { Clock } from '../common/clock';
import { TimelineRepository, TimelineService } from '../crm/timeline/timeline.service';
import { OutboxService } from './outbox.service';

/** Cross-cutting services every context writes through: the outbox, the timeline, the clock. */
@Global()
@Module({
  providers: [OutboxService, TimelineRepository, TimelineService, Clock],
  exports: [OutboxService, TimelineService, Clock],
})
export class EventsModule {}
