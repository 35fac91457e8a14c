import { CompanyEntity } from './company.entity';

export interface CompanyView {
  id: string;
  name: string;
  taxId: string | null;
  emails: string[];
  phones: string[];
  web: string | null;
  address: string | null;
  responsibleId: string | null;
  fields: Record<string, unknown>;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

export function companyView(c: CompanyEntity): CompanyView {
  return {
    id: c.id,
    name: c.name,
    taxId: c.taxId,
    emails: c.emails ?? [],
    phones: c.phones ?? [],
    web: c.web,
    address: c.address,
    responsibleId: c.responsibleId,
    fields: c.fields ?? {},
    tags: c.tags ?? [],
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
