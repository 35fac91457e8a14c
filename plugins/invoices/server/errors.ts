import { UnprocessableError } from '@portal/plugin-sdk';

/**
 * 5xx answers that are not bugs: a dependency this portal lacks or that is down. The SDK exports errors for
 * 400/403/404/409/422 only, so these re-label one (the core's filter renders `status` and `code` of any domain
 * error in API.md's format). When the SDK grows a ServiceUnavailableError, use it instead.
 */
export class RegistryNotConfiguredError extends UnprocessableError {
  override readonly status: number = 503;
  constructor() {
    super('registry_not_configured', 'The companies registry is not configured on this installation: set REGISTRY_API_URL (see the invoices plugin README) to look requisites up by tax id');
  }
}

export class RegistryUnavailableError extends UnprocessableError {
  override readonly status: number = 502;
  constructor(reason: string) {
    super('registry_unavailable', `The companies registry could not be asked: ${reason}. Try again later or fill the requisites in by hand`);
  }
}
