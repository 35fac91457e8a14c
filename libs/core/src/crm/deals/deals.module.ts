import { Global, Module } from '@nestjs/common';

/** Deals: create, list, move with stage rules, copy, bulk actions, notes, files, timeline. */
@Global()
@Module({ controllers: [], providers: [], exports: [] })
export class DealsModule {}
