import type { PluginWords } from '@portal/portal-kit';

type Key =
  | 'department'
  | 'allDepartments'
  | 'refresh'
  | 'employee'
  | 'load'
  | 'capacity'
  | 'noCap'
  | 'openDeals'
  | 'openTasks'
  | 'state'
  | 'absent'
  | 'atCapacity'
  | 'inactive'
  | 'notEligible'
  | 'available'
  | 'empty'
  | 'intro'
  | 'hours'
  | 'more';

/** The load-balancer's portal words: the plugin brings its own, the portal's dictionaries stay untouched. */
export const WORDS: PluginWords<Key> = {
  en: {
    department: 'Department',
    allDepartments: 'All departments',
    refresh: 'Refresh',
    employee: 'Employee',
    load: 'Open work',
    capacity: 'Cap',
    noCap: 'no cap',
    openDeals: 'Open deals',
    openTasks: 'Open tasks',
    state: 'State',
    absent: 'absent today',
    atCapacity: 'at capacity',
    inactive: 'deactivated',
    notEligible: 'gets no new work',
    available: 'gets new work',
    empty: 'Nobody to show: add users to the portal or pick another department.',
    intro: 'Open work in hours per person: the least loaded available person gets the next new deal or task.',
    hours: '{h} h',
    more: 'Open the full view',
  },
  uk: {
    department: 'Відділ',
    allDepartments: 'Усі відділи',
    refresh: 'Оновити',
    employee: 'Співробітник',
    load: 'Відкрита робота',
    capacity: 'Ліміт',
    noCap: 'без ліміту',
    openDeals: 'Відкриті угоди',
    openTasks: 'Відкриті завдання',
    state: 'Стан',
    absent: 'відсутній сьогодні',
    atCapacity: 'ліміт вичерпано',
    inactive: 'деактивований',
    notEligible: 'не отримує нової роботи',
    available: 'отримує нову роботу',
    empty: 'Немає кого показати: додайте користувачів або виберіть інший відділ.',
    intro: 'Відкрита робота в годинах на людину: наступну нову угоду чи завдання отримує найменш завантажений доступний співробітник.',
    hours: '{h} год',
    more: 'Відкрити повний перелік',
  },
  ru: {
    department: 'Отдел',
    allDepartments: 'Все отделы',
    refresh: 'Обновить',
    employee: 'Сотрудник',
    load: 'Открытая работа',
    capacity: 'Лимит',
    noCap: 'без лимита',
    openDeals: 'Открытые сделки',
    openTasks: 'Открытые задачи',
    state: 'Состояние',
    absent: 'отсутствует сегодня',
    atCapacity: 'лимит исчерпан',
    inactive: 'деактивирован',
    notEligible: 'не получает новую работу',
    available: 'получает новую работу',
    empty: 'Некого показать: добавьте пользователей или выберите другой отдел.',
    intro: 'Открытая работа в часах на человека: следующую новую сделку или задачу получает наименее загруженный доступный сотрудник.',
    hours: '{h} ч',
    more: 'Открыть полный список',
  },
};
