import { Global, Module } from '@nestjs/common';

/** Contacts, with duplicate control on e-mail and phone. */
@Global()
@Module({ controllers: [], providers: [], exports: [] })
export class ContactsModule {}
