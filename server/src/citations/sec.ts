/**
 * Parsers for SEC citations: Items of Regulation S-K, Rules and Articles of Regulation S-X, Rules of
 * Regulation G, other Commission rules ("Rule 13e-4(f)(5)", "Rules 460 and 461", "Rule 83"), Staff Accounting
 * Bulletins, Compliance and Disclosure Interpretations, releases, and items of forms ("Item 10 of Schedule TO").
 *
 * Owns: this grammar, and the inference of the regulation when the text does not name it next to the citation
 * (kept explicit as `inferred: true`). Must not: scan the whole text (scan.ts calls in at one offset), look up
 * titles (describe.ts), or use an unbounded quantifier.
 */
import type { CdiCitation, Citation, FormItemCitation, Regulation, RegulationCitation, ReleaseCitation, RuleCitation, SabCitation } from './types';
import { HYPHEN, LIST_JOIN, OF, PARENS, WS, WS1, at, isWordChar, parenParts, unbreak } from './grammar';
import { isSkItemNumber } from './data/lookup';
import type { Parsed } from './asc';

/** Where the text names Regulation S-K, S-X or G, in order: what an unqualified Item or Rule is inferred from. */
export interface RegulationContext {
  readonly mentions: readonly { readonly pos: number; readonly reg: Regulation }[];
}

const MENTION = /Regulation[ \t\u00a0\r\n]{1,3}(S-K|S-X|G)(?![A-Za-z0-9])/g;

export function regulationContext(text: string): RegulationContext {
  const mentions: { pos: number; reg: Regulation }[] = [];
  MENTION.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MENTION.exec(text)) !== null) mentions.push({ pos: m.index, reg: m[1] as Regulation });
  return { mentions };
}

/** The regulation most recently named before pos, if any. */
function lastMention(ctx: RegulationContext, pos: number): Regulation | undefined {
  let lo = 0;
  let hi = ctx.mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ctx.mentions[mid]!.pos < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? ctx.mentions[lo - 1]!.reg : undefined;
}

const TAIL = new RegExp(`(?:Regulation${WS1}(S-K|S-X|G)|(S-K|S-X)|((?:Form|Schedule)${WS1}[A-Z0-9][A-Za-z0-9]{0,6}(?:-[A-Z0-9]{1,3})?))(?![A-Za-z0-9-])`, 'y');

interface Tail {
  readonly reg?: Regulation;
  readonly form?: string;
  readonly end: number;
}

/** " of Regulation S-K", " of S-X", " of Schedule TO" after a designator. */
function readTail(text: string, pos: number): Tail | null {
  const of = at(OF, text, pos);
  if (!of) return null;
  const m = at(TAIL, text, pos + of[0].length);
  if (!m) return null;
  const end = pos + of[0].length + m[0].length;
  if (m[3]) return { form: m[3].replace(/\s+/g, ' '), end };
  return { reg: (m[1] ?? m[2]) as Regulation, end };
}

function regCitation(
  text: string,
  start: number,
  end: number,
  reg: Regulation,
  kind: RegulationCitation['kind'],
  item: string | undefined,
  path: string[],
  inferred: boolean,
): RegulationCitation {
  const c: { -readonly [K in keyof RegulationCitation]: RegulationCitation[K] } = {
    source: reg,
    regulation: reg,
    kind,
    start,
    end,
    text: text.slice(start, end),
    path,
    inferred,
  };
  if (item !== undefined) c.item = item;
  return c;
}

interface Member {
  readonly start: number;
  readonly end: number;
  readonly num: string;
  readonly path: string[];
}

/**
 * A list of designators ("303(a) and 305") read with `num`, then an optional tail (" of Regulation S-K").
 * The first span starts at `start` (the keyword); the last ends after the tail.
 */
function readMembers(text: string, start: number, pos: number, num: RegExp): { members: Member[]; tail: Tail | null } | null {
  const members: Member[] = [];
  let cur = pos;
  for (let n = 0; n < 50; n++) {
    const m = at(num, text, cur);
    if (!m) break;
    let end = cur + m[0].length;
    let path: string[] = [];
    const p = at(PARENS, text, end);
    if (p) {
      path = parenParts(p[0]);
      end += p[0].length;
    }
    if (isWordChar(text[end])) break;
    members.push({ start: n === 0 ? start : cur, end, num: unbreak(m[0]), path });
    const j = at(LIST_JOIN, text, end);
    if (!j) break;
    cur = end + j[0].length;
  }
  if (members.length === 0) return null;
  const last = members[members.length - 1]!;
  const tail = readTail(text, last.end);
  if (tail) members[members.length - 1] = { ...last, end: tail.end };
  return { members, tail };
}

const ITEM_KW = new RegExp(`(?:Items?|ITEMS?|items?)(?:${WS1}|(?=\\d))(?:No\\.${WS})?`, 'y');
const ITEM_NUM = /\d{1,4}(?:\.\d{2}|[A-C](?![a-z]))?(?![0-9])/y;
const LINE_LEAD = /[ \t#>*_\-\d.)(]/;
const CAPTION_PUNCT = /^(?:\.|:| [-\u2013\u2014]|\s*$)/;

/** True when the keyword at pos is the first word on its line: a caption ("Item 10. Financial Statements"). */
function atLineStart(text: string, pos: number): boolean {
  for (let i = pos - 1, n = 0; i >= 0 && n < 40; i--, n++) {
    const c = text[i]!;
    if (c === '\n' || c === '\r') return true;
    if (!LINE_LEAD.test(c)) return false;
  }
  return pos < 40 && /^[\s#>*_\-\d.)(]*$/.test(text.slice(0, pos));
}

/** "Item 303(b)(2)(ii) of Regulation S-K", "Items 303(a) and 305 of Regulation S-K", "Item 10 of Schedule TO". */
export function parseItem(text: string, pos: number, ctx: RegulationContext): Parsed | null {
  const k = at(ITEM_KW, text, pos);
  if (!k) return null;
  const r = readMembers(text, pos, pos + k[0].length, ITEM_NUM);
  if (!r) return null;
  const { members, tail } = r;
  const first = members[0]!;
  if (!tail && first.path.length === 0 && CAPTION_PUNCT.test(text.slice(first.end, first.end + 3)) && atLineStart(text, pos)) {
    // Captions mirror the form being reviewed ("Item 5. Operating and Financial Review"): not citations.
    return null;
  }
  const out: Citation[] = [];
  for (const m of members) {
    if (tail?.form !== undefined) {
      const c: FormItemCitation = {
        source: 'Form',
        start: m.start,
        end: m.end,
        text: text.slice(m.start, m.end),
        form: tail.form,
        item: m.num,
        path: m.path,
      };
      out.push(c);
      continue;
    }
    if (m.num.includes('.') || /[A-C]$/.test(m.num)) {
      // Form 8-K ("Item 2.02") and Form 10-K ("Item 1A") items need the form named; S-K has no such numbers.
      if (out.length === 0) return null;
      break;
    }
    let reg: Regulation | undefined = tail?.reg;
    let inferred = false;
    if (!reg) {
      const last = lastMention(ctx, m.start);
      if (last === 'G' && /^10[0-2]$/.test(m.num)) reg = 'G';
      // Only a number of S-K's own numbering: "Item 7. Management's Discussion" is Form 10-K's item, even in a
      // letter that names Regulation S-K elsewhere.
      else if (isSkItemNumber(m.num)) reg = 'S-K';
      inferred = true;
    }
    if (!reg) {
      if (out.length === 0) return null;
      break;
    }
    out.push(regCitation(text, m.start, m.end, reg, reg === 'S-K' ? 'item' : 'rule', m.num, m.path, inferred));
  }
  if (out.length === 0) return null;
  return { citations: out, end: out[out.length - 1]!.end };
}

const RULE_KW = new RegExp(`(?:Rules?|rules?|RULES?)${WS1}(?:No\\.${WS})?`, 'y');
const RULE_NUM = new RegExp(`\\d{1,3}(?:[A-Za-z]{1,2}\\d{0,2})?(?:${HYPHEN}\\d{1,3}[a-z]?)?(?![0-9])`, 'y');
const SX_NUMBER = /^\d{1,2}A?-\d{2}$/;
const EXCHANGE_ACT_NUMBER = /^\d{1,2}[a-z]{1,2}\d{0,2}-\d{1,3}[a-z]?$/;

function ruleCitation(text: string, m: Member, ctx: RegulationContext, tailReg: Regulation | undefined): Citation | null {
  const base = { start: m.start, end: m.end, text: text.slice(m.start, m.end), path: m.path };
  if (tailReg) return regCitation(text, m.start, m.end, tailReg, tailReg === 'S-K' ? 'item' : 'rule', m.num, m.path, false);
  if (SX_NUMBER.test(m.num)) return regCitation(text, m.start, m.end, 'S-X', 'rule', m.num, m.path, true);
  if (/^10[0-2]$/.test(m.num) && lastMention(ctx, m.start) === 'G') {
    return regCitation(text, m.start, m.end, 'G', 'rule', m.num, m.path, true);
  }
  let rule: RuleCitation;
  if (EXCHANGE_ACT_NUMBER.test(m.num)) {
    rule = { source: 'Rule', ...base, rule: m.num, act: 'Exchange Act', cfr: `17 CFR 240.${m.num}`, inferred: true };
  } else if (m.num === '83') {
    // Confidential treatment requests for responses to staff comments (17 CFR 200.83).
    rule = { source: 'Rule', ...base, rule: m.num, cfr: '17 CFR 200.83', inferred: true };
  } else if (/^[1-4]\d{2}[A-Z]?$/.test(m.num)) {
    // Securities Act rules are numbered 100 to 499 (17 CFR 230.100 - 230.499): Rule 144, 415, 460, 461.
    rule = { source: 'Rule', ...base, rule: m.num, act: 'Securities Act', cfr: `17 CFR 230.${m.num}`, inferred: true };
  } else {
    return null;
  }
  return rule;
}

/** "Rule 3-05 of Regulation S-X", "Rule 4-08(e)", "Rule 100(b) of Regulation G", "Rule 13e-4(f)(5)", "Rules 460 and 461". */
export function parseRule(text: string, pos: number, ctx: RegulationContext): Parsed | null {
  const k = at(RULE_KW, text, pos);
  if (!k) return null;
  const r = readMembers(text, pos, pos + k[0].length, RULE_NUM);
  if (!r || r.tail?.form !== undefined) return null;
  const out: Citation[] = [];
  for (const m of r.members) {
    const c = ruleCitation(text, m, ctx, r.tail?.reg);
    if (!c) break;
    out.push(c);
  }
  if (out.length === 0) return null;
  return { citations: out, end: out[out.length - 1]!.end };
}

const ARTICLE = new RegExp(`Articles?${WS1}(\\d{1,2}A?)(?![A-Za-z0-9])`, 'y');

/** "Article 11 of Regulation S-X" (only with the regulation named: "Article" alone is too common). */
export function parseArticle(text: string, pos: number): Parsed | null {
  const m = at(ARTICLE, text, pos);
  if (!m) return null;
  const tail = readTail(text, pos + m[0].length);
  if (!tail || tail.reg !== 'S-X') return null;
  return { citations: [regCitation(text, pos, tail.end, 'S-X', 'article', m[1], [], false)], end: tail.end };
}

const REGULATION = new RegExp(`(?:Regulation|Reg\\.)${WS1}(S-K|S-X|G)(?![A-Za-z0-9-])`, 'y');
const SHORT_REG = /(S-K|S-X)(?![A-Za-z0-9-])/y;
const PREFIXED = new RegExp(`,?${WS1}(?:(Items?|Rules?|Articles?|§+|Sections?)${WS})?`, 'y');
const SK_NUM = /\d{1,4}(?![0-9])/y;
const SX_NUM = new RegExp(`\\d{1,2}A?${HYPHEN}\\d{2}(?![0-9])`, 'y');
const ARTICLE_NUM = /\d{1,2}A?(?![0-9])/y;

/**
 * "Regulation S-K Item 303", "S-X Rule 3-05", "S-X 4-08(k)", "S-K 404", or the regulation named alone
 * ("Regulation G"; "S-K" alone is not taken: too short to be sure of).
 */
export function parseRegulationFirst(text: string, pos: number): Parsed | null {
  let m = at(REGULATION, text, pos);
  const named = Boolean(m);
  if (!m) m = at(SHORT_REG, text, pos);
  if (!m) return null;
  const reg = m[1] as Regulation;
  const after = pos + m[0].length;
  const p = at(PREFIXED, text, after);
  if (p) {
    const word = p[1] ?? '';
    const isArticle = /^Art/.test(word);
    const num = isArticle ? ARTICLE_NUM : reg === 'S-X' ? SX_NUM : SK_NUM;
    if (word || reg !== 'G') {
      const r = readMembers(text, pos, after + p[0].length, num);
      // Without "Item" or "Rule", only numbers S-K really has: "Regulation S-K 2020 amendments" is no Item 2020.
      const plausible = word || reg !== 'S-K' || (r?.members.every((mm) => isSkItemNumber(mm.num)) ?? false);
      if (r && !r.tail && plausible) {
        const kind: RegulationCitation['kind'] = isArticle ? 'article' : reg === 'S-K' ? 'item' : 'rule';
        const out = r.members.map((mm) => regCitation(text, mm.start, mm.end, reg, kind, mm.num, mm.path, false));
        return { citations: out, end: out[out.length - 1]!.end };
      }
    }
  }
  if (!named) return null;
  const end = after;
  return { citations: [regCitation(text, pos, end, reg, 'regulation', undefined, [], false)], end };
}

const SAB_KW = new RegExp(`(?:SABs?|Staff Accounting Bulletins?)(?:${WS1}|(?=\\d))`, 'y');
const SAB_TOPIC = new RegExp(`(?:Topics?${WS1})(\\d{1,2})(?:[.:]([A-Z]{1,2}\\d{0,2}(?:\\.\\d{1,2})?))?(?![A-Za-z0-9])`, 'y');
const SAB_TOPIC_NEXT = new RegExp(`(?:Topics?${WS1})?(\\d{1,2})[.:]([A-Z]{1,2}\\d{0,2}(?:\\.\\d{1,2})?)(?![A-Za-z0-9])`, 'y');
const SAB_NUMBER = new RegExp(`(?:(?:No|Nos|Number)\\.?${WS})?(\\d{1,3})(?:[.:]([A-Z]{1,2}\\d{0,2}))?(?![A-Za-z0-9])`, 'y');

/** "SAB Topic 1:M and 1:N", "SAB Topic 5.Y", "SAB No. 99", "Staff Accounting Bulletin No. 74", "SAB 121". */
export function parseSab(text: string, pos: number): Parsed | null {
  const k = at(SAB_KW, text, pos);
  if (!k) return null;
  const out: SabCitation[] = [];
  let start = pos;
  let cur = pos + k[0].length;
  const first = at(SAB_TOPIC, text, cur);
  const asTopic = Boolean(first);
  for (let n = 0; n < 50; n++) {
    let m: RegExpExecArray | null;
    let c: SabCitation;
    if (asTopic) {
      m = n === 0 ? first : at(SAB_TOPIC_NEXT, text, cur);
      if (!m) break;
      const end = cur + m[0].length;
      c = { source: 'SAB', start, end, text: text.slice(start, end), topic: m[1]! };
      if (m[2]) c = { ...c, part: m[2] };
    } else {
      m = at(SAB_NUMBER, text, cur);
      if (!m) break;
      const end = cur + m[0].length;
      // "SAB 5.Y" names a topic without the word; a plain number is the bulletin's number.
      c = m[2]
        ? { source: 'SAB', start, end, text: text.slice(start, end), topic: m[1]!, part: m[2] }
        : { source: 'SAB', start, end, text: text.slice(start, end), number: m[1]! };
    }
    out.push(c);
    const j = at(LIST_JOIN, text, c.end);
    if (!j) break;
    start = cur = c.end + j[0].length;
  }
  if (out.length === 0) return null;
  return { citations: out, end: out[out.length - 1]!.end };
}

const QUESTION_KW = new RegExp(`(?:(?:Non-GAAP${WS1})?(?:C&DIs?|CDIs?)${WS}(?:Questions?${WS1})?|Questions?${WS1})`, 'y');
const QUESTION_NUM = /\d{3}\.\d{2}[a-z]?(?![0-9])/y;
const CDI_TAIL = new RegExp(
  `${WS1}(?:of|in|under)${WS1}(?:the${WS1})?([^.;]{0,160}?(?:Interpretations|C&DIs?|CDIs?))` +
    `(?:${WS1}(?:on|for|regarding)${WS1}(Non-GAAP Financial Measures|[A-Z][A-Za-z-]{1,30}(?: [A-Z][A-Za-z-]{1,30}){0,5}))?`,
  'y',
);

/** "Question 102.11 of the updated Non-GAAP Compliance and Disclosure Interpretations", "C&DI 100.01". */
export function parseCdi(text: string, pos: number): Parsed | null {
  const k = at(QUESTION_KW, text, pos);
  if (!k) return null;
  let series: string | undefined = /Non-GAAP/.test(k[0]) ? 'Non-GAAP Financial Measures' : undefined;
  const members: { start: number; end: number; q: string }[] = [];
  let cur = pos + k[0].length;
  for (let n = 0; n < 50; n++) {
    const m = at(QUESTION_NUM, text, cur);
    if (!m) break;
    const end = cur + m[0].length;
    members.push({ start: n === 0 ? pos : cur, end, q: m[0] });
    const j = at(LIST_JOIN, text, end);
    if (!j) break;
    cur = end + j[0].length;
  }
  if (members.length === 0) return null;
  const last = members[members.length - 1]!;
  const t = at(CDI_TAIL, text, last.end);
  if (t) {
    last.end += t[0].length;
    const words = `${t[1]} ${t[2] ?? ''}`;
    if (/Non-GAAP/i.test(words)) series = 'Non-GAAP Financial Measures';
    else if (t[2]) series = t[2];
  } else if (!/C&DI|CDI/.test(k[0]) && !/C&DI|Interpretation/.test(text.slice(Math.max(0, pos - 120), pos))) {
    // A bare "Question 100.01" is a C&DI only when the text around says so.
    return null;
  }
  const out: CdiCitation[] = members.map((m) => {
    const c: CdiCitation = { source: 'C&DI', start: m.start, end: m.end, text: text.slice(m.start, m.end), question: m.q };
    return series ? { ...c, series } : c;
  });
  return { citations: out, end: last.end };
}

const RELEASE_KW = new RegExp(`(?:(?:Exchange Act|Securities Act|SEC|Interpretive)${WS1})?Releases?${WS1}(?:(?:No|Nos)\\.?${WS})?`, 'y');
const RELEASE_NUM = /(?:33|34|IC|IA)-\d{3,6}(?![0-9])|\d{4,6}(?![0-9])/y;
const SECTION_OF_RELEASE = new RegExp(
  `Sections?${WS1}([IVXL]{1,6}(?:\\.[A-Z0-9]{1,3}){0,3}|\\d{1,2}(?:\\.[A-Z0-9]{1,3}){0,3})${WS1}of${WS1}(?:the${WS1})?`,
  'y',
);

/** "Release 33-8350", "Release No. 34-43069", "Exchange Act Release 43069". */
export function parseRelease(text: string, pos: number, section?: { start: number; section: string }): Parsed | null {
  const k = at(RELEASE_KW, text, pos);
  if (!k) return null;
  const m = at(RELEASE_NUM, text, pos + k[0].length);
  if (!m) return null;
  const end = pos + k[0].length + m[0].length;
  if (isWordChar(text[end])) return null;
  const start = section ? section.start : pos;
  const c: ReleaseCitation = { source: 'Release', start, end, text: text.slice(start, end), number: m[0] };
  return { citations: [section ? { ...c, section: section.section } : c], end };
}

/** "Section V of Release 33-8350". */
export function parseSectionOfRelease(text: string, pos: number): Parsed | null {
  const m = at(SECTION_OF_RELEASE, text, pos);
  if (!m) return null;
  return parseRelease(text, pos + m[0].length, { start: pos, section: m[1]! });
}
