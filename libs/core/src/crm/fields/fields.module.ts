import { Global, Module } from '@nestjs/common';
import { FieldValuesService } from './field-values.service';

/** Custom field definitions and the validation of field values (incl. repeatable groups). */
@Global()
@Module({ controllers: [], providers: [FieldValuesService], exports: [FieldValuesService] })
export class FieldsModule {}
