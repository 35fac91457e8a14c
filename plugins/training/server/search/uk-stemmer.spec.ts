import { stemUk, tokenize, ukStems } from './uk-stemmer';

/** Every form in a group must come out as one stem. */
const SAME_STEM: Record<string, string[]> = {
  угод: ['угода', 'угоди', 'угоді', 'угоду', 'угодою', 'угод', 'угодам', 'угодами', 'угодах'],
  воронк: ['воронка', 'воронки', 'воронку', 'воронкою', 'воронкам', 'воронками', 'воронках'],
  стад: ['стадія', 'стадії', 'стадію', 'стадією', 'стадій', 'стадіям', 'стадіями', 'стадіях'],
  навчан: ['навчання', 'навчанню', 'навчанням', 'навчань', 'навчаннях'],
  менеджер: ['менеджер', 'менеджера', 'менеджеру', 'менеджерові', 'менеджером', 'менеджери', 'менеджерів', 'менеджерам'],
  обовязк: ['обов’язкове', 'обов\'язкова', 'обов\'язкові', 'обов\'язкового', 'обов\'язковому', 'обов\'язковим', 'обов\'язковою', 'обов\'язкових', 'обов\'язковими', 'обовʼязковий'],
  пол: ['поле', 'поля', 'полю', 'полем', 'полів', 'полям', 'полями', 'полях'],
  правил: ['правило', 'правила', 'правилу', 'правилом', 'правил', 'правилам', 'правилами', 'правилах'],
  задач: ['задача', 'задачі', 'задачу', 'задачею', 'задач', 'задачам', 'задачами'],
  відповідальност: ['відповідальність', 'відповідальності', 'відповідальністю'],
  клієнт: ['клієнт', 'клієнта', 'клієнту', 'клієнтові', 'клієнтом', 'клієнти', 'клієнтів', 'клієнтам', 'клієнтами'],
  лекц: ['лекція', 'лекції', 'лекцію', 'лекцією', 'лекцій', 'лекціями'],
};

describe('stemUk', () => {
  it.each(Object.entries(SAME_STEM))('brings every form of "%s…" to one stem', (stem, forms) => {
    expect(forms.map(stemUk)).toEqual(forms.map(() => stem));
  });

  it('keeps distinct words distinct', () => {
    expect(stemUk('угода')).not.toBe(stemUk('воронка'));
    expect(stemUk('стадія')).not.toBe(stemUk('статус'));
  });

  it('treats ґ as г, ignores case and apostrophes, and leaves Latin words and numbers as they are (lower-cased)', () => {
    expect(stemUk('Ґанок')).toBe(stemUk('ганок'));
    expect(stemUk('УГОДИ')).toBe('угод');
    expect(stemUk('CRM')).toBe('crm');
    expect(stemUk('Pipelines')).toBe('pipelines');
    expect(stemUk('2025')).toBe('2025');
  });

  it('does not shorten short words below three letters', () => {
    expect(stemUk('дні')).toBe('дні');
    expect(stemUk('ціна')).toBe('цін');
    expect(stemUk('код')).toBe('код');
    expect(stemUk('коду')).toBe('код');
  });
});

describe('tokenize and ukStems', () => {
  it('splits on anything but letters and digits, keeping apostrophes inside words', () => {
    expect(tokenize('CRM-система: обов’язкові поля, 2 кроки!').map((t) => t.word)).toEqual(['CRM', 'система', 'обов’язкові', 'поля', '2', 'кроки']);
  });

  it('indexes the stems of Cyrillic words without stop words or one-letter words (Latin words are the russian config’s)', () => {
    expect(ukStems('Угоди та воронки в CRM і у звітах 2024')).toBe('угод воронк звіт');
  });
});
