import { Inject, Injectable } from '@nestjs/common';
import { PLUGIN_CATALOG } from '../marketplace/plugin-descriptor';
import type { PluginDescriptor } from '../marketplace/plugin-descriptor';
import { PluginInstallations } from '../marketplace/plugin-installations';
import type { StageGuard, StageGuardContext } from './extension-points';
import { PluginContributions } from './plugin-contributions';

const GUARD_CODE_RE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

/** The stage guards plugins contribute, by code. */
@Injectable()
export class StageGuardsRegistry extends PluginContributions<StageGuard> {
  constructor(@Inject(PLUGIN_CATALOG) plugins: PluginDescriptor[], installations: PluginInstallations) {
    super(
      'stage guard',
      plugins,
      (p) => p.stageGuards,
      (g) => g.code,
      installations,
      (g) => (!GUARD_CODE_RE.test(g.code) ? 'must be 1–100 letters, digits, dots, dashes or underscores' : typeof g.check !== 'function' ? 'has no check()' : null),
    );
  }

  /**
   * The verdict of one guard on the deal: null when it lets the deal in. A guard this build no longer ships,
   * or whose plugin the portal has since uninstalled, is skipped (it still sits in the stage's rules).
   */
  async check(code: string, ctx: StageGuardContext): Promise<string | null> {
    const guard = this.get(code);
    if (!guard || !(await this.isAvailable(ctx.portalId, code))) return null;
    return guard.check(ctx);
  }
}
