import type { Translation, Words } from '../core/i18n.types';

export const en = {
  'shell.notifications': 'Notifications',
  'shell.readAll': 'Mark all as read',
  'shell.noNotifications': 'No notifications yet.',
} satisfies Words;

export const uk: Translation<typeof en> = {
  'shell.notifications': 'Сповіщення',
  'shell.readAll': 'Позначити всі прочитаними',
  'shell.noNotifications': 'Сповіщень поки немає.',
};

export const ru: Translation<typeof en> = {
  'shell.notifications': 'Уведомления',
  'shell.readAll': 'Отметить все прочитанными',
  'shell.noNotifications': 'Уведомлений пока нет.',
};
