/**
 * The filing or period a commitment names, read from its words and normalised: "future filings", "our next Form
 * 10-Q", "the Form 10-K for the year ending December 31, 2024", "beginning with our Quarterly Report on Form 10-Q for
 * the quarter ended March 31, 2025", "our fiscal 2024 Form 10-K", "earnings release for the second quarter of 2016".
 * Also whether a later filing (its form type and period end) is one a target covers. Pure; bounded regexes only.
 */
import { DATE_PATTERN, parseLetterDate } from '../letters/dates';
import type { CommitmentTarget } from './model';

export interface TargetContext {
  /** When the response was written (ISO): filings named for periods long before it are references, not targets. */
  readonly responseDate?: string;
  /** The company's fiscal year end (month 1–12, day), to turn "fiscal 2024" or "second quarter of 2024" into a date. */
  readonly fiscalYearEnd?: { readonly month: number; readonly day: number };
}

/** Words read at most: a target is named within a sentence. */
const MAX_TEXT = 3000;

const FORM_CODE = String.raw`(?:10-K(?:T|\/A)?|10-Q(?:\/A)?|20-F(?:\/A)?|40-F|8-K|6-K|11-K|S-[134](?:\/A)?|F-[134]|DEF\s?14A)`;
/** A filing named by its form or its usual name. */
const FILING_RE = new RegExp(
  String.raw`\b(?:Forms?\s+|Reports?\s+on\s+Forms?\s+)?(${FORM_CODE})(?:s)?\b(?:\s+(?:and|or|&)\s+(?:Forms?\s+)?(${FORM_CODE})s?\b)?` +
    String.raw`|\b(annual reports?|quarterly reports?|(?:quarterly |annual )?earnings (?:press )?releases?|press releases?|proxy statements?|proxy disclosures?|registration statements?|(?:exchange offer |final |preliminary )?prospectus(?:es)?|letters? of transmittal|(?:pre-effective |post-effective )?amendments? (?:No\.\s?\d+ )?to (?:the|our|its) (?:registration statement|offer to purchase|schedule [\w-]+))\b`,
  'gi',
);
const OPEN_RE =
  /\b(?:future|subsequent|upcoming|forthcoming|later)\s+(?:[\w’'&-]+\s+){0,4}?(?:fill?ings?|reports?|releases?|statements?|disclosures?|forms?|10-[KQ]s?|periods?|quarters?|years?)\b|\b(?:going forward|prospectively|from now on|henceforth|hereafter|in the future|all applicable periods|each subsequent)\b|\b(?:in|within|throughout|across)\s+(?:all\s+)?(?:of\s+)?(?:our|its|the company['’]s)\s+(?:sec|periodic|exchange act)\s+(?:filings|reports)\b/gi;
const ONWARD_RE =
  /\b(?:beginning|starting|commencing|effective|first)\s+(?:with|in|from)\b|\bincluding\b|\bthrough(?:out)?\b|\band (?:each|all) (?:subsequent|future)\b/i;
const NEXT_RE = /\b(?:next|upcoming|forthcoming|coming)\b/i;
const PERIOD_AFTER_RE = new RegExp(
  String.raw`^[^.;]{0,60}?\b(?:for|covering)\s+(?:the|our|its|the company['’]s)\s+(?:(?:fiscal|calendar|quarterly|interim)\s+)?(?:year|quarter|(?:quarterly\s+|fiscal\s+)?period|three|six|nine|twelve|fiscal\s+quarter)\b[^.;]{0,30}?\b(?:ended|ending|end)\s+(${DATE_PATTERN})`,
  'i',
);
const FISCAL_AFTER_RE = /^[^.;]{0,40}?\bfor\s+(?:the\s+)?(?:fiscal\s+(?:year\s+)?|year\s+|FY\s?)(\d{4}|\d{2}\b)/i;
const YEAR_BEFORE_RE = /(?:\b(?:(?:fiscal|FY|F)\s?(?:year\s+)?)?((?:19|20)\d{2})|\bFY\s?'?(\d{2})|\bfiscal\s+'(\d{2}))\s*$/i;
const QUARTER_RE =
  /\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:fiscal\s+)?quarter\s+(?:of\s+)?(?:(?:fiscal|FY)\s?(?:year\s+)?)?(\d{4})|\bQ([1-4])\s+(?:(?:fiscal|FY)\s?)?(\d{4})\b|\b(?:fiscal\s+)?(\d{4})\s+(first|second|third|fourth)\s+quarter/i;
/** A filing mentioned as already made ("our Form 10-K filed on February 25, 2022", "as defined in the 2023 Form 10-K"). */
const PAST_AFTER_RE =
  /^[^.;]{0,80}?\b(?<!(?:to|will|would|be|is|are)\s+(?:be\s+)?)(?:filed|furnished|submitted|dated)\s+(?:with the (?:SEC|Commission)\s+)?(?:on|in)\b|^[^.;]{0,40}?\b(?:that was|which was|as) (?:filed|reviewed|furnished)\b/i;
const PAST_BEFORE_RE =
  /\b(?:as (?:defined|noted|discussed|described|disclosed|stated|reported|presented) in|from|using|in (?:its|our|the) response|compared (?:to|with)|based on|reviewed by the staff in)\s+(?:(?:the|our|its|your|company['’]s|registrant['’]s)\s+){0,2}(?:most recent\s+|recent\s+|recently filed\s+|[\w-]+\s+){0,3}$/i;
/** A period named without a form, where a promise begins ("beginning in the quarterly period ending March 31, 2017"). */
const PERIOD_ONWARD_RE = new RegExp(
  String.raw`\b(?:beginning|starting|commencing|effective)\s+(?:with|in|from|as of)\s+(?:(?:the|its|our|the company['’]s)\s+)?(?:(?:consolidated\s+)?financial statements\s+(?:for|as of)\s+the\s+)?(?:(?:fiscal|calendar|quarterly|interim)\s+)?(?:year|quarter|(?:quarterly\s+)?period|fiscal quarter|three months|six months|nine months|twelve months)\s+(?:ended|ending)\s+(${DATE_PATTERN})` +
    String.raw`|\b(?:beginning|starting|commencing|effective)\s+(?:with|in|from)\s+(?:(?:the|our|its)\s+)?(first|second|third|fourth)\s+(?:fiscal\s+)?quarter\s+(?:of\s+)?(?:fiscal\s+)?(\d{4})\b`,
  'gi',
);
const QUARTER_WORDS: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4 };

interface NamedFiling {
  readonly forms: string[];
  readonly at: number;
  /** End of the words that name it, with its period ("Form 10-Q for the quarter ended March 31, 2025"). */
  end: number;
  periodEnd?: string | undefined;
  fiscalYear?: number;
  quarter?: number;
  next: boolean;
  onward: boolean;
  past: boolean;
}

/** The target a commitment's words name, or undefined when they name no filing and no period. */
export function targetIn(sentence: string, context: TargetContext = {}): CommitmentTarget | undefined {
  const text = sentence.length > MAX_TEXT ? sentence.slice(0, MAX_TEXT) : sentence;
  const opens: { at: number; end: number; forms: string[] }[] = [];
  OPEN_RE.lastIndex = 0;
  for (let m = OPEN_RE.exec(text); m; m = OPEN_RE.exec(text)) {
    // "future cash flows" and "future operations" are no filings; "future periods" and "future years" are.
    opens.push({ at: m.index, end: m.index + m[0].length, forms: formsOf(m[0]) });
  }
  const named = namedFilings(text, context).filter((n) => !n.past);
  PERIOD_ONWARD_RE.lastIndex = 0;
  for (let m = PERIOD_ONWARD_RE.exec(text); m; m = PERIOD_ONWARD_RE.exec(text)) {
    // A period without a form is where open-ended promises begin: "beginning in the quarterly period ending …".
    if (named.some((n) => n.at >= m!.index && n.at < m!.index + m![0].length)) continue;
    const quarter = m[2] ? QUARTER_WORDS[m[2].toLowerCase()] : undefined;
    const periodEnd = m[1] ? parseLetterDate(m[1]) : periodEndOf(Number(m[3]), quarter, context.fiscalYearEnd);
    opens.push({ at: m.index, end: m.index + m[0].length, forms: [] });
    named.push({
      forms: [],
      at: m.index,
      end: m.index + m[0].length,
      ...(periodEnd ? { periodEnd } : {}),
      ...(quarter ? { quarter, fiscalYear: Number(m[3]) } : {}),
      next: false,
      onward: true,
      past: false,
    });
  }
  opens.sort((a, b) => a.at - b.at);
  named.sort((a, b) => a.at - b.at);
  // Forms named right after an open phrase belong to it ("future filings on Forms 10-Q and 10-K").
  for (const o of opens) {
    const tail = text.slice(o.end, o.end + 60);
    const m = /^\s*(?:on|in|of|,)?\s*(?:Forms?\s+)?((?:10-[KQ]|20-F|40-F|8-K)(?:\s*(?:and|or|,)\s*(?:Forms?\s+)?(?:10-[KQ]|20-F|40-F|8-K))*)/i.exec(tail);
    if (m) for (const f of formsOf(m[1]!)) if (!o.forms.includes(f)) o.forms.push(f);
  }
  if (opens.length === 0 && named.length === 0) return undefined;
  const dated = named.find((n) => n.periodEnd || n.fiscalYear !== undefined) ?? named[0];
  const words = phrasesOf(text, [...opens, ...named]);
  if (opens.length > 0) {
    // "future filings" names the forms its own words name ("future Forms 10-Q"); where it begins ("beginning with our
    // Form 10-Q …") restricts nothing, unless that is no periodic report ("beginning with our next Form 8-K").
    const own = opens.flatMap((o) => o.forms);
    const begin = named.filter((n) => n === dated || n.onward).flatMap((n) => n.forms);
    const forms = [...new Set(own.length > 0 ? own : begin.filter((f) => !PERIODIC.has(f)))];
    return {
      kind: 'open',
      text: words,
      forms,
      onward: true,
      ...periodOf(dated),
    };
  }
  const forms = [...new Set(named.flatMap((n) => n.forms))];
  return {
    kind: 'filing',
    text: words,
    forms,
    onward: named.some((n) => n.onward),
    ...(named.some((n) => n.next) ? { next: true } : {}),
    ...periodOf(dated),
  };
}

/** The words that name the target: each phrase, close ones joined ("future filings, beginning with our Form 10-Q …"). */
function phrasesOf(text: string, spans: readonly { at: number; end: number }[]): string {
  const sorted = [...spans].sort((a, b) => a.at - b.at);
  const merged: { at: number; end: number }[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.at - last.end <= 40 && !/[.;]/.test(text.slice(last.end, s.at))) last.end = Math.max(last.end, s.end);
    else merged.push({ at: s.at, end: s.end });
  }
  return merged.map((m) => text.slice(m.at, m.end).trim()).join(' … ');
}

function periodOf(n: NamedFiling | undefined): Pick<CommitmentTarget, 'periodEnd' | 'fiscalYear' | 'quarter'> {
  if (!n) return {};
  return {
    ...(n.periodEnd ? { periodEnd: n.periodEnd } : {}),
    ...(n.fiscalYear !== undefined ? { fiscalYear: n.fiscalYear } : {}),
    ...(n.quarter !== undefined ? { quarter: n.quarter } : {}),
  };
}

function namedFilings(text: string, context: TargetContext): NamedFiling[] {
  const out: NamedFiling[] = [];
  FILING_RE.lastIndex = 0;
  for (let m = FILING_RE.exec(text); m; m = FILING_RE.exec(text)) {
    const forms = m[3] ? formsOf(m[3]) : [normForm(m[1]!), ...(m[2] ? [normForm(m[2])] : [])];
    const at = m.index;
    const end = at + m[0].length;
    const before = text.slice(Math.max(0, at - 80), at);
    const after = text.slice(end, end + 160);
    // A defined term (“Form 10-Q”) names a filing already mentioned.
    if (/\(\s*(?:the\s+)?[“"]$/.test(before)) continue;
    const n: NamedFiling = { forms, at, end, next: NEXT_RE.test(before.slice(-30)), onward: ONWARD_RE.test(before.slice(-60)), past: false };
    const dated = PERIOD_AFTER_RE.exec(after);
    if (dated) {
      n.periodEnd = parseLetterDate(dated[1]!);
      n.end = end + dated.index + dated[0].length;
    } else {
      const fy = FISCAL_AFTER_RE.exec(after);
      const yb = YEAR_BEFORE_RE.exec(before.slice(-24));
      const year = fy ? yearOf(fy[1]!) : yb ? yearOf((yb[1] ?? yb[2] ?? yb[3])!) : undefined;
      const q = QUARTER_RE.exec(`${before.slice(-50)} ${after.slice(0, 50)}`);
      if (q) {
        n.quarter = q[1] ? QUARTER_WORDS[q[1].toLowerCase()]! : q[3] ? Number(q[3]) : QUARTER_WORDS[q[6]!.toLowerCase()]!;
        n.fiscalYear = Number(q[2] ?? q[4] ?? q[5]);
      } else if (year !== undefined) n.fiscalYear = year;
      const computed = periodEndOf(n.fiscalYear, n.quarter, context.fiscalYearEnd);
      if (computed) n.periodEnd = computed;
    }
    n.past = PAST_AFTER_RE.test(after) || (PAST_BEFORE_RE.test(before) && !n.next && !n.onward) || isLongPast(n, context);
    out.push(n);
  }
  return out;
}

/** A named filing whose period ended long before the response: a reference to what was filed, not a target. */
function isLongPast(n: NamedFiling, context: TargetContext): boolean {
  if (!context.responseDate) return false;
  const end = n.periodEnd ?? (n.fiscalYear !== undefined ? `${n.fiscalYear}-12-31` : undefined);
  if (!end) return false;
  // A 10-K is filed within about 90 days of its year end, a 10-Q within 45: a period ending more than ~100 days before
  // the response (plus the slack of a fiscal year named without a day) was filed before it.
  const slack = n.periodEnd ? 100 : 100 + 365;
  return days(end, context.responseDate) > slack;
}

function yearOf(s: string): number {
  const digits = s.replace(/\D/g, '');
  return digits.length === 2 ? 2000 + Number(digits) : Number(digits);
}

/** The period end of fiscal year `year` (quarter `quarter`), given the fiscal year end; calendar year when unknown. */
export function periodEndOf(year: number | undefined, quarter: number | undefined, fye: TargetContext['fiscalYearEnd']): string | undefined {
  if (year === undefined || year < 1990 || year > 2100) return undefined;
  const month = fye?.month ?? 12;
  const day = fye?.day ?? 31;
  // Fiscal year N ends in calendar year N (the usual naming); quarter q ends 3·(4 − q) months before.
  let m = month - (quarter ? 3 * (4 - quarter) : 0);
  let y = year;
  while (m <= 0) {
    m += 12;
    y--;
  }
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  // A year ending on the 28th–31st ends its quarters at month end; a 52/53-week year near the same day.
  const d = day >= 28 ? last : Math.min(day, last);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function normForm(raw: string): string {
  const f = raw.toUpperCase().replace(/\s+/g, ' ');
  if (f === 'DEF14A') return 'DEF 14A';
  return f;
}

/** Forms a phrase names ("future Forms 10-Q and 10-K" → 10-Q, 10-K; "earnings releases" → 8-K). */
function formsOf(phrase: string): string[] {
  const out: string[] = [];
  const codes = phrase.match(new RegExp(FORM_CODE, 'gi')) ?? [];
  for (const c of codes) out.push(normForm(c));
  if (/\bannual (?:reports?|filings?|periods?)\b/i.test(phrase)) out.push('10-K');
  if (/\b(?:quarterly|interim) (?:reports?|filings?|periods?)\b/i.test(phrase)) out.push('10-Q');
  if (/\b(?:earnings|press) releases?\b/i.test(phrase)) out.push('8-K');
  if (/\bproxy\b/i.test(phrase)) out.push('DEF 14A');
  if (/\bregistration statement|\bprospectus|\bletters? of transmittal/i.test(phrase)) out.push('registration statement');
  if (/\bamendments?\b/i.test(phrase) && !/registration statement/i.test(phrase)) out.push('amendment');
  return [...new Set(out)];
}

function days(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Periodic reports: what "future filings" means when it names no form. */
const PERIODIC = new Set(['10-K', '10-KT', '10-K/A', '10-Q', '10-Q/A', '20-F', '20-F/A', '40-F']);
const ANNUAL = new Set(['10-K', '10-KT', '10-K/A', '20-F', '20-F/A', '40-F']);

/** A later filing as `verify` knows it: its form type and the period it covers. */
export interface FilingFacts {
  readonly form?: string;
  readonly periodEnd?: string;
}

export interface TargetMatch {
  readonly matches: boolean;
  /** Why, in a few words ("future filings", "the 10-Q for the quarter ended 2025-03-31"). */
  readonly why: string;
}

/** Whether `filing` is one that `target` (of a response written on `responseDate`) covers. */
export function targetCovers(target: CommitmentTarget, filing: FilingFacts, responseDate?: string): TargetMatch {
  const form = filing.form ? normForm(filing.form) : undefined;
  // "Beginning with our Form 10-Q for …" begins there and goes on in every periodic report.
  const forms = target.kind === 'filing' && target.onward && target.forms.every((f) => PERIODIC.has(f)) ? [] : target.forms;
  if (form && forms.length > 0 && !forms.some((f) => sameForm(f, form))) return { matches: false, why: `names ${forms.join(', ')}, not ${form}` };
  if (form && forms.length === 0 && !PERIODIC.has(form)) return { matches: false, why: `names periodic filings, not ${form}` };
  const end = filing.periodEnd;
  if (end && responseDate && days(end, responseDate) > 100)
    return { matches: false, why: `the filing's period (${end}) ended before the response (${responseDate})` };
  const named = target.periodEnd;
  // A period end worked out from "fiscal 2024" rests on the fiscal year end the letters give: allow for 52/53-week years.
  const tolerance = target.fiscalYear !== undefined ? 40 : 10;
  if (target.kind === 'filing' && !target.onward) {
    if (named && end) {
      const gap = Math.abs(days(named, end));
      return gap <= tolerance ? { matches: true, why: `the filing for the period ended ${named}` } : { matches: false, why: `names the period ended ${named}` };
    }
    if (target.next && end && responseDate) {
      const gap = days(responseDate, end);
      const window = form && ANNUAL.has(form) ? 380 : 130;
      return gap >= -100 && gap <= window
        ? { matches: true, why: 'the next such filing' }
        : { matches: false, why: 'names the next such filing after the response' };
    }
    return { matches: true, why: end ? 'the form it names' : "the form it names (the filing's period is unknown)" };
  }
  if (named && end && days(named, end) < -tolerance) return { matches: false, why: `begins with the period ended ${named}` };
  return { matches: true, why: named ? `filings from the period ended ${named} on` : target.kind === 'open' ? 'future filings' : 'the form it names' };
}

function sameForm(a: string, b: string): boolean {
  if (a === 'registration statement') return /^(?:S|F)-\d|^10(?:\/A)?$/.test(b);
  if (a === 'amendment') return /\/A$/.test(b);
  const base = (f: string) => f.replace(/\/A$/, '').replace(/^10-KT$/, '10-K');
  return base(a) === base(b);
}
