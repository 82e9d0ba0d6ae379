/**
 * Import: any letter (PDF, text, EDGAR HTML, Markdown) → Corresp Markdown. A staff letter gets front matter with
 * its facts, captions as headings and each comment as a numbered list item holding its paragraphs and bullets; a
 * response keeps its anchors, bold and italic repeats, underlines, strikes and tables. Built as an mdast tree and
 * printed by remark-stringify, so escaping is the library's. Reading the result gives the same comments back.
 */
import type { BlockContent, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Table } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import * as path from 'node:path';
import { unified } from 'unified';
import { stringify as yamlStringify } from 'yaml';
import { blockLines, Mark, type Block, type Run } from '../parse/blocks';
import { leadingNumber } from '../letters/staffLetter';
import type { ResponseDraft, StaffLetter } from '../letters/model';
import { letterKindOf, responseOf, staffLetterOf, type LetterFile } from '../letters/read';

const printer = unified().use(remarkGfm).use(remarkStringify, {
  bullet: '-',
  emphasis: '*',
  strong: '*',
  rule: '-',
  listItemIndent: 'one',
});

export interface ImportOptions {
  /** The source file name as the front matter should record it. */
  readonly sourceName?: string;
  /** For a response: the staff letter path to write into its front matter. */
  readonly staffLetterPath?: string;
}

export interface ImportResult {
  readonly kind: 'staff-letter' | 'response';
  readonly markdown: string;
  readonly comments: number;
}

/** Where a letter's Markdown import goes: beside it, the same name with `.md` ("letter.pdf" → "letter.md"). */
export function importedPath(source: string): string {
  return source.replace(/\.[^./\\]+$/, '') + '.md';
}

/** Import Staff Letter…: the letter at `source` (an absolute path) as Corresp Markdown, and where it goes. */
export function importPlan(file: LetterFile, source: string): ImportResult & { readonly path: string } {
  return { ...importLetter(file, { sourceName: path.basename(source) }), path: importedPath(source) };
}

export function importLetter(file: LetterFile, options: ImportOptions = {}): ImportResult {
  const kind = letterKindOf(file);
  if (kind === 'staff-letter') {
    const letter = staffLetterOf(file);
    return { kind, markdown: staffLetterMarkdown(file, letter, options), comments: letter.comments.length };
  }
  const draft = responseOf(file);
  return { kind, markdown: responseMarkdown(file, draft, options), comments: draft.anchors.length };
}

function frontMatter(data: Record<string, unknown>): string {
  const clean = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)));
  return `---\n${yamlStringify(clean, { lineWidth: 0 }).trimEnd()}\n---\n\n`;
}

export function staffLetterMarkdown(file: LetterFile, letter: StaffLetter, options: ImportOptions = {}): string {
  const fm = frontMatter({
    corresp: 'staff-letter',
    source: options.sourceName,
    date: letter.date,
    company: letter.company,
    filings: letter.filings.map((f) => (f.filed ? `${f.description} (filed ${f.filed})` : f.description)),
    'file-no': letter.fileNumber,
    'responds-to': letter.respondsTo,
    'prior-letter': letter.priorLetterDate,
    'response-days': letter.responseDays,
  });

  // Which blocks are captions (and how deep), comment heads, and comment bodies.
  const captionDepth = new Map<number, number>();
  for (const comment of letter.comments) {
    const kept = comment.caption.length - comment.captionsBefore.length;
    comment.captionsBefore.forEach((c, i) => captionDepth.set(c.start, Math.min(6, 2 + kept + i)));
  }
  const heads = new Map(letter.comments.map((c) => [c.head.start, c]));
  const children: RootContent[] = [];
  let current: { item: ListItem; end: number } | undefined;
  const firstComment = letter.comments[0]?.start ?? Infinity;
  for (const block of file.blocks) {
    const depth = captionDepth.get(block.start);
    if (depth !== undefined) {
      current = undefined;
      children.push({ type: 'heading', depth: depth as 1 | 2 | 3 | 4 | 5 | 6, children: phrasing(block.runs) });
      continue;
    }
    const comment = heads.get(block.start);
    if (comment) {
      const lead = leadingNumber(block);
      const runs = lead ? sliceRuns(block.runs, lead.restStart) : block.runs;
      const item: ListItem = { type: 'listItem', spread: true, children: [paragraph(runs)] };
      // Consecutive comments share one list, so the Markdown reads "1. … 2. …" without separators.
      const prev = children[children.length - 1];
      if (prev && prev.type === 'list' && prev.ordered && (prev.start ?? 1) + prev.children.length === comment.number) prev.children.push(item);
      else children.push({ type: 'list', ordered: true, start: comment.number, spread: true, children: [item] } satisfies List);
      current = { item, end: comment.end };
      continue;
    }
    if (current && block.start < current.end) {
      current.item.children.push(...(blockContent(block) as BlockContent[]));
      continue;
    }
    current = undefined;
    children.push(...blockContent(block, block.start < firstComment || block.start > (letter.comments.at(-1)?.end ?? 0)));
  }
  return fm + print({ type: 'root', children });
}

function responseMarkdown(file: LetterFile, draft: ResponseDraft, options: ImportOptions): string {
  const fm = frontMatter({
    corresp: 'response',
    'staff-letter': options.staffLetterPath,
    source: options.sourceName,
    date: draft.date,
    company: draft.company,
    'answers-letter-dated': draft.answersLetterDated,
  });
  const captions = new Set(draft.captions.map((c) => c.start));
  const children: RootContent[] = [];
  for (const block of file.blocks) {
    if (captions.has(block.start)) {
      children.push({ type: 'heading', depth: 3, children: phrasing(block.runs) });
      continue;
    }
    children.push(...blockContent(block, block.start < draft.bodyStart || block.start >= draft.closingStart));
  }
  return fm + print({ type: 'root', children });
}

/** Adjacent one-item lists of the same kind become one list (as they were written). */
function mergeLists(nodes: Array<RootContent | BlockContent>): void {
  for (let i = nodes.length - 1; i > 0; i--) {
    const a = nodes[i - 1]!;
    const b = nodes[i]!;
    if (a.type === 'list' && b.type === 'list' && a.ordered === b.ordered && (!a.ordered || (a.start ?? 1) + a.children.length === (b.start ?? 1))) {
      a.children.push(...b.children);
      a.spread = a.spread || b.spread;
      nodes.splice(i, 1);
    }
  }
  for (const n of nodes) {
    if (n.type === 'list') for (const item of n.children) mergeLists(item.children);
  }
}

function print(tree: Root): string {
  mergeLists(tree.children);
  try {
    return String(printer.stringify(tree));
  } catch {
    // remark-stringify does not throw on trees we build; if it ever did, plain paragraphs still import the words.
    return tree.children.map((c) => ('children' in c ? JSON.stringify(c) : '')).join('\n\n');
  }
}

/** Blocks → mdast. `lines`: keep short source lines as hard breaks (addresses, the Re block, signatures). */
function blockContent(block: Block, lines = false): RootContent[] {
  switch (block.kind) {
    case 'heading':
      return [{ type: 'heading', depth: Math.min(6, Math.max(1, block.depth)) as 1 | 2 | 3 | 4 | 5 | 6, children: phrasing(block.runs) }];
    case 'listItem': {
      const ordered = /^\d+[.)]$/.test(block.marker ?? '');
      const start = ordered ? Number.parseInt(block.marker!, 10) : undefined;
      const body =
        !ordered && block.marker && block.marker !== '-'
          ? [{ type: 'text', value: `${block.marker} ` } as PhrasingContent, ...phrasing(block.runs)]
          : phrasing(block.runs);
      const list: List = {
        type: 'list',
        ordered,
        ...(start !== undefined ? { start } : {}),
        spread: false,
        children: [{ type: 'listItem', spread: false, children: body.length > 0 ? [{ type: 'paragraph', children: body }] : [] }],
      };
      return [list];
    }
    case 'table': {
      const rows = block.rows ?? [];
      const width = Math.max(1, ...rows.map((r) => r.length));
      const table: Table = {
        type: 'table',
        align: new Array(width).fill(null),
        children: rows.map((r, ri) => ({
          type: 'tableRow',
          children: Array.from({ length: width }, (_, i) => {
            const runs = block.cells?.[ri]?.[i];
            return { type: 'tableCell', children: runs && runs.length > 0 ? phrasing(runs) : r[i] ? [{ type: 'text', value: r[i]! }] : [] };
          }),
        })),
      };
      return rows.length > 0 ? [table] : [];
    }
    case 'code':
      return [{ type: 'code', value: block.text }];
    case 'html':
      return [{ type: 'html', value: block.text }];
    case 'break':
      return [{ type: 'thematicBreak' }];
    default: {
      if (lines && block.breaks.length > 0) {
        const parts = blockLines(block);
        if (parts.every((l) => l.length <= 90)) {
          const kids: PhrasingContent[] = [];
          parts.forEach((l, i) => {
            if (i > 0) kids.push({ type: 'break' });
            kids.push({ type: 'text', value: l });
          });
          return [{ type: 'paragraph', children: kids }];
        }
      }
      return [paragraph(block.runs)];
    }
  }
}

function paragraph(runs: readonly Run[]): Paragraph {
  return { type: 'paragraph', children: phrasing(runs) };
}

function sliceRuns(runs: readonly Run[], from: number): Run[] {
  const out: Run[] = [];
  let pos = 0;
  for (const r of runs) {
    const end = pos + r.text.length;
    if (end > from) out.push(pos >= from ? r : { text: r.text.slice(from - pos), marks: r.marks });
    pos = end;
  }
  if (out.length > 0) out[0] = { ...out[0]!, text: out[0]!.text.replace(/^\s+/, '') };
  return out;
}

/** Marked runs → phrasing nodes; whitespace stays outside emphasis so the Markdown is valid. */
function phrasing(runs: readonly Run[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const run of runs) {
    const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(run.text)!;
    if (m[1]) out.push({ type: 'text', value: m[1] });
    if (m[2]) out.push(...wrap(m[2], run.marks));
    if (m[3]) out.push({ type: 'text', value: m[3] });
  }
  return mergeText(out);
}

function wrap(text: string, marks: number): PhrasingContent[] {
  if (marks & Mark.Code) return [{ type: 'inlineCode', value: text }];
  let node: PhrasingContent = { type: 'text', value: text };
  if (marks & Mark.Strike) node = { type: 'delete', children: [node] };
  if (marks & Mark.Emphasis) node = { type: 'emphasis', children: [node] };
  if (marks & Mark.Strong) node = { type: 'strong', children: [node] };
  if (marks & Mark.Underline) return [{ type: 'html', value: '<u>' }, node, { type: 'html', value: '</u>' }];
  return [node];
}

function mergeText(nodes: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const n of nodes) {
    const prev = out[out.length - 1];
    if (prev && prev.type === 'text' && n.type === 'text') prev.value += n.value;
    else out.push(n);
  }
  return out;
}
