import type { PluginFieldData } from '@portal/plugin-sdk';

/** Deal fields of the lead card (seed 004: client type, goal, source) and of the "advance received" step. */
export const FIELD = { contract: 'contract_file', advance: 'advance_amount', completion: 'desired_completion_date', remaining: 'remaining_payment' } as const;

export const FIELDS: PluginFieldData[] = [
  { entity: 'deal', code: 'client_type', name: 'Client type', names: { uk: 'Тип клієнта', ru: 'Тип клиента' }, type: 'enum', options: ['new', 'returning', 'partner'] },
  { entity: 'deal', code: 'request_goal', name: 'Goal of the request', names: { uk: 'Мета звернення', ru: 'Цель обращения' }, type: 'text' },
  {
    entity: 'deal',
    code: 'lead_source',
    name: 'Source',
    names: { uk: 'Джерело', ru: 'Источник' },
    type: 'enum',
    options: ['website', 'referral', 'advertising', 'social', 'event', 'other'],
  },
  { entity: 'deal', code: FIELD.contract, name: 'Signed contract', names: { uk: 'Підписаний договір', ru: 'Подписанный договор' }, type: 'file' },
  { entity: 'deal', code: FIELD.advance, name: 'Advance amount', names: { uk: 'Сума авансу', ru: 'Сумма аванса' }, type: 'money' },
  { entity: 'deal', code: FIELD.completion, name: 'Desired completion date', names: { uk: 'Бажана дата завершення', ru: 'Желаемая дата завершения' }, type: 'date' },
  { entity: 'deal', code: FIELD.remaining, name: 'Remaining payment', names: { uk: 'Залишок до оплати', ru: 'Остаток к оплате' }, type: 'money' },
];
