import { Global, Module } from '@nestjs/common';

/** Custom field definitions and the validation of field values (incl. repeatable groups). */
@Global()
@Module({ controllers: [], providers: [], exports: [] })
export class FieldsModule {}
