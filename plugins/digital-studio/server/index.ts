import { definePlugin } from '@portal/plugin-sdk';
import { advanceWithinBudget, computeRemainingPayment, thresholdCrossed } from './automation';
import { demo } from './install/demo';
import { AUTOMATIONS } from './install/automations';
import { COURSES } from './install/courses';
import { FIELDS } from './install/fields';
import { DIRECTIONS, PIPELINES } from './install/pipelines';
import { DigitalStudioModule } from './digital-studio.module';
import { SCHEMA } from './schema';
import { SETTINGS } from './settings';

/** Marks every project of the portal for re-evaluation (the thresholds changed, or the plugin came back). */
const MARK_ALL = `INSERT INTO ds_dirty (deal_id, portal_id)
  SELECT deal_id, portal_id FROM ds_deal_stats WHERE portal_id = $1
  UNION SELECT deal_id, portal_id FROM ds_alert_state WHERE portal_id = $1
  UNION SELECT DISTINCT deal_id, portal_id FROM tasks WHERE portal_id = $1 AND deal_id IS NOT NULL AND estimate_minutes IS NOT NULL
  ON CONFLICT (deal_id) DO NOTHING`;

/**
 * Seed 004, "CRM.Digital": the lead funnel and the Projects / Support / Claims directions of a digital studio,
 * time tracking on project tasks, the cost of intellectual work (Σ minutes × the cost of a norm-hour), live gross
 * profit of every project at any stage, and alerts when a project goes negative, below the margin threshold or
 * over its planned hours — with drill-down by task, person and department.
 */
export const digitalStudio = definePlugin({
  id: 'digital-studio',
  version: '1.0.0',
  name: 'Digital studio',
  summary: 'Lead funnel and Projects / Support / Claims pipelines for a digital studio, time tracking on project tasks, live profitability of every project with alerts, and a profitability report.',
  translations: {
    uk: {
      name: 'Діджитал-студія',
      summary: 'Воронка лідів і напрямки «Проєкти», «Підтримка», «Рекламації» для діджитал-студії, облік часу на задачах проєктів, жива рентабельність кожного проєкту зі сповіщеннями та звіт про рентабельність.',
    },
    ru: {
      name: 'Диджитал-студия',
      summary: 'Воронка лидов и направления «Проекты», «Поддержка», «Рекламации» для диджитал-студии, учёт времени по задачам проектов, живая рентабельность каждого проекта с оповещениями и отчёт о рентабельности.',
    },
  },
  category: 'industry',
  dependsOn: ['load-balancer'],
  module: DigitalStudioModule,
  schema: SCHEMA,
  settings: SETTINGS,
  install: { fields: FIELDS, pipelines: PIPELINES, automations: AUTOMATIONS, training: COURSES },
  triggers: [thresholdCrossed],
  actions: [computeRemainingPayment],
  stageGuards: [advanceWithinBudget],
  demo,
  ui: {
    module: 'digital-studio',
    routes: [
      { path: 'studio/my-time', component: 'MyTimePage', title: { en: 'My time', uk: 'Мій час', ru: 'Моё время' } },
      {
        path: 'studio/projects',
        component: 'ProjectsPage',
        title: { en: 'Project profitability', uk: 'Рентабельність проєктів', ru: 'Рентабельность проектов' },
        roles: ['admin', 'head'],
      },
    ],
    menu: [
      { route: 'studio/my-time', label: { en: 'My time', uk: 'Мій час', ru: 'Моё время' }, icon: 'schedule' },
      { route: 'studio/projects', label: { en: 'Profitability', uk: 'Рентабельність', ru: 'Рентабельность' }, icon: 'monitoring', roles: ['admin', 'head'] },
    ],
    topBarWidgets: [{ id: 'studio-timer', component: 'TimerWidget', title: { en: 'Timer', uk: 'Таймер', ru: 'Таймер' } }],
    dealCardWidgets: [
      { id: 'studio-profitability', component: 'ProfitWidget', title: { en: 'Project profitability', uk: 'Рентабельність проєкту', ru: 'Рентабельность проекта' }, pipelines: [...DIRECTIONS] },
    ],
    dashboardWidgets: [
      {
        id: 'studio-worst-projects',
        component: 'WorstProjectsWidget',
        title: { en: 'Projects with the lowest margin', uk: 'Проєкти з найнижчою маржею', ru: 'Проекты с самой низкой маржой' },
        roles: ['admin', 'head'],
      },
    ],
  },
  onInstall: async (ctx) => {
    await ctx.query(`INSERT INTO ds_config (portal_id) VALUES ($1) ON CONFLICT DO NOTHING`, [ctx.portalId]);
    await ctx.query(MARK_ALL, [ctx.portalId]);
  },
  onSettingsChanged: (ctx) => ctx.query(MARK_ALL, [ctx.portalId]).then(() => undefined),
  onUninstall: async (ctx) => {
    await ctx.query(`DELETE FROM ds_config WHERE portal_id = $1`, [ctx.portalId]);
    await ctx.query(`DELETE FROM ds_dirty WHERE portal_id = $1`, [ctx.portalId]);
  },
});

export default digitalStudio;
