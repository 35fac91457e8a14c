import type { PluginPipelineData } from '@portal/plugin-sdk';

/**
 * Seed 004's sales process and its three deal directions. Codes are namespaced (`studio_…`) so a portal's own
 * "projects" pipeline never collides with ours; names come in the portal's language.
 */
export const PIPELINE = { leads: 'studio_leads', projects: 'studio_projects', support: 'studio_support', claims: 'studio_claims' } as const;
/** The directions whose deals are projects (time, costs, profitability); the lead funnel is not one. */
export const DIRECTIONS = [PIPELINE.projects, PIPELINE.support, PIPELINE.claims];

export const leads: PluginPipelineData = {
  code: PIPELINE.leads,
  name: 'Leads',
  names: { uk: 'Ліди', ru: 'Лиды', en: 'Leads' },
  stages: [
    { code: 'request_recorded', name: 'Request recorded', names: { uk: 'Звернення зафіксовано', ru: 'Обращение зафиксировано' } },
    { code: 'presentation', name: 'Presentation', names: { uk: 'Презентація', ru: 'Презентация' } },
    { code: 'meeting', name: 'Meeting (online / offline)', names: { uk: 'Зустріч (онлайн / офлайн)', ru: 'Встреча (онлайн / офлайн)' } },
    { code: 'final_proposal', name: 'Final proposal', names: { uk: 'Підсумкова комерційна пропозиція', ru: 'Итоговое коммерческое предложение' } },
    { code: 'objections', name: 'Handling objections', names: { uk: 'Дотискання (заперечення)', ru: '«Дожим» (возражения)' } },
    { code: 'deal', name: 'Deal', names: { uk: 'Угода', ru: 'Сделка' }, kind: 'won', rules: { requiredFields: ['budget'] } },
    { code: 'rejected', name: 'Rejected', names: { uk: 'Відмова', ru: 'Отказ' }, kind: 'lost', rules: { requiredFields: ['lostReason'] } },
  ],
};

export const projects: PluginPipelineData = {
  code: PIPELINE.projects,
  name: 'Projects',
  names: { uk: 'Проєкти', ru: 'Проекты', en: 'Projects' },
  // New deals go to the least-loaded manager (the load-balancer's strategy; role "manager" when no department is set).
  assignment: { strategy: 'least-loaded' },
  stages: [
    { code: 'free', name: 'Free deal', names: { uk: 'Вільна угода', ru: 'Свободная сделка' } },
    { code: 'manager_assigned', name: 'Manager assigned', names: { uk: 'Менеджера призначено', ru: 'Менеджер назначен' } },
    { code: 'contract_invoice', name: 'Contract agreed, invoice sent', names: { uk: 'Договір погоджено, рахунок надіслано', ru: 'Договор согласован, счёт отправлен' } },
    {
      code: 'advance_received',
      name: 'Advance received',
      names: { uk: 'Аванс отримано', ru: 'Аванс получен' },
      rules: { requiredFields: ['budget', 'contract_file', 'advance_amount', 'desired_completion_date'], guards: ['studio.advanceWithinBudget'] },
    },
    { code: 'development', name: 'Development started', names: { uk: 'Розробку запущено', ru: 'Разработка запущена' } },
    { code: 'approval', name: 'Sent for approval', names: { uk: 'Надіслано на погодження', ru: 'Отправлено на согласование' } },
    { code: 'acts_sent', name: 'Results and acts sent', names: { uk: 'Результати й акти надіслано', ru: 'Результат и акты отправлены' } },
    { code: 'done', name: 'Done, payment received', names: { uk: 'Замовлення виконано, оплату отримано', ru: 'Заказ выполнен, оплата получена' }, kind: 'won' },
    { code: 'failed', name: 'Deal failed', names: { uk: 'Угоду провалено', ru: 'Сделка провалена' }, kind: 'lost', rules: { requiredFields: ['lostReason'] } },
    { code: 'failure_analysis', name: 'Failure analysis', names: { uk: 'Аналіз причин провалу', ru: 'Анализ причин провала' }, kind: 'lost', rules: { requiredFields: ['lostReason'] } },
  ],
};

export const support: PluginPipelineData = {
  code: PIPELINE.support,
  name: 'Support',
  names: { uk: 'Підтримка', ru: 'Поддержка', en: 'Support' },
  assignment: { strategy: 'least-loaded' },
  stages: [
    { code: 'new_request', name: 'New request', names: { uk: 'Нове звернення', ru: 'Новое обращение' } },
    { code: 'triage', name: 'Triage', names: { uk: 'Аналіз звернення', ru: 'Анализ обращения' } },
    { code: 'in_progress', name: 'In progress', names: { uk: 'У роботі', ru: 'В работе' } },
    { code: 'client_review', name: 'Client review', names: { uk: 'Перевірка клієнтом', ru: 'Проверка клиентом' } },
    { code: 'resolved', name: 'Resolved', names: { uk: 'Вирішено', ru: 'Решено' }, kind: 'won' },
    { code: 'rejected', name: 'Rejected', names: { uk: 'Відхилено', ru: 'Отклонено' }, kind: 'lost', rules: { requiredFields: ['lostReason'] } },
  ],
};

export const claims: PluginPipelineData = {
  code: PIPELINE.claims,
  name: 'Claims',
  names: { uk: 'Рекламації', ru: 'Рекламации', en: 'Claims' },
  assignment: { strategy: 'least-loaded' },
  stages: [
    { code: 'claim_received', name: 'Claim received', names: { uk: 'Рекламацію отримано', ru: 'Рекламация получена' } },
    { code: 'investigation', name: 'Investigation', names: { uk: 'Розслідування', ru: 'Расследование' } },
    { code: 'fixing', name: 'Fixing', names: { uk: 'Усунення', ru: 'Устранение' } },
    { code: 'client_acceptance', name: 'Client acceptance', names: { uk: 'Приймання клієнтом', ru: 'Приёмка клиентом' } },
    { code: 'closed', name: 'Closed', names: { uk: 'Закрито', ru: 'Закрыта' }, kind: 'won' },
    { code: 'declined', name: 'Declined', names: { uk: 'Відхилено', ru: 'Отклонена' }, kind: 'lost', rules: { requiredFields: ['lostReason'] } },
  ],
};

export const PIPELINES: PluginPipelineData[] = [leads, projects, support, claims];
