import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../identity/auth/auth.decorators';
import { CreateFieldDto, UpdateFieldDto } from './dto/field.dto';
import { fieldDefView } from './field-def.view';
import { FieldsService } from './fields.service';

@ApiTags('fields')
@ApiBearerAuth()
@Controller('fields')
export class FieldsController {
  constructor(private readonly fields: FieldsService) {}

  @Get()
  @ApiQuery({ name: 'entity', required: false, enum: ['deal', 'contact', 'company'] })
  async list(@Query('entity') entity?: string) {
    return (await this.fields.list(entity)).map(fieldDefView);
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    return fieldDefView(await this.fields.get(id));
  }

  @Roles('admin')
  @Post()
  @HttpCode(201)
  async create(@Body() dto: CreateFieldDto) {
    return fieldDefView(await this.fields.create(dto));
  }

  @Roles('admin')
  @Patch(':id')
  async update(@Param('id') id: string, @Body() dto: UpdateFieldDto) {
    return fieldDefView(await this.fields.update(id, dto));
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string) {
    await this.fields.remove(id);
  }
}
