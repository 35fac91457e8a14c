import { Injectable } from '@nestjs/common';

/** Called after a sandbox portal's test clock moved: `now` is the portal's new time. */
export type TestClockListener = (portalId: string, now: Date) => Promise<unknown>;

/**
 * Who wants to know when a sandbox's test clock moves: a plugin whose background sweep acts on the portal's time
 * (overdue notices, alerts) registers here, so `POST /test-clock/advance` shows its effects at once, as the
 * automation runs' do, instead of at the sweep's next tick.
 */
@Injectable()
export class TestClockListeners {
  private readonly listeners: TestClockListener[] = [];

  add(listener: TestClockListener): void {
    this.listeners.push(listener);
  }

  async notify(portalId: string, now: Date): Promise<void> {
    for (const listener of this.listeners) await listener(portalId, now);
  }
}
