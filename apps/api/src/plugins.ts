import type { PluginManifest } from '@portal/plugin-sdk';
import { loadBalancer } from '@portal/plugin-load-balancer';
import { digitalStudio } from '@portal/plugin-digital-studio';
import { invoices } from '@portal/plugin-invoices';
import { training } from '@portal/plugin-training';

/** Every plugin this build ships: the marketplace's catalog. Plugins under plugins/ are added here as they arrive. */
export const PLUGINS: PluginManifest[] = [loadBalancer, digitalStudio, invoices, training];
