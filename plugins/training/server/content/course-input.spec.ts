import { Problems } from '../input';
import { firstFreeCode, slugOf } from './course-code';
import { readCourse } from './course-input';
import { embedUrlOf } from './embed-url';

const OPTS = { mode: 'portal' as const, defaultPassPct: 80, roles: new Set(['admin', 'head', 'manager', 'employee', 'trainee']) };

const course = (over: Record<string, unknown> = {}) => ({
  title: 'Воронка продажів',
  lessons: [{ title: 'Урок 1', material: 'Текст' }],
  tests: [{ title: 'Тест', questions: [{ text: 'Питання?', choices: [{ text: 'Так', correct: true }, { text: 'Ні', correct: false }] }] }],
  ...over,
});

function read(raw: unknown, opts = OPTS) {
  const p = new Problems();
  const draft = readCourse(raw, p, opts);
  return { draft, problems: p.list };
}

describe('readCourse', () => {
  it('reads a course with the defaults: pass 80 %, 3 attempts, no time limit, shuffled, single choice', () => {
    const { draft, problems } = read(course());
    expect(problems).toEqual([]);
    expect(draft.tests[0]).toEqual({ title: 'Тест', passPct: 80, attempts: 3, timeLimitMinutes: null, shuffle: true, questions: [expect.objectContaining({ multiple: false })] });
    expect(draft.roles).toEqual([]);
    expect(draft.summary).toBeNull();
  });

  it('names every problem by its path', () => {
    const { problems } = read({
      title: '',
      roles: ['boss'],
      extra: 1,
      lessons: [{ title: 'ok', material: 'x' }, { title: 'x'.repeat(201), material: '', videoUrl: 'ftp://x' }],
      tests: [
        {
          title: 'T',
          passPct: 0,
          attempts: 0,
          timeLimitMinutes: 601,
          questions: [
            { text: 'one choice', choices: [{ text: 'a', correct: true }] },
            { text: 'none correct', choices: [{ text: 'a', correct: false }, { text: 'b', correct: false }] },
            { text: 'two correct, single', choices: [{ text: 'a', correct: true }, { text: 'b', correct: true }] },
            { text: 'no flag', choices: [{ text: 'a' }, { text: 'b', correct: true }] },
          ],
        },
      ],
    });
    expect(problems.map((x) => x.field)).toEqual([
      'extra',
      'title',
      'roles[0]',
      'lessons[1].title',
      'lessons[1].videoUrl',
      'tests[0].passPct',
      'tests[0].attempts',
      'tests[0].timeLimitMinutes',
      'tests[0].questions[0].choices',
      'tests[0].questions[1].choices',
      'tests[0].questions[2].choices',
      'tests[0].questions[3].choices[0].correct',
    ]);
  });

  it('needs at least one lesson, and a lesson needs material, a video or an attachment', () => {
    expect(read(course({ lessons: [] })).problems).toEqual([{ field: 'lessons', message: 'must have at least 1 item' }]);
    expect(read(course({ lessons: [{ title: 'Empty', material: '  ' }] })).problems.map((x) => x.field)).toEqual(['lessons[0].material']);
    expect(read(course({ lessons: [{ title: 'Video', material: '', videoUrl: 'https://youtu.be/dQw4w9WgXcQ' }] })).problems).toEqual([]);
  });

  it('allows unlimited attempts (null) and several correct choices in a multiple-choice question', () => {
    const { draft, problems } = read(
      course({ tests: [{ title: 'T', attempts: null, questions: [{ text: 'Q', multiple: true, choices: [{ text: 'a', correct: true }, { text: 'b', correct: true }, { text: 'c', correct: false }] }] }] }),
    );
    expect(problems).toEqual([]);
    expect(draft.tests[0].attempts).toBeNull();
  });

  it('refuses the same id twice, and ids or unknown keys in plugin data', () => {
    const id = '11111111-1111-4111-8111-111111111111';
    expect(read(course({ lessons: [{ id, title: 'a', material: 'x' }, { id, title: 'b', material: 'y' }] })).problems.map((x) => x.field)).toEqual(['lessons[1].id']);
    const p = new Problems();
    readCourse({ code: 'c', title: 'T', lessons: [{ id, title: 'a', material: 'x' }] }, p, { ...OPTS, mode: 'plugin' }, 'training[0]');
    expect(p.list.map((x) => x.field)).toEqual(['training[0].lessons[0].id', 'training[0].lessons[0].code']);
  });
});

describe('course codes', () => {
  it('transliterates titles and finds the first free code', () => {
    expect(slugOf('Воронка продажів: основи!')).toBe('voronka-prodazhiv-osnovy');
    expect(slugOf('Сделки и ёлки')).toBe('sdelky-y-yolky');
    expect(slugOf('???')).toBe('course');
    expect(firstFreeCode('a', new Set(['a', 'a-2']))).toBe('a-3');
    expect(firstFreeCode('b', new Set(['a']))).toBe('b');
  });
});

describe('embedUrlOf', () => {
  it.each([
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'https://www.youtube.com/embed/dQw4w9WgXcQ'],
    ['https://youtu.be/dQw4w9WgXcQ?t=90', 'https://www.youtube.com/embed/dQw4w9WgXcQ?start=90'],
    ['https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s', 'https://www.youtube.com/embed/dQw4w9WgXcQ?start=90'],
    ['https://www.youtube.com/shorts/dQw4w9WgXcQ', 'https://www.youtube.com/embed/dQw4w9WgXcQ'],
    ['https://www.youtube.com/embed/dQw4w9WgXcQ', 'https://www.youtube.com/embed/dQw4w9WgXcQ'],
    ['https://vimeo.com/76979871', 'https://player.vimeo.com/video/76979871'],
    ['https://vimeo.com/76979871/abcdef1234', 'https://player.vimeo.com/video/76979871?h=abcdef1234'],
    ['https://player.vimeo.com/video/76979871', 'https://player.vimeo.com/video/76979871'],
  ])('%s → %s', (url, embed) => expect(embedUrlOf(url)).toBe(embed));

  it.each(['https://example.com/video.mp4', 'https://www.youtube.com/watch?v=short', 'https://www.youtube.com/channel/xyz', 'not a url', null])('%s → null', (url) =>
    expect(embedUrlOf(url)).toBeNull(),
  );
});
