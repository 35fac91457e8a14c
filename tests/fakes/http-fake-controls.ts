import type { Server } from 'node:http';
import type { FailurePlan } from './failure-plan';
import { closeHttp } from './http-server';
import { DEFAULT_WAIT_MS } from './recorder';
import type { Recorder } from './recorder';

/** The controls every HTTP fake offers a test: simulate failures, await what arrives, reset, shut down. */
export function httpFakeControls<T>(recorder: Recorder<T>, failures: FailurePlan, server: Server) {
  return {
    failNext: (n: number, status = 500) => failures.failNext(n, status),
    waitFor: (pred?: (item: T) => boolean, timeoutMs = DEFAULT_WAIT_MS) => recorder.waitFor(pred, timeoutMs),
    clear: () => {
      recorder.clear();
      failures.reset();
    },
    close: async () => {
      recorder.close();
      await closeHttp(server);
    },
  };
}
