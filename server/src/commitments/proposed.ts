/**
 * The proposed disclosure that goes with a commitment: the paragraphs, tables or quotation after a lead-in ("we will
 * revise our disclosure substantially in the form set forth below:"), told apart from the answer's own prose by how
 * they are set (a quotation runs to its closing mark, italics or a block quote while they last, a plain paragraph
 * alone with the tables and list items that follow it, a proposal that opens with its own title through its next
 * headings), never into the closing or the Tandy acknowledgements; quoted words after a colon in the promise itself;
 * and which parts the letter marks as additions (underlined, or bold where it says so). Struck-through words are left
 * out. Pure; linear in the blocks it reads.
 */
import { Mark, sourceOffset, type Block, type Run } from '../parse/blocks';
import { sentences } from '../letters/words';
import type { ProposedDisclosure, ProposedPart } from './model';

/** A proposed disclosure runs at most this many blocks (an appendix of many pages is not one answer's text). */
const MAX_BLOCKS = 60;

const CLOSING_RE =
  /^(?:\*\s*){3}|^(?:if you (?:have|need|would like)|please (?:do not hesitate|feel free|contact|call)|sincerely|very truly yours|respectfully submitted|we (?:appreciate|thank|would be pleased|would like to express)|in (?:responding|response) to (?:your|the staff['’]s|these|the) comments?,? (?:we|the company) (?:hereby )?acknowledges?)/i;
const LABEL_RE = /^(?:response|company response|[\w ]{0,30} response|comment|staff comment)\s*(?:\d+\s*)?[:.]/i;

export interface ProposedOptions {
  /** Index of the first block after the lead-in. */
  readonly from: number;
  /** Source offset the proposed text cannot reach (the end of the answer). */
  readonly limit: number;
  /** Whether block `i` starts something else (a new promise, a repeated comment): where plain text stops. */
  readonly startsOther: (i: number) => boolean;
  /** How the letter marks additions, from its words ("underlined text shows changes"). */
  readonly additions?: 'underline' | 'bold' | 'italic';
}

/** The proposed disclosure in the blocks after a lead-in, and the index of the block after it; undefined when none. */
export function proposedBlocks(blocks: readonly Block[], options: ProposedOptions): { proposed: ProposedDisclosure; next: number } | undefined {
  const { from, limit } = options;
  const first = blocks[from];
  if (!first || first.start >= limit || isStop(first) || options.startsOther(from)) return undefined;
  const taken: Block[] = [first];
  // A proposal often opens with its own title ("Trends in Our Business"): its body sets the style.
  const body = isTitle(first) && blocks[from + 1] && blocks[from + 1]!.start < limit ? blocks[from + 1]! : first;
  const style = styleOf(body);
  let quotes = quoteBalance(first.text);
  let j = from + 1;
  for (; j < blocks.length && taken.length < MAX_BLOCKS; j++) {
    const b = blocks[j]!;
    if (b.start >= limit || isStop(b)) break;
    const prev = taken[taken.length - 1]!;
    let keep: boolean;
    // A new promise in the answer's own voice ends any proposal (a quotation left open by a stray mark included).
    if (options.startsOther(j)) break;
    if (style === 'quoted') keep = quotes > 0;
    else if (style === 'quote') keep = b === body || b.quoteDepth > 0;
    else if (style === 'italic')
      keep =
        b === body ||
        b.kind === 'table' ||
        share(b.runs, Mark.Emphasis) >= 0.6 ||
        (isTitle(b) && j + 1 < blocks.length && share(blocks[j + 1]!.runs, Mark.Emphasis) >= 0.6);
    else if (style === 'table') keep = b === body || b.kind === 'table' || isFootnote(b) || isTitle(b);
    // A plain paragraph stands alone, with the tables and list items that belong to it, or a sentence cut by a page;
    // a proposal that opens with its own title goes on through its next titles and what they head.
    else
      keep =
        b.kind === 'table' ||
        b.kind === 'listItem' ||
        isTitle(prev) ||
        !/[.;:!?”")\]]\s*$/.test(prev.text) ||
        /^[a-z]/.test(b.text) ||
        (prev.kind === 'table' && isFootnote(b)) ||
        (first !== body && isTitle(b) && headsMore(blocks, j, options));
    if (!keep) break;
    taken.push(b);
    quotes += quoteBalance(b.text);
  }
  // A title alone is no proposal (it was a caption of the next comment).
  if (taken.every(isTitle)) return undefined;
  return { proposed: build(taken, 'blocks', options.additions), next: j };
}

/** Quoted words after a colon (or the new name after "to") in the promise's own paragraph. */
export function proposedInline(block: Block, sentenceStart: number, sentenceEnd: number, rename: boolean): ProposedDisclosure | undefined {
  const text = block.text;
  const colon = text.indexOf(':', sentenceStart);
  if (colon >= 0 && colon < sentenceEnd + 2) {
    const rest = text.slice(colon + 1);
    const m = /^\s*[“"]([^”"]{12,4000})[”"]?/.exec(rest);
    if (m) return inlineOf(block, colon + 1 + m.index + m[0].indexOf(m[1]!), m[1]!);
  }
  if (rename) {
    const sentence = text.slice(sentenceStart, sentenceEnd);
    const m = /\b(?:to|as|with)\s+[“"]([^”"]{2,120})[”"]/.exec(sentence);
    if (m) return inlineOf(block, sentenceStart + m.index + m[0].indexOf(m[1]!), m[1]!);
  }
  return undefined;
}

function inlineOf(block: Block, at: number, words: string): ProposedDisclosure {
  const start = sourceOffset(block, at);
  const end = sourceOffset(block, at + words.length);
  return { text: words, parts: sentences(words).map((s) => ({ text: s.text, added: false })), form: 'inline', start, end };
}

type Style = 'quoted' | 'quote' | 'italic' | 'table' | 'plain';

function styleOf(b: Block): Style {
  if (/^\s*[“"]/.test(b.text) && quoteBalance(b.text) > 0) return 'quoted';
  if (b.quoteDepth > 0) return 'quote';
  if (b.kind === 'table') return 'table';
  if (share(b.runs, Mark.Emphasis) >= 0.6) return 'italic';
  return 'plain';
}

/** Open quotation marks minus closing ones (straight quotes alternate). */
function quoteBalance(text: string): number {
  let n = 0;
  let straight = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x201c) n++;
    else if (c === 0x201d) n--;
    else if (c === 0x22) straight++;
  }
  return n + (straight % 2);
}

function share(runs: readonly Run[], mark: number): number {
  let all = 0;
  let marked = 0;
  for (const r of runs) {
    const len = r.text.replace(/\s+/g, '').length;
    all += len;
    if (r.marks & mark) marked += len;
  }
  return all === 0 ? 0 : marked / all;
}

function isStop(b: Block): boolean {
  const t = b.text.trim();
  return CLOSING_RE.test(t) || LABEL_RE.test(t) || b.kind === 'break';
}

function isTitle(b: Block): boolean {
  return b.kind !== 'table' && b.text.length < 120 && !/[.;:]\s*$/.test(b.text) && b.text.split(/\s+/).length <= 14;
}

/** Whether the title at `j` heads more of the proposal: a block follows it inside the answer that starts nothing else. */
function headsMore(blocks: readonly Block[], j: number, options: ProposedOptions): boolean {
  const next = blocks[j + 1];
  return !!next && next.start < options.limit && !isStop(next) && !options.startsOther(j + 1);
}

function isFootnote(b: Block): boolean {
  return /^\s*(?:\(\d{1,2}\)|\*|\d{1,2}\s|[a-z]\))/.test(b.text) && b.text.length < 600;
}

function build(taken: readonly Block[], form: ProposedDisclosure['form'], additions: ProposedOptions['additions']): ProposedDisclosure {
  const mode = additions ?? inferredAdditions(taken);
  const mark = mode === 'underline' ? Mark.Underline : mode === 'bold' ? Mark.Strong : mode === 'italic' ? Mark.Emphasis : 0;
  const parts: ProposedPart[] = [];
  const texts: string[] = [];
  for (const b of taken) {
    if (b.kind === 'table' && b.cells) {
      const rows: string[] = [];
      b.cells.forEach((row) => {
        const runs = row.flatMap((cell) => [...kept(cell), { text: ' ', marks: 0 }]);
        const text = runs
          .map((r) => r.text)
          .join('')
          .replace(/\s+/g, ' ')
          .trim();
        if (text) {
          rows.push(text);
          parts.push({ text, added: mark !== 0 && share(runs, mark) >= 0.5 });
        }
      });
      texts.push(rows.join('\n'));
      continue;
    }
    const runs = kept(b.runs);
    const text = runs
      .map((r) => r.text)
      .join('')
      .replace(/\s+/g, ' ')
      .trim();
    if (!text) continue;
    texts.push(text);
    // Parts are sentences; each knows whether the letter marks it (mostly) as added.
    let pos = 0;
    const spans = runs.map((r) => {
      const s = { from: pos, to: pos + r.text.length, marks: r.marks };
      pos += r.text.length;
      return s;
    });
    const joined = runs.map((r) => r.text).join('');
    for (const s of sentences(joined)) {
      let all = 0;
      let marked = 0;
      for (const sp of spans) {
        const a = Math.max(sp.from, s.start);
        const z = Math.min(sp.to, s.end);
        if (z <= a) continue;
        const len = joined.slice(a, z).replace(/\s+/g, '').length;
        all += len;
        if (mark && sp.marks & mark) marked += len;
      }
      parts.push({ text: s.text.replace(/\s+/g, ' '), added: mark !== 0 && all > 0 && marked / all >= 0.5 });
    }
  }
  const last = taken[taken.length - 1]!;
  return { text: texts.join('\n\n'), parts, form, start: taken[0]!.start, end: last.end };
}

/** Runs without struck-through (deleted) words. */
function kept(runs: readonly Run[]): Run[] {
  return runs.filter((r) => !(r.marks & Mark.Strike));
}

/** Underlined words inside otherwise plain proposed text are additions even when the letter does not say so. */
function inferredAdditions(taken: readonly Block[]): ProposedOptions['additions'] {
  const runs = taken.flatMap((b) => (b.kind === 'table' && b.cells ? b.cells.flat(2) : b.runs));
  const u = share(runs, Mark.Underline);
  return u > 0.02 && u < 0.9 ? 'underline' : undefined;
}

/** How a letter says it marks additions ("underlined text shows changes", "[changes are emphasized in bold]"). */
export function additionsMarkIn(text: string): ProposedOptions['additions'] {
  if (/\bunderlin/i.test(text)) return 'underline';
  if (/\b(?:in bold|bolded|bold (?:text|type|font)|emphasi[sz]ed in bold)\b/i.test(text)) return 'bold';
  if (/\b(?:in italics|italicized)\b/i.test(text) && /\b(?:new|added|addition|change|revis)/i.test(text)) return 'italic';
  return undefined;
}
