import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ASCII_WIDTH, exportAscii, wrapWords } from '../../../server/src/features/export';
import { importLetter } from '../../../server/src/features/importLetter';
import { letterFile } from '../../helpers';
import { CONFIDENTIAL, example, STRESS } from './drafts';
import { params } from '../../runs';

function checkAscii(text: string): void {
  const bad = /[^\n\x20-\x7e]/.exec(text);
  expect(bad && `U+${bad[0].charCodeAt(0).toString(16)} at ${bad.index}`, 'non-printable or non-ASCII character').toBeNull();
  const lines = text.split('\n');
  const long = lines.filter((l) => l.length > ASCII_WIDTH);
  expect(long, 'lines over 80 columns').toEqual([]);
  expect(lines.length).toBeGreaterThan(3);
}

const WIDE_TABLE = `| Caption of a rather long first column that goes on and on | Year ended December 31, 2016 | Year ended December 31, 2017 | Change in percent over the period |
|---|---:|---:|---:|
| Net revenues from hosting and related services, including managed network services | 3,468,210 | 3,976,562 | 14.7% |
| Cost of revenues | (2,614,357) | (2,933,845) | 12.2% |
`;

describe('EDGAR ASCII', () => {
  it('is printable ASCII and newlines, at most 80 columns, on every draft', async () => {
    const seed = importLetter(await letterFile('seeds', 'response-letter-2013-11-12.txt')).markdown;
    for (const draft of [example(), STRESS, CONFIDENTIAL, WIDE_TABLE, seed]) checkAscii(exportAscii(draft).text);
  });

  it('any draft gives printable ASCII within 80 columns (property)', () => {
    const tokens = [
      'word',
      ' ',
      '\n',
      '\n\n',
      '**',
      '*',
      '~~',
      '<u>',
      '</u>',
      '<del>',
      '</del>',
      '<br>',
      '“',
      '—',
      '…',
      '¥',
      '北京',
      'é',
      '\t',
      '\u0007',
      'x'.repeat(95),
      '\n---\n',
      '<!-- pagebreak -->',
      '\n- item',
      '\n1. item',
      '\n> quote',
      '\n    > > > > > > > > > > deep',
      '\n```\n' + 'c'.repeat(120) + '\n```\n',
      '\n| a | b | c |\n|---|--:|:-:|\n| ' + 'long cell '.repeat(12) + ' | 1,234 | (5) |\n',
      '\n|' + ' c |'.repeat(45) + '\n|' + '---|'.repeat(45) + '\n',
      '[[confidential: x]]',
      '<!-- confidential-treatment: A Very Long Requester Name Incorporated And Associated Companies Limited Partnership | AB -->',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 30 }), (parts) => {
        const text = exportAscii(parts.join('')).text;
        expect(/[^\n\x20-\x7e]/.test(text)).toBe(false);
        expect(text.split('\n').every((l) => l.length <= ASCII_WIDTH)).toBe(true);
      }),
      params(150),
    );
  });

  it('maps typography to ASCII and reports what it could not', () => {
    const { text, notes } = exportAscii('“Quoted” ‘single’ en–dash em—dash ellipsis… a\u00a0b • bullet § 200.83 ©®™ café Zürich ½ ¥100 北京');
    expect(text.replace(/\n/g, ' ').trim()).toBe(
      '"Quoted" \'single\' en-dash em--dash ellipsis... a b * bullet Section 200.83 (c)(R)(TM) cafe Zurich 1/2 ?100 ??',
    );
    expect(notes.join('\n')).toMatch(/“¥” \(U\+00A5\) ×1/);
    expect(notes.join('\n')).toMatch(/“北” \(U\+5317\) ×1, “京” \(U\+4EAC\) ×1/);
  });

  it('shows additions as _text_, deletions as [deleted: text], withheld text as [***]', () => {
    const { text } = exportAscii('We <u>will add</u> and ~~will remove~~ and <del>also this</del>; revenue was [[confidential: RMB 41.2 million]].');
    expect(text).toContain('\n\nWe _will add_ and [deleted: will remove] and [deleted: also this]; revenue was\n[***].\n');
    expect(text.startsWith('[Certain information in this letter has been omitted')).toBe(true);
  });

  it('wraps paragraphs at 80 columns without losing words', () => {
    const { text } = exportAscii(example());
    const para = 'This letter sets forth the responses of 21Vianet Group, Inc. (the "Company") to the comments of the staff';
    expect(text.replace(/\s+/g, ' ')).toContain(para);
    expect(Math.max(...text.split('\n').map((l) => l.length))).toBeGreaterThan(70);
  });

  it('lays tables out as aligned columns, numbers right-aligned', () => {
    const { text } = exportAscii(
      '| Item | 2016 | 2017 |\n|---|---|---|\n| Cash and cash equivalents | 93,609 | 167,920 |\n| Restricted cash | 4,578 | 1,766 |\n',
    );
    expect(text).toBe(
      [
        'Item                         2016     2017',
        '-------------------------  ------  -------',
        'Cash and cash equivalents  93,609  167,920',
        'Restricted cash             4,578    1,766',
        '',
      ].join('\n'),
    );
  });

  it('wraps the cells of a table wider than 80 columns inside their columns', () => {
    const { text } = exportAscii(WIDE_TABLE);
    const words = text.replace(/\s+/g, ' ');
    for (const w of ['Net revenues from', 'managed network', '3,468,210', '(2,933,845)', '14.7%', 'Cost of revenues']) expect(words).toContain(w);
    checkAscii(text);
    // Aligned: each row starts on one line holding all its numbers, right-aligned to the same columns.
    const lines = text.split('\n');
    const revenue = lines.find((l) => l.includes('3,468,210'))!;
    const cost = lines.find((l) => l.includes('(2,614,357)'))!;
    expect(revenue.startsWith('Net revenues')).toBe(true);
    expect(cost.startsWith('Cost of revenues')).toBe(true);
    for (const [a, b] of [
      ['3,468,210', '(2,614,357)'],
      ['3,976,562', '(2,933,845)'],
      ['14.7%', '12.2%'],
    ] as const) {
      expect(revenue.indexOf(a) + a.length).toBe(cost.indexOf(b) + b.length);
    }
  });

  it('page breaks are <PAGE> lines, each page with its confidential legend', () => {
    const { text } = exportAscii(CONFIDENTIAL);
    expect(text.match(/^<PAGE>$/gm)).toHaveLength(2);
    expect(text.match(/^ +Confidential Treatment Requested by Example Holdings, Inc\.$/gm)).toHaveLength(3);
    for (const n of [1, 2, 3]) expect(text).toMatch(new RegExp(`^ +EXH-${n}$`, 'm'));
    expect(text).not.toContain('41.2');
  });

  it('no front matter or comment anchors', () => {
    for (const draft of [example(), STRESS, CONFIDENTIAL]) {
      const { text } = exportAscii(draft);
      expect(text).not.toMatch(/corresp:|staff-letter|zz-unique|Frontmatter Unique|2099-12-31|confidential-treatment/);
      expect(text).not.toContain('<!--');
      expect(text).not.toMatch(/comment 1[78]\b/);
    }
  });

  it('wrapWords splits words longer than the width', () => {
    expect(wrapWords('a bb cccccccccc d', 4)).toEqual(['a bb', 'cccc', 'cccc', 'cc d']);
  });
});

describe('EDGAR ASCII: wide tables never split a number or a word', () => {
  const years = ['2016', '2017', '2018', '2019', '2020', '2021', '2022', '2023'];
  const money = (r: number, c: number) => `$${81 + r},${String(201 + c * 37).padStart(3, '0')},${String(100 * c).padStart(3, '0')}`;
  const WIDE = [
    `| Segment revenue by geography | ${years.map((y) => `Fiscal ${y}`).join(' | ')} |`,
    `|---|${years.map(() => '---:').join('|')}|`,
    ...['Americas', 'Europe, Middle East and Africa', 'Asia Pacific'].map((label, r) => `| ${label} | ${years.map((_, c) => money(r, c)).join(' | ')} |`),
  ].join('\n');

  /** Every word and number of the cells, as whole tokens of some output line. */
  function expectWhole(text: string, markdown: string): void {
    const tokens = new Set(text.split('\n').flatMap((l) => l.trim().split(/\s+/)));
    const cells = markdown
      .split('\n')
      .filter((l) => !/^\|-/.test(l))
      .flatMap((l) =>
        l
          .split('|')
          .map((c) => c.trim())
          .filter(Boolean),
      );
    for (const cell of cells) for (const word of cell.split(/\s+/)) expect(tokens.has(word) || tokens.has(`${word}:`), word).toBe(true);
  }

  it('nine columns of $81,201,000: stacked tables that repeat the label column, every number whole', () => {
    const { text } = exportAscii(WIDE);
    checkAscii(text);
    expectWhole(text, WIDE);
    // Each stacked table repeats the labels, and every amount sits on its label's line.
    expect(text.match(/^Americas /gm)!.length).toBeGreaterThan(1);
    for (const [r, label] of ['Americas', 'Asia Pacific'].entries()) {
      for (let c = 0; c < years.length; c++) {
        const amount = money(r === 0 ? 0 : 2, c);
        expect(
          text.split('\n').some((l) => l.startsWith(label) && l.includes(amount)),
          `${label} ${amount}`,
        ).toBe(true);
      }
    }
  });

  it('a table whose columns cannot sit side by side at all: one record per row, every word whole', () => {
    const long = 'x'.repeat(50);
    const markdown = `| Description | Note |\n|---|---|\n| ${long} first | ${long}y second |\n| short | $1,234,567 |\n`;
    const { text } = exportAscii(markdown);
    checkAscii(text);
    expectWhole(text, markdown);
    expect(text).toContain(`Description: ${long} first`);
    expect(text).toContain('Note: $1,234,567');
  });
});
