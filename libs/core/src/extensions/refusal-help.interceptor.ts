import { CallHandler, ExecutionContext, Inject, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Observable, catchError, from, mergeMap, throwError } from 'rxjs';
import { RequestContext } from '../common/request-context';
import { StageRulesUnmetError } from '../crm/deals/deal.errors';
import { Db } from '../database/db';
import { PLUGIN_CATALOG } from '../marketplace/plugin-descriptor';
import type { PluginDescriptor, RefusalHelp } from '../marketplace/plugin-descriptor';
import { PluginInstallations } from '../marketplace/plugin-installations';

const MAX_HELP = 5;

/**
 * A refused stage move answers 422 with `help: [{courseId, lessonId, title}]`: lessons that installed plugins
 * (training) tag for the refused rules. Asked after the refusing transaction rolled back; a plugin failing to
 * answer never hides the refusal itself.
 */
@Injectable()
export class RefusalHelpInterceptor implements NestInterceptor {
  private readonly logger = new Logger('RefusalHelp');
  private readonly helpers: PluginDescriptor[];

  constructor(
    @Inject(PLUGIN_CATALOG) plugins: PluginDescriptor[],
    private readonly installations: PluginInstallations,
    private readonly db: Db,
  ) {
    this.helpers = plugins.filter((p) => typeof p.refusalHelp === 'function');
  }

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.helpers.length) return next.handle();
    return next.handle().pipe(
      catchError((err: unknown) => {
        if (!(err instanceof StageRulesUnmetError) || !err.pipelineCode) return throwError(() => err);
        return from(this.attach(err, err.pipelineCode)).pipe(mergeMap(() => throwError(() => err)));
      }),
    );
  }

  private async attach(err: StageRulesUnmetError, pipeline: string): Promise<void> {
    const portalId = RequestContext.portalId();
    const rules = [...new Set(err.violations.map((v) => (v.rule === 'requiredField' ? 'requiredFields' : v.rule === 'guard' ? v.guard : v.rule)))];
    const help = new Map<string, RefusalHelp>();
    const ctx = { portalId, query: (sql: string, params: unknown[] = []) => this.db.query(sql, params) };
    for (const plugin of this.helpers) {
      const refusalHelp = plugin.refusalHelp;
      try {
        if (!refusalHelp || !(await this.installations.isInstalled(portalId, plugin.id))) continue;
        for (const rule of rules) {
          for (const h of await refusalHelp(ctx, { pipeline, stage: err.stageCode, rule, userId: RequestContext.userId() ?? null })) {
            if (help.size < MAX_HELP && !help.has(h.lessonId)) help.set(h.lessonId, { courseId: h.courseId, lessonId: h.lessonId, title: h.title });
          }
        }
      } catch (e) {
        this.logger.warn(`${plugin.id} could not suggest help for a refused move: ${(e as Error).message}`);
      }
    }
    if (help.size) err.extra['help'] = [...help.values()];
  }
}
