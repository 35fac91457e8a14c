import { INestApplication, Logger, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { MixedList } from 'typeorm';
import { ErrorFilter } from './common/error.filter';
import { requestContextMiddleware } from './common/request-context.middleware';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/app-config';
import { CoreModule } from './core.module';

export interface CreateAppOptions {
  config: AppConfig;
  entities?: MixedList<Function>;
  migrations?: Function[];
  modules?: Type<unknown>[];
  logger?: false | ('log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal')[];
}

/** Builds the whole HTTP app (used by apps/api and by integration tests alike). */
export async function createApp(opts: CreateAppOptions): Promise<INestApplication> {
  const app = await NestFactory.create(CoreModule.forRoot(opts), {
    logger: opts.logger ?? ['log', 'error', 'warn', 'fatal'],
    bodyParser: false,
  });
  app.use(requestContextMiddleware);
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

export async function startApp(opts: CreateAppOptions): Promise<INestApplication> {
  const app = await createApp(opts);
  await app.listen(opts.config.port);
  new Logger('Bootstrap').log(`Portal API on ${await app.getUrl()}/api/v1`);
  return app;
}
