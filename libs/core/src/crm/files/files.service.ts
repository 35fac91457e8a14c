import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { NotFoundError, ValidationFailedError } from '../../common/errors';
import { Page, decodeCursor, pageOf, parseLimit } from '../../common/pagination';
import { RequestContext } from '../../common/request-context';
import { Db } from '../../database/db';
import { PortalScopedRepository } from '../../database/portal-scoped.repository';
import { DomainEvents } from '../../events/domain-events';
import { OutboxService } from '../../events/outbox.service';
import { TimelineService } from '../timeline/timeline.service';
import { DealsRepository } from '../deals/deals.repository';
import { FileEntity } from './file.entity';
import { originalFileName } from './file-name';
import { FileStorage } from './file-storage.port';
import { FileView, fileView } from './file.view';

/** An upload as the HTTP layer hands it over (multer's memory storage). */
export interface Upload {
  originalname: string;
  mimetype?: string;
  buffer: Buffer;
  size: number;
}

@Injectable()
export class FilesRepository extends PortalScopedRepository<FileEntity> {
  protected readonly entity = FileEntity;
  protected readonly label = 'File';
}

/** Files attached to deals: contents through the FileStorage port, metadata in `files`. */
@Injectable()
export class FilesService {
  private readonly logger = new Logger('FilesService');

  constructor(
    private readonly files: FilesRepository,
    private readonly deals: DealsRepository,
    private readonly storage: FileStorage,
    private readonly outbox: OutboxService,
    private readonly timeline: TimelineService,
    private readonly db: Db,
  ) {}

  /** Stores the upload and attaches it to the deal (404 for an unknown deal); `file.attached` goes to the outbox. */
  async attachToDeal(dealId: string, upload: Upload | undefined): Promise<FileView> {
    await this.deals.get(dealId);
    if (!upload || !Buffer.isBuffer(upload.buffer)) throw ValidationFailedError.field('file', 'send the file as the multipart field "file"');
    const name = originalFileName(upload.originalname);
    const mime = upload.mimetype && upload.mimetype.length <= 200 ? upload.mimetype : null;
    const key = `${RequestContext.portalId()}/${randomUUID()}`;
    await this.storage.write(key, upload.buffer);
    try {
      const file = await this.db.transaction(async () => {
        await this.deals.get(dealId);
        const row = await this.files.insert({
          entity: 'deal',
          entityId: dealId,
          name,
          size: upload.buffer.length,
          mime,
          storageKey: key,
          sha256: createHash('sha256').update(upload.buffer).digest('hex'),
          uploadedBy: RequestContext.userId() ?? null,
        });
        await this.outbox.record(DomainEvents.FileAttached, 'deal', dealId, { fileId: row.id, name, dealId, size: row.size, mime });
        await this.timeline.add('deal', dealId, 'file', { fileId: row.id, name, size: row.size, mime });
        return row;
      });
      return fileView(file);
    } catch (err) {
      await this.discard([key]);
      throw err;
    }
  }

  async listForDeal(dealId: string, query: { limit?: unknown; cursor?: unknown } = {}): Promise<Page<FileView>> {
    await this.deals.get(dealId);
    const limit = parseLimit(query.limit, 50);
    const cursor = decodeCursor(query.cursor);
    const qb = this.files
      .qb('f')
      .andWhere('f.entity = :entity AND f.entity_id = :dealId', { entity: 'deal', dealId })
      .orderBy('f.created_at', 'DESC')
      .addOrderBy('f.id', 'DESC')
      .take(limit + 1);
    if (cursor) qb.andWhere('(f.created_at, f.id) < (:at, :id)', { at: cursor.at, id: cursor.id });
    return pageOf(await qb.getMany(), limit, fileView);
  }

  /** The file's metadata and contents (404 for an unknown id, another portal's file, or lost contents). */
  async open(fileId: string): Promise<{ file: FileEntity; stream: Readable }> {
    const file = await this.files.get(fileId);
    const stream = await this.storage.read(file.storageKey);
    if (!stream) throw new NotFoundError('File contents', fileId);
    return { file, stream };
  }

  /** Copies every file of one deal onto another (deal copy); contents are duplicated, not shared. */
  async copyAll(fromDealId: string, toDealId: string): Promise<FileView[]> {
    const sources = await this.files.qb('f').andWhere('f.entity = :e AND f.entity_id = :id', { e: 'deal', id: fromDealId }).orderBy('f.created_at', 'ASC').getMany();
    const copies: FileView[] = [];
    for (const src of sources) {
      const key = `${RequestContext.portalId()}/${randomUUID()}`;
      await this.storage.copy(src.storageKey, key);
      const row = await this.files.insert({
        entity: 'deal',
        entityId: toDealId,
        name: src.name,
        size: src.size,
        mime: src.mime,
        storageKey: key,
        sha256: src.sha256,
        uploadedBy: RequestContext.userId() ?? null,
      });
      copies.push(fileView(row));
    }
    return copies;
  }

  /** Deletes the deal's file rows (in the caller's transaction); returns the keys to discard once it commits. */
  async detachAllFromDeal(dealId: string): Promise<string[]> {
    const rows = await this.files.qb('f').select(['f.id', 'f.storageKey']).andWhere('f.entity = :e AND f.entity_id = :id', { e: 'deal', id: dealId }).getMany();
    if (rows.length) await this.db.manager.getRepository(FileEntity).delete(rows.map((r) => r.id));
    return rows.map((r) => r.storageKey);
  }

  /** Best effort: contents nobody references any more. */
  async discard(keys: string[]): Promise<void> {
    for (const key of keys) {
      try {
        await this.storage.remove(key);
      } catch (err) {
        this.logger.warn(`Could not remove stored file ${key}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}
