import { Injectable } from '@nestjs/common';
import { ForbiddenError, ValidationFailedError } from '../../common/errors';
import { Page, parseLimit } from '../../common/pagination';
import { RequestContext } from '../../common/request-context';
import { isUuid } from '../../common/uuid';
import { Db } from '../../database/db';
import { PortalScopedRepository } from '../../database/portal-scoped.repository';
import { DealsRepository } from '../deals/deals.repository';
import { TimelineService } from '../timeline/timeline.service';
import { NoteEntity } from './note.entity';
import { NoteView, noteView } from './note.view';

@Injectable()
export class NotesRepository extends PortalScopedRepository<NoteEntity> {
  protected readonly entity = NoteEntity;
  protected readonly label = 'Note';
}

/** Notes keep the pinned-first order across pages, so the cursor carries the pin as well. */
interface NoteCursor {
  pinned: boolean;
  at: string;
  id: string;
}

function encodeNoteCursor(n: NoteEntity): string {
  return Buffer.from(JSON.stringify([n.pinned ? 1 : 0, n.createdAt.toISOString(), n.id])).toString('base64url');
}

function decodeNoteCursor(raw: unknown): NoteCursor | null {
  if (raw === undefined || raw === null || raw === '') return null;
  try {
    const [pinned, at, id] = JSON.parse(Buffer.from(String(raw), 'base64url').toString('utf8'));
    if ((pinned !== 0 && pinned !== 1) || typeof at !== 'string' || Number.isNaN(Date.parse(at)) || !isUuid(id)) throw new Error();
    return { pinned: pinned === 1, at, id };
  } catch {
    throw ValidationFailedError.field('cursor', 'is not a cursor returned by this list');
  }
}

const preview = (text: string) => (text.length > 500 ? `${text.slice(0, 500)}…` : text);

/** Notes on deals: pinned first, then newest; each new note is on the deal's timeline. */
@Injectable()
export class NotesService {
  constructor(
    private readonly notes: NotesRepository,
    private readonly deals: DealsRepository,
    private readonly timeline: TimelineService,
    private readonly db: Db,
  ) {}

  async addToDeal(dealId: string, input: { text: string; pinned?: boolean }): Promise<NoteView> {
    const text = input.text.trim();
    if (!text) throw ValidationFailedError.field('text', 'must not be empty');
    return this.db.transaction(async () => {
      await this.deals.get(dealId);
      const note = await this.notes.insert({ entity: 'deal', entityId: dealId, text, pinned: input.pinned ?? false, authorId: RequestContext.userId() ?? null });
      await this.timeline.add('deal', dealId, 'note', { noteId: note.id, text: preview(text), pinned: note.pinned });
      return noteView(note);
    });
  }

  async listForDeal(dealId: string, query: { limit?: unknown; cursor?: unknown } = {}): Promise<Page<NoteView>> {
    await this.deals.get(dealId);
    const limit = parseLimit(query.limit, 50);
    const cursor = decodeNoteCursor(query.cursor);
    const qb = this.notes
      .qb('n')
      .andWhere('n.entity = :entity AND n.entity_id = :dealId', { entity: 'deal', dealId })
      .orderBy('n.pinned', 'DESC')
      .addOrderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .take(limit + 1);
    if (cursor) qb.andWhere('(n.pinned, n.created_at, n.id) < (:pinned, :at, :id)', { pinned: cursor.pinned, at: cursor.at, id: cursor.id });
    const rows = await qb.getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map(noteView), nextCursor: rows.length > limit && last ? encodeNoteCursor(last) : null };
  }

  /** Anyone may pin or unpin; only the author or an admin may rewrite the text. */
  async update(noteId: string, input: { text?: string; pinned?: boolean }): Promise<NoteView> {
    return this.db.transaction(async () => {
      const note = await this.notes.getForUpdate(noteId);
      if (input.text !== undefined) {
        const text = input.text.trim();
        if (!text) throw ValidationFailedError.field('text', 'must not be empty');
        if (note.authorId !== RequestContext.userId() && !RequestContext.hasRole('admin')) throw new ForbiddenError('Only the author or an admin can edit a note');
        note.text = text;
      }
      if (input.pinned !== undefined) note.pinned = input.pinned;
      return noteView(await this.notes.save(note));
    });
  }

  /** Removes a deal's notes with it (in the caller's transaction). */
  async removeForDeal(dealId: string): Promise<void> {
    await this.db.query('DELETE FROM notes WHERE portal_id = $1 AND entity = $2 AND entity_id = $3', [RequestContext.portalId(), 'deal', dealId]);
  }
}
