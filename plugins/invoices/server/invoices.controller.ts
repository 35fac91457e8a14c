import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PluginRoute } from '@portal/plugin-sdk';
import type { Response } from 'express';
import { InvoicesService } from './invoices.service';
import { invoicePdfFilename } from './invoice-pdf';

@ApiTags('invoices')
@ApiBearerAuth()
@Controller()
@PluginRoute('invoices')
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  @Post('deals/:id/invoices')
  @HttpCode(201)
  @ApiOperation({ summary: 'One click: {legalEntityId?, items?, language?, requestId?} (header Idempotency-Key) → the issued invoice' })
  async issue(@Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: Response) {
    const { invoice, replayed } = await this.invoices.issueFromApi(id, body, key);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return invoice;
  }

  @Get('deals/:id/invoices')
  ofDeal(@Param('id') id: string, @Query() q: Record<string, unknown>) {
    return this.invoices.list(q, id);
  }

  @Get('invoices')
  @ApiOperation({ summary: 'Invoices, newest first: ?dealId=&status=&legalEntityId=&limit=&cursor=' })
  list(@Query() q: Record<string, unknown>) {
    return this.invoices.list(q);
  }

  @Get('invoices/:id')
  get(@Param('id') id: string) {
    return this.invoices.get(id);
  }

  @Patch('invoices/:id')
  @ApiOperation({ summary: '{status: sent|paid|cancelled}: issued → sent → paid, issued | sent → cancelled; else 422 invalid_transition' })
  update(@Param('id') id: string, @Body() body: unknown) {
    return this.invoices.update(id, body);
  }

  @Get('invoices/:id/pdf')
  @ApiOperation({ summary: 'The invoice as application/pdf' })
  async pdf(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const { number, bytes } = await this.invoices.pdf(id);
    const file = invoicePdfFilename(number);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="${file.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file)}`);
    res.setHeader('Content-Length', String(bytes.length));
    res.end(bytes);
  }
}
