import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError, PluginDatabase, ValidationFailedError } from '@portal/plugin-sdk';
import { RegistryNotConfiguredError, RegistryUnavailableError } from './errors';
import { InvoicesContext } from './invoices-context';
import { queryParam } from './input';
import { validateTaxId } from './requisites';
import { COMPANY_REGISTRY, RegistryFailure } from './registry/registry.port';
import type { CompanyRegistry } from './registry/registry.port';

/** Client requisites from a tax id, through the registry port (GET /companies/lookup). */
@Injectable()
export class CompanyLookupService {
  constructor(
    @Inject(COMPANY_REGISTRY) private readonly registry: CompanyRegistry,
    private readonly db: PluginDatabase,
    private readonly ctx: InvoicesContext,
  ) {}

  async lookup(q: Record<string, unknown>) {
    const raw = queryParam(q['taxId']);
    const countryParam = queryParam(q['country']);
    if (countryParam !== undefined && countryParam !== 'UA' && countryParam !== 'RU') throw ValidationFailedError.field('country', 'must be UA or RU');
    if (raw === undefined) throw ValidationFailedError.field('taxId', 'is required: ?taxId=<ЄДРПОУ, РНОКПП or ИНН>');
    const { taxId, country } = await this.check(raw, countryParam as 'UA' | 'RU' | undefined);
    if (!this.registry.configured) throw new RegistryNotConfiguredError();
    let found;
    try {
      found = await this.registry.lookup(taxId, country);
    } catch (err) {
      if (err instanceof RegistryFailure) throw new RegistryUnavailableError(err.message);
      throw err;
    }
    if (!found) throw new NotFoundError('Company with tax id', taxId, 'company_not_found');
    // The portal may already have this client: the card can link it instead of creating a duplicate.
    const [existing] = await this.db.query(`SELECT id FROM companies WHERE portal_id = $1 AND tax_id = $2 ORDER BY created_at LIMIT 1`, [this.ctx.portalId(), found.taxId]);
    return { ...found, country, companyId: existing?.id ?? null };
  }

  /** A valid tax id of the given country; without one, of whichever country it is valid in (the default entity's first). */
  private async check(raw: string, country: 'UA' | 'RU' | undefined): Promise<{ taxId: string; country: 'UA' | 'RU' }> {
    if (country) {
      const r = validateTaxId(country, undefined, raw);
      if (!r.ok) throw ValidationFailedError.field('taxId', r.message);
      return { taxId: r.normalized, country };
    }
    const [home] = await this.db.query(`SELECT country FROM inv_legal_entities WHERE portal_id = $1 AND is_default`, [this.ctx.portalId()]);
    const order: ('UA' | 'RU')[] = home?.country === 'RU' ? ['RU', 'UA'] : ['UA', 'RU'];
    const results = order.map((c) => ({ c, r: validateTaxId(c, undefined, raw) }));
    const ok = results.find((x) => x.r.ok);
    if (ok && ok.r.ok) return { taxId: ok.r.normalized, country: ok.c };
    const [first] = results;
    throw ValidationFailedError.field('taxId', `is not a valid tax id: ${first.r.ok ? '' : first.r.message} (pass ?country=UA|RU for a country-specific check)`);
  }
}
