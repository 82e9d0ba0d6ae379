/**
 * Parsers for FASB Codification citations ("ASC 810-10-50-2AA", "Topic 606", "paragraphs 2AA.d and 3.bb of
 * ASC 810-10-50", "805-30-25-2 through 25-4") and Accounting Standards Updates ("ASU 2016-02").
 *
 * Owns: the ASC number grammar, its abbreviations (a range end or list member written as "25-4" or "50-5"
 * takes the leading components of the citation before it), lists and ranges, and topic titles after the
 * number. Must not: scan the whole text (scan.ts calls in at one offset), judge whether a topic exists
 * (check.ts), or use an unbounded quantifier.
 */
import type { AscCitation, AscLocation, AsuCitation, Citation } from './types';
import { HYPHEN, LIST_JOIN, OF, PARENS, RANGE_JOIN, WS, WS1, at, isWordChar } from './grammar';
import { topicTitles } from './data/lookup';

export interface Parsed {
  readonly citations: Citation[];
  readonly end: number;
}

const GROUP = /S\d{2}|\d{1,3}[A-Z]{0,3}/y;
const SEP = new RegExp(HYPHEN, 'y');
const DOTTED = /(?:\.(?:[a-z]{1,3}|\d{1,2})){1,4}(?![A-Za-z0-9])/y;
const LOWER = /[a-z]{1,2}(?![A-Za-z0-9])/y;
const DIGIT = /[0-9]/;

interface Groups {
  readonly parts: string[];
  readonly end: number;
}

/** Reads up to four hyphen-joined number groups at pos; null if the run goes on (not a citation). */
function readGroups(text: string, pos: number): Groups | null {
  const m = at(GROUP, text, pos);
  if (!m) return null;
  const parts = [m[0]];
  let end = pos + m[0].length;
  while (parts.length < 5) {
    const s = at(SEP, text, end);
    if (!s) break;
    const g = at(GROUP, text, end + s[0].length);
    if (!g) break;
    parts.push(g[0]);
    end = end + s[0].length + g[0].length;
  }
  // A fifth group or a digit straight after means a longer number (a phone number, an account code, junk).
  if (parts.length > 4 || DIGIT.test(text[end] ?? '')) return null;
  return { parts, end };
}

const ROLES = [/^\d{3}$/, /^\d{2,3}$/, /^(?:S\d{2}|\d{2})$/, /^\d{1,3}[A-Z]{0,3}$/];

/** Interprets groups as topic-subtopic-section-paragraph; null when a group does not fit its role. */
function toLocation(parts: readonly string[]): AscLocation | null {
  if (parts.length < 1 || parts.length > 4) return null;
  for (let k = 0; k < parts.length; k++) if (!ROLES[k]!.test(parts[k]!)) return null;
  const topic = parts[0]!;
  if (topic < '105') return null;
  return build(parts);
}

function build(parts: readonly string[], subparagraph?: string): AscLocation {
  const loc: { topic: string; subtopic?: string; section?: string; paragraph?: string; subparagraph?: string } = {
    topic: parts[0]!,
  };
  if (parts[1] !== undefined) loc.subtopic = parts[1];
  if (parts[2] !== undefined) loc.section = parts[2];
  if (parts[3] !== undefined) loc.paragraph = parts[3];
  if (subparagraph !== undefined && loc.paragraph !== undefined) loc.subparagraph = subparagraph;
  return loc;
}

function components(loc: AscLocation): string[] {
  const out = [loc.topic];
  if (loc.subtopic !== undefined) out.push(loc.subtopic);
  if (loc.section !== undefined) out.push(loc.section);
  if (loc.paragraph !== undefined) out.push(loc.paragraph);
  return out;
}

/** Reads a sub-paragraph after a paragraph number: "(b)", "(c)(1)", ".f.2", "a". */
function readSub(text: string, pos: number): { sub: string; end: number } | null {
  let m = at(PARENS, text, pos);
  if (m) return { sub: m[0], end: pos + m[0].length };
  m = at(DOTTED, text, pos);
  if (m) return { sub: m[0].slice(1), end: pos + m[0].length };
  m = at(LOWER, text, pos);
  if (m) return { sub: m[0], end: pos + m[0].length };
  return null;
}

interface Ref {
  readonly loc: AscLocation;
  readonly end: number;
  /** Groups written (an abbreviation writes fewer than the location has). */
  readonly written: string[];
}

/** A full reference (topic first) at pos. */
function readFullRef(text: string, pos: number, minDepth: number): Ref | null {
  const g = readGroups(text, pos);
  if (!g || g.parts.length < minDepth) return null;
  const base = toLocation(g.parts);
  if (!base) return null;
  return withSub(text, g, base);
}

function withSub(text: string, g: Groups, base: AscLocation): Ref | null {
  let end = g.end;
  let loc = base;
  if (base.paragraph !== undefined) {
    const s = readSub(text, end);
    if (s) {
      loc = build(components(base), s.sub);
      end = s.end;
    }
  }
  if (isWordChar(text[end]) && !(text[end - 1] === '.' || text[end - 1] === ')')) return null;
  return { loc, end, written: g.parts };
}

/**
 * A reference written after another one (a range end or a list member). Three or more groups beginning with a
 * three-digit group are a full reference; fewer groups replace the trailing components of `prev`
 * ("805-30-25-2 through 25-4": "25-4" replaces section and paragraph). `single` admits one bare group.
 */
function readFollowRef(text: string, pos: number, prev: AscLocation, single: boolean): (Ref & { abbreviated: boolean }) | null {
  const p = at(PARENS, text, pos);
  if (p && !DIGIT.test(text[pos + 1] ?? '') && prev.paragraph !== undefined) {
    // "(a), (c), and (d)": another sub-paragraph of the same paragraph.
    const end = pos + p[0].length;
    if (isWordChar(text[end])) return null;
    return { loc: build(components(prev), p[0]), end, written: [], abbreviated: true };
  }
  const g = readGroups(text, pos);
  if (!g) return null;
  const prevParts = components(prev);
  if (g.parts.length >= 3 && /^\d{3}$/.test(g.parts[0]!)) {
    const base = toLocation(g.parts);
    if (!base) return null;
    const r = withSub(text, g, base);
    return r && { ...r, abbreviated: false };
  }
  if (prevParts.length === 1 && g.parts.length <= 2 && /^\d{3}$/.test(g.parts[0]!)) {
    // "Topics 605 and 606", "ASC 805 and 350-20".
    const base = toLocation(g.parts);
    if (!base) return null;
    const r = withSub(text, g, base);
    return r && { ...r, abbreviated: false };
  }
  if (g.parts.length > prevParts.length || prevParts.length < 2) return null;
  if (g.parts.length === 1 && !single) return null;
  const parts = prevParts.slice(0, prevParts.length - g.parts.length).concat(g.parts);
  const base = toLocation(parts);
  if (!base) return null;
  const r = withSub(text, g, base);
  return r && { ...r, abbreviated: true };
}

function asc(
  text: string,
  start: number,
  end: number,
  loc: AscLocation,
  extra: {
    rangeEnd?: AscLocation | undefined;
    title?: string | undefined;
    abbreviated?: boolean;
    strayHyphen?: boolean;
  },
): AscCitation {
  const c: { -readonly [K in keyof AscCitation]: AscCitation[K] } = {
    source: 'ASC',
    start,
    end,
    text: text.slice(start, end),
    topic: loc.topic,
  };
  if (loc.subtopic !== undefined) c.subtopic = loc.subtopic;
  if (loc.section !== undefined) c.section = loc.section;
  if (loc.paragraph !== undefined) c.paragraph = loc.paragraph;
  if (loc.subparagraph !== undefined) c.subparagraph = loc.subparagraph;
  if (extra.rangeEnd) c.rangeEnd = extra.rangeEnd;
  if (extra.title !== undefined) c.title = extra.title;
  if (extra.abbreviated) c.abbreviated = true;
  if (extra.strayHyphen) c.strayHyphen = true;
  return c;
}

const RANGE_PREFIX = new RegExp(`(?:(?:FASB${WS1})?ASC${WS1}|paragraphs?${WS1}|para\\.${WS})?`, 'y');

/** A range end after `end`, if one follows. */
function readRange(text: string, end: number, prev: AscLocation): { rangeEnd: AscLocation; end: number } | null {
  const j = at(RANGE_JOIN, text, end);
  if (!j) return null;
  let pos = end + j[0].length;
  const p = at(RANGE_PREFIX, text, pos);
  if (p) pos += p[0].length;
  const r = readFollowRef(text, pos, prev, true);
  if (!r || r.written.length === 0) return null;
  return { rangeEnd: r.loc, end: r.end };
}

const EMPHASIS = /(?:\*{1,2}|_{1,2}|[“"])([A-Z][^*_”"\n]{0,100}?)(?:\*{1,2}|_{1,2}|[”"])/y;
const TITLE_LEAD = new RegExp(`${WS},${WS}|${WS1}\\(`, 'y');

function normTitle(s: string): string {
  return s
    .toLowerCase()
    .replace(/[\u2010-\u2015-]+/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A topic title written after a topic number: emphasised or quoted, or plain when it is the known title. */
function readTitle(text: string, pos: number, topic: string): { title: string; end: number } | null {
  const lead = at(TITLE_LEAD, text, pos);
  if (!lead) return null;
  const q = pos + lead[0].length;
  const e = at(EMPHASIS, text, q);
  if (e) return { title: e[1]!.trim(), end: q + e[0].length };
  for (const t of topicTitles(topic)) {
    const cand = text.slice(q, q + t.length);
    if (cand.length === t.length && normTitle(cand) === normTitle(t) && !isWordChar(text[q + t.length])) {
      return { title: cand, end: q + t.length };
    }
  }
  return null;
}

/**
 * A citation that starts with a full reference at `refPos` (the span starts at `start`, which may be a
 * keyword before it), followed by its range end, title, and list members.
 */
function fromRef(text: string, start: number, ref: Ref, plural: boolean, strayHyphen: boolean): Parsed {
  const out: Citation[] = [];
  let cur: { start: number; loc: AscLocation; end: number; abbreviated: boolean } = {
    start,
    loc: ref.loc,
    end: ref.end,
    abbreviated: false,
  };
  let first = true;
  for (;;) {
    let rangeEnd: AscLocation | undefined;
    let title: string | undefined;
    const r = readRange(text, cur.end, cur.loc);
    if (r) {
      rangeEnd = r.rangeEnd;
      cur.end = r.end;
    } else if (cur.loc.subtopic === undefined) {
      const t = readTitle(text, cur.end, cur.loc.topic);
      if (t) {
        title = t.title;
        cur.end = t.end;
      }
    }
    out.push(
      asc(text, cur.start, cur.end, cur.loc, {
        rangeEnd,
        title,
        abbreviated: cur.abbreviated,
        strayHyphen: first && strayHyphen,
      }),
    );
    first = false;
    const j = at(LIST_JOIN, text, cur.end);
    if (!j) break;
    const pos = cur.end + j[0].length;
    const next = readFollowRef(text, pos, cur.loc, plural);
    if (!next) break;
    cur = { start: pos, loc: next.loc, end: next.end, abbreviated: next.abbreviated };
  }
  return { citations: out, end: out[out.length - 1]!.end };
}

const ASC_KEYWORD = new RegExp(
  `(?:FASB${WS1})?(?:ASC|Accounting Standards Codification)(?:${WS}\\(ASC\\)${WS1}|(${WS1})|([-\\u2010\\u2011]))` +
    `(?:(Topics?|Subtopics?|Sections?|[Pp]aragraphs?)${WS1})?`,
  'y',
);

/** "ASC 850-10-50", "FASB ASC 718-10-S99-1", "ASC Topic 606", "ASC-250-10-50-7", "ASC 805, *Business Combinations*". */
export function parseAscKeyword(text: string, pos: number): Parsed | null {
  const k = at(ASC_KEYWORD, text, pos);
  if (!k) return null;
  const word = k[3] ?? '';
  const minDepth = /^Sub/.test(word) ? 2 : /^Sec/.test(word) ? 3 : 1;
  const ref = readFullRef(text, pos + k[0].length, minDepth);
  if (!ref) return null;
  return fromRef(text, pos, ref, /s$/.test(word), k[2] !== undefined);
}

const TOPIC_KEYWORD = new RegExp(`(Topics?|Subtopics?|Sub-topics?|Sections?)${WS1}`, 'y');

/** "Topic 606", "Subtopic 350-20", "Section 810-10-50" without "ASC". */
export function parseTopicKeyword(text: string, pos: number): Parsed | null {
  const k = at(TOPIC_KEYWORD, text, pos);
  if (!k) return null;
  const word = k[1]!.toLowerCase();
  const depth = word.startsWith('sub') ? 2 : word.startsWith('sec') ? 3 : 1;
  const ref = readFullRef(text, pos + k[0].length, depth);
  if (!ref) return null;
  // "Section 7" of a document or "Topic 5" of SAB never gets here: the number is too short for the role.
  return fromRef(text, pos, ref, /s$/.test(word), false);
}

/** A bare reference with section and paragraph: "606-10-25-21(c)", "805-30-30-1(b)". */
export function parseAscBare(text: string, pos: number): Parsed | null {
  const ref = readFullRef(text, pos, 4);
  if (!ref) return null;
  return fromRef(text, pos, ref, false, false);
}

const PARA_KEYWORD = new RegExp(`(?:[Pp]aragraph(s?)${WS1}|[Pp]ara(s?)\\.${WS}|¶(¶?)${WS})`, 'y');
const LOCAL = /\d{1,3}[A-Z]{0,3}/y;
const TARGET_PREFIX = new RegExp(`(?:FASB${WS1})?(?:ASC${WS1}|Accounting Standards Codification${WS1})?(?:(?:Section|Subtopic)${WS1})?`, 'y');

/**
 * "paragraph 805-30-30-1(b)", "paragraphs 606-10-55-36 through 55-40", and paragraphs named before the section
 * they belong to: "paragraphs 2AA.d and 3.bb of ASC 810-10-50". Each paragraph is its own citation; the first
 * span starts at the keyword and the last one ends after the section it belongs to.
 */
export function parseParagraphKeyword(text: string, pos: number): Parsed | null {
  const k = at(PARA_KEYWORD, text, pos);
  if (!k) return null;
  const plural = Boolean(k[1] || k[2] || k[3]);
  const p = pos + k[0].length;
  const full = readFullRef(text, p, 4);
  if (full) return fromRef(text, pos, full, plural, false);

  // Local designators, then "of" and the section.
  interface Local {
    start: number;
    end: number;
    paragraph: string;
    sub?: string;
    rangeTo?: { paragraph: string; sub?: string };
  }
  const locals: Local[] = [];
  let cur = p;
  for (let n = 0; n < 50; n++) {
    const m = at(LOCAL, text, cur);
    if (!m) return null;
    let end = cur + m[0].length;
    const loc: Local = { start: cur, end, paragraph: m[0] };
    const s = readSub(text, end);
    if (s) {
      loc.sub = s.sub;
      end = s.end;
    }
    if (isWordChar(text[end]) && text[end - 1] !== '.') return null;
    loc.end = end;
    const j = at(RANGE_JOIN, text, end);
    if (j) {
      const m2 = at(LOCAL, text, end + j[0].length);
      if (m2) {
        let e2 = end + j[0].length + m2[0].length;
        const to: { paragraph: string; sub?: string } = { paragraph: m2[0] };
        const s2 = readSub(text, e2);
        if (s2) {
          to.sub = s2.sub;
          e2 = s2.end;
        }
        if (!isWordChar(text[e2])) {
          loc.rangeTo = to;
          loc.end = e2;
        }
      }
    }
    locals.push(loc);
    const lj = at(LIST_JOIN, text, loc.end);
    if (!lj || !DIGIT.test(text[loc.end + lj[0].length] ?? '')) break;
    cur = loc.end + lj[0].length;
  }
  const last = locals[locals.length - 1]!;
  const of = at(OF, text, last.end);
  if (!of) return null;
  let tpos = last.end + of[0].length;
  const tp = at(TARGET_PREFIX, text, tpos);
  if (tp) tpos += tp[0].length;
  const target = readFullRef(text, tpos, 3);
  if (!target || target.loc.paragraph !== undefined) return null;
  const parts = components(target.loc);
  const out: Citation[] = locals.map((l, idx) => {
    const start = idx === 0 ? pos : l.start;
    const end = idx === locals.length - 1 ? target.end : l.end;
    const loc = build(parts.concat(l.paragraph), l.sub);
    const rangeEnd = l.rangeTo ? build(parts.concat(l.rangeTo.paragraph), l.rangeTo.sub) : undefined;
    return asc(text, start, end, loc, { rangeEnd, abbreviated: true });
  });
  return { citations: out, end: target.end };
}

const ASU_KEYWORD = new RegExp(`(?:ASUs?|Accounting Standards Updates?)${WS1}(?:(?:No|Nos|Number)\\.?${WS1})?`, 'y');
const ASU_ID = /(\d{4})[-\u2010\u2011](\d{2,3})(?![0-9])/y;

/** "ASU 2016-02", "ASU No. 2014-09", "ASUs 2016-01 and 2016-13". */
export function parseAsu(text: string, pos: number): Parsed | null {
  const k = at(ASU_KEYWORD, text, pos);
  if (!k) return null;
  const out: AsuCitation[] = [];
  let start = pos;
  let cur = pos + k[0].length;
  for (let n = 0; n < 50; n++) {
    const m = at(ASU_ID, text, cur);
    if (!m) break;
    const end = cur + m[0].length;
    if (isWordChar(text[end])) break;
    out.push({
      source: 'ASU',
      start,
      end,
      text: text.slice(start, end),
      year: m[1]!,
      number: m[2]!,
      id: `${m[1]}-${m[2]}`,
    });
    const j = at(LIST_JOIN, text, end);
    if (!j) break;
    start = cur = end + j[0].length;
  }
  if (out.length === 0) return null;
  return { citations: out, end: out[out.length - 1]!.end };
}
