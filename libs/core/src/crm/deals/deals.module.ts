import { Global, Module } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { LocalDiskFileStorage } from '../files/drivers/local-disk.file-storage';
import { FileStorage } from '../files/file-storage.port';
import { FilesController } from '../files/files.controller';
import { FilesRepository, FilesService } from '../files/files.service';
import { NotesController } from '../notes/notes.controller';
import { NotesRepository, NotesService } from '../notes/notes.service';
import { DealBatchWriter } from './deal-batch.writer';
import { DealBulkService } from './deal-bulk.service';
import { DealsController } from './deals.controller';
import { DealsRepository } from './deals.repository';
import { DealsService } from './deals.service';

/**
 * Deals: create, list, change with stage rules, copy, bulk actions, import — with their notes, files and
 * timeline. Owns deals, deal_contacts, notes and files; other contexts go through DealsService.
 */
@Global()
@Module({
  controllers: [DealsController, NotesController, FilesController],
  providers: [
    DealsRepository,
    DealsService,
    DealBulkService,
    DealBatchWriter,
    NotesRepository,
    NotesService,
    FilesRepository,
    FilesService,
    // The one place the storage driver is chosen; only the local disk exists today.
    { provide: FileStorage, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new LocalDiskFileStorage(join(config.dataDir, 'files')) },
  ],
  exports: [DealsService, DealsRepository, NotesService, FilesService, FileStorage],
})
export class DealsModule {}
