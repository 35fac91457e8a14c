import { randomBytes } from 'node:crypto';

/**
 * The pure rules of a test: the order an attempt shows questions and choices in, scoring, and the pass decision.
 *
 * - A question scores 1 only when the chosen set equals the correct set (no partial credit: a multiple-choice
 *   question half right is wrong); unanswered scores 0.
 * - `scorePct` is floor(score × 100 / maxScore), so "passed" and the shown percentage never disagree:
 *   passed ⇔ score × 100 ≥ passPct × maxScore ⇔ scorePct ≥ passPct (passPct is whole).
 */

export interface QuestionKey {
  id: string;
  multiple: boolean;
  choices: { id: string; correct: boolean }[];
}

export interface AttemptOrder {
  /** Question id. */
  q: string;
  /** Its choice ids in the order shown. */
  c: string[];
}

export interface Answer {
  questionId: string;
  choiceIds: string[];
}

export interface QuestionResult {
  questionId: string;
  correct: boolean;
  correctChoiceIds: string[];
}

export interface Grade {
  score: number;
  maxScore: number;
  scorePct: number;
  passed: boolean;
  results: QuestionResult[];
}

/** A seedable PRNG (mulberry32): uniform in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const randomSeed = (): number => randomBytes(4).readUInt32LE(0);

/** Fisher–Yates on a copy. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The order of one attempt: questions and each question's choices shuffled (or as authored when `shuffle` is off). */
export function attemptOrder(questions: readonly QuestionKey[], shuffle: boolean, random: () => number): AttemptOrder[] {
  const qs = shuffle ? shuffled(questions, random) : [...questions];
  return qs.map((q) => ({ q: q.id, c: (shuffle ? shuffled(q.choices, random) : q.choices).map((c) => c.id) }));
}

export function scorePct(score: number, maxScore: number): number {
  return maxScore > 0 ? Math.floor((score * 100) / maxScore) : 0;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Grades `answers` (already validated against the questions) for the questions in `order`. */
export function grade(order: readonly AttemptOrder[], keys: ReadonlyMap<string, QuestionKey>, answers: readonly Answer[], passPct: number): Grade {
  const chosen = new Map(answers.map((a) => [a.questionId, [...new Set(a.choiceIds)]]));
  const results: QuestionResult[] = [];
  for (const o of order) {
    const key = keys.get(o.q);
    if (!key) continue;
    const correctIds = key.choices.filter((c) => c.correct).map((c) => c.id);
    // The correct ids in the order the attempt showed the choices (choices added after it started go last).
    const shown = [...o.c.filter((id) => correctIds.includes(id)), ...correctIds.filter((id) => !o.c.includes(id))];
    results.push({ questionId: key.id, correct: sameSet(chosen.get(key.id) ?? [], correctIds), correctChoiceIds: shown });
  }
  const score = results.filter((r) => r.correct).length;
  const maxScore = results.length;
  const pct = scorePct(score, maxScore);
  return { score, maxScore, scorePct: pct, passed: maxScore > 0 && pct >= passPct, results };
}
