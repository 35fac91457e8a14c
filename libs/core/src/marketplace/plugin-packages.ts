import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { manifestProblems } from './plugin-descriptor';
import type { PluginDescriptor } from './plugin-descriptor';

/**
 * Plugins published as npm packages (PLUGIN_PACKAGES=@acme/portal-plugin-x,./local/plugin): each package's
 * default export (or `plugin` export, or the module itself) is a manifest as `definePlugin()` makes it.
 * Resolved from the working directory's node_modules, so `npm install @acme/portal-plugin-x` is enough.
 * A package that is missing or malformed stops the boot with a message naming it: a silently absent
 * plugin would be worse.
 */
export function loadPluginPackages(specs: string[], builtIn: PluginDescriptor[], cwd = process.cwd()): PluginDescriptor[] {
  const req = createRequire(join(cwd, 'package.json'));
  const taken = new Set(builtIn.map((p) => p.id));
  return specs.map((spec) => {
    const target = spec.startsWith('.') || isAbsolute(spec) ? resolve(cwd, spec) : spec;
    let mod: any;
    try {
      mod = req(target);
    } catch (err) {
      throw new Error(`PLUGIN_PACKAGES: cannot load "${spec}": ${(err as Error).message}`);
    }
    const manifest: PluginDescriptor = mod?.default ?? mod?.plugin ?? mod;
    const problems = manifestProblems(manifest);
    if (manifest && taken.has(manifest.id)) problems.push(`a plugin with id "${manifest.id}" is already in the catalog`);
    if (problems.length) throw new Error(`PLUGIN_PACKAGES: "${spec}" is not a plugin: ${problems.join('; ')}`);
    taken.add(manifest.id);
    return manifest;
  });
}
