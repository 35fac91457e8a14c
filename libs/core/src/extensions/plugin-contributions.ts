import type { PluginDescriptor } from '../marketplace/plugin-descriptor';
import type { PluginInstallations } from '../marketplace/plugin-installations';

/**
 * What the plugins of the catalog contribute to one extension point, by code, each remembering its
 * plugin. A code claimed twice, or malformed, stops the app at boot rather than at a portal's first use.
 */
export abstract class PluginContributions<T> {
  private readonly byCode = new Map<string, { item: T; owner: PluginDescriptor }>();

  protected constructor(
    private readonly what: string,
    plugins: readonly PluginDescriptor[],
    itemsOf: (plugin: PluginDescriptor) => readonly T[] | undefined,
    codeOf: (item: T) => string,
    private readonly installations: PluginInstallations,
    problemOf: (item: T) => string | null = () => null,
  ) {
    for (const plugin of plugins) {
      for (const item of itemsOf(plugin) ?? []) {
        const code = codeOf(item);
        const problem = problemOf(item);
        if (problem) throw new Error(`Plugin ${plugin.id}: ${what} "${code}" ${problem}`);
        const taken = this.byCode.get(code);
        if (taken) throw new Error(`The ${what} "${code}" is contributed by both ${taken.owner.id} and ${plugin.id}`);
        this.byCode.set(code, { item, owner: plugin });
      }
    }
  }

  get(code: string): T | undefined {
    return this.byCode.get(code)?.item;
  }

  /** The id of the plugin that contributes `code`. */
  ownerOf(code: string): string | undefined {
    return this.byCode.get(code)?.owner.id;
  }

  codes(): string[] {
    return [...this.byCode.keys()];
  }

  /** Whether `code` is registered and its plugin is installed on the portal. */
  async isAvailable(portalId: string, code: string): Promise<boolean> {
    const entry = this.byCode.get(code);
    return !!entry && this.installations.isInstalled(portalId, entry.owner.id);
  }

  /**
   * Why the portal cannot use `code` (null when it can). `isOwnData` admits the plugin's own install data:
   * the host applies it before it records the plugin as installed.
   */
  async unavailability(portalId: string, code: string, isOwnData?: (owner: PluginDescriptor) => boolean): Promise<string | null> {
    const entry = this.byCode.get(code);
    if (!entry) return `unknown ${this.what} "${code}"`;
    if (isOwnData?.(entry.owner) || (await this.installations.isInstalled(portalId, entry.owner.id))) return null;
    return `"${code}" comes with the plugin ${entry.owner.id}, which this portal has not installed`;
  }
}
