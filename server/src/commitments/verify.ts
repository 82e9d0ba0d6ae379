/**
 * Whether a later filing keeps a response's commitments: for each commitment aimed at the filing (form type and
 * period; "future filings" covers any later periodic filing), whether the promised disclosure appears: found (with
 * the passage and where it is), partly found (which parts), or not found. Proposed text is compared with the filing's
 * words as quote drift compares a repeated comment (word pairs that ignore case, punctuation and quote style), part
 * by part (sentences and table rows), through a word-pair index over the filing built once, so a 300-page 10-K is
 * read in linear time; numbers count as numbers, not as their values, since a later filing updates them. A
 * commitment without proposed text is looked for by the words of its promise and the staff's request, and is at
 * most "partly found": a passage for a person to check. "Not found" is a lead, never proof. Pure.
 */
import type { Block } from '../parse/blocks';
import { sourceOffset } from '../parse/blocks';
import type { StaffLetter } from '../letters/model';
import { words } from '../letters/words';
import { LineIndex } from '../text/lineIndex';
import { lowerBound } from '../text/sorted';
import type { FilingDocument } from './filing';
import type { Commitment, FoundPassage, VerifyStatus } from './model';
import { targetCovers, type TargetMatch } from './target';

/** A part counts as there when this share of its word pairs sits together in the filing. */
const FOUND = 0.8;
/** … and as reworded there above this share. */
const REWORDED = 0.5;
/** A word pair seen more often than this is too common to place a part ("of the", "# million"). */
const COMMON = 400;
/** A passage is a candidate when it holds this share of the promise's distinctive words (weighted by rarity). */
const KEYWORDS_FOUND = 0.45;
/** Words a part may shift and still read as written (a word or two inserted or dropped). */
const TIGHT = 4;
/** … and as reworded (a clause moved within its sentence or to the next). */
const SLACK = 24;

export interface PartResult {
  readonly text: string;
  /** Marked in the response as an addition (underlined …). */
  readonly added: boolean;
  readonly status: VerifyStatus;
  readonly score: number;
  readonly at?: FoundPassage;
}

export interface CommitmentCheck {
  readonly commitment: Commitment;
  /** Which response it came from (as the caller names it). */
  readonly source?: string;
  readonly applies: TargetMatch;
  /** Only for commitments that apply. */
  readonly status?: VerifyStatus;
  /** How it was looked for: its proposed text, or the words of the promise and the request. */
  readonly method?: 'proposed-text' | 'keywords';
  /** Share of the proposed text's words found (0–1), or of the keywords in the best passage. */
  readonly score?: number;
  /** Where it is: the passage holding most of it. */
  readonly passage?: FoundPassage;
  readonly parts?: readonly PartResult[];
  readonly note?: string;
}

export interface VerifyInput {
  readonly commitment: Commitment;
  readonly source?: string;
  /** The response's date (ISO): filings for periods long before it are not "later". */
  readonly responseDate?: string;
  /** The staff letter it answers, for the request's words when there is no proposed text. */
  readonly staff?: StaffLetter;
}

export interface VerifyOptions {
  /** Override the cover page: the filing's form type and period end (ISO). */
  readonly form?: string;
  readonly periodEnd?: string;
  readonly onProgress?: (message: string) => void;
}

/** Checks each commitment against the filing. Commitments not aimed at it are returned with `applies.matches` false. */
export function verifyCommitments(filing: FilingDocument, inputs: readonly VerifyInput[], options: VerifyOptions = {}): CommitmentCheck[] {
  const facts = {
    ...((options.form ?? filing.form) ? { form: (options.form ?? filing.form)! } : {}),
    ...((options.periodEnd ?? filing.periodEnd) ? { periodEnd: (options.periodEnd ?? filing.periodEnd)! } : {}),
  };
  options.onProgress?.(`indexing ${filing.pages > 1 ? `${filing.pages} pages` : `${filing.blocks.length} blocks`}`);
  const index = new FilingIndex(filing);
  const out: CommitmentCheck[] = [];
  let n = 0;
  const applying = inputs.filter((i) => matchOf(i, facts).matches).length;
  for (const input of inputs) {
    const applies = matchOf(input, facts);
    const base = { commitment: input.commitment, ...(input.source ? { source: input.source } : {}), applies };
    if (!applies.matches) {
      out.push(base);
      continue;
    }
    options.onProgress?.(`checking commitment ${++n} of ${applying}`);
    const proposed = input.commitment.proposed;
    if (proposed && proposed.parts.length > 0) out.push({ ...base, ...index.compareProposed(proposed.parts) });
    else out.push({ ...base, ...index.searchPromise(input) });
  }
  return out;
}

function matchOf(input: VerifyInput, facts: { form?: string; periodEnd?: string }): TargetMatch {
  const target = input.commitment.target;
  // A promise that names nothing is checked against any periodic filing: the lead is worth more than the silence.
  if (!target) return { matches: true, why: 'names no filing (checked against this one)' };
  return targetCovers(target, facts, input.responseDate);
}

const STOP = new Set(
  'a an the of and or to in on for by with as at from that this these those which is are was were be been being it its our we us their they will would shall may can could should such any all each other than then there here also into over under within about between during through per not no nor if when where while'.split(
    ' ',
  ),
);
/** Words of a promise that say nothing about its subject. */
const GENERIC = new Set(
  "company company’s company's staff staff’s staff's comment comments response future filings filing disclosure disclosures disclose revise revised revision include including provide provided additional enhance enhanced expand expanded clarify discuss discussion periodic reports report form please tell us note refer respectfully acknowledges acknowledge advises confirm confirms applicable appropriate material extent consider considered beginning starting quarter year fiscal ended ending period periods annual quarterly information regarding related pursuant regulation item items accordance directly several another ensure address addresses respect consistent accordingly going forward basis where whether".split(
    ' ',
  ),
);

/** A filing's words as numbered tokens, their word pairs' positions, and each word's block. */
class FilingIndex {
  private readonly ids = new Map<string, number>();
  private readonly tokens: number[] = [];
  private readonly blockOf: number[] = [];
  private readonly offsetOf: number[] = [];
  private readonly pairs = new Map<number, number[]>();
  /** For each block, the nearest heading above it (block index), or -1. */
  private readonly headingOf: Int32Array;
  private readonly lines: LineIndex;
  /** Stem → the blocks holding it (for passages found by keywords: "quantitatively" finds "quantitative"). */
  private readonly postings = new Map<number, number[]>();
  private readonly stemOfId: number[] = [];
  private readonly stems = new Map<string, number>();

  constructor(private readonly filing: FilingDocument) {
    this.lines = new LineIndex(filing.text);
    const blocks = filing.blocks;
    this.headingOf = new Int32Array(blocks.length);
    let heading = -1;
    for (let b = 0; b < blocks.length; b++) {
      const block = blocks[b]!;
      if (isHeading(block)) heading = b;
      this.headingOf[b] = heading;
      const toks = tokensOf(block.text);
      for (let k = 0; k < toks.length; k += 2) {
        const id = this.idOf(toks[k] as string);
        const at = this.tokens.length;
        this.tokens.push(id);
        this.blockOf.push(b);
        this.offsetOf.push(toks[k + 1] as number);
        if (at > 0 && this.blockOf[at - 1] === b) this.addPair(this.tokens[at - 1]!, id, at - 1);
        const stem = this.stemOfId[id]!;
        const posting = this.postings.get(stem);
        if (!posting) this.postings.set(stem, [b]);
        else if (posting[posting.length - 1] !== b) posting.push(b);
      }
    }
  }

  private idOf(token: string): number {
    let id = this.ids.get(token);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(token, id);
      this.stemOfId.push(this.stemIdOf(stemOf(token)));
    }
    return id;
  }

  private stemIdOf(stem: string): number {
    let id = this.stems.get(stem);
    if (id === undefined) {
      id = this.stems.size;
      this.stems.set(stem, id);
    }
    return id;
  }

  private addPair(a: number, b: number, at: number): void {
    const key = pairKey(a, b);
    const list = this.pairs.get(key);
    if (list) list.push(at);
    else this.pairs.set(key, [at]);
  }

  /** Compares each proposed part with the filing; the verdict from the share of words found. */
  compareProposed(parts: readonly { text: string; added: boolean }[]): Omit<CommitmentCheck, 'commitment' | 'applies' | 'source'> {
    const results: PartResult[] = [];
    let total = 0;
    let found = 0;
    let partly = 0;
    const blockVotes = new Map<number, number>();
    for (const part of parts) {
      const toks = tokensOf(part.text);
      const ws: string[] = [];
      for (let k = 0; k < toks.length; k += 2) ws.push(toks[k] as string);
      if (ws.length < 2) continue;
      const placed = this.place(ws);
      const status: VerifyStatus = placed.exact >= FOUND ? 'found' : placed.loose >= REWORDED ? 'partly-found' : 'not-found';
      const score = Math.round((status === 'found' ? placed.exact : placed.loose) * 100) / 100;
      total += ws.length;
      if (status === 'found') found += ws.length;
      else if (status === 'partly-found') partly += ws.length;
      if (placed.at !== undefined && status !== 'not-found')
        blockVotes.set(this.blockOf[placed.at]!, (blockVotes.get(this.blockOf[placed.at]!) ?? 0) + ws.length * score);
      results.push({
        text: part.text,
        added: part.added,
        status,
        score,
        ...(placed.at !== undefined && status !== 'not-found' ? { at: this.passageAt(this.blockOf[placed.at]!, score, this.offsetOf[placed.at]) } : {}),
      });
    }
    if (total === 0) return { method: 'proposed-text', status: 'not-found', score: 0, parts: results, note: 'the proposed text has no words to compare' };
    const share = found / total;
    const near = (found + partly) / total;
    const addedMissing = results.some((r) => r.added && r.status === 'not-found');
    const status: VerifyStatus = share >= 0.85 && !addedMissing ? 'found' : near >= 0.3 || share >= 0.2 ? 'partly-found' : 'not-found';
    let best = -1;
    let bestVotes = 0;
    for (const [b, v] of blockVotes) if (v > bestVotes) [best, bestVotes] = [b, v];
    const score = Math.round(((found + partly * 0.5) / total) * 100) / 100;
    return {
      method: 'proposed-text',
      status,
      score,
      parts: results,
      ...(best >= 0 ? { passage: this.passageAt(best, score) } : {}),
      ...(status === 'not-found' ? { note: 'not found: a lead for a person to check (the text may be worded differently, or in an exhibit), not proof' } : {}),
      ...(status === 'partly-found' ? { note: `${results.filter((r) => r.status !== 'found').length} of ${results.length} parts not found as proposed` } : {}),
    };
  }

  /**
   * Where a part's words sit together best: the diagonal (filing position − part position) most of its word pairs agree
   * on; then the share of pairs on that diagonal give or take a few words (`exact`: the part as written, a word or two
   * inserted) and within a wider reach (`loose`: the same words reordered or recast).
   */
  private place(ws: readonly string[]): { exact: number; loose: number; at?: number } {
    const keys: number[] = [];
    for (let i = 0; i + 1 < ws.length; i++) {
      const a = this.ids.get(ws[i]!);
      const b = this.ids.get(ws[i + 1]!);
      keys.push(a === undefined || b === undefined ? -1 : pairKey(a, b));
    }
    const votes = new Map<number, number>();
    for (let i = 0; i < keys.length; i++) {
      if (keys[i]! < 0) continue;
      const list = this.pairs.get(keys[i]!);
      if (!list || list.length > COMMON) continue;
      for (const at of list) {
        // Diagonals in buckets of four words, so a few inserted or dropped words still vote together.
        const bucket = Math.floor((at - i) / 4);
        votes.set(bucket, (votes.get(bucket) ?? 0) + 1);
      }
    }
    let best = 0;
    let bestVotes = 0;
    for (const [bucket, v] of votes) {
      const around = v + (votes.get(bucket - 1) ?? 0) + (votes.get(bucket + 1) ?? 0);
      if (around > bestVotes) [best, bestVotes] = [bucket, around];
    }
    if (bestVotes === 0 || keys.length === 0) return { exact: 0, loose: 0 };
    let exact = 0;
    let loose = 0;
    let first = -1;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i]! < 0) continue;
      const list = this.pairs.get(keys[i]!);
      if (!list) continue;
      // Where pair i would be on the chosen diagonal.
      const center = best * 4 + i;
      const near = lowerBound(list, center - TIGHT);
      if (near < list.length && list[near]! <= center + 4 + TIGHT) {
        exact++;
        loose++;
        if (first < 0) first = list[near]!;
        continue;
      }
      const far = lowerBound(list, center - SLACK - ws.length);
      if (far < list.length && list[far]! <= center + SLACK + ws.length) loose++;
    }
    return { exact: exact / keys.length, loose: loose / keys.length, ...(first >= 0 ? { at: first } : {}) };
  }

  /** No proposed text: the block holding most of the promise's and the request's rarer words. */
  searchPromise(input: VerifyInput): Omit<CommitmentCheck, 'commitment' | 'applies' | 'source'> {
    const c = input.commitment;
    const request = c.comments.map((n) => input.staff?.comments.find((x) => x.number === n)?.asks.join(' ') ?? '').join(' ');
    const wanted = new Map<number, number>();
    const blocks = this.filing.blocks.length || 1;
    let unknown = 0;
    for (const w of words(`${c.text} ${request}`)) {
      const t = tokenOf(w.norm);
      if (t.length < 3 || STOP.has(t) || GENERIC.has(t) || t === '#') continue;
      const stem = this.stems.get(stemOf(t));
      const posting = stem === undefined ? undefined : this.postings.get(stem);
      // Words in a third of the filing or more place nothing; words it never uses still count against a passage.
      const df = posting?.length ?? 0;
      if (df > blocks / 3) continue;
      const key = stem ?? -1 - unknown++;
      if (!wanted.has(key)) wanted.set(key, Math.log(1 + blocks / (1 + df)));
    }
    const totalWeight = [...wanted.values()].reduce((a, b) => a + b, 0);
    if (wanted.size === 0 || totalWeight === 0)
      return { method: 'keywords', status: 'not-found', score: 0, note: 'the promise has no distinctive words to look for; check by hand' };
    const score = new Map<number, number>();
    for (const [id, weight] of wanted) {
      for (const b of this.postings.get(id) ?? []) score.set(b, (score.get(b) ?? 0) + weight);
    }
    let best = -1;
    let bestScore = 0;
    for (const [b, s] of score) if (s > bestScore) [best, bestScore] = [b, s];
    const share = Math.round((bestScore / totalWeight) * 100) / 100;
    // A promise to remove or stop something is kept by its absence, which words cannot show.
    if (c.action === 'remove') {
      const note = 'a promise to remove or stop something: check by hand that it is gone';
      return share >= KEYWORDS_FOUND && best >= 0
        ? {
            method: 'keywords',
            status: 'partly-found',
            score: share,
            passage: this.passageAt(best, share),
            note: `${note} (this passage still carries its words)`,
          }
        : { method: 'keywords', status: 'not-found', score: share, note };
    }
    if (best < 0 || share < KEYWORDS_FOUND)
      return {
        method: 'keywords',
        status: 'not-found',
        score: share,
        note: 'no proposed text, and no passage carries most of the promise’s words: a lead for a person to check, not proof',
      };
    return {
      method: 'keywords',
      status: 'partly-found',
      score: share,
      passage: this.passageAt(best, share),
      note: 'no proposed text to compare: this passage carries most of the promise’s words; check it',
    };
  }

  private passageAt(b: number, score: number, offset?: number): FoundPassage {
    const block = this.filing.blocks[b]!;
    const start = offset !== undefined ? sourceOffset(block, offset) : block.start;
    const heading = this.headingOf[b]! >= 0 ? this.filing.blocks[this.headingOf[b]!]!.text.slice(0, 160) : undefined;
    return {
      start: block.start,
      end: block.end,
      line: this.lines.positionAt(start).line + 1,
      ...(block.page !== undefined ? { page: block.page } : {}),
      ...(heading ? { heading } : {}),
      text: block.text.length > 600 ? `${block.text.slice(0, 600)}…` : block.text,
      score,
    };
  }
}

/** A crude stem, enough to match "quantitatively" with "quantitative" and "offsetting" with "offset". */
function stemOf(token: string): string {
  if (token.length <= 4) return token;
  let t = token.replace(/(?:ively|ingly|ations?|ation|ments?|ness|ies|ied|ing|ed|ly|es|s|ive|al)$/, '');
  if (t.length < 3) t = token;
  return /([b-df-hj-np-tv-z])\1$/.test(t) ? t.slice(0, -1) : t;
}

/** Numbers as numbers: a later filing updates the amounts the proposal showed. */
function tokenOf(norm: string): string {
  return /\d/.test(norm) ? '#' : norm;
}

/** Two words' ids as one small-integer key (ids past 32,767 share keys now and then: a few more candidates, no misses). */
function pairKey(a: number, b: number): number {
  return ((a & 0x7fff) << 16) | (b & 0xffff);
}

const ASCII_RE = /^[\x00-\x7f\u00a0-\u00bf\u2000-\u206f]*$/;
const ASCII_WORD_RE = /[a-z0-9]+(?:['’][a-z]+)*/g;

/**
 * A text's words as [token, offset, token, offset …], tokens as `words()` normalises them (lower case, "company's" →
 * "companys") with numbers as "#". Plain ASCII text (nearly all of a filing) takes a fast path with the same result.
 */
function tokensOf(text: string): (string | number)[] {
  const out: (string | number)[] = [];
  if (ASCII_RE.test(text)) {
    const lower = text.toLowerCase();
    ASCII_WORD_RE.lastIndex = 0;
    for (let m = ASCII_WORD_RE.exec(lower); m; m = ASCII_WORD_RE.exec(lower)) {
      const raw = m[0];
      const norm = raw.indexOf("'") < 0 && raw.indexOf('’') < 0 ? raw : raw.replace(/['’]s$/, 's').replace(/['’]/g, '');
      out.push(tokenOf(norm), m.index);
    }
    return out;
  }
  for (const w of words(text)) out.push(tokenOf(w.norm), w.start);
  return out;
}

/** A block that titles what follows: a heading, "Item 7.", "Note 3 —", or a short bold line. */
function isHeading(b: Block): boolean {
  if (b.kind === 'heading') return true;
  if (b.kind !== 'paragraph' || b.text.length > 140) return false;
  if (/^(?:item\s+\d{1,2}[a-c]?\.|part\s+[iv]{1,4}\b|note\s+\d{1,2}\b)/i.test(b.text)) return true;
  const bold = b.runs.every((r) => r.text.trim().length === 0 || (r.marks & 1) !== 0);
  return bold && b.text.split(/\s+/).length <= 12 && !/[.;:,]$/.test(b.text.trim());
}
