/**
 * Every parser and importer on arbitrary input: Unicode strings (graphemes, and raw UTF-16 code units with lone
 * surrogates), arbitrary bytes through readLetterBytes for every extension, and letter-shaped strings. Nothing
 * throws, the same input gives deep-equal output twice, every source range lies inside the text, and no word is
 * lost: each word of a plain letter appears in the blocks.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { findCitations } from '../../../server/src/citations';
import { coverageOf } from '../../../server/src/letters/coverage';
import { readLetterBytes, readLetterText, responseOf, staffLetterOf } from '../../../server/src/letters/read';
import { sourceOffset, type Block } from '../../../server/src/parse/blocks';
import { htmlToBlocks } from '../../../server/src/parse/html';
import { MarkdownParser, parseMarkdownWhole } from '../../../server/src/parse/markdown';
import { pdfToText } from '../../../server/src/parse/pdf';
import { textToBlocks } from '../../../server/src/parse/plainText';
import { decodeText } from '../../../server/src/text/decode';
import { LineIndex } from '../../../server/src/text/lineIndex';
import { analyse, analyseBytes, params, tally, tallyAsync, writeReport } from './helpers';

afterAll(() => writeReport(__filename));

/** Pieces letters are made of, so that random strings also reach the interesting paths. */
const LETTER_BITS = [
  'Dear Mr. Wang:',
  'Re: ',
  'Form 10-K',
  'Filed March 1, 2024',
  'File No. 001-35126',
  'August 16, 2017',
  'Page 3',
  '1.',
  '2.',
  '10.',
  '**',
  '*',
  '_',
  '#',
  '##',
  '> ',
  '- ',
  '• ',
  '(a)',
  'i.',
  'Comment 1',
  'Response:',
  'Response to Comment 2',
  'TBD',
  '[●]',
  'prior comment 1',
  'ASC 606-10-25-1',
  'Item 303(a) of Regulation S-K',
  'SAB Topic 1:M',
  'Sincerely,',
  '/s/ Jane Doe',
  '<!-- comment 3 -->',
  '<u>',
  '</u>',
  '<p>',
  '</p>',
  '<b>',
  '<table><tr><td>1.</td><td>We note</td></tr></table>',
  '```',
  '---',
  '|',
  '[foo]: /x',
  '[foo]',
  'FirstName LastNameX',
  'Comapany NameY',
  'We note your response.',
  'Please tell us why.',
  ' ',
  '  ',
  '\t',
  '\n',
  '\n\n',
  '\r\n',
  '\r',
  '\f',
  '\u00a0',
  '\u2028',
  '\ufeff',
  '\ud800',
  '\udc00',
  'é',
  '漢字',
  '👩‍💻',
  '\u0000',
];

const grapheme = fc.string({ unit: 'grapheme', maxLength: 400 });
const binary = fc.string({ unit: 'binary', maxLength: 400 });
const lettery = fc.array(fc.constantFrom(...LETTER_BITS), { maxLength: 80 }).map((a) => a.join(''));
const anyText = fc.oneof(grapheme, binary, lettery);

/** Every block's range and text map lie inside the text. */
function checkRanges(blocks: readonly Block[], length: number): void {
  for (const b of blocks) {
    expect(b.start).toBeGreaterThanOrEqual(0);
    expect(b.end).toBeGreaterThanOrEqual(b.start);
    expect(b.end).toBeLessThanOrEqual(length);
    expect(b.runs.map((r) => r.text).join('')).toBe(b.text);
    for (let i = 0; i <= b.text.length; i += Math.max(1, b.text.length >> 3)) {
      const at = sourceOffset(b, i);
      expect(at).toBeGreaterThanOrEqual(b.start);
      expect(at).toBeLessThanOrEqual(b.end);
    }
  }
}

const IMPORTERS: Array<[string, (s: string) => Block[] | readonly Block[]]> = [
  ['textToBlocks', textToBlocks],
  ['MarkdownParser.parse', (s) => new MarkdownParser().parse(s).blocks],
  ['parseMarkdownWhole', parseMarkdownWhole],
  ['htmlToBlocks', htmlToBlocks],
];

describe('arbitrary Unicode', () => {
  for (const [name, f] of IMPORTERS) {
    it(`${name}: no exception, deterministic, ranges inside the text`, () => {
      fc.assert(
        fc.property(anyText, (s) => {
          const a = tally(name, s.length, () => f(s));
          expect(f(s)).toEqual(a);
          checkRanges(a, s.length);
        }),
        params(300),
      );
    });
  }

  it('findCitations: no exception, deterministic, offsets slice to the citation text', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const a = tally('findCitations', s.length, () => findCitations(s));
        expect(findCitations(s)).toEqual(a);
        for (const c of a) expect(s.slice(c.start, c.end)).toBe(c.text);
      }),
      params(300),
    );
  });

  for (const ext of ['txt', 'md', 'htm']) {
    it(`readLetterText(.${ext}) → staffLetterOf, responseOf, coverageOf: no exception, deterministic`, () => {
      fc.assert(
        fc.property(anyText, (s) => {
          const a = tally(`pipeline .${ext}`, s.length, () => analyse(`x.${ext}`, s));
          expect(analyse(`x.${ext}`, s)).toEqual(a);
        }),
        params(200),
      );
    });
  }

  it('a response read against a different arbitrary staff letter: coverage never throws', () => {
    fc.assert(
      fc.property(lettery, lettery, fc.constantFrom('txt', 'md', 'htm'), (staffText, draftText, ext) => {
        const staff = staffLetterOf(readLetterText(`s.${ext}`, staffText));
        const file = readLetterText(`d.${ext === 'txt' ? 'md' : ext}`, draftText);
        const draft = tally('responseOf + coverageOf', draftText.length, () => responseOf(file, staff));
        const coverage = coverageOf(draft, staff);
        expect(coverage.total).toBe(new Set(staff.comments.map((c) => c.number)).size);
        for (const p of coverage.problems) {
          expect(p.start).toBeGreaterThanOrEqual(0);
          expect(p.end).toBeLessThanOrEqual(file.text.length);
        }
      }),
      params(200),
    );
  });

  it('LineIndex: positionAt and offsetAt stay inside the text and round-trip', () => {
    fc.assert(
      fc.property(anyText, fc.nat(), (s, k) => {
        const lines = new LineIndex(s);
        const offset = s.length === 0 ? 0 : k % (s.length + 1);
        const p = lines.positionAt(offset);
        expect(p.line).toBeLessThan(lines.lineCount);
        const back = lines.offsetAt(p);
        // Inside a CRLF pair the position is the end of its line; otherwise the round trip is exact.
        if (!(s[offset - 1] === '\r' && s[offset] === '\n')) expect(back).toBe(offset);
      }),
      params(300),
    );
  });
});

describe('arbitrary bytes', () => {
  for (const name of ['x.txt', 'x.md', 'x.htm', 'x.html', 'x.markdown', 'x', 'x.bin']) {
    it(`readLetterBytes(${name}): no exception, deterministic`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.uint8Array({ maxLength: 600 }),
            lettery.map((s) => new TextEncoder().encode(s)),
          ),
          async (bytes) => {
            const a = await tallyAsync(`readLetterBytes(${name})`, bytes.length, () => analyseBytes(name, bytes));
            expect(await analyseBytes(name, bytes)).toEqual(a);
          },
        ),
        params(120),
      );
    });
  }

  it('decodeText: never throws; binary means NUL or control bytes; text decodes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const d = tally('decodeText', bytes.length, () => decodeText(bytes));
        expect(decodeText(bytes)).toEqual(d);
        expect(typeof d.text).toBe('string');
      }),
      params(300),
    );
  });

  it('readLetterBytes(.pdf) and pdfToText on arbitrary bytes, with and without a %PDF header', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.boolean(), async (tail, header) => {
        const bytes = header ? Uint8Array.from([...new TextEncoder().encode('%PDF-1.7\n'), ...tail]) : tail;
        const f = await tallyAsync('readLetterBytes(.pdf)', bytes.length, () => readLetterBytes('x.pdf', bytes));
        // A PDF that reads gives text; any other gives a one-line reason.
        if (f.failure !== undefined) expect(f.failure).toMatch(/^[^\n]+; nothing is extractable$/);
        else
          expect(
            f.blocks
              .map((b) => b.text)
              .join('')
              .trim(),
          ).not.toBe('');
        if (header) expect(await pdfToText(bytes)).toEqual(await pdfToText(bytes));
      }),
      params(30),
    );
  });
});

describe('no word is lost', () => {
  const WORD = fc.constantFrom(
    'alpha',
    'bravo',
    'charlie',
    'delta',
    'echo',
    'foxtrot',
    'golf',
    'hotel',
    'india',
    'juliet',
    'kilo',
    'lima',
    'mike',
    'zulu',
    'éclair',
    'naïve',
    'über',
    'revenue',
    'goodwill',
  );
  const paragraphs = fc.array(fc.array(fc.array(WORD, { minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 });

  function wordsOf(blocks: readonly Block[]): string[] {
    return blocks.flatMap((b) => b.text.split(/[^\p{L}]+/u).filter(Boolean));
  }

  it('plain text: every word of every line, in order, whatever the indentation and bullets', () => {
    fc.assert(
      fc.property(
        paragraphs,
        fc.array(fc.constantFrom('', '  ', '    ', '\t', '• ', '- ', '(1) ', '1. ', '12) '), { minLength: 1 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        (paras, leads, eol) => {
          let k = 0;
          const text = paras.map((lines) => lines.map((ws) => leads[k++ % leads.length] + ws.join(' ')).join(eol)).join(eol + eol);
          const blocks = tally('textToBlocks (words)', text.length, () => textToBlocks(text));
          expect(wordsOf(blocks)).toEqual(paras.flat(2));
        },
      ),
      params(200),
    );
  });

  it('Markdown: every word, through bold, emphasis, lists, quotes and headings', () => {
    fc.assert(
      fc.property(paragraphs, fc.array(fc.constantFrom('', '# ', '- ', '1. ', '> ', '**', '_', '   - '), { minLength: 1 }), (paras, leads) => {
        let k = 0;
        const text = paras
          .map((lines) =>
            lines
              .map((ws) => {
                const lead = leads[k++ % leads.length]!;
                return lead === '**' || lead === '_' ? `${lead}${ws.join(' ')}${lead}` : lead + ws.join(' ');
              })
              .join('\n'),
          )
          .join('\n\n');
        const blocks = tally('MarkdownParser.parse (words)', text.length, () => new MarkdownParser().parse(text).blocks);
        expect(wordsOf(blocks)).toEqual(paras.flat(2));
      }),
      params(200),
    );
  });

  it('HTML: every word, through paragraphs, inline tags, lists and table cells', () => {
    fc.assert(
      fc.property(paragraphs, fc.array(fc.constantFrom('p', 'div', 'li', 'td', 'b', 'span'), { minLength: 1 }), (paras, tags) => {
        let k = 0;
        const body = paras
          .map((lines) => {
            const tag = tags[k++ % tags.length]!;
            const inner = lines.map((ws) => ws.join(' ')).join('<br>\n');
            if (tag === 'li') return `<ul><li>${inner}</li></ul>`;
            if (tag === 'td') return `<table><tr><td>${inner}</td><td>x</td><td>y</td></tr></table>`;
            return `<${tag}>${inner}</${tag}>`;
          })
          .join('\n');
        const blocks = tally('htmlToBlocks (words)', body.length, () => htmlToBlocks(`<html><body>${body}</body></html>`));
        const expected = paras.flatMap((lines, i) => [...lines.flat(), ...(tags[i % tags.length] === 'td' ? ['x', 'y'] : [])]);
        expect(wordsOf(blocks)).toEqual(expected);
      }),
      params(200),
    );
  });
});
