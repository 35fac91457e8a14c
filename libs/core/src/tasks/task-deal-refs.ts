import { Injectable } from '@nestjs/common';
import { RequestContext } from '../common/request-context';
import { isUuid } from '../common/uuid';
import { Db } from '../database/db';

/**
 * The one thing tasks need to know about deals: does this id name a deal of the current portal. Raw,
 * read-only SQL instead of DealsService, because deals call into tasks (stage rules, bulk "addTask") and
 * the two services must not depend on each other at construction.
 */
@Injectable()
export class TaskDealRefs {
  constructor(private readonly db: Db) {}

  /** Inside a transaction the row is key-share locked, so the deal cannot be deleted before the task referencing it commits. */
  async exists(dealId: string): Promise<boolean> {
    if (!isUuid(dealId)) return false;
    const lock = this.db.inTransaction ? ' FOR KEY SHARE' : '';
    const rows = await this.db.query(`SELECT id FROM deals WHERE id = $1 AND portal_id = $2${lock}`, [dealId, RequestContext.portalId()]);
    return rows.length > 0;
  }
}
