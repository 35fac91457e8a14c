import { Global, Module } from '@nestjs/common';
import { DuplicatesModule } from '../duplicates/duplicates.module';
import { ContactsController } from './contacts.controller';
import { ContactsRepository } from './contacts.repository';
import { ContactsService } from './contacts.service';

/** Contacts, with duplicate control on e-mail and phone. */
@Global()
@Module({
  imports: [DuplicatesModule],
  controllers: [ContactsController],
  providers: [ContactsRepository, ContactsService],
  exports: [ContactsService, ContactsRepository, DuplicatesModule],
})
export class ContactsModule {}
