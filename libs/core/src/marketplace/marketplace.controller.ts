import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { NotFoundError } from '../common/errors';
import { RequestContext } from '../common/request-context';
import { InstallProgress } from './install-progress';
import type { ProgressEvent } from './install-progress';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../identity/auth/auth.decorators';
import { MarketplaceService } from './marketplace.service';

@ApiTags('marketplace')
@ApiBearerAuth()
@Controller('marketplace')
export class MarketplaceController {
  constructor(
    private readonly marketplace: MarketplaceService,
    private readonly progress: InstallProgress,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The plugins available to this portal, with their installed state' })
  list() {
    return this.marketplace.list();
  }

  @Get('ui')
  @ApiOperation({ summary: 'Routes, menu items and widgets of the plugins this portal has installed' })
  ui() {
    return this.marketplace.ui();
  }

  @Post(':id/install')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Install with dependencies, in one transaction, never touching what the portal owns; ?dryRun=true returns the plan' })
  install(
    @Param('id') id: string,
    @Query('dryRun') dryRun?: string,
    @Query('demo') demo?: string,
    @Query('demoOnLive') demoOnLive?: string,
    @Query('installId') installId?: string,
  ) {
    return this.marketplace.install(id, { dryRun: yes(dryRun), demo: yes(demo), demoOnLive: yes(demoOnLive), installId });
  }

  @Get('installs/:installId')
  @Roles('admin')
  @ApiOperation({ summary: "An install's progress events so far: {installId, state, done, total, events}" })
  installProgress(@Param('installId') installId: string) {
    const events = this.progress.events(RequestContext.portalId(), installId);
    if (!events) throw new NotFoundError('Install', installId);
    const last = events[events.length - 1];
    return { installId, state: last?.state ?? 'pending', done: last?.done ?? 0, total: last?.total ?? 0, events };
  }

  @Get('installs/:installId/events')
  @Roles('admin')
  @ApiOperation({ summary: 'Server-sent events of an install as it runs (open it before the install with your own UUID as installId)' })
  installEvents(@Param('installId') installId: string, @Res() res: Response) {
    let stop: (() => void) | null = null;
    const send = (e: ProgressEvent) => {
      res.write(`event: progress\ndata: ${JSON.stringify(e)}\n\n`);
      if (e.state !== 'running') {
        stop?.();
        res.end();
      }
    };
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    res.write(': progress of install ' + installId + '\n\n');
    stop = this.progress.subscribe(RequestContext.portalId(), installId, send);
    if (!stop) {
      res.write(`event: error\ndata: ${JSON.stringify({ code: 'not_found', message: `Install ${installId} not found` })}\n\n`);
      res.end();
      return;
    }
    res.on('close', () => stop?.());
  }

  @Post(':id/uninstall')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable the plugin and keep its data (pipelines archived, rules disabled) unless ?purge=true; 409 while a dependent is installed' })
  uninstall(@Param('id') id: string, @Query('purge') purge?: string) {
    return this.marketplace.uninstall(id, { purge: yes(purge) });
  }

  @Get(':id/settings')
  @Roles('admin')
  settings(@Param('id') id: string) {
    return this.marketplace.settings(id);
  }

  @Patch(':id/settings')
  @Roles('admin')
  updateSettings(@Param('id') id: string, @Body() body: unknown) {
    return this.marketplace.updateSettings(id, body);
  }
}

const yes = (v?: string) => v === 'true' || v === '1';
