/**
 * Dates as letters write them ("August 16, 2017", "Sept. 5, 2024", "September 8,2020") and the business-day
 * arithmetic behind a response's due date (US federal holidays, observed on the nearest weekday). Pure.
 */

const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

export const DATE_PATTERN =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)\\s+\\d{1,2},\\s?\\d{4}';

/** "August 16, 2017" → "2017-08-16"; undefined when it is not a real date. */
export function parseLetterDate(text: string): string | undefined {
  const m = /^\s*([A-Za-z]+)\.?\s+(\d{1,2}),\s?(\d{4})/.exec(text);
  if (!m) return parseIsoDate(text);
  const month = MONTHS[m[1]!.toLowerCase()];
  if (!month) return undefined;
  return isoOf(Number(m[3]), month, Number(m[2]));
}

/** "2017-08-30" (as YAML front matter gives it) → the same, checked; undefined when invalid. */
export function parseIsoDate(text: string): string | undefined {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(text);
  if (!m) return undefined;
  return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
}

function isoOf(year: number, month: number, day: number): string | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return d.toISOString().slice(0, 10);
}

function toDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function toIso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** nth weekday (0 = Sunday) of a month; n = -1 for the last. */
function nthWeekday(year: number, month: number, weekday: number, n: number): Date {
  if (n > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1));
    const shift = (weekday - first.getUTCDay() + 7) % 7;
    return new Date(Date.UTC(year, month - 1, 1 + shift + (n - 1) * 7));
  }
  const last = new Date(Date.UTC(year, month, 0));
  const shift = (last.getUTCDay() - weekday + 7) % 7;
  return new Date(Date.UTC(year, month - 1, last.getUTCDate() - shift));
}

/** A fixed-date holiday moves to Friday when on Saturday and to Monday when on Sunday (5 U.S.C. 6103 practice). */
function observed(year: number, month: number, day: number): Date {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCDay() === 6) return new Date(Date.UTC(year, month - 1, day - 1));
  if (d.getUTCDay() === 0) return new Date(Date.UTC(year, month - 1, day + 1));
  return d;
}

const holidayCache = new Map<number, Set<string>>();

/** US federal holidays (5 U.S.C. 6103) of a year, as observed. */
export function federalHolidays(year: number): ReadonlySet<string> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const days = [
    observed(year, 1, 1),
    nthWeekday(year, 1, 1, 3), // Birthday of Martin Luther King, Jr.
    nthWeekday(year, 2, 1, 3), // Washington's Birthday
    nthWeekday(year, 5, 1, -1), // Memorial Day
    ...(year >= 2021 ? [observed(year, 6, 19)] : []), // Juneteenth, a federal holiday since 2021
    observed(year, 7, 4),
    nthWeekday(year, 9, 1, 1), // Labor Day
    nthWeekday(year, 10, 1, 2), // Columbus Day
    observed(year, 11, 11), // Veterans Day
    nthWeekday(year, 11, 4, 4), // Thanksgiving Day
    observed(year, 12, 25),
  ];
  // New Year's Day of the next year observed on Dec 31 of this one.
  const nextNewYear = observed(year + 1, 1, 1);
  if (nextNewYear.getUTCFullYear() === year) days.push(nextNewYear);
  const set = new Set(days.map(toIso));
  holidayCache.set(year, set);
  return set;
}

/** `holidays`: extra ISO dates to skip (a firm's own holidays), on top of the federal ones. */
export function isBusinessDay(iso: string, holidays?: ReadonlySet<string>): boolean {
  const d = toDate(iso);
  const day = d.getUTCDay();
  return day !== 0 && day !== 6 && !federalHolidays(d.getUTCFullYear()).has(iso) && !holidays?.has(iso);
}

/** The date `days` business days after `iso` (the letter's date itself does not count). */
export function addBusinessDays(iso: string, days: number, holidays?: ReadonlySet<string>): string {
  const d = toDate(iso);
  let left = Math.max(0, Math.floor(days));
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (isBusinessDay(toIso(d), holidays)) left--;
  }
  return toIso(d);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toDate(to).getTime() - toDate(from).getTime()) / 86_400_000);
}

/** "Aug 30" style short form for status bars. */
export function shortDate(iso: string): string {
  const d = toDate(iso);
  return `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]} ${d.getUTCDate()}`;
}

/** "August 30, 2017". */
export function longDate(iso: string): string {
  const d = toDate(iso);
  const month = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][d.getUTCMonth()];
  return `${month} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

const NUMBER_WORDS: Record<string, number> = {
  five: 5,
  seven: 7,
  ten: 10,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
};

/** "within ten business days" / "within 10 business days" → 10. */
export function responseDaysIn(text: string): { days: number; text: string } | undefined {
  const m = /within\s+(\w+)\s+(?:\(\d+\)\s+)?business\s+days/i.exec(text);
  if (!m) return undefined;
  const word = m[1]!.toLowerCase();
  const days = /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS[word];
  return days ? { days, text: m[0] } : undefined;
}
