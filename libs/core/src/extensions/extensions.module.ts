import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ChannelProvidersRegistry } from './channel-providers.registry';
import { FieldTypesRegistry } from './field-types.registry';
import { StageGuardsRegistry } from './stage-guards.registry';
import { RefusalHelpInterceptor } from './refusal-help.interceptor';

/**
 * The registries of what plugins contribute to stage rules, custom fields and `message.send`, read from the
 * plugin catalog. The contexts that use them (deals, pipelines, fields, automation delivery) decide; these
 * only know who owns what and whether the owner is installed on a portal. Refused stage moves get help from them.
 */
@Global()
@Module({
  providers: [StageGuardsRegistry, FieldTypesRegistry, ChannelProvidersRegistry, { provide: APP_INTERCEPTOR, useClass: RefusalHelpInterceptor }],
  exports: [StageGuardsRegistry, FieldTypesRegistry, ChannelProvidersRegistry],
})
export class ExtensionsModule {}
