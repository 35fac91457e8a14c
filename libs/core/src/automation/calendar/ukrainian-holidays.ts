/**
 * Ukraine's statutory public holidays (Labour Code, art. 73) in the wording of law 3225-IX (2023), applied
 * to every year asked for: older variants (7 January Christmas, 14 October, 28 July) are not modelled.
 * Neither are the art. 67 transfers of a holiday falling on a weekend nor the martial-law suspension of
 * days off: whether a portal treats these dates as days off is its own setting.
 */

/** Fixed-date holidays as [MM-DD, name]. */
const FIXED_HOLIDAYS: ReadonlyArray<readonly [string, string]> = [
  ['01-01', 'Новий рік'],
  ['03-08', 'Міжнародний жіночий день'],
  ['05-01', 'День праці'],
  ['05-08', 'День пам’яті та перемоги над нацизмом у Другій світовій війні 1939–1945 років'],
  ['06-28', 'День Конституції України'],
  ['07-15', 'День Української Державності'],
  ['08-24', 'День незалежності України'],
  ['10-01', 'День захисників і захисниць України'],
  ['12-25', 'Різдво Христове'],
];

const TRINITY_AFTER_EASTER_DAYS = 49;
const FIRST_GREGORIAN_YEAR = 1583;
const LAST_SUPPORTED_YEAR = 9999;

/** The year's statutory holidays, sorted by date. */
export function ukrainianHolidays(year: number): Array<{ date: string; name: string }> {
  assertYear(year);
  const easter = orthodoxEaster(year);
  const holidays = [
    ...FIXED_HOLIDAYS.map(([monthDay, name]) => ({ date: `${pad(year, 4)}-${monthDay}`, name })),
    { date: easter, name: 'Великдень' },
    { date: addDays(easter, TRINITY_AFTER_EASTER_DAYS), name: 'Трійця' },
  ];
  return holidays.sort((a, b) => a.date.localeCompare(b.date));
}

/** The distinct holiday dates of the years fromYear…toYear inclusive, sorted. */
export function ukrainianHolidayDates(fromYear: number, toYear: number): string[] {
  const dates = new Set<string>();
  for (let year = fromYear; year <= toYear; year++) for (const { date } of ukrainianHolidays(year)) dates.add(date);
  return [...dates].sort();
}

/**
 * Orthodox Easter as a Gregorian YYYY-MM-DD: Meeus' Julian algorithm, then the Julian→Gregorian offset
 * (13 days for 1900–2099). Easter is always after the Julian leap day, so the offset of the year applies.
 */
export function orthodoxEaster(year: number): string {
  assertYear(year);
  const a = year % 4;
  const b = year % 7;
  const c = year % 19;
  const d = (19 * c + 15) % 30;
  const e = (2 * a + 4 * b - d + 34) % 7;
  const month = Math.floor((d + e + 114) / 31);
  const day = ((d + e + 114) % 31) + 1;
  const julianToGregorian = Math.floor(year / 100) - Math.floor(year / 400) - 2;
  return isoDate(year, month, day + julianToGregorian);
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_GREGORIAN_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new RangeError(`year must be a whole number from ${FIRST_GREGORIAN_YEAR} to ${LAST_SUPPORTED_YEAR}, got ${year}`);
  }
}

function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return isoDate(year, month, day + days);
}

/** Normalises an overflowing day (e.g. April 35 → May 5). */
function isoDate(year: number, month: number, day: number): string {
  const d = new Date(Date.UTC(year, month - 1, day));
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
