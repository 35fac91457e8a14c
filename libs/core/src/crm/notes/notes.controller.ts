import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PageQuery } from '../deals/dto/list-deals.query';
import { CreateNoteDto, UpdateNoteDto } from './dto/note.dto';
import { NotesService } from './notes.service';

@ApiTags('notes')
@ApiBearerAuth()
@Controller()
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @Post('deals/:id/notes')
  @HttpCode(201)
  add(@Param('id') dealId: string, @Body() dto: CreateNoteDto) {
    return this.notes.addToDeal(dealId, dto);
  }

  @Get('deals/:id/notes')
  list(@Param('id') dealId: string, @Query() query: PageQuery) {
    return this.notes.listForDeal(dealId, query);
  }

  @Patch('notes/:id')
  update(@Param('id') id: string, @Body() dto: UpdateNoteDto) {
    return this.notes.update(id, dto);
  }
}
