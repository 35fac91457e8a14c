import { ContactEntity } from './contact.entity';

export interface ContactView {
  id: string;
  name: string;
  emails: string[];
  phones: string[];
  position: string | null;
  companyId: string | null;
  responsibleId: string | null;
  fields: Record<string, unknown>;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

export function contactView(c: ContactEntity): ContactView {
  return {
    id: c.id,
    name: c.name,
    emails: c.emails ?? [],
    phones: c.phones ?? [],
    position: c.position,
    companyId: c.companyId,
    responsibleId: c.responsibleId,
    fields: c.fields ?? {},
    tags: c.tags ?? [],
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
