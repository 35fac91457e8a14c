import { bodyOf, draftOf, emptyDraft, isInside, moved, pathLabel, withSingleCorrect } from './course-form';
import type { EditableCourse } from './course-form';
import { helpLinkFor } from './help-link';
import { countdownText, daysUntil, endOfDay, msLeft } from './time';
import { courseState, progressPct, snippetParts } from './training';
import { embeddableVideo, videoFileUrl } from './video';
import { WORDS, validationText } from './words';
import { pluginWords } from '@portal/portal-kit';
import { signal } from '@angular/core';
import type { PortalHost, PortalLang } from '@portal/portal-kit';

const lang = signal<PortalLang>('en');
const t = pluginWords({ lang } as unknown as PortalHost, WORDS);

describe('search snippets', () => {
  it('splits a snippet into plain and matched pieces', () => {
    expect(snippetParts('…як [[оформити]] угоду та [[рахунок]].')).toEqual([
      { text: '…як ', hit: false },
      { text: 'оформити', hit: true },
      { text: ' угоду та ', hit: false },
      { text: 'рахунок', hit: true },
      { text: '.', hit: false },
    ]);
    expect(snippetParts('no match')).toEqual([{ text: 'no match', hit: false }]);
    expect(snippetParts('[[<b>]]')).toEqual([{ text: '<b>', hit: true }]);
  });
});

describe('progress', () => {
  const my = { lessonsDone: 0, bestScorePct: null, passed: false, dueAt: null, overdue: false, certificateId: null };
  it('tells the state of a course for me', () => {
    expect(courseState(my)).toBe('notStarted');
    expect(courseState({ ...my, dueAt: '2026-03-01T00:00:00Z' })).toBe('assigned');
    expect(courseState({ ...my, lessonsDone: 1 })).toBe('inProgress');
    expect(courseState({ ...my, overdue: true, lessonsDone: 1 })).toBe('overdue');
    expect(courseState({ ...my, passed: true, overdue: true })).toBe('passed');
  });

  it('counts lessons, and all of it once passed', () => {
    expect(progressPct(1, 3, false)).toBe(33);
    expect(progressPct(0, 0, false)).toBe(0);
    expect(progressPct(1, 3, true)).toBe(100);
  });
});

describe('time', () => {
  it('counts down as m:ss, rounding up', () => {
    expect(countdownText(300_000)).toBe('5:00');
    expect(countdownText(299_001)).toBe('5:00');
    expect(countdownText(59_500)).toBe('1:00');
    expect(countdownText(1)).toBe('0:01');
    expect(countdownText(0)).toBe('0:00');
    expect(countdownText(3_725_000)).toBe('1:02:05');
    expect(msLeft('2026-03-01T10:00:00Z', Date.parse('2026-03-01T10:01:00Z'))).toBe(0);
  });

  it('puts a due day at its end in the portal’s time zone', () => {
    expect(endOfDay('2026-03-10', 'Europe/Kyiv')).toBe('2026-03-10T21:59:59.000Z');
    expect(endOfDay('2026-07-10', 'Europe/Kyiv')).toBe('2026-07-10T20:59:59.000Z');
    expect(endOfDay('2026-03-10', 'UTC')).toBe('2026-03-10T23:59:59.000Z');
  });

  it('counts calendar days to a due date', () => {
    const now = new Date('2026-03-10T21:30:00Z'); // 23:30 in Kyiv
    expect(daysUntil('2026-03-11T21:59:59Z', 'Europe/Kyiv', now)).toBe(1);
    expect(daysUntil('2026-03-10T21:59:59Z', 'Europe/Kyiv', now)).toBe(0);
    expect(daysUntil('2026-03-08T10:00:00Z', 'Europe/Kyiv', now)).toBe(-2);
  });
});

describe('videos and links', () => {
  it('frames only YouTube and Vimeo players', () => {
    expect(embeddableVideo('https://www.youtube.com/embed/dQw4w9WgXcQ')).toBe('https://www.youtube.com/embed/dQw4w9WgXcQ');
    expect(embeddableVideo('https://player.vimeo.com/video/76979871')).toBe('https://player.vimeo.com/video/76979871');
    expect(embeddableVideo('https://evil.test/embed/x')).toBeNull();
    expect(embeddableVideo('javascript:alert(1)')).toBeNull();
    expect(embeddableVideo(null)).toBeNull();
    expect(videoFileUrl('https://cdn.firm.ua/intro.mp4')).toBe('https://cdn.firm.ua/intro.mp4');
    expect(videoFileUrl('https://firm.ua/watch')).toBeNull();
  });

  it('links a refused move to the lesson that explains it', () => {
    expect(helpLinkFor({ courseId: 'c1', lessonId: 'l2', title: 'Як' })).toBe('/training/course?id=c1&lesson=l2');
    expect(helpLinkFor({ courseId: 'c 1' })).toBe('/training/course?id=c+1');
  });
});

describe('the course editor', () => {
  const course: EditableCourse = {
    id: 'c1',
    title: 'Угоди',
    summary: null,
    roles: ['manager'],
    source: 'portal',
    lessons: [{ id: 'l1', title: 'Вступ', material: '# Hi', videoUrl: null, attachments: [{ name: 'Regl', url: 'https://x.test/a.pdf' }], helpFor: [{ pipeline: 'sales', stage: 'offer', rule: null }] }],
    tests: [
      {
        id: 't1',
        title: 'Тест',
        passPct: 80,
        attempts: null,
        timeLimitMinutes: 5,
        questions: [{ id: 'q1', text: '2+2?', multiple: false, choices: [{ id: 'a', text: '4', correct: true }, { id: 'b', text: '5', correct: false }] }],
      },
    ],
  };

  it('turns the edited course back into the same body, ids kept', () => {
    const body = bodyOf(draftOf(course));
    expect(body).toEqual({
      title: 'Угоди',
      summary: undefined,
      roles: ['manager'],
      lessons: [{ id: 'l1', title: 'Вступ', material: '# Hi', videoUrl: null, attachments: [{ name: 'Regl', url: 'https://x.test/a.pdf' }], helpFor: [{ pipeline: 'sales', stage: 'offer' }] }],
      tests: [
        {
          id: 't1',
          title: 'Тест',
          passPct: 80,
          attempts: null,
          timeLimitMinutes: 5,
          questions: [{ id: 'q1', text: '2+2?', multiple: false, choices: [{ id: 'a', text: '4', correct: true }, { id: 'b', text: '5', correct: false }] }],
        },
      ],
    });
  });

  it('keeps the codes and the shuffle setting the server has', () => {
    const coded = { ...course, code: 'deals', locale: 'uk', lessons: [{ ...course.lessons[0], code: 'intro' }], tests: [{ ...course.tests[0], code: 'final', shuffle: false }] };
    const body = bodyOf(draftOf(coded));
    expect(body).toMatchObject({ code: 'deals', locale: 'uk', lessons: [{ id: 'l1', code: 'intro' }], tests: [{ id: 't1', code: 'final', shuffle: false }] });
  });

  it('leaves out blank rows, defaults and sends what is not a number as typed', () => {
    const d = emptyDraft();
    d.lessons[0].attachments.push({ key: 'x', name: ' ', url: '' });
    d.lessons[0].helpFor.push({ key: 'y', pipeline: '', stage: '', rule: '' });
    const body = bodyOf({ ...d, tests: [{ key: 't', title: 'T', passPct: '', attempts: '', timeLimitMinutes: 'abc', questions: [] }] });
    expect((body['lessons'] as { attachments: unknown[]; helpFor: unknown[] }[])[0]).toMatchObject({ attachments: [], helpFor: [] });
    expect((body['tests'] as Record<string, unknown>[])[0]).toEqual({ title: 'T', attempts: null, timeLimitMinutes: 'abc', questions: [] });
  });

  it('moves rows and keeps one correct answer for a single-choice question', () => {
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    const choices = [
      { key: '1', text: 'a', correct: true },
      { key: '2', text: 'b', correct: true },
    ];
    expect(withSingleCorrect(choices).map((c) => c.correct)).toEqual([true, false]);
    expect(withSingleCorrect(choices, '2').map((c) => c.correct)).toEqual([false, true]);
  });

  it('names the API’s field paths in words', () => {
    expect(pathLabel('lessons[1].title', t)).toBe('Lesson 2 › Title');
    expect(pathLabel('tests[0].questions[2].choices', t)).toBe('Test 1 › Question 3 › Answers');
    expect(pathLabel('lessons[0].attachments[1].url', t)).toBe('Lesson 1 › Attachment 2 › Link');
    expect(pathLabel('weird', t)).toBe('weird');
    lang.set('uk');
    expect(pathLabel('tests[0].passPct', t)).toBe('Тест 1 › Прохідний бал, %');
    lang.set('en');
    expect(isInside('lessons[1].attachments[0].url', 'lessons[1]')).toBe(true);
    expect(isInside('lessons[10].title', 'lessons[1]')).toBe(false);
  });
});

describe('the server’s validation messages', () => {
  it('are put in the viewer’s words when known, and kept as they are otherwise', () => {
    expect(validationText(t, 'must not be empty')).toBe('Fill this in.');
    expect(validationText(t, 'must be a whole number from 1 to 100')).toBe('Enter a whole number from 1 to 100.');
    expect(validationText(t, 'a single-choice question has exactly one correct choice (set multiple: true for several)')).toMatch(/^A single-choice question/);
    expect(validationText(t, 'something new')).toBe('something new');
    lang.set('uk');
    expect(validationText(t, 'is not a stage of the pipeline sales (give its id or code)')).toBe('У цій воронці немає такого етапу.');
    lang.set('en');
  });
});
