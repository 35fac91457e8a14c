import { Global, Module } from '@nestjs/common';
import { FieldValuesService } from './field-values.service';
import { FieldsController } from './fields.controller';
import { FieldDefsRepository } from './field-defs.repository';
import { FieldsService } from './fields.service';

/** Custom field definitions and the validation of field values (incl. repeatable groups). */
@Global()
@Module({ controllers: [FieldsController], providers: [FieldDefsRepository, FieldsService, FieldValuesService], exports: [FieldValuesService, FieldsService] })
export class FieldsModule {}
