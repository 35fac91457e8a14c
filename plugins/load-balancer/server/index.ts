import { definePlugin } from '@portal/plugin-sdk';
import { demo } from './demo';
import { LoadBalancerModule } from './load-balancer.module';
import { leastLoaded } from './least-loaded.strategy';
import { forget, recompute } from './loads';
import { SCHEMA } from './schema';
import { SETTINGS, loadSettings } from './settings';

/**
 * Seed 004, "Равномерное распределение нагрузки": deals, leads and tasks go to the least-loaded eligible
 * employee, weighing open work by effort, skipping the absent, the deactivated and those at their cap.
 */
export const loadBalancer = definePlugin({
  id: 'load-balancer',
  version: '1.0.0',
  name: 'Load balancer',
  summary: 'Assigns new deals, leads and tasks to the least-loaded employee: open work weighed in hours, absences and capacity respected, every decision explained on the timeline.',
  translations: {
    uk: {
      name: 'Балансувальник навантаження',
      summary: 'Призначає нові угоди, ліди й завдання найменш завантаженому працівникові: відкрита робота у годинах, з урахуванням відсутностей і лімітів, кожне рішення пояснене в історії угоди.',
    },
    ru: {
      name: 'Балансировщик нагрузки',
      summary: 'Назначает новые сделки, лиды и задачи наименее загруженному сотруднику: открытая работа в часах, с учётом отсутствий и лимитов, каждое решение объяснено в истории сделки.',
    },
  },
  category: 'productivity',
  module: LoadBalancerModule,
  schema: SCHEMA,
  settings: SETTINGS,
  assignmentStrategies: { 'least-loaded': leastLoaded },
  demo,
  onInstall: (ctx) => recompute(ctx.query, ctx.portalId, loadSettings(ctx.settings)),
  onSettingsChanged: (ctx) => recompute(ctx.query, ctx.portalId, loadSettings(ctx.settings)),
  onUninstall: (ctx) => forget(ctx.query, ctx.portalId),
  ui: {
    module: 'load-balancer',
    routes: [{ path: 'load-balancer/loads', component: 'LoadsPage', title: { en: 'Team load', uk: 'Навантаження команди', ru: 'Загрузка команды' }, roles: ['admin', 'head'] }],
    menu: [{ route: 'load-balancer/loads', label: { en: 'Team load', uk: 'Навантаження', ru: 'Загрузка' }, icon: 'balance', roles: ['admin', 'head'] }],
    dashboardWidgets: [{ id: 'team-load', component: 'TeamLoadWidget', title: { en: 'Team load', uk: 'Навантаження команди', ru: 'Загрузка команды' }, roles: ['admin', 'head'] }],
  },
});

export default loadBalancer;
