import { Global, Module } from '@nestjs/common';
import { CompaniesRepository, CompaniesService } from './companies.service';

/** Companies, with duplicate control on tax id, e-mail and phone. */
@Global()
@Module({ controllers: [], providers: [CompaniesRepository, CompaniesService], exports: [CompaniesService, CompaniesRepository] })
export class CompaniesModule {}
