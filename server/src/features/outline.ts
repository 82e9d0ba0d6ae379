/**
 * The document's outline and folding: captions as sections, each comment (or its answer) with its status, and a
 * fold per comment and per caption section.
 */
import type { Caption } from '../letters/model';
import type { LineIndex } from '../text/lineIndex';
import type { Thread } from '../analysis/thread';

export interface OutlineSymbol {
  readonly name: string;
  readonly detail: string;
  readonly kind: 'caption' | 'comment';
  readonly start: number;
  readonly end: number;
  /** Where the name is (the caption line, the anchor). */
  readonly selectionStart: number;
  readonly selectionEnd: number;
  readonly children: OutlineSymbol[];
}

interface Item {
  readonly captions: readonly Caption[];
  readonly symbol: OutlineSymbol;
}

export function outline(thread: Thread): OutlineSymbol[] {
  const doc = thread.doc;
  const items: Item[] = [];
  if (doc.draft) {
    for (const a of doc.draft.anchors) {
      const numbers = thread.coverage?.answers.get(a) ?? a.numbers;
      const status =
        numbers.map((n) => thread.coverage?.comments.find((c) => c.number === n)?.status).find(Boolean) ??
        (a.response.placeholder ? 'placeholder' : 'answered');
      items.push({
        captions: a.captionsBefore,
        symbol: {
          name: `Comment${a.numbers.length > 1 ? 's' : ''} ${a.numbers.join(', ')}`,
          detail: status,
          kind: 'comment',
          start: a.start,
          end: a.extent.end,
          selectionStart: a.start,
          selectionEnd: a.end,
          children: [],
        },
      });
    }
  } else if (doc.letter && doc.letter.source !== 'response') {
    for (const c of doc.letter.comments) {
      items.push({
        captions: c.captionsBefore,
        symbol: {
          name: `Comment ${c.number}`,
          detail: c.asks.length > 0 ? `${c.asks.length} request${c.asks.length === 1 ? '' : 's'}` : '',
          kind: 'comment',
          start: c.start,
          end: c.end,
          selectionStart: c.head.start,
          selectionEnd: c.head.end,
          children: [],
        },
      });
    }
  }

  // Caption runs open nested sections; a section runs until the next run starts.
  const roots: OutlineSymbol[] = [];
  let open: Array<{ symbol: OutlineSymbol; rank: number }> = [];
  for (const item of items) {
    if (item.captions.length > 0) {
      const first = item.captions[0]!;
      // A new run closes open sections at or below its first caption's rank (an unranked title closes all but forms).
      open = open.filter((o) => (first.rank >= 4 ? o.rank === 0 : o.rank < first.rank));
      for (const c of item.captions) {
        const section: OutlineSymbol = {
          name: c.title,
          detail: '',
          kind: 'caption',
          start: c.start,
          end: item.symbol.end,
          selectionStart: c.start,
          selectionEnd: c.end,
          children: [],
        };
        (open.length > 0 ? open[open.length - 1]!.symbol.children : roots).push(section);
        open.push({ symbol: section, rank: c.rank });
      }
    }
    (open.length > 0 ? open[open.length - 1]!.symbol.children : roots).push(item.symbol);
    for (const o of open) (o.symbol as { end: number }).end = Math.max(o.symbol.end, item.symbol.end);
  }
  return roots;
}

export interface Fold {
  readonly startLine: number;
  readonly endLine: number;
  readonly kind?: 'comment' | 'region';
}

/** One fold per comment answer / staff comment, per caption section and for the front matter. */
export function foldingRanges(thread: Thread, lines: LineIndex): Fold[] {
  const folds: Fold[] = [];
  const add = (start: number, end: number, kind?: Fold['kind']) => {
    const a = lines.lineAt(start);
    let b = lines.lineAt(Math.max(start, end - 1));
    while (b > a && lines.lineText(b).trim().length === 0) b--;
    if (b > a) folds.push({ startLine: a, endLine: b, ...(kind ? { kind } : {}) });
  };
  const fm = thread.doc.file.frontMatter;
  if (fm) add(fm.start, fm.end, 'region');
  const walk = (symbols: readonly OutlineSymbol[]) => {
    for (const s of symbols) {
      add(s.selectionStart, s.end, s.kind === 'comment' ? 'comment' : 'region');
      walk(s.children);
    }
  };
  walk(outline(thread));
  return folds;
}
