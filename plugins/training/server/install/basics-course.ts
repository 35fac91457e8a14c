import type { PluginCourseData } from '@portal/plugin-sdk';

/** The plugin's own short course, "How to use training", in Ukrainian, Russian and English (install data `training`). */

const CODE = 'training-basics';

export const BASICS_COURSE: PluginCourseData[] = [
  {
    code: CODE,
    locale: 'uk',
    title: 'Як навчатися на порталі',
    summary: 'Короткий вступ до розділу «Навчання»: курси, уроки, тести, сертифікати, пошук і підказки «Дізнатися як».',
    lessons: [
      {
        code: 'courses-and-tests',
        title: 'Курси, уроки й тести',
        material: [
          '## Як проходити курс',
          '',
          'У розділі **Навчання** зібрані курси для вашої ролі та курси, які вам призначив керівник (з терміном проходження).',
          '',
          '1. Відкрийте курс і переглядайте уроки по черзі: відео, матеріали, вкладення.',
          '2. Позначте кожен урок як пройдений.',
          '3. Складіть тест: щоб його пройти, потрібно набрати прохідний бал (зазвичай 80 %).',
          '',
          'Кількість спроб і час на тест можуть бути обмежені — це видно перед початком. Питання й варіанти відповідей щоразу перемішуються.',
        ].join('\n'),
      },
      {
        code: 'certificates-and-help',
        title: 'Сертифікати, пошук і підказки',
        material: [
          '## Сертифікат',
          '',
          'Коли всі уроки пройдені й усі тести складені, ви отримуєте **сертифікат** у PDF з кодом перевірки: будь-хто може перевірити його за цим кодом.',
          '',
          '## Пошук',
          '',
          'Шукайте курси й уроки за ключовими словами: пошук розуміє різні форми слів («угода», «угоди», «угоду»).',
          '',
          '## Підказки',
          '',
          'Якщо портал не дає перемістити угоду на стадію, поруч із помилкою з’явиться посилання **«Дізнатися як»** на урок, який пояснює правило.',
        ].join('\n'),
      },
    ],
    tests: [
      {
        code: 'basics-check',
        title: 'Перевірка знань',
        questions: [
          {
            text: 'Що потрібно, щоб отримати сертифікат?',
            choices: [
              { text: 'Пройти всі уроки й скласти всі тести курсу', correct: true },
              { text: 'Відкрити курс', correct: false },
              { text: 'Скласти лише один тест', correct: false },
            ],
          },
          {
            text: 'Які твердження правильні?',
            multiple: true,
            choices: [
              { text: 'Кількість спроб тесту може бути обмежена', correct: true },
              { text: 'Сертифікат можна перевірити за кодом', correct: true },
              { text: 'Відповіді приймаються й після завершення часу на тест', correct: false },
            ],
          },
          {
            text: 'Де знайти урок, що пояснює, чому угоду не можна перемістити на стадію?',
            choices: [
              { text: 'За посиланням «Дізнатися як» поруч із помилкою', correct: true },
              { text: 'У налаштуваннях профілю', correct: false },
              { text: 'Ніде', correct: false },
            ],
          },
        ],
      },
    ],
  },
  {
    code: CODE,
    locale: 'ru',
    title: 'Как обучаться на портале',
    summary: 'Краткое введение в раздел «Обучение»: курсы, уроки, тесты, сертификаты, поиск и подсказки «Узнать как».',
    lessons: [
      {
        code: 'courses-and-tests',
        title: 'Курсы, уроки и тесты',
        material: [
          '## Как проходить курс',
          '',
          'В разделе **Обучение** собраны курсы для вашей роли и курсы, которые вам назначил руководитель (со сроком прохождения).',
          '',
          '1. Откройте курс и просматривайте уроки по порядку: видео, материалы, вложения.',
          '2. Отметьте каждый урок как пройденный.',
          '3. Сдайте тест: чтобы его пройти, нужно набрать проходной балл (обычно 80 %).',
          '',
          'Количество попыток и время на тест могут быть ограничены — это видно перед началом. Вопросы и варианты ответов каждый раз перемешиваются.',
        ].join('\n'),
      },
      {
        code: 'certificates-and-help',
        title: 'Сертификаты, поиск и подсказки',
        material: [
          '## Сертификат',
          '',
          'Когда все уроки пройдены и все тесты сданы, вы получаете **сертификат** в PDF с кодом проверки: любой может проверить его по этому коду.',
          '',
          '## Поиск',
          '',
          'Ищите курсы и уроки по ключевым словам: поиск понимает разные формы слов («сделка», «сделки», «сделку»).',
          '',
          '## Подсказки',
          '',
          'Если портал не даёт перевести сделку на стадию, рядом с ошибкой появится ссылка **«Узнать как»** на урок, который объясняет правило.',
        ].join('\n'),
      },
    ],
    tests: [
      {
        code: 'basics-check',
        title: 'Проверка знаний',
        questions: [
          {
            text: 'Что нужно, чтобы получить сертификат?',
            choices: [
              { text: 'Пройти все уроки и сдать все тесты курса', correct: true },
              { text: 'Открыть курс', correct: false },
              { text: 'Сдать только один тест', correct: false },
            ],
          },
          {
            text: 'Какие утверждения верны?',
            multiple: true,
            choices: [
              { text: 'Количество попыток теста может быть ограничено', correct: true },
              { text: 'Сертификат можно проверить по коду', correct: true },
              { text: 'Ответы принимаются и после окончания времени на тест', correct: false },
            ],
          },
          {
            text: 'Где найти урок, который объясняет, почему сделку нельзя перевести на стадию?',
            choices: [
              { text: 'По ссылке «Узнать как» рядом с ошибкой', correct: true },
              { text: 'В настройках профиля', correct: false },
              { text: 'Нигде', correct: false },
            ],
          },
        ],
      },
    ],
  },
  {
    code: CODE,
    locale: 'en',
    title: 'How to learn on the portal',
    summary: 'A short introduction to the Training section: courses, lessons, tests, certificates, search and "Learn how" hints.',
    lessons: [
      {
        code: 'courses-and-tests',
        title: 'Courses, lessons and tests',
        material: [
          '## Taking a course',
          '',
          'The **Training** section holds the courses for your role and the courses your head assigned to you (with a due date).',
          '',
          '1. Open a course and go through its lessons in order: videos, material, attachments.',
          '2. Mark each lesson as done.',
          '3. Take the test: to pass, reach its pass mark (usually 80 %).',
          '',
          'A test may limit attempts and time — you see it before you start. Questions and choices are shuffled every time.',
        ].join('\n'),
      },
      {
        code: 'certificates-and-help',
        title: 'Certificates, search and hints',
        material: [
          '## Certificate',
          '',
          'Once every lesson is done and every test passed, you get a **certificate** as a PDF with a verification code anyone can check.',
          '',
          '## Search',
          '',
          'Search courses and lessons by keywords: search understands word forms ("deal", "deals").',
          '',
          '## Hints',
          '',
          'When the portal refuses to move a deal to a stage, a **"Learn how"** link next to the error leads to the lesson that explains the rule.',
        ].join('\n'),
      },
    ],
    tests: [
      {
        code: 'basics-check',
        title: 'Check your knowledge',
        questions: [
          {
            text: 'What earns you a certificate?',
            choices: [
              { text: 'Doing every lesson and passing every test of the course', correct: true },
              { text: 'Opening the course', correct: false },
              { text: 'Passing just one test', correct: false },
            ],
          },
          {
            text: 'Which statements are true?',
            multiple: true,
            choices: [
              { text: 'A test may limit the number of attempts', correct: true },
              { text: 'A certificate can be checked by its code', correct: true },
              { text: 'Answers are accepted after the test’s time is up', correct: false },
            ],
          },
          {
            text: 'Where do you find the lesson explaining why a deal cannot move to a stage?',
            choices: [
              { text: 'Through the "Learn how" link next to the error', correct: true },
              { text: 'In the profile settings', correct: false },
              { text: 'Nowhere', correct: false },
            ],
          },
        ],
      },
    ],
  },
];
