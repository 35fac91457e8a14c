/**
 * The companies registry port: requisites of a client from its tax id (ЄДРПОУ / РНОКПП in Ukraine, ИНН in
 * Russia). Domain code sees only this; the driver is picked once at boot from REGISTRY_API_URL.
 */
export interface RegistryCompany {
  name: string;
  taxId: string;
  address: string | null;
  director: string | null;
}

export interface CompanyRegistry {
  readonly configured: boolean;
  /** The company, or null when the registry does not know the tax id. Throws RegistryUnavailableError when it cannot answer. */
  lookup(taxId: string, country: 'UA' | 'RU'): Promise<RegistryCompany | null>;
}

export const COMPANY_REGISTRY = Symbol('COMPANY_REGISTRY');

/** The registry answered something other than a company or "unknown" (down, timeout, a malformed reply). */
export class RegistryFailure extends Error {}
