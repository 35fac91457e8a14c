import type { Translation, Words } from '../core/i18n.types';

export const en = {
  'nav.dashboard': 'Dashboard',
  'dashboard.title': 'Dashboard',
  'dashboard.empty': 'Installed plugins put their widgets here: team load, project profitability and more.',
} satisfies Words;

export const uk: Translation<typeof en> = {
  'nav.dashboard': 'Огляд',
  'dashboard.title': 'Огляд',
  'dashboard.empty': 'Тут з’являються віджети встановлених плагінів: навантаження команди, прибутковість проєктів тощо.',
};

export const ru: Translation<typeof en> = {
  'nav.dashboard': 'Обзор',
  'dashboard.title': 'Обзор',
  'dashboard.empty': 'Здесь появляются виджеты установленных плагинов: загрузка команды, прибыльность проектов и другое.',
};
