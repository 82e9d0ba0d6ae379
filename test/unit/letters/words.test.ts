/**
 * Word counting and comparison helpers the draft reader calls on every block: the counting loop must count as
 * `trim().split(/\s+/)` does (every kind of JavaScript whitespace), and stop at its limit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containment, normWord, wordDiff, wordNorms, words } from '../../../server/src/letters/words';
import { params } from '../../runs';
import { countWords } from '../../../server/src/text/wordCount';

const splitCount = (t: string) => (t.trim() === '' ? 0 : t.trim().split(/\s+/).length);
const spacey = fc.string({
  unit: fc.constantFrom('a', 'é', ' ', '\t', '\n', '\r', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u2028', '\u200b', 'x'),
  maxLength: 40,
});

describe('countWords', () => {
  it('counts as trim().split(/\\s+/) does, for any mix of whitespace', () => {
    fc.assert(
      fc.property(fc.oneof(spacey, fc.string()), (t) => {
        expect(countWords(t)).toBe(splitCount(t));
      }),
      { numRuns: 500 },
    );
  });

  it('stops at its limit', () => {
    fc.assert(
      fc.property(spacey, fc.integer({ min: 1, max: 10 }), (t, limit) => {
        expect(countWords(t, limit)).toBe(Math.min(limit, splitCount(t)));
      }),
      { numRuns: 300 },
    );
    expect(countWords('one two three four five six seven', 6)).toBe(6);
    expect(countWords('   ')).toBe(0);
  });
});

describe('a text compared with itself (the repeated comment word for word) is answered without counting', () => {
  // The same words as another string (a trailing space), so the comparison is counted, not taken from the shortcut.
  const texts = fc.oneof(
    fc.string(),
    fc
      .array(fc.constantFrom('We', 'note', 'your', 'response', 'to', 'prior', 'comment', '1.', 'Staff’s', '[sic]', 'EnergyTM', '—', '  '), { maxLength: 200 })
      .map((w) => w.join(' ')),
  );
  it('containment of a text in itself is what counting gives (1, or 0 without a word), at any word limit', () => {
    fc.assert(
      fc.property(texts, fc.constantFrom(2, 80, 120, 400), (t, limit) => {
        expect(containment(t, t, limit)).toBe(containment(`${t} `, t, limit));
        expect(containment(t, t, limit)).toBe(wordNorms(t).length > 0 ? 1 : 0);
      }),
      params(200),
    );
  });
  it('the word diff of a text with itself is what diffing gives: no change', () => {
    fc.assert(
      fc.property(texts, (t) => {
        expect(wordDiff(t, t)).toEqual(wordDiff(`${t} `, t));
        expect(wordDiff(t, t)).toEqual({ changes: [], tooDifferent: false });
      }),
      params(200),
    );
  });
});

describe('containment', () => {
  it('gives the same answer for each word limit, whatever was asked before', () => {
    const whole = 'Please tell us how you determined the reporting units for goodwill impairment testing.';
    const part = 'tell us how you determined the reporting units';
    const first = containment(part, whole, 80);
    expect(containment(part, whole)).toBe(first);
    expect(containment(part, whole, 2)).toBe(1); // "tell us" only
    expect(containment(part, whole, 80)).toBe(first);
    expect(containment('nothing alike here at all', whole, 80)).toBe(0);
  });
});

describe('wordDiff: the same words written differently are no drift', () => {
  const same = (draft: string, staff: string) => expect(wordDiff(draft, staff).changes).toEqual([]);

  it('a digit glued to its word (“Step1” for “Step 1”)', () => same('within Step1 of ASC 606', 'within Step 1 of ASC 606'));
  it('a trademark typed as capitals (“EnergyTM” for “Energy™”)', () => same('the EnergyTM product line', 'the Energy™ product line'));
  it('an acute accent used as an apostrophe (“company´s”)', () => same('the company´s disclosure', 'the company’s disclosure'));
  it('a word split or joined at a hyphen (“nonexclusive”, “non- exclusive”; “non- GAAP”; “S- K”)', () => {
    same('a nonexclusive license', 'a non-exclusive license');
    same('a nonexclusive license', 'a non- exclusive license');
    same('your non- GAAP measures under Regulation S- K', 'your non-GAAP measures under Regulation S-K');
  });
  it('“[sic]” the company added to the staff’s words', () => same('the measures is [sic] described', 'the measures is described'));

  it('still reports a word really changed or left out, as written', () => {
    expect(wordDiff('as required by Regulations S-X', 'as required by Regulation S-X').changes.map((c) => [c.draft, c.staff])).toEqual([
      ['Regulations', 'Regulation'],
    ]);
    expect(wordDiff('Please refer to ASC 606.', 'Please refer to ASC 250-10-S99-6 and ASC 606.').changes.map((c) => c.staff)).toEqual(['250-10-S99-6 and ASC']);
  });

  it('a word left out and a word added far apart are two changes, each at its place (Starbucks, 2019)', () => {
    // test/fixtures/threads/sbux_0000000000-19-008093: the response repeats comment 5 with "606-10-65(i)" for
    // "606-10-65-1(i)", "revenue recognition standard" for "revenue standard" and "accounting reclassification" for
    // "accounting and reclassification". The hand-written diff this replaced reported "“recognition” for “1”".
    const draft =
      'Please revise your revenue footnote to include the disclosures required by ASC 606-10-65(i) as it relates to income statement line items affected in the current reporting period by the application of the new revenue recognition standard such as the accounting reclassification of breakage income.';
    const staff =
      'Please revise your revenue footnote to include the disclosures required by ASC 606-10-65-1(i) as it relates to income statement line items affected in the current reporting period by the application of the new revenue standard such as the accounting and reclassification of breakage income.';
    const diff = wordDiff(draft, staff);
    expect(diff.tooDifferent).toBe(false);
    expect(diff.changes.map((c) => [c.draft, c.staff, draft.slice(c.start, c.start + 12)])).toEqual([
      ['', '1', 'i) as it rel'],
      ['recognition', '', 'recognition '],
      ['', 'and', 'reclassifica'],
    ]);
  });

  it('gives up past the edit bound: texts that share nothing are "too different", not diffed word by word', () => {
    const word = (head: string, i: number) => head + 'abcdefghij'[i % 10]! + 'abcdefghij'[Math.floor(i / 10)]!;
    const staff = Array.from({ length: 80 }, (_, i) => word('staff', i)).join(' ');
    const draft = Array.from({ length: 80 }, (_, i) => word('draft', i)).join(' ');
    expect(wordDiff(draft, staff)).toEqual({ changes: [], tooDifferent: true });
    expect(wordDiff(draft, staff, 200).tooDifferent).toBe(false);
  });
});

/** The scanner as it was written first: one Unicode expression over the whole text (the reference). */
function wordsByExpression(text: string): { norm: string; text: string; start: number }[] {
  const out: { norm: string; text: string; start: number }[] = [];
  const re = /\p{L}+(?:['’‘´`]\p{L}+)*|\p{N}+/gu;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    let token = m[0];
    const at = m.index;
    if (token.length === 3 && text.charCodeAt(at - 1) === 91 && text.charCodeAt(at + 3) === 93 && /^sic$/i.test(token)) continue;
    if (token.length > 2 && (token.endsWith('TM') || token.endsWith('SM')) && /\p{Ll}/u.test(token[token.length - 3]!)) token = token.slice(0, -2);
    const norm = normWord(token);
    if (norm.length > 0) out.push({ norm, text: token, start: at });
  }
  return out;
}

describe('words', () => {
  // Letters' own characters: ASCII, accents, typographic apostrophes and quotes, other scripts' digits,
  // superscripts, a character outside the BMP (a surrogate pair) and a lone surrogate, "[sic]", marks typed as TM.
  const letterish = fc.string({
    unit: fc.constantFrom(
      'a',
      'Z',
      's',
      'T',
      'M',
      '1',
      '0',
      ' ',
      "'",
      '’',
      '‘',
      '`',
      '´',
      'é',
      'ß',
      '²',
      '٣',
      'Ⅻ',
      '𝐀',
      '\ud800',
      '-',
      '.',
      '[',
      ']',
      'sic',
      '(',
      '\n',
    ),
    maxLength: 60,
  });

  it('finds the words one Unicode expression finds, with the same offsets, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(letterish, fc.string(), fc.string({ unit: 'grapheme' })), (t) => {
        const expected = wordsByExpression(t);
        expect(words(t).map((w) => ({ norm: w.norm, text: w.text, start: w.start }))).toEqual(expected);
        expect(wordNorms(t)).toEqual(expected.map((w) => w.norm));
      }),
      params(2000),
    );
  });

  it('reads the words of a real sentence', () => {
    expect(words('The Company’s 10-K [sic] EnergyTM, café 2³ Step1').map((w) => w.text)).toEqual([
      'The',
      'Company’s',
      '10',
      'K',
      'Energy',
      'café',
      '2³',
      'Step',
      '1',
    ]);
  });
});
