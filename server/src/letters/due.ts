/**
 * When the response is due: the date in the draft's front matter, or the staff letter's response time (ten
 * business days unless it says otherwise) counted from its date, US federal holidays skipped. Pure.
 */
import { addBusinessDays } from './dates';
import type { FrontMatter, StaffLetter } from './model';

export interface DueDate {
  /** ISO date. */
  readonly date: string;
  readonly basis: 'front-matter' | 'business-days';
  readonly days?: number;
  readonly letterDate?: string;
}

/** A team's due-date rules (from .corresp.yaml): the response time when the letter states none, extra holidays. */
export interface DueRules {
  readonly businessDays?: number;
  readonly holidays?: ReadonlySet<string>;
}

export function dueDateOf(staff: StaffLetter | undefined, frontMatter: FrontMatter | undefined, rules: DueRules = {}): DueDate | undefined {
  if (frontMatter?.due) return { date: frontMatter.due, basis: 'front-matter' };
  if (!staff?.date || staff.source === 'response' || staff.noReview || staff.comments.length === 0) return undefined;
  const days = staff.responseDays ?? rules.businessDays ?? 10;
  return { date: addBusinessDays(staff.date, days, rules.holidays), basis: 'business-days', days, letterDate: staff.date };
}
