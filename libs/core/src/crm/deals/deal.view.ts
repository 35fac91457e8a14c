import type { StageKind } from '../pipelines/stage.entity';

/** A deal row with what its API shape needs from stages, pipelines and deal_contacts (one query, see DealsRepository). */
export interface DealRow {
  id: string;
  title: string;
  pipelineId: string;
  pipelineCode: string;
  stageId: string;
  stageCode: string;
  stageKind: StageKind;
  budget: string | null;
  currency: string;
  responsibleId: string | null;
  companyId: string | null;
  fields: Record<string, unknown>;
  tags: string[];
  contactIds: string[];
  lostReason: string | null;
  stageEnteredAt: Date;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DealView {
  id: string;
  title: string;
  pipeline: { id: string; code: string };
  stage: { id: string; code: string; kind: StageKind };
  budget: string | null;
  currency: string;
  responsibleId: string | null;
  fields: Record<string, unknown>;
  tags: string[];
  contactIds: string[];
  companyId: string | null;
  lostReason: string | null;
  stageEnteredAt: string;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** numeric(14,2) arrives from pg as "1500.00" already: it is passed through, never through a float. */
export function dealView(d: DealRow): DealView {
  return {
    id: d.id,
    title: d.title,
    pipeline: { id: d.pipelineId, code: d.pipelineCode },
    stage: { id: d.stageId, code: d.stageCode, kind: d.stageKind },
    budget: d.budget,
    currency: d.currency,
    responsibleId: d.responsibleId,
    fields: d.fields ?? {},
    tags: d.tags ?? [],
    contactIds: d.contactIds ?? [],
    companyId: d.companyId,
    lostReason: d.lostReason,
    stageEnteredAt: d.stageEnteredAt.toISOString(),
    closedAt: d.closedAt ? d.closedAt.toISOString() : null,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}
