/**
 * The seed response letter (November 12, 2013) through export: every table cell and every underlined span of the
 * original must reach the EDGAR HTML. In the seed, underlines are written <u>…</u> and table rows are lines of
 * tab-separated cells.
 */
import { describe, expect, it } from 'vitest';
import { exportHtml } from '../../../server/src/features/export';
import { importLetter } from '../../../server/src/features/importLetter';
import { fixture, letterFile } from '../../helpers';
import { elementsNamed, markedSegments, norm, parseHtml, textOf } from './helpers';

const SEED = ['seeds', 'response-letter-2013-11-12.txt'] as const;

/** Text as it reads: no <u> tags, no Markdown backslash escapes, single spaces. */
const plain = (s: string) => norm(s.replace(/<\/?u>/g, '').replace(/\\([\\$*_])/g, '$1'));

function original() {
  const text = fixture(...SEED);
  const underlines = [...text.matchAll(/<u>([\s\S]*?)<\/u>/g)].map((m) => plain(m[1]!)).filter((s) => s.length > 0);
  const cells = text
    .split('\n')
    .filter((l) => l.includes('\t'))
    .flatMap((l) => l.split('\t'))
    .map(plain)
    .filter((c) => c.length > 0);
  return { text, underlines, cells };
}

/** The seed as a Markdown draft would hold it: tab-separated lines as GFM tables, <u> kept inline. */
function seedAsMarkdown(text: string): string {
  const out: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length;) {
    if (!lines[i]!.includes('\t')) {
      out.push(lines[i]!);
      i++;
      continue;
    }
    const rows: string[][] = [];
    while (i < lines.length && lines[i]!.includes('\t')) rows.push(lines[i++]!.split('\t').map((c) => c.trim().replace(/\|/g, '\\|')));
    const width = Math.max(...rows.map((r) => r.length));
    const row = (r: string[]) => `| ${Array.from({ length: width }, (_, k) => r[k] ?? '').join(' | ')} |`;
    out.push('', row(rows[0]!), `|${' --- |'.repeat(width)}`, ...rows.slice(1).map(row), '');
  }
  return out.join('\n');
}

function multiset(list: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const s of list) m.set(s, (m.get(s) ?? 0) + 1);
  return m;
}

function missing(expected: readonly string[], actual: readonly string[]): string[] {
  const have = multiset(actual);
  const out: string[] = [];
  for (const s of expected) {
    const n = have.get(s) ?? 0;
    if (n === 0) out.push(s);
    else have.set(s, n - 1);
  }
  return out;
}

describe('seed response letter → EDGAR HTML', () => {
  const seed = original();

  it('the seed has what this test counts', () => {
    expect(seed.underlines.length).toBeGreaterThan(100);
    expect(seed.cells.length).toBeGreaterThan(150);
  });

  it('as a Markdown draft: every table cell is a cell and every underlined span a <U>', () => {
    const html = exportHtml(seedAsMarkdown(seed.text)).text;
    const tree = parseHtml(html);
    const cells = elementsNamed(tree, 'td', 'th')
      .map((c) => plain(textOf(c)))
      .filter((c) => c.length > 0);
    expect(missing(seed.cells, cells)).toEqual([]);
    expect(cells).toHaveLength(seed.cells.length);
    const underlined = markedSegments(tree, 'u').map(plain);
    expect(missing(seed.underlines, underlined)).toEqual([]);
    expect(underlined).toHaveLength(seed.underlines.length);
  });

  it('through importLetter(): the text of every cell and underlined span survives', async () => {
    const imported = importLetter(await letterFile(...SEED));
    const html = exportHtml(imported.markdown).text;
    const words = plain(textOf(parseHtml(html))).replace(/\\/g, '');
    for (const s of [...seed.cells, ...seed.underlines]) expect(words).toContain(s.replace(/\\/g, ''));
  });

  // The plain-text importer reads tab-separated tables and <u>…</u> (parse/plainText.ts), and table cells keep their
  // marks through import (Block.cells), so the seed round-trips with every cell and every underline in place.
  it('through importLetter(): every table cell is a cell and every underlined span a <U>', async () => {
    const imported = importLetter(await letterFile(...SEED));
    const tree = parseHtml(exportHtml(imported.markdown).text);
    const cells = elementsNamed(tree, 'td', 'th')
      .map((c) => plain(textOf(c)))
      .filter((c) => c.length > 0);
    expect(missing(seed.cells, cells)).toEqual([]);
    expect(missing(seed.underlines, markedSegments(tree, 'u').map(plain))).toEqual([]);
  });
});
