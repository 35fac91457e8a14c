import { Global, Module } from '@nestjs/common';
import { ChannelProvidersRegistry } from './channel-providers.registry';
import { FieldTypesRegistry } from './field-types.registry';
import { StageGuardsRegistry } from './stage-guards.registry';

/**
 * The registries of what plugins contribute to stage rules, custom fields and `message.send`, read from the
 * plugin catalog. The contexts that use them (deals, pipelines, fields, automation delivery) decide; these
 * only know who owns what and whether the owner is installed on a portal.
 */
@Global()
@Module({
  providers: [StageGuardsRegistry, FieldTypesRegistry, ChannelProvidersRegistry],
  exports: [StageGuardsRegistry, FieldTypesRegistry, ChannelProvidersRegistry],
})
export class ExtensionsModule {}
