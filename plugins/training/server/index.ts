import { definePlugin } from '@portal/plugin-sdk';
import { playPluginCourses } from './content/plugin-courses';
import { coursePassers, refusalHelp } from './hooks';
import { BASICS_COURSE } from './install/basics-course';
import { SCHEMA } from './schema';
import { SETTINGS } from './settings';
import { TrainingModule } from './training.module';

/**
 * Issue 8 (seed 004, «Режим обучения»): a Training section with courses per role — lessons (video, Markdown material,
 * attachments) and tests (single and multiple choice, pass thresholds, attempt and time limits, shuffled) — search
 * over titles and material in Ukrainian, Russian and English, programs (a course assigned to a role, a department or
 * a person by a due date; newcomers enrolled automatically; overdue notices), progress for trainees and their heads,
 * PDF certificates with a public verification code, and contextual help for refused stage moves. Other plugins ship
 * courses in their install data (`install.training`); this plugin plays them, and gates pipelines' assignment pools
 * by a passed course (`coursePassers`).
 */
export const training = definePlugin({
  id: 'training',
  version: '1.0.0',
  name: 'Training',
  summary:
    'Courses per role with video lessons, materials and tests (pass thresholds, attempt and time limits), search in Ukrainian, Russian and English, assignments with due dates, progress for heads, PDF certificates with verification, and "Learn how" help when a stage move is refused.',
  translations: {
    uk: {
      name: 'Навчання',
      summary:
        'Курси за ролями з відеоуроками, матеріалами й тестами (прохідний бал, обмеження спроб і часу), пошук українською, російською та англійською, призначення з термінами, прогрес для керівників, PDF-сертифікати з перевіркою та підказки «Дізнатися як», коли перехід угоди на стадію відхилено.',
    },
    ru: {
      name: 'Обучение',
      summary:
        'Курсы по ролям с видеоуроками, материалами и тестами (проходной балл, ограничение попыток и времени), поиск на украинском, русском и английском, назначения со сроками, прогресс для руководителей, PDF-сертификаты с проверкой и подсказки «Узнать как», когда перевод сделки на стадию отклонён.',
    },
  },
  category: 'education',
  module: TrainingModule,
  schema: SCHEMA,
  settings: SETTINGS,
  install: { training: BASICS_COURSE },
  dataConsumers: { training: playPluginCourses },
  refusalHelp,
  coursePassers,
  ui: {
    module: 'training',
    routes: [
      { path: 'training', component: 'CatalogPage', title: { en: 'Training', uk: 'Навчання', ru: 'Обучение' } },
      { path: 'training/course', component: 'CoursePage', title: { en: 'Course', uk: 'Курс', ru: 'Курс' } },
      { path: 'training/test', component: 'TestPage', title: { en: 'Test', uk: 'Тест', ru: 'Тест' } },
      { path: 'training/team', component: 'TeamPage', title: { en: 'Team training', uk: 'Навчання команди', ru: 'Обучение команды' }, roles: ['admin', 'head'] },
      { path: 'training/authoring', component: 'AuthoringPage', title: { en: 'Course authoring', uk: 'Створення курсів', ru: 'Создание курсов' }, roles: ['admin'] },
      { path: 'training/edit', component: 'EditPage', title: { en: 'Edit course', uk: 'Редагування курсу', ru: 'Редактирование курса' }, roles: ['admin'] },
    ],
    menu: [
      { route: 'training', label: { en: 'Training', uk: 'Навчання', ru: 'Обучение' }, icon: 'school' },
      { route: 'training/team', label: { en: 'Team training', uk: 'Навчання команди', ru: 'Обучение команды' }, icon: 'groups', roles: ['admin', 'head'] },
      { route: 'training/authoring', label: { en: 'Course authoring', uk: 'Створення курсів', ru: 'Создание курсов' }, icon: 'edit_note', roles: ['admin'] },
    ],
  },
});

export default training;
