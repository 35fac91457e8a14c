import { Module } from '@nestjs/common';
import { DuplicatesController } from './duplicates.controller';
import { DuplicatesService } from './duplicates.service';

/** Duplicate control shared by contacts and companies (imported by both modules). */
@Module({ controllers: [DuplicatesController], providers: [DuplicatesService], exports: [DuplicatesService] })
export class DuplicatesModule {}
