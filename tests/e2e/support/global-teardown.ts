import { dropDatabase, type RunningApp } from './app-process';

export default async function globalTeardown(): Promise<void> {
  const g = globalThis as { __E2E_APP__?: RunningApp; __E2E_DB__?: string };
  await g.__E2E_APP__?.stop();
  if (g.__E2E_DB__) await dropDatabase(g.__E2E_DB__);
}
