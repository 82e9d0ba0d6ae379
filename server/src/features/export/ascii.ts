/**
 * The export model → EDGAR ASCII for a plain-text submission. EDGAR Filer Manual Vol. II §5.2.1: printable ASCII
 * only (smart quotes, en and em dashes, ©, ®, ™, £, ¥ … are invalid), at most 80 characters a line; bold, italics
 * and underlining do not exist in ASCII.
 *
 * Conventions of this output:
 * - Typographic characters are mapped to ASCII (‘’ → ', “” → ", – → -, — → --, … → ..., no-break spaces → space,
 *   bullets → *, § → Section, © → (c), € → EUR …) and accented letters lose their accents (é → e). A character
 *   with no ASCII equivalent (¥, CJK …) becomes "?" and is reported in `lost`.
 * - Underlined additions are written _like this_; struck deletions [deleted: like this]; withheld text [***].
 *   Bold and italics are not marked (headings and repeated comments read as plain text).
 * - Paragraphs are wrapped at 80 columns and separated by a blank line; list items hang under their markers; block
 *   quotes are indented four spaces; tables are aligned columns (numbers right-aligned), their cells wrapped inside
 *   the column when the table would be wider than 80 columns, never narrower than a column's longest word; wider
 *   tables are split into stacked tables that repeat the label column, or written a row at a time as records.
 * - A page break is EDGAR's <PAGE> tag on a line of its own; with a confidential-treatment request each page starts
 *   with the legend and its identifying number, right-aligned.
 */
import { confidentialLegend, FOIA_LEGEND, REDACTION_LEGEND, Style, type ExportBlock, type ExportDraft, type Inline } from './model';

export const ASCII_WIDTH = 80;

export interface LostCharacter {
  readonly char: string;
  /** "U+00A5" */
  readonly code: string;
  readonly count: number;
}

export interface AsciiResult {
  readonly text: string;
  readonly lost: readonly LostCharacter[];
}

const MAP: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u2039': "'",
  '\u203a': "'",
  '\u00b4': "'",
  '\u02bc': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u201f': '"',
  '\u2033': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2212': '-',
  '\u2043': '-',
  '\u2014': '--',
  '\u2015': '--',
  '\u2026': '...',
  '\u00a0': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2004': ' ',
  '\u2005': ' ',
  '\u2006': ' ',
  '\u2007': ' ',
  '\u2008': ' ',
  '\u2009': ' ',
  '\u200a': ' ',
  '\u202f': ' ',
  '\u205f': ' ',
  '\u3000': ' ',
  '\t': ' ',
  '\u200b': '',
  '\u200c': '',
  '\u200d': '',
  '\u2060': '',
  '\ufeff': '',
  '\u00ad': '',
  '\u2022': '*',
  '\u25cf': '*',
  '\u25aa': '*',
  '\u25a0': '*',
  '\u2023': '*',
  '\u2219': '*',
  '\u00b7': '*',
  '\u25e6': 'o',
  '\u25cb': 'o',
  '\u00a7': 'Section',
  '\u00b6': 'Paragraph',
  '\u00a9': '(c)',
  '\u00ae': '(R)',
  '\u2122': '(TM)',
  '\u2120': '(SM)',
  '\u20ac': 'EUR',
  '\u00a3': 'GBP',
  '\u00a2': 'cents',
  '\u00b0': ' degrees',
  '\u00d7': 'x',
  '\u00f7': '/',
  '\u00b1': '+/-',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '<>',
  '\u2248': '~',
  '\u2044': '/',
  '\u2215': '/',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2713': 'x',
  '\u2714': 'x',
  '\u2717': 'x',
  '\u2610': '[ ]',
  '\u2612': '[x]',
  '\u00df': 'ss',
  '\u00e6': 'ae',
  '\u00c6': 'AE',
  '\u0153': 'oe',
  '\u0152': 'OE',
  '\u00f8': 'o',
  '\u00d8': 'O',
  '\u0111': 'd',
  '\u0110': 'D',
  '\u0142': 'l',
  '\u0141': 'L',
  '\u00fe': 'th',
  '\u00de': 'Th',
  '\u00f0': 'd',
  '\u00d0': 'D',
  '\u0131': 'i',
};

/** Turns text into printable ASCII, counting what had no equivalent. */
export class Transliterator {
  private readonly lostChars = new Map<string, number>();

  ascii(text: string): string {
    const t = text.replace(/\u00a7\u00a7\s*/g, 'Sections ').replace(/\u00a7\s*/g, 'Section ');
    let out = '';
    for (const ch of t) {
      const code = ch.codePointAt(0)!;
      if ((code >= 0x20 && code <= 0x7e) || ch === '\n') {
        out += ch;
        continue;
      }
      const mapped = MAP[ch];
      if (mapped !== undefined) {
        out += mapped;
        continue;
      }
      if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) continue; // control characters carry no text
      // Accented letters, ligatures, full-width forms, fractions: their compatibility decomposition without accents.
      const bare = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      const parts = [...bare].map((c) => (/^[\x20-\x7e]$/.test(c) ? c : MAP[c]));
      if (bare.length > 0 && parts.every((p) => p !== undefined)) {
        out += parts.join('');
        continue;
      }
      this.lostChars.set(ch, (this.lostChars.get(ch) ?? 0) + 1);
      out += '?';
    }
    return out;
  }

  get lost(): LostCharacter[] {
    return [...this.lostChars].map(([char, count]) => ({
      char,
      code: `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
      count,
    }));
  }
}

/** Words of `text` in lines of at most `width` (long words are split). */
export function wrapWords(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const lines: string[] = [];
  for (const hard of text.split('\n')) {
    let line = '';
    for (const word of hard.split(/ +/).filter((x) => x.length > 0)) {
      let rest = word;
      while (rest.length > 0) {
        const room = line.length === 0 ? w : w - line.length - 1;
        if (rest.length <= room) {
          line = line.length === 0 ? rest : `${line} ${rest}`;
          rest = '';
        } else if (line.length > 0) {
          lines.push(line);
          line = '';
        } else {
          lines.push(rest.slice(0, w));
          rest = rest.slice(w);
        }
      }
    }
    lines.push(line);
  }
  // A trailing empty line only when the text ended with a hard break.
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Runs → one ASCII string; '\n' for line breaks. */
function inlineText(items: readonly Inline[], tr: Transliterator): string {
  let out = '';
  let i = 0;
  while (i < items.length) {
    const item = items[i]!;
    if (item.kind === 'break') {
      out += '\n';
      i++;
      continue;
    }
    if (item.kind === 'image') {
      out += `[image: ${tr.ascii(item.alt || item.src)}]`;
      i++;
      continue;
    }
    if (item.redacted) {
      out += item.text;
      i++;
      continue;
    }
    // Consecutive runs with the same underline/strike decoration form one marked group.
    const key = item.style & (Style.Underline | Style.Strike);
    let text = '';
    while (i < items.length) {
      const next = items[i]!;
      if (next.kind !== 'text' || next.redacted || (next.style & (Style.Underline | Style.Strike)) !== key) break;
      text += next.text;
      i++;
    }
    const ascii = tr.ascii(text).replace(/\n/g, ' ');
    const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(ascii)!;
    if (m[2]!.length === 0) out += ascii;
    else if (key & Style.Strike) out += `${m[1]}[deleted: ${m[2]}]${m[3]}`;
    else if (key & Style.Underline) out += `${m[1]}_${m[2]}_${m[3]}`;
    else out += ascii;
  }
  return out.replace(/[ ]{2,}/g, ' ');
}

function paragraphLines(text: string, first: string, rest: string): string[] {
  const width = ASCII_WIDTH - Math.max(first.length, rest.length);
  return wrapWords(text, width).map((l, i) => `${i === 0 ? first : rest}${l}`.replace(/\s+$/, ''));
}

const NUMERIC = /^[(]?[-+]?[$€£]?\s?[(]?\d[\d,.]*%?[)]?$|^[-–—]$/;

/** The longest word of a cell (a table column is never narrower: no number or word is split across lines). */
function longestWord(text: string): number {
  let longest = 0;
  for (const w of text.split(' ')) longest = Math.max(longest, w.length);
  return longest;
}

/**
 * A table as aligned columns. Reliability: a column is never squeezed below its longest word, so a number
 * ("$81,201,000") or a word is never cut across lines. A table too wide for 80 columns even so is split into
 * several tables stacked one under the other, each repeating the first (label) column; when even the label column
 * and one other do not fit side by side, each row is written as a record ("Header: value" lines).
 */
function tableLines(block: Extract<ExportBlock, { kind: 'table' }>, indent: string, tr: Transliterator): string[] {
  const avail = ASCII_WIDTH - indent.length;
  const cells = block.rows.map((row) => row.map((c) => inlineText(c, tr).replace(/\s+/g, ' ').trim()));
  const n = Math.max(1, ...cells.map((r) => r.length));
  // A word longer than a whole line is split wherever it stands (as in a paragraph); any other word never is.
  const minWidth = Array.from({ length: n }, (_, c) => Math.min(avail, Math.max(1, ...cells.map((r) => longestWord(r[c] ?? '')))));
  const fits = (cols: readonly number[], gap: number) => cols.reduce((a, c) => a + minWidth[c]!, 0) + gap * (cols.length - 1) <= avail;
  const all = Array.from({ length: n }, (_, c) => c);
  if (fits(all, 2)) return columnLines(block, cells, all, indent, avail, 2, minWidth);
  if (fits(all, 1)) return columnLines(block, cells, all, indent, avail, 1, minWidth);
  // Several tables, each with the label column and as many of the others as fit.
  const groups: number[][] = [];
  let group: number[] = [0];
  for (let c = 1; c < n; c++) {
    if (fits([...group, c], 2)) group.push(c);
    else if (group.length > 1) {
      groups.push(group);
      group = [0, c];
      if (!fits(group, 2)) return recordLines(cells, indent);
    } else return recordLines(cells, indent);
  }
  groups.push(group);
  const out: string[] = [];
  groups.forEach((g, i) => {
    if (i > 0) out.push('');
    out.push(...columnLines(block, cells, g, indent, avail, 2, minWidth));
  });
  return out;
}

function columnLines(
  block: Extract<ExportBlock, { kind: 'table' }>,
  cells: readonly (readonly string[])[],
  cols: readonly number[],
  indent: string,
  avail: number,
  gap: number,
  minWidth: readonly number[],
): string[] {
  const widths = cols.map((c) => Math.max(1, ...cells.map((r) => (r[c] ?? '').length)));
  let total = widths.reduce((a, b) => a + b, 0) + gap * (cols.length - 1);
  while (total > avail) {
    // The widest column that can still give up a character (never below its longest word).
    let widest = -1;
    for (let i = 0; i < cols.length; i++) if (widths[i]! > minWidth[cols[i]!]! && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    if (widest < 0) break;
    widths[widest]!--;
    total--;
  }
  const out: string[] = [];
  cells.forEach((row, r) => {
    const wrapped = cols.map((c, i) => wrapWords(row[c] ?? '', widths[i]!));
    const height = Math.max(1, ...wrapped.map((w) => w.length));
    for (let k = 0; k < height; k++) {
      const parts = wrapped.map((lines, i) => {
        const c = cols[i]!;
        const text = lines[k] ?? '';
        const right = block.align[c] === 'right' || (block.align[c] !== 'left' && block.align[c] !== 'center' && NUMERIC.test(row[c] ?? ''));
        if (block.align[c] === 'center') {
          const left = Math.floor((widths[i]! - text.length) / 2);
          return (' '.repeat(left) + text).padEnd(widths[i]!);
        }
        return right ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
      });
      out.push(`${indent}${parts.join(' '.repeat(gap))}`.replace(/\s+$/, ''));
    }
    if (r === 0 && row.some((c) => c.length > 0) && cells.length > 1) out.push(`${indent}${widths.map((w) => '-'.repeat(w)).join(' '.repeat(gap))}`);
  });
  return out;
}

/** Each row as a record: "Header: value" per cell, the rows apart by a blank line. */
function recordLines(cells: readonly (readonly string[])[], indent: string): string[] {
  const header = cells.length > 1 && (cells[0] ?? []).some((c) => c.length > 0) ? cells[0]! : undefined;
  const rows = header ? cells.slice(1) : cells;
  const out: string[] = [];
  rows.forEach((row, r) => {
    if (r > 0) out.push('');
    row.forEach((cell, c) => {
      if (!cell) return;
      const label = header?.[c];
      out.push(...paragraphLines(label ? `${label}: ${cell}` : cell, indent, `${indent}    `));
    });
  });
  return out;
}

function centered(text: string): string[] {
  return wrapWords(text, ASCII_WIDTH).map((l) => `${' '.repeat(Math.floor((ASCII_WIDTH - l.length) / 2))}${l}`);
}

function rightAligned(text: string): string[] {
  return wrapWords(text, ASCII_WIDTH).map((l) => l.padStart(ASCII_WIDTH));
}

export function renderAscii(draft: ExportDraft): AsciiResult {
  if (draft.refused) throw new Error(`export: a refused draft is never rendered (line ${draft.refused.line})`);
  const tr = new Transliterator();
  let page = 1;
  const legend = (): string[] => {
    if (!draft.confidential) return [];
    const l = confidentialLegend(draft.confidential, page);
    return [...rightAligned(tr.ascii(l.requested)), ...rightAligned(tr.ascii(l.number))];
  };

  /** Blocks → chunks of lines (chunks are separated by a blank line). */
  const render = (list: readonly ExportBlock[], depth: string): string[][] => {
    // Deep nesting would leave no room for text: indentation stops at 40 columns.
    const indent = depth.length > 40 ? depth.slice(0, 40) : depth;
    const chunks: string[][] = [];
    for (const b of list) {
      switch (b.kind) {
        case 'heading':
        case 'paragraph':
          chunks.push(paragraphLines(inlineText(b.content, tr), indent, indent));
          break;
        case 'quote':
          chunks.push(...render(b.children, `${indent}    `));
          break;
        case 'list': {
          const tight = b.items.every((item) => item.length <= 1 && (item.length === 0 || item[0]!.kind === 'paragraph'));
          const lines: string[] = [];
          b.items.forEach((item, i) => {
            const marker = b.ordered ? `${b.start + i}.` : '-';
            const pad = ' '.repeat(marker.length + 1);
            const inner = render(item, `${indent}${pad}`);
            if (inner.length === 0) inner.push([`${indent}${pad}`]);
            const first = inner[0]!;
            first[0] = `${indent}${marker.padEnd(pad.length)}${first[0]!.slice(indent.length + pad.length)}`.replace(/\s+$/, '');
            if (tight) lines.push(...inner.flat());
            else chunks.push(...inner);
          });
          if (tight && lines.length > 0) chunks.push(lines);
          break;
        }
        case 'code': {
          const lines: string[] = [];
          for (const line of tr.ascii(b.text.replace(/\n$/, '')).split('\n')) {
            const l = line.replace(/\s+$/, '');
            const room = ASCII_WIDTH - indent.length;
            if (l.length === 0) lines.push('');
            for (let at = 0; at < l.length; at += room) lines.push(`${indent}${l.slice(at, at + room)}`);
          }
          chunks.push(lines);
          break;
        }
        case 'table':
          chunks.push(tableLines(b, indent, tr));
          break;
        case 'pageBreak': {
          page++;
          const l = legend();
          chunks.push(l.length > 0 ? ['<PAGE>', ...l] : ['<PAGE>']);
          break;
        }
        case 'separator':
          chunks.push(centered('* * *'));
          break;
      }
    }
    return chunks.filter((c) => c.length > 0);
  };

  const head: string[][] = [];
  if (draft.confidential) head.push([...legend(), '', ...centered(tr.ascii(FOIA_LEGEND))]);
  if (draft.redact && draft.confidentialSpans > 0) head.push(paragraphLines(tr.ascii(REDACTION_LEGEND), '', ''));
  const chunks = [...head, ...render(draft.blocks, '')];
  const lines = chunks
    .map((c) => c.join('\n'))
    .join('\n\n')
    .split('\n');
  // Belt and braces: no line over 80 columns, whatever a block did.
  const safe = lines.flatMap((l) => {
    const t = l.replace(/\s+$/, '');
    const out: string[] = [];
    for (let at = 0; at < t.length; at += ASCII_WIDTH) out.push(t.slice(at, at + ASCII_WIDTH));
    return out.length > 0 ? out : [''];
  });
  return { text: `${safe.join('\n')}\n`, lost: tr.lost };
}
