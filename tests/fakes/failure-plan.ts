/** Lets a test make the next n requests fail with a chosen HTTP status (retry and backoff tests). */
export class FailurePlan {
  private remaining = 0;
  private status = 500;

  failNext(n: number, status: number): void {
    this.remaining = n;
    this.status = status;
  }

  /** The status to fail this request with, or null to serve it normally. */
  take(): number | null {
    if (this.remaining <= 0) return null;
    this.remaining--;
    return this.status;
  }

  reset(): void {
    this.remaining = 0;
  }
}
