import { Inject, Injectable } from '@nestjs/common';
import { PLUGIN_CATALOG } from '../marketplace/plugin-descriptor';
import type { PluginDescriptor } from '../marketplace/plugin-descriptor';
import { PluginInstallations } from '../marketplace/plugin-installations';
import type { ChannelProvider } from './extension-points';
import { PluginContributions } from './plugin-contributions';
import { CORE_CHANNELS } from './plugin-channels';

const CHANNEL_RE = /^[a-z][a-z0-9_-]{0,31}$/;

function providerProblem(p: ChannelProvider): string | null {
  if (!CHANNEL_RE.test(p.channel)) return 'must be 1–32 lowercase letters, digits, "_" or "-", e.g. "telegram"';
  if (CORE_CHANNELS.includes(p.channel)) return 'is a channel core provides';
  if (typeof p.send !== 'function') return 'has no send()';
  return null;
}

/** The message channels plugins provide (SMS gateways, messenger bots), by channel name. */
@Injectable()
export class ChannelProvidersRegistry extends PluginContributions<ChannelProvider> {
  constructor(@Inject(PLUGIN_CATALOG) plugins: PluginDescriptor[], installations: PluginInstallations) {
    super('channel', plugins, (p) => p.channels, (c) => c.channel, installations, providerProblem);
  }
}
