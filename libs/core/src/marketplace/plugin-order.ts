import { DomainError, NotFoundError } from '../common/errors';
import type { PluginDescriptor } from './plugin-descriptor';

/** The plugins to install for `id`, dependencies first; unknown ids, missing dependencies and cycles are refused. */
export function installOrder(catalog: Map<string, PluginDescriptor>, id: string): PluginDescriptor[] {
  if (!catalog.has(id)) throw new NotFoundError('Plugin', id, 'plugin_not_found');
  const order: PluginDescriptor[] = [];
  const done = new Set<string>();
  const visit = (pid: string, path: string[]) => {
    if (done.has(pid)) return;
    if (path.includes(pid)) {
      throw new DomainError(422, 'plugin_dependency_cycle', `Plugins depend on each other in a cycle: ${[...path.slice(path.indexOf(pid)), pid].join(' → ')}`, [{ cycle: [...path.slice(path.indexOf(pid)), pid] }]);
    }
    const plugin = catalog.get(pid);
    if (!plugin) {
      const needer = path[path.length - 1];
      throw new DomainError(422, 'plugin_dependency_missing', `Plugin ${needer} depends on ${pid}, which is not available`, [{ plugin: needer, missing: pid }]);
    }
    for (const dep of plugin.dependsOn ?? []) visit(dep, [...path, pid]);
    done.add(pid);
    order.push(plugin);
  };
  visit(id, []);
  return order;
}

/** Installed plugins that depend on `id`, directly or through another. */
export function dependentsOf(catalog: Map<string, PluginDescriptor>, installed: Set<string>, id: string): string[] {
  const out = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const pid of installed) {
      if (out.has(pid) || pid === id) continue;
      const deps = catalog.get(pid)?.dependsOn ?? [];
      if (deps.includes(id) || deps.some((d) => out.has(d))) {
        out.add(pid);
        grew = true;
      }
    }
  }
  return [...out].sort();
}
