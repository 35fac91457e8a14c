import { Global, Module } from '@nestjs/common';

/** Companies, with duplicate control on tax id, e-mail and phone. */
@Global()
@Module({ controllers: [], providers: [], exports: [] })
export class CompaniesModule {}
