import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { contactView } from '../contacts/contact.view';
import { ContactsService } from '../contacts/contacts.service';
import { ContactsPageQuery } from '../contacts/dto/list-contacts.query';
import { AllowDuplicateQuery } from '../duplicates/dto/allow-duplicate.query';
import { TimelineQuery } from '../duplicates/dto/timeline.query';
import { CompaniesService } from './companies.service';
import { companyView } from './company.view';
import { CreateCompanyDto } from './dto/create-company.dto';
import { ListCompaniesQuery } from './dto/list-companies.query';
import { UpdateCompanyDto } from './dto/update-company.dto';

@ApiTags('companies')
@ApiBearerAuth()
@Controller('companies')
export class CompaniesController {
  constructor(
    private readonly companies: CompaniesService,
    private readonly contacts: ContactsService,
  ) {}

  @Post()
  @HttpCode(201)
  async create(@Body() dto: CreateCompanyDto, @Query() q: AllowDuplicateQuery) {
    return companyView(await this.companies.create(dto, { allowDuplicate: q.allowDuplicate === 'true' }));
  }

  @Get()
  async list(@Query() q: ListCompaniesQuery) {
    const page = await this.companies.list(q);
    return { items: page.items.map(companyView), nextCursor: page.nextCursor };
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    return companyView(await this.companies.get(id));
  }

  @Patch(':id')
  async update(@Param('id') id: string, @Body() dto: UpdateCompanyDto, @Query() q: AllowDuplicateQuery) {
    return companyView(await this.companies.update(id, dto, { allowDuplicate: q.allowDuplicate === 'true' }));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string) {
    await this.companies.remove(id);
  }

  @Get(':id/contacts')
  async contactsOf(@Param('id') id: string, @Query() q: ContactsPageQuery) {
    const page = await this.contacts.listOfCompany(id, q);
    return { items: page.items.map(contactView), nextCursor: page.nextCursor };
  }

  @Get(':id/timeline')
  async timeline(@Param('id') id: string, @Query() q: TimelineQuery) {
    return this.companies.timelineOf(id, q);
  }
}
