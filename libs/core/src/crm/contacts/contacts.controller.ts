import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AllowDuplicateQuery } from '../duplicates/dto/allow-duplicate.query';
import { TimelineQuery } from '../duplicates/dto/timeline.query';
import { contactView } from './contact.view';
import { ContactsService } from './contacts.service';
import { CreateContactDto } from './dto/create-contact.dto';
import { ListContactsQuery } from './dto/list-contacts.query';
import { UpdateContactDto } from './dto/update-contact.dto';

@ApiTags('contacts')
@ApiBearerAuth()
@Controller('contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Post()
  @HttpCode(201)
  async create(@Body() dto: CreateContactDto, @Query() q: AllowDuplicateQuery) {
    return contactView(await this.contacts.create(dto, { allowDuplicate: q.allowDuplicate === 'true' }));
  }

  @Get()
  async list(@Query() q: ListContactsQuery) {
    const page = await this.contacts.list(q);
    return { items: page.items.map(contactView), nextCursor: page.nextCursor };
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    return contactView(await this.contacts.get(id));
  }

  @Patch(':id')
  async update(@Param('id') id: string, @Body() dto: UpdateContactDto, @Query() q: AllowDuplicateQuery) {
    return contactView(await this.contacts.update(id, dto, { allowDuplicate: q.allowDuplicate === 'true' }));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string) {
    await this.contacts.remove(id);
  }

  @Get(':id/timeline')
  async timeline(@Param('id') id: string, @Query() q: TimelineQuery) {
    return this.contacts.timelineOf(id, q);
  }
}
