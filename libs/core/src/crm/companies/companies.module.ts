import { Global, Module } from '@nestjs/common';
import { DuplicatesModule } from '../duplicates/duplicates.module';
import { CompaniesController } from './companies.controller';
import { CompaniesRepository } from './companies.repository';
import { CompaniesService } from './companies.service';

/** Companies, with duplicate control on tax id, e-mail and phone. */
@Global()
@Module({
  imports: [DuplicatesModule],
  controllers: [CompaniesController],
  providers: [CompaniesRepository, CompaniesService],
  exports: [CompaniesService, CompaniesRepository, DuplicatesModule],
})
export class CompaniesModule {}
