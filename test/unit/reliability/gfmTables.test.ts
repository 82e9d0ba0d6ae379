/**
 * The Markdown parser leaves the GFM table construct out for text `mayHoldTable` says can hold no table (it costs a
 * third of a letter's parse). These hold it to the promise that makes that safe: on any text it says holds none, the
 * parse without tables is the parse with them, node for node and position for position; and every table the full
 * parser reads, however written (one column without pipes, in a quote or a list, after a paragraph), is in text it
 * says may hold one.
 */
import fc from 'fast-check';
import type { Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { mayHoldTable, remarkLetterGfm } from '../../../server/src/parse/gfm';
import { parseMarkdownWhole } from '../../../server/src/parse/markdown';
import { params } from '../../runs';

const withTables = unified().use(remarkParse).use(remarkLetterGfm);
const withoutTables = unified().use(remarkParse).use(remarkLetterGfm, { tables: false });

const hasTable = (tree: Root): boolean => JSON.stringify(tree).includes('"type":"table"');

/** Lines made of what tables, setext headings, thematic breaks, lists, quotes and code are made of. */
const line = fc
  .array(fc.constantFrom('a', 'b', ' ', ' ', '-', '-', '-', ':', '|', '=', '*', '>', '`', '~', '1.', '#', '\\', '\t', '[^1]', '[x]: /y'), {
    maxLength: 12,
  })
  .map((parts) => parts.join(''));
const text = fc.array(line, { maxLength: 12 }).map((lines) => lines.join('\n'));
/** The same with whole table rows and delimiter rows (with and without pipes) among the lines: tables are read often. */
const tableish = fc
  .array(fc.oneof(line, fc.constantFrom('| a | b |', '|---|---|', 'a | b', '--|--', 'abc', ':--', '--:', ':-:', '> :--', '- abc', '  :--', '-:|')), {
    maxLength: 12,
  })
  .map((lines) => lines.join('\n'));

describe('GFM tables: left out only where none can be', () => {
  it('text that can hold no table parses the same without the table construct', () => {
    let compared = 0;
    fc.assert(
      fc.property(text, (t) => {
        if (mayHoldTable(t)) return;
        compared++;
        expect(withoutTables.parse(t)).toEqual(withTables.parse(t));
      }),
      params(2000),
    );
    // The generator makes both kinds of text.
    expect(compared).toBeGreaterThan(0);
  });

  it('every table the full parser reads is in text said to may hold one', () => {
    let tables = 0;
    fc.assert(
      fc.property(tableish, (t) => {
        if (!hasTable(withTables.parse(t) as Root)) return;
        tables++;
        expect(mayHoldTable(t), JSON.stringify(t)).toBe(true);
      }),
      params(2000),
    );
    expect(tables).toBeGreaterThan(0);
  });

  it('reads the tables written without pipes, in quotes and lists, as tables', () => {
    for (const t of ['abc\n:--', 'abc\n--:', 'abc\n:-:\nxyz', '> abc\n> :--', '- abc\n  :--', 'a | b\n--|--', '| a |\n| - |']) {
      expect(mayHoldTable(t), t).toBe(true);
      expect(hasTable(withTables.parse(t) as Root), t).toBe(true);
      expect(
        parseMarkdownWhole(t).some((b) => b.kind === 'table'),
        t,
      ).toBe(true);
    }
    // Setext headings and thematic breaks are no tables, with or without the construct.
    for (const t of ['abc\n---', 'abc\n===', '---', '- - -', 'a - b\n- c']) {
      expect(mayHoldTable(t), t).toBe(false);
      expect(withoutTables.parse(t), t).toEqual(withTables.parse(t));
    }
  });
});
