/** fetch reports every network failure as "fetch failed"; the useful part (ECONNREFUSED, a timeout) is in the cause. */
export function describeFetchFailure(err: unknown): string {
  const e = err as (Error & { cause?: Error & { code?: string } }) | undefined;
  if (e?.name === 'TimeoutError') return 'timed out';
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}
