import { attemptOrder, grade, prng, scorePct, shuffled } from './grading';
import type { QuestionKey } from './grading';

const single = (id: string, correct: string, others: string[]): QuestionKey => ({
  id,
  multiple: false,
  choices: [{ id: correct, correct: true }, ...others.map((o) => ({ id: o, correct: false }))],
});
const multiple = (id: string, correct: string[], wrong: string[]): QuestionKey => ({
  id,
  multiple: true,
  choices: [...correct.map((c) => ({ id: c, correct: true })), ...wrong.map((w) => ({ id: w, correct: false }))],
});

const KEYS = [single('q1', 'a', ['b', 'c']), multiple('q2', ['d', 'e'], ['f']), single('q3', 'g', ['h']), single('q4', 'i', ['j']), single('q5', 'k', ['l'])];
const keyMap = new Map(KEYS.map((k) => [k.id, k]));
const order = attemptOrder(KEYS, false, prng(1));

describe('grade', () => {
  it('scores a question only when the chosen set equals the correct set', () => {
    const g = grade(
      order,
      keyMap,
      [
        { questionId: 'q1', choiceIds: ['a'] },
        { questionId: 'q2', choiceIds: ['d'] }, // half of a multiple-choice question: wrong
        { questionId: 'q3', choiceIds: ['h'] },
        { questionId: 'q4', choiceIds: ['i'] },
        // q5 unanswered: wrong
      ],
      80,
    );
    expect(g).toMatchObject({ score: 2, maxScore: 5, scorePct: 40, passed: false });
    expect(g.results.map((r) => [r.questionId, r.correct])).toEqual([
      ['q1', true],
      ['q2', false],
      ['q3', false],
      ['q4', true],
      ['q5', false],
    ]);
    expect(g.results[1].correctChoiceIds).toEqual(['d', 'e']);
  });

  it('passes at exactly the threshold, and the shown percentage never contradicts the decision', () => {
    const all = (except: string[]) => KEYS.filter((k) => !except.includes(k.id)).map((k) => ({ questionId: k.id, choiceIds: k.choices.filter((c) => c.correct).map((c) => c.id) }));
    expect(grade(order, keyMap, all(['q5']), 80)).toMatchObject({ score: 4, scorePct: 80, passed: true });
    expect(grade(order, keyMap, all(['q4', 'q5']), 80)).toMatchObject({ score: 3, scorePct: 60, passed: false });
    expect(grade(order, keyMap, all([]), 100)).toMatchObject({ score: 5, scorePct: 100, passed: true });
    // 2 of 3 is 66.67 %: floor to 66, and a 67 % threshold fails, as the number says.
    expect(scorePct(2, 3)).toBe(66);
    const three = attemptOrder(KEYS.slice(0, 3), false, prng(1));
    expect(grade(three, keyMap, all(['q3', 'q4', 'q5']).slice(0, 2), 67)).toMatchObject({ scorePct: 66, passed: false });
    expect(grade(three, keyMap, all(['q3', 'q4', 'q5']).slice(0, 2), 66)).toMatchObject({ scorePct: 66, passed: true });
  });

  it('counts a multiple-choice question right only with every correct choice and no wrong one, repeats ignored', () => {
    const g2 = (choiceIds: string[]) => grade(order, keyMap, [{ questionId: 'q2', choiceIds }], 1).results[1].correct;
    expect(g2(['d', 'e'])).toBe(true);
    expect(g2(['e', 'd', 'e'])).toBe(true);
    expect(g2(['d', 'e', 'f'])).toBe(false);
    expect(g2([])).toBe(false);
  });

  it('grades only the questions of the attempt that still exist', () => {
    const g = grade([...order, { q: 'gone', c: ['x'] }], keyMap, [], 80);
    expect(g.maxScore).toBe(5);
  });
});

describe('shuffle', () => {
  it('is a permutation, reproducible from its seed, and differs between seeds', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const a = shuffled(items, prng(42));
    expect([...a].sort((x, y) => x - y)).toEqual(items);
    expect(shuffled(items, prng(42))).toEqual(a);
    expect(shuffled(items, prng(43))).not.toEqual(a);
    expect(items).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('shuffles questions and each question’s choices, or keeps the authored order', () => {
    const many = Array.from({ length: 10 }, (_, i) => single(`q${i}`, `c${i}a`, [`c${i}b`, `c${i}c`, `c${i}d`]));
    const kept = attemptOrder(many, false, prng(7));
    expect(kept.map((o) => o.q)).toEqual(many.map((q) => q.id));
    expect(kept[0].c).toEqual(['c0a', 'c0b', 'c0c', 'c0d']);
    const mixed = attemptOrder(many, true, prng(7));
    expect(mixed.map((o) => o.q)).not.toEqual(many.map((q) => q.id));
    expect([...mixed.map((o) => o.q)].sort()).toEqual(many.map((q) => q.id).sort());
    expect(mixed.some((o) => o.c[0] !== `${o.q.replace('q', 'c')}a`)).toBe(true);
  });
});
