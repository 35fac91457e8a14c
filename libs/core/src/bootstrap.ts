import { INestApplication, Logger, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MixedList } from 'typeorm';
import { ErrorFilter } from './common/error.filter';
import { JsonLogger } from './common/json-logger';
import { requestContextMiddleware } from './common/request-context.middleware';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/app-config';
import { CoreModule } from './core.module';
import type { AutomationExtensions } from './automation/automation.types';
import type { PluginDescriptor } from './marketplace/plugin-descriptor';

export interface CreateAppOptions {
  config: AppConfig;
  entities?: MixedList<Function>;
  migrations?: Function[];
  modules?: Type<unknown>[];
  /** Automation types contributed by plugins (libs/plugin-sdk). */
  automation?: AutomationExtensions[];
  /** The plugins this build ships (the marketplace's catalog). */
  plugins?: PluginDescriptor[];
  /** The built Angular portal (dist/apps/portal/browser), served at `/` when it exists. */
  portalDir?: string | null;
  /** Defaults to JSON lines through pino at LOG_LEVEL. */
  logger?: false | ('log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal')[];
}

/** Builds the whole HTTP app (used by apps/api and by integration tests alike). */
export async function createApp(opts: CreateAppOptions): Promise<INestApplication> {
  const logger = new JsonLogger(opts.config.logLevel);
  const app = await NestFactory.create(CoreModule.forRoot(opts), {
    logger: opts.logger ?? logger,
    bodyParser: false,
  });
  // API responses are not conditional-GET cached; hashing every body for an ETag only costs CPU.
  const express$ = app.getHttpAdapter().getInstance();
  express$.set('etag', false);
  express$.disable('x-powered-by');
  app.use(requestContextMiddleware);
  app.use(logger.requestLog());
  if (opts.portalDir && existsSync(join(opts.portalDir, 'index.html'))) servePortal(app, opts.portalDir);
  app.use(express.json({ limit: '5mb' }));
  app.use(express.urlencoded({ extended: false, limit: '1mb' }));
  app.setGlobalPrefix('api/v1', { exclude: ['api/docs', 'api/docs-json'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Portal API')
      .setDescription('Public REST API v1 of the business portal')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
  return app;
}

/**
 * The portal's files, and its index.html for every other page address (the Angular router takes it from
 * there). Hashed bundles are cached for a year; index.html never, so a new build is picked up at once.
 */
function servePortal(app: INestApplication, dir: string): void {
  const index = join(dir, 'index.html');
  app.use(
    express.static(dir, {
      index: false,
      setHeaders: (res, file) => res.setHeader('Cache-Control', /-[A-Z0-9]{8}\.(js|css)$/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    }),
  );
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api') || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

export async function startApp(opts: CreateAppOptions): Promise<INestApplication> {
  const app = await createApp(opts);
  await app.listen(opts.config.port);
  new Logger("Bootstrap").log(`Portal API on http://localhost:${opts.config.port}/api/v1 (docs: /api/docs)`);
  return app;
}
