/**
 * A message could not be handed over. `permanent` marks failures that a retry cannot fix (bad address,
 * channel not configured, the gateway refusing the request), so a caller may stop retrying early.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** HTTP answers worth retrying: timeouts, throttling and server-side failures. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}
