import { NotFoundError } from '@portal/plugin-sdk';

/** 404 `certificate_not_found` whose body also says `valid: false` (the core's filter spreads a domain error's `extra`). */
export class CertificateNotFoundError extends NotFoundError {
  override readonly extra: Record<string, unknown> = { valid: false };

  constructor() {
    super('Certificate', undefined, 'certificate_not_found');
  }
}
