import { CompanyRegistry, RegistryCompany, RegistryFailure } from './registry.port';

const TIMEOUT_MS = 5000;

/**
 * The HTTP driver. Protocol (documented in the plugin's README):
 *   GET <REGISTRY_API_URL>/companies/<taxId>?country=UA|RU   Accept: application/json
 *   200 {name, taxId, address, director}   — the company (address and director may be null)
 *   404                                     — unknown tax id
 *   anything else, a timeout or a body without a name — the registry is unavailable (the caller answers 502).
 * A token, if the registry needs one, rides in the URL's user-info (`https://<token>@registry.example/api`) and is
 * sent as `Authorization: Bearer <token>`, never logged.
 */
export class HttpCompanyRegistry implements CompanyRegistry {
  readonly configured = true;
  private readonly base: string;
  private readonly token: string | null;

  constructor(url: string) {
    const u = new URL(url);
    this.token = u.username ? decodeURIComponent(u.username) : null;
    u.username = '';
    u.password = '';
    this.base = u.toString().replace(/\/+$/, '');
  }

  async lookup(taxId: string, country: 'UA' | 'RU'): Promise<RegistryCompany | null> {
    let res: Response;
    try {
      res = await fetch(`${this.base}/companies/${encodeURIComponent(taxId)}?country=${country}`, {
        headers: { accept: 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      throw new RegistryFailure(`the registry did not answer: ${(err as Error).name === 'TimeoutError' ? `no reply in ${TIMEOUT_MS / 1000} s` : (err as Error).message}`);
    }
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    if (res.status !== 200) {
      await res.body?.cancel();
      throw new RegistryFailure(`the registry answered HTTP ${res.status}`);
    }
    let b: any;
    try {
      b = await res.json();
    } catch {
      throw new RegistryFailure('the registry answered with something that is not JSON');
    }
    const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
    if (!b || typeof b !== 'object' || !str(b.name)) throw new RegistryFailure('the registry answered without a company name');
    return { name: str(b.name) as string, taxId: str(b.taxId) ?? taxId, address: str(b.address), director: str(b.director) };
  }
}

/** Without REGISTRY_API_URL: says so, instead of failing. */
export class NotConfiguredRegistry implements CompanyRegistry {
  readonly configured = false;
  async lookup(): Promise<RegistryCompany | null> {
    throw new Error('the registry is not configured');
  }
}

export function registryFromEnv(env: NodeJS.ProcessEnv = process.env): CompanyRegistry {
  const url = env['REGISTRY_API_URL']?.trim();
  return url ? new HttpCompanyRegistry(url) : new NotConfiguredRegistry();
}
