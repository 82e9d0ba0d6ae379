/**
 * When the response is due, and whether it was sent on time. The due date: the draft's front matter, or the date
 * the staff letter names, or its response time (ten business days when it says so) counted from its date, US federal
 * holidays skipped, moved by a request for more time that names a date (in an earlier response of the thread, or in
 * the response itself once sent) or by a staff reminder naming a new date. A letter that sets no deadline
 * (registration statements, proxy reviews: "please respond to this letter by amending your registration statement")
 * has none, unless the team configured a default response time. A response is judged by the date it was sent (its
 * `sent:` front matter, or a filed letter's own date), for ever; a draft not yet sent by today. One function for the
 * editor, `corresp check` and the report. Pure.
 */
import { addBusinessDays, daysBetween, isBusinessDay, longDate } from './dates';
import type { FrontMatter, ResponseDraft, StaffLetter } from './model';

export type DueBasis =
  /** `due:` in the draft's front matter. */
  | 'front-matter'
  /** The letter's response time ("within ten business days"). */
  | 'business-days'
  /** The team's default response time (.corresp.yaml due.business-days): the letter sets none. */
  | 'team-default'
  /** A date the letter names ("by December 19, 2023"). */
  | 'letter-date'
  /** A request for more time naming a date, or a staff reminder naming a new one. */
  | 'extension';

export interface DueDate {
  /** ISO date. */
  readonly date: string;
  readonly basis: DueBasis;
  /** The response time in business days ('business-days', 'team-default'). */
  readonly days?: number;
  /** The staff letter's date. */
  readonly letterDate?: string;
  /** 'extension': the date of the letter that asked for (or set) the new date, when known. */
  readonly extendedOn?: string;
  /** 'extension': the due date before the extension, when the letter set one. */
  readonly originalDate?: string;
}

/** A team's due-date rules (from .corresp.yaml): the response time when the letter states none, extra holidays. */
export interface DueRules {
  readonly businessDays?: number;
  readonly holidays?: ReadonlySet<string>;
}

/** Another response in the thread to the same staff letter, as due dates need it. */
export interface ThreadResponse {
  /** When it was sent (ISO); a draft not yet sent has none and does not count. */
  readonly sent?: string;
  readonly timeRequest?: { readonly until?: string };
}

/** What the rest of the thread says about a staff letter's due date. */
export interface DueThread {
  /** Other responses to the same staff letter (requests for more time among them). */
  readonly responses?: readonly ThreadResponse[];
  /** Later staff letters of the thread: a reminder that the comments remain outstanding may name a new date. */
  readonly staffLetters?: readonly StaffLetter[];
}

/** When a response went out: its `sent:` front matter, or the letterhead date of a filed letter (not a draft). */
export function sentDateOf(draft: Pick<ResponseDraft, 'date' | 'frontMatter'>, filed: boolean): string | undefined {
  return draft.frontMatter?.sent ?? (filed ? draft.date : undefined);
}

/** A response as another letter of its thread sees it (its sent date and its request for more time). */
export function threadResponseOf(draft: Pick<ResponseDraft, 'date' | 'frontMatter' | 'timeRequest'>, filed: boolean): ThreadResponse {
  const sent = sentDateOf(draft, filed);
  return {
    ...(sent ? { sent } : {}),
    ...(draft.timeRequest ? { timeRequest: { ...(draft.timeRequest.until ? { until: draft.timeRequest.until } : {}) } } : {}),
  };
}

/**
 * The response's due date. `thread` holds the thread's other responses to this letter (only those sent on or
 * before `asOf`, the response's own sent date when it has one, count) and its later staff letters.
 */
export function dueDateOf(
  staff: StaffLetter | undefined,
  frontMatter: FrontMatter | undefined,
  rules: DueRules = {},
  thread: DueThread = {},
  asOf?: string,
): DueDate | undefined {
  if (frontMatter?.due) return { date: frontMatter.due, basis: 'front-matter' };
  if (!staff?.date || staff.source === 'response' || staff.noReview || staff.comments.length === 0) return undefined;
  let base: DueDate | undefined;
  if (staff.respondBy) base = { date: staff.respondBy, basis: 'letter-date', letterDate: staff.date };
  else if (staff.responseDays !== undefined)
    base = { date: addBusinessDays(staff.date, staff.responseDays, rules.holidays), basis: 'business-days', days: staff.responseDays, letterDate: staff.date };
  else if (rules.businessDays !== undefined)
    base = { date: addBusinessDays(staff.date, rules.businessDays, rules.holidays), basis: 'team-default', days: rules.businessDays, letterDate: staff.date };
  // Extensions: a request for more time naming a date, sent before this response; a staff reminder naming a date.
  let extension: { until: string; on?: string } | undefined;
  const later = (until: string, on?: string) => {
    if (until <= staff.date! || (extension && extension.until >= until)) return;
    extension = { until, ...(on ? { on } : {}) };
  };
  for (const r of thread.responses ?? []) {
    if (!r.sent || (asOf && r.sent > asOf) || !r.timeRequest?.until) continue;
    later(r.timeRequest.until, r.sent);
  }
  for (const s of thread.staffLetters ?? []) {
    if (s.remindsOf === staff.date && s.respondBy && s.date && s.date >= staff.date) later(s.respondBy, s.date);
  }
  if (extension && (!base || extension.until > base.date)) {
    return {
      date: extension.until,
      basis: 'extension',
      letterDate: staff.date,
      ...(extension.on ? { extendedOn: extension.on } : {}),
      ...(base ? { originalDate: base.date } : {}),
    };
  }
  return base;
}

export type DueState =
  /** Not sent, due date to come. */
  | 'open'
  /** Not sent, due within the team's warning window. */
  | 'due-soon'
  | 'due-today'
  /** Not sent, due date passed. */
  | 'overdue'
  /** Sent on or before its due date (or within an extension the thread shows). */
  | 'sent'
  /** Sent after its due date, and the thread shows no extension covering it. */
  | 'sent-late';

export interface DueStatus extends DueDate {
  readonly state: DueState;
  /** Calendar days from today (a sent letter: from the day it was sent; 0 when that is unknown) to the due date. */
  readonly daysLeft: number;
  /** When the response was sent (ISO); a filed letter without a date has state 'sent' and none. */
  readonly sent?: string;
  /** 'sent-late': business days after the due date. */
  readonly businessDaysLate?: number;
  /** The thread asked for more time without naming a date: a later date may have been agreed. */
  readonly timeAsked?: boolean;
}

export interface DueQuestion {
  readonly staff: StaffLetter | undefined;
  /** The response judged (its front matter, date and request for more time). */
  readonly draft: Pick<ResponseDraft, 'date' | 'frontMatter' | 'timeRequest'> & { readonly purpose?: { readonly kind: string } };
  /** The response is a filed letter (EDGAR HTML, text, PDF): its letterhead date is when it was sent. */
  readonly filed: boolean;
  /** Today (ISO): a response not yet sent is judged by it. */
  readonly today: string;
  readonly rules?: DueRules;
  readonly thread?: DueThread;
  /** Say 'due-soon' this many calendar days before the due date (never when undefined). */
  readonly warnDaysBefore?: number;
}

/** The response's due date and where it stands: the one judgement the editor, `corresp check` and the report share. */
export function dueStatusOf(q: DueQuestion): DueStatus | undefined {
  const sent = sentDateOf(q.draft, q.filed);
  const responses = [...(q.thread?.responses ?? [])];
  // Once sent, an answer's account of a request for more time ("on July 27 we requested an extension until August 17")
  // is part of the record. A letter that itself asks for more time is judged by the date in force when it asked: its
  // own request moves the next letter's due date, not its own.
  if (sent && q.draft.timeRequest && q.draft.purpose?.kind !== 'time-request') responses.push({ sent, timeRequest: q.draft.timeRequest });
  const due = dueDateOf(q.staff, q.draft.frontMatter, q.rules, { ...q.thread, responses }, sent);
  if (!due) return undefined;
  const timeAsked = responses.some((r) => r.timeRequest && !r.timeRequest.until && (!sent || (r.sent !== undefined && r.sent <= sent)));
  // A filed letter without a date was sent, but when cannot be told: it is not judged.
  if (!sent && q.filed) return { ...due, state: 'sent', daysLeft: 0 };
  if (sent) {
    const daysLeft = daysBetween(sent, due.date);
    if (daysLeft >= 0 || timeAsked) return { ...due, state: 'sent', daysLeft, sent, ...(timeAsked ? { timeAsked } : {}) };
    return { ...due, state: 'sent-late', daysLeft, sent, businessDaysLate: businessDaysBetween(due.date, sent, q.rules?.holidays) };
  }
  const daysLeft = daysBetween(q.today, due.date);
  const soon = q.warnDaysBefore !== undefined && daysLeft >= 0 && daysLeft <= q.warnDaysBefore;
  const state: DueState = daysLeft < 0 ? 'overdue' : daysLeft === 0 ? 'due-today' : soon ? 'due-soon' : 'open';
  return { ...due, state, daysLeft, ...(timeAsked ? { timeAsked } : {}) };
}

/** Business days after `from` up to and including `to` (0 when `to` is not later). */
export function businessDaysBetween(from: string, to: string, holidays?: ReadonlySet<string>): number {
  const days = daysBetween(from, to);
  if (days <= 0) return 0;
  let n = 0;
  const d = new Date(`${from}T00:00:00Z`);
  // Bounded: a letter answered years late is still counted in a few thousand steps.
  for (let i = 0; i < Math.min(days, 20_000); i++) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (isBusinessDay(d.toISOString().slice(0, 10), holidays)) n++;
  }
  return n;
}

/** "10 business days after the August 16, 2017 letter" and the like: where a due date comes from, in words. */
export function dueBasisText(due: DueDate): string {
  switch (due.basis) {
    case 'front-matter':
      return 'the due date in the front matter';
    case 'business-days':
      return `${due.days} business days after the ${longDate(due.letterDate!)} letter`;
    case 'team-default':
      return `your team's default of ${due.days} business days after the ${longDate(due.letterDate!)} letter; the letter itself sets no deadline`;
    case 'letter-date':
      return `the date the ${longDate(due.letterDate!)} letter names`;
    case 'extension':
      return `extended${due.originalDate ? ` from ${longDate(due.originalDate)}` : ''}${due.extendedOn ? ` by the letter of ${longDate(due.extendedOn)}` : ''}`;
  }
}
