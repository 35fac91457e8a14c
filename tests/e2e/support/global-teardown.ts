import type { RunningApp } from './app-process';

export default async function globalTeardown(): Promise<void> {
  const app = (globalThis as { __E2E_APP__?: RunningApp }).__E2E_APP__;
  await app?.stop();
}
