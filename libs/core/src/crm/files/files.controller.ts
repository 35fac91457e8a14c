import { Controller, Get, Header, HttpCode, Param, Post, Query, Req, StreamableFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { PageQuery } from '../deals/dto/list-deals.query';
import { contentDisposition } from './file-name';
import { SingleFileUploadInterceptor } from './file-upload.interceptor';
import { FilesService, Upload } from './files.service';

@ApiTags('files')
@ApiBearerAuth()
@Controller()
export class FilesController {
  constructor(private readonly files: FilesService) {}

  @Post('deals/:id/files')
  @HttpCode(201)
  @UseInterceptors(SingleFileUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  upload(@Param('id') dealId: string, @Req() req: Request & { file?: Upload }) {
    return this.files.attachToDeal(dealId, req.file);
  }

  @Get('deals/:id/files')
  list(@Param('id') dealId: string, @Query() query: PageQuery) {
    return this.files.listForDeal(dealId, query);
  }

  @Get('files/:id')
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiProduces('application/octet-stream')
  async download(@Param('id') id: string): Promise<StreamableFile> {
    const { file, stream } = await this.files.open(id);
    return new StreamableFile(stream, {
      type: file.mime ?? 'application/octet-stream',
      length: file.size,
      disposition: contentDisposition(file.name),
    });
  }
}
