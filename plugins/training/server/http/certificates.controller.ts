import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PluginRoute, Public } from '@portal/plugin-sdk';
import type { Response } from 'express';
import { CertificatesService } from '../certificates/certificates.service';

/** The public check of a verification code: no token, no portal (the code names its portal). */
@ApiTags('training')
@Controller('training/certificates/verify')
export class VerifyController {
  constructor(private readonly certificates: CertificatesService) {}

  @Get(':code')
  @Public()
  @ApiOperation({ summary: 'Public: {valid: true, userName, courseTitle, issuedAt}; an unknown code → {valid: false}' })
  verify(@Param('code') code: string) {
    return this.certificates.verify(code);
  }
}

@ApiTags('training')
@ApiBearerAuth()
@Controller('training/certificates')
@PluginRoute('training')
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @Get(':id')
  @ApiOperation({ summary: 'A certificate (the owner, admins, the owner’s heads)' })
  get(@Param('id') id: string) {
    return this.certificates.get(id);
  }

  @Get(':id/pdf')
  @ApiOperation({ summary: 'The certificate as application/pdf (A4 landscape)' })
  async pdf(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const { filename, bytes } = await this.certificates.pdf(id);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="${filename}"`);
    res.setHeader('Content-Length', String(bytes.length));
    res.end(bytes);
  }
}
