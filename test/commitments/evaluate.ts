/**
 * The commitments evaluation: every hand-labelled response in test/fixtures/commitments/labels.json read as
 * `corresp commitments` reads it (with the staff letter it answers), the promises found matched against the
 * sentences a person marked, and recall and precision over the whole sample. Used by `node test/commitments/eval.mjs`
 * (the figures, every miss and false find) and by the tests (which pin the figures' floor and a few letters).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { commitmentsOf, type Commitment } from '../../server/src/commitments';
import { readLetterBytes, staffLetterOf } from '../../server/src/letters/read';
import type { StaffLetter } from '../../server/src/letters/model';
import { words } from '../../server/src/letters/words';

export const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'commitments');

/**
 * Where a label's letter is: labels name them as `threads/<thread>/<file>` (the letters, kept once in
 * test/fixtures/threads) or `../real/<pair>/<file>` (test/fixtures/real), both read from test/fixtures.
 */
export function labelPath(rel: string): string {
  return path.join(FIXTURES, '..', rel.replace(/^\.\.\//, ''));
}

export interface Label {
  readonly response: string;
  readonly staff?: string;
  /** Every commitment sentence in the response, as a person marked them. */
  readonly commitments: readonly string[];
}

export interface LetterResult {
  readonly response: string;
  readonly labelled: number;
  readonly found: readonly Commitment[];
  /** Labelled sentences no commitment covers. */
  readonly missed: readonly string[];
  /** Commitments that cover no labelled sentence. */
  readonly extra: readonly Commitment[];
  /** Labelled sentences found. */
  readonly hit: number;
  /** Commitments that cover a labelled sentence. */
  readonly correct: number;
}

export interface Evaluation {
  readonly letters: readonly LetterResult[];
  readonly labelled: number;
  readonly found: number;
  readonly recall: number;
  readonly precision: number;
}

/**
 * The labelled sample: labels.json (the responses the rules were written against), labels-heldout.json (labelled
 * after, to check them) and labels-real.json (the 21 responses of test/fixtures/real, labelled last).
 */
export const LABEL_FILES = ['labels.json', 'labels-heldout.json', 'labels-real.json'] as const;

export function labels(file?: (typeof LABEL_FILES)[number]): Label[] {
  return (file ? [file] : LABEL_FILES).flatMap((f) => JSON.parse(readFileSync(path.join(FIXTURES, f), 'utf8')) as Label[]);
}

export async function readFixture(rel: string) {
  const abs = labelPath(rel);
  return readLetterBytes(abs, new Uint8Array(readFileSync(abs)));
}

export async function staffOf(label: Label): Promise<StaffLetter | undefined> {
  return label.staff ? staffLetterOf(await readFixture(label.staff)) : undefined;
}

const norm = (t: string) =>
  words(t)
    .map((w) => w.norm)
    .join(' ');

/** A found commitment covers a labelled sentence when either's words hold most of the other's. */
export function covers(c: Commitment, sentence: string): boolean {
  const a = norm(c.text);
  const b = norm(sentence);
  if (!a || !b) return false;
  if (a.includes(b.slice(0, 120)) || b.includes(a.slice(0, 120))) return true;
  const pairs = (t: string) => {
    const w = t.split(' ');
    const s = new Set<string>();
    for (let i = 0; i + 1 < w.length; i++) s.add(`${w[i]} ${w[i + 1]}`);
    return s;
  };
  const pa = pairs(a);
  const pb = pairs(b);
  let shared = 0;
  for (const p of pb) if (pa.has(p)) shared++;
  return shared / Math.max(1, Math.min(pa.size, pb.size)) >= 0.6;
}

export async function evaluate(file?: (typeof LABEL_FILES)[number], only?: (label: Label) => boolean): Promise<Evaluation> {
  const out: LetterResult[] = [];
  for (const label of labels(file)) {
    if (only && !only(label)) continue;
    const file = await readFixture(label.response);
    const staff = await staffOf(label);
    const found = commitmentsOf({ file }, staff);
    const missed = label.commitments.filter((s) => !found.some((c) => covers(c, s)));
    const extra = found.filter((c) => !label.commitments.some((s) => covers(c, s)));
    out.push({
      response: label.response,
      labelled: label.commitments.length,
      found,
      missed,
      extra,
      hit: label.commitments.length - missed.length,
      correct: found.length - extra.length,
    });
  }
  const labelled = out.reduce((n, r) => n + r.labelled, 0);
  const hit = out.reduce((n, r) => n + r.hit, 0);
  const found = out.reduce((n, r) => n + r.found.length, 0);
  const correct = out.reduce((n, r) => n + r.correct, 0);
  return { letters: out, labelled, found, recall: labelled ? hit / labelled : 1, precision: found ? correct / found : 1 };
}
