import { Global, Module } from '@nestjs/common';
import { ContactsRepository, ContactsService } from './contacts.service';

/** Contacts, with duplicate control on e-mail and phone. */
@Global()
@Module({ controllers: [], providers: [ContactsRepository, ContactsService], exports: [ContactsService, ContactsRepository] })
export class ContactsModule {}
