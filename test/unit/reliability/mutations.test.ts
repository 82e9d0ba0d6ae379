/**
 * Real letters, mutated: lines deleted, duplicated, swapped and shuffled, page furniture injected at random places,
 * comment numbers scrambled; then the extremes: 10,000 comments, and 100 levels of nested lists and block quotes.
 * Nothing throws, the same input gives the same output, and time stays linear in the size.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importLetter } from '../../../server/src/features/importLetter';
import { coverageOf } from '../../../server/src/letters/coverage';
import { readLetterText, responseOf, staffLetterOf } from '../../../server/src/letters/read';
import { htmlToBlocks } from '../../../server/src/parse/html';
import { MarkdownParser } from '../../../server/src/parse/markdown';
import { textToBlocks } from '../../../server/src/parse/plainText';
import { fixture, realPairs } from '../../helpers';
import { analyse, analyseFile, expectLinear, FURNITURE, mutate, params, SLOW, tally, writeReport, type Mutation } from './helpers';

afterAll(() => writeReport(__filename));

interface Letter {
  readonly name: string;
  readonly text: string;
}

const SEED_STAFF = fixture('seeds', 'staff-letter-2017-08-16.txt');
const SEED_RESPONSE = fixture('seeds', 'response-letter-2013-11-12.txt');
let letters: Letter[] = [];
const pairs: Array<{ staff: Letter; response: Letter }> = [];

beforeAll(() => {
  const seedMd = importLetter(readLetterText('seed.txt', SEED_STAFF), { sourceName: 'seed.txt' }).markdown;
  const responseMd = importLetter(readLetterText('response.txt', SEED_RESPONSE), { sourceName: 'response.txt' }).markdown;
  letters = [
    { name: 'seed-staff.txt', text: SEED_STAFF },
    { name: 'seed-response.txt', text: SEED_RESPONSE },
    { name: 'seed-staff.md', text: seedMd },
    { name: 'seed-response.md', text: responseMd },
  ];
  for (const pair of realPairs()) {
    const staff = { name: `${pair}/staff.txt`, text: fixture('real', pair, 'staff.txt') };
    const response = { name: `${pair}/response.htm`, text: fixture('real', pair, 'response.htm') };
    letters.push(staff, response);
    pairs.push({ staff, response });
  }
});

const op = fc.tuple(fc.constantFrom<Mutation>('delete', 'duplicate', 'shuffle', 'furniture', 'renumber', 'swap'), fc.nat(), fc.nat());

describe('real letters, mutated', () => {
  it('every letter (text, Markdown, EDGAR HTML) under random line mutations: no exception, deterministic', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(op, { minLength: 1, maxLength: 25 }), (k, ops) => {
        const letter = letters[k % letters.length]!;
        const text = mutate(letter.text, ops);
        const ext = letter.name.slice(letter.name.lastIndexOf('.'));
        const a = tally(`pipeline ${ext} (mutated real letters)`, text.length, () => analyse(letter.name, text));
        expect(analyse(letter.name, text)).toEqual(a);
      }),
      params(150),
    );
  });

  it('a mutated response against its real staff letter: no exception, deterministic, every comment accounted for', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(op, { minLength: 1, maxLength: 25 }), (k, ops) => {
        const pair = pairs[k % pairs.length]!;
        const staffFile = readLetterText(pair.staff.name, pair.staff.text);
        const staff = staffLetterOf(staffFile);
        const draftFile = readLetterText(pair.response.name, mutate(pair.response.text, ops));
        const a = tally('responseOf + coverageOf (mutated real pairs)', draftFile.text.length, () => analyseFile(draftFile, staffFile));
        expect(analyseFile(draftFile, staffFile)).toEqual(a);
        const coverage = coverageOf(responseOf(draftFile, staff), staff);
        expect(coverage.comments.map((c) => c.number)).toEqual([...new Set(staff.comments.map((c) => c.number))].sort((x, y) => x - y));
      }),
      params(100),
    );
  });

  it('page furniture injected between any two lines of the seed letter never becomes comment text', () => {
    const lines = SEED_STAFF.split('\n');
    const body = lines.findIndex((l) => l.startsWith('Dear')) + 2;
    const closing = lines.findIndex((l) => l.startsWith('You may contact'));
    // The letter's own running head (lines head…head+3): a second one right against it is a page with nothing on
    // it, and the look-back from "Page 3" is bounded (RELIABILITY.md), so injections keep two lines away from it.
    const head = lines.findIndex((l, i) => i > body && l === 'Terry Wang');
    const spot = fc.integer({ min: body, max: closing }).filter((at) => at < head - 1 || at > head + 5);
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(spot, fc.nat()), { minLength: 1, maxLength: 6, selector: ([at]) => at }), (spots) => {
        const out = [...lines];
        for (const [at, which] of [...spots].sort((a, b) => b[0] - a[0])) {
          // Between paragraphs, as a page break falls, or right inside one.
          out.splice(at, 0, ...(which % 2 === 0 ? ['', ...FURNITURE[which % 2]!.split('\n'), ''] : FURNITURE[(which >> 1) % 2]!.split('\n')));
        }
        const text = out.join('\n');
        const letter = tally('staffLetterOf (furniture injected)', text.length, () => staffLetterOf(readLetterText('seed.txt', text)));
        expect(letter.comments.map((c) => c.number)).toEqual([1, 2, 3, 4, 5]);
        for (const c of letter.comments) {
          expect(c.text).not.toMatch(/Terry Wang|21Vianet Group, Inc\.\s*August|Page 3|FirstName|Comapany/);
        }
      }),
      params(100),
    );
  });
});

/** The seed letter's comments, cycled to `n` comments under captions. */
function manyComments(n: number): { staff: string; draft: string } {
  const seed = staffLetterOf(readLetterText('seed.txt', SEED_STAFF));
  const texts = seed.comments.map((c) => c.paragraphs[0]!.slice(0, 90));
  const staff: string[] = ['August 16, 2017', '', 'Re: 21Vianet Group, Inc.', 'Form 20-F', '', 'Dear Mr. Wang:', '', 'We have reviewed your filing.', ''];
  const draft: string[] = ['---', 'staff-letter: ./staff.txt', 'corresp: response', '---', ''];
  for (let i = 1; i <= n; i++) {
    const t = `${texts[i % texts.length]} (${i})`;
    if (i % 10 === 1) staff.push(`Section ${i}, page ${i}`, '');
    staff.push(`${i}. ${t}`, '');
    draft.push(`**${i}. ${t}**`, '', i % 7 === 0 ? 'Response: TBD' : `Response: The Company notes comment ${i} and has revised its disclosure.`, '');
  }
  staff.push('Sincerely,', '', '/s/ Stephen Krikorian');
  return { staff: staff.join('\n'), draft: draft.join('\n') };
}

describe('10,000 comments', () => {
  it('a staff letter of 10,000 comments and a draft answering each: all read, all accounted for', SLOW, () => {
    const { staff, draft } = manyComments(10_000);
    const letter = tally('staffLetterOf (10,000 comments)', staff.length, () => staffLetterOf(readLetterText('staff.txt', staff)));
    // Comment numbers have at most three digits (a four-digit number at a line start is read as a year, as in
    // "2017. …"), so comments 1–999 are numbered comments and the rest are paragraphs of comment 999: no word lost.
    expect(letter.comments.map((c) => c.number)).toEqual(Array.from({ length: 999 }, (_, i) => i + 1));
    const all = letter.comments.map((c) => c.text).join('\n');
    for (const i of [1, 500, 999, 1_000, 5_000, 10_000]) expect(all).toContain(`(${i})`);
    const file = readLetterText('draft.md', draft);
    const response = tally('responseOf (10,000 anchors)', draft.length, () => responseOf(file, letter));
    expect(response.anchors.length).toBe(999);
    const coverage = tally('coverageOf (10,000 comments)', draft.length, () => coverageOf(response, letter));
    expect(coverage.total).toBe(999);
    expect(coverage.answered).toBe(999 - Math.floor(999 / 7));
  });

  it('999 comments (the most a letter can number) and a draft answering each: all read, all accounted for', () => {
    const { staff, draft } = manyComments(999);
    const letter = staffLetterOf(readLetterText('staff.txt', staff));
    expect(letter.comments.length).toBe(999);
    const coverage = coverageOf(responseOf(readLetterText('draft.md', draft), letter), letter);
    expect(coverage.comments.filter((c) => c.status === 'missing')).toEqual([]);
    expect(coverage.problems.filter((p) => p.code !== 'response.placeholder')).toEqual([]);
  });

  it('time is linear in the number of comments (120 → 960, and 1,250 → 10,000 for the staff letter)', SLOW, () => {
    const staffOf = (n: number) => manyComments(n / 100).staff;
    expectLinear('staff letter (comments)', staffOf, (s) => staffLetterOf(readLetterText('staff.txt', s)), 125_000, { minSmallMs: 0 });
    const letters = new Map<number, ReturnType<typeof staffLetterOf>>();
    expectLinear(
      'draft + coverage (comments)',
      (n) => manyComments(n / 100).draft,
      (d) => {
        const n = (d.match(/^\*\*\d+\. /gm) ?? []).length;
        let letter = letters.get(n);
        if (!letter) letters.set(n, (letter = staffLetterOf(readLetterText('staff.txt', manyComments(n).staff))));
        return coverageOf(responseOf(readLetterText('draft.md', d), letter), letter);
      },
      12_000,
      { minSmallMs: 0 },
    );
  });

  it('scrambled anchor numbers (120 → 960 comments) stay linear (the misnumbered-anchor search has a budget)', SLOW, () => {
    const scrambled = (n: number) => {
      const { staff, draft } = manyComments(n);
      // Every anchor names another comment's number than the words it repeats.
      return { staff, draft: draft.replace(/^\*\*(\d+)\. /gm, (_m, k: string) => `**${((Number(k) * 7919) % n) + 1}. `) };
    };
    const letters = new Map<number, ReturnType<typeof staffLetterOf>>();
    expectLinear(
      'coverage (scrambled numbers)',
      (n) => scrambled(n / 100).draft,
      (d) => {
        const n = (d.match(/^\*\*\d+\. /gm) ?? []).length;
        let letter = letters.get(n);
        if (!letter) letters.set(n, (letter = staffLetterOf(readLetterText('staff.txt', scrambled(n).staff))));
        return coverageOf(responseOf(readLetterText('draft.md', d), letter), letter);
      },
      12_000,
      { minSmallMs: 0 },
    );
  });
});

describe('100 levels of nesting', () => {
  const depth = 100;
  const nestedList = Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- level ${i + 1} word`).join('\n');
  const nestedOrdered = Array.from({ length: depth }, (_, i) => `${'   '.repeat(i)}1. level ${i + 1} word`).join('\n');
  const quoteLine = `${'> '.repeat(depth)}deep quote word`;
  const quoteLines = Array.from({ length: depth }, (_, i) => `${'>'.repeat(i + 1)} level ${i + 1} word`).join('\n');
  const mixedLine = `${'> - '.repeat(depth / 2)}mixed word`;
  const htmlList = `${'<ul><li>level word '.repeat(depth)}${'</li></ul>'.repeat(depth)}`;
  const htmlQuote = `${'<blockquote>'.repeat(depth)}deep quote word${'</blockquote>'.repeat(depth)}`;
  const textList = Array.from({ length: depth }, (_, i) => `${' '.repeat(i * 2)}• level ${i + 1} word`).join('\n');

  const cases: Array<[string, string, (s: string) => readonly { text: string }[]]> = [
    ['Markdown: a list nested 100 deep', nestedList, (s) => new MarkdownParser().parse(s).blocks],
    ['Markdown: an ordered list nested 100 deep', nestedOrdered, (s) => new MarkdownParser().parse(s).blocks],
    ['Markdown: 100 block quotes on one line', quoteLine, (s) => new MarkdownParser().parse(s).blocks],
    ['Markdown: block quotes 1 to 100 deep, line by line', quoteLines, (s) => new MarkdownParser().parse(s).blocks],
    ['Markdown: quote and list alternating 100 deep', mixedLine, (s) => new MarkdownParser().parse(s).blocks],
    ['HTML: a list nested 100 deep', htmlList, htmlToBlocks],
    ['HTML: block quotes nested 100 deep', htmlQuote, htmlToBlocks],
    ['text: bullets indented 100 deep', textList, textToBlocks],
  ];
  for (const [what, text, parse] of cases) {
    it(`${what}: no exception, deterministic, every word kept`, () => {
      const blocks = tally(what.split(':')[0]!, text.length, () => parse(text));
      expect(parse(text)).toEqual(blocks);
      const words = (s: string) => (s.match(/\bword\b/g) ?? []).length;
      expect(words(blocks.map((b) => b.text).join(' '))).toBe(words(text));
      const ext = what.startsWith('HTML') ? 'htm' : what.startsWith('text') ? 'txt' : 'md';
      // The whole pipeline reads the same words (in the letter's text) and gives the same model twice.
      const analysed = analyse(`deep.${ext}`, text) as { file: { blocks: readonly { text: string }[] } };
      expect(words(analysed.file.blocks.map((b) => b.text).join(' '))).toBe(words(text));
      expect(analyse(`deep.${ext}`, text)).toEqual(analysed);
    });
    it(`${what}: linear when repeated`, SLOW, () => {
      expectLinear(
        `${what.split(':')[0]} (nesting)`,
        (n) => `${text}\n\n`.repeat(Math.max(1, Math.round(n / text.length))),
        (s) => parse(s),
        text.length * 2,
        { minSmallMs: 2 },
      );
    });
  }

  it('Markdown deeper than the parser can take (5,000 block quotes on one line, 3,000 nested lists) keeps every word', () => {
    for (const text of [`${'> '.repeat(5_000)}deep word`, Array.from({ length: 3_000 }, (_, i) => `${' '.repeat(Math.min(i, 600))}- word`).join('\n')]) {
      const blocks = new MarkdownParser().parse(text).blocks;
      expect(
        (
          blocks
            .map((b) => b.text)
            .join(' ')
            .match(/\bword\b/g) ?? []
        ).length,
      ).toBe((text.match(/\bword\b/g) ?? []).length);
    }
  });
});
