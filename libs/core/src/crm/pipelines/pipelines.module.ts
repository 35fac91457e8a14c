import { Global, Module } from '@nestjs/common';

/** Pipelines, ordered stages and their rules. */
@Global()
@Module({ controllers: [], providers: [], exports: [] })
export class PipelinesModule {}
