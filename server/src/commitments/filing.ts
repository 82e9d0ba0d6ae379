/**
 * A later filing (10-K, 10-Q, 8-K …) read for `verify`: its blocks from any format Corresp reads (EDGAR HTML through
 * the streaming filing reader, PDF, text and Markdown through the letter readers), and what its cover page says: the
 * form type and the period it covers. Takes bytes, never a path to open. Never throws.
 */
import type { Block } from '../parse/blocks';
import { DATE_PATTERN, parseLetterDate } from '../letters/dates';
import { readLetterBytes, sourceKindOf, type SourceKind } from '../letters/read';
import { decodeText } from '../text/decode';
import { filingHtmlToBlocks } from './filingHtml';

/** A filing can be far larger than a letter: EDGAR 10-Ks with inline XBRL run past 10 MB. */
export const MAX_FILING_BYTES = 64 * 1024 * 1024;

export interface FilingDocument {
  readonly path: string;
  readonly kind: SourceKind;
  /** The text offsets refer to (the HTML source, the PDF's extracted text …). */
  readonly text: string;
  readonly blocks: readonly Block[];
  /** From the cover page: "10-K", "10-Q", "8-K" …, when it says. */
  readonly form?: string;
  /** The period the filing covers (ISO): "For the fiscal year ended December 31, 2024". */
  readonly periodEnd?: string;
  readonly pages: number;
  readonly failure?: string;
}

/** Reads a filing from its bytes. */
export async function readFiling(path: string, bytes: Uint8Array): Promise<FilingDocument> {
  const kind = sourceKindOf(path) ?? sniff(bytes);
  if (bytes.length > MAX_FILING_BYTES)
    return {
      path,
      kind,
      text: '',
      blocks: [],
      pages: 0,
      failure: `too large to analyse (${(bytes.length / 1048576).toFixed(1)} MB; the limit is ${MAX_FILING_BYTES / 1048576} MB)`,
    };
  if (kind === 'html') {
    const head = new TextDecoder().decode(bytes.subarray(0, 4096));
    const charset = /<meta[^>]+charset\s*=\s*["']?(windows-1252|iso-8859-1|latin1)/i.test(head) ? 'windows-1252' : undefined;
    const decoded = decodeText(bytes, charset);
    if (decoded.binary) return { path, kind, text: '', blocks: [], pages: 0, failure: 'a binary file, not a filing' };
    return withCover({ path, kind, text: decoded.text, blocks: filingHtmlToBlocks(decoded.text), pages: 0 });
  }
  const file = await readLetterBytes(path, bytes);
  if (file.failure) return { path, kind: file.kind, text: file.text, blocks: [], pages: 0, failure: file.failure };
  return withCover({ path, kind: file.kind, text: file.text, blocks: file.blocks, pages: 0 });
}

function sniff(bytes: Uint8Array): SourceKind {
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return 'pdf';
  const head = new TextDecoder().decode(bytes.subarray(0, 2048)).toLowerCase();
  return /<(?:!doctype html|html|body|div|p[\s>]|xbrl)/.test(head) ? 'html' : 'text';
}

const FORM_RE = /\bFORM\s+(10-K(?:T|\/A)?|10-Q(?:\/A)?|20-F|40-F|8-K|6-K|S-[134]|F-[134])\b/i;
const PERIOD_RE = new RegExp(
  `\\bfor\\s+the\\s+(?:fiscal\\s+year|quarterly\\s+period|transition\\s+period|(?:fiscal\\s+)?quarter|period|year)\\s+ended:?\\s*(${DATE_PATTERN})`,
  'i',
);
const EVENT_RE = new RegExp(`\\bDate\\s+of\\s+Report[^:]{0,60}:?\\s*(${DATE_PATTERN})`, 'i');

function withCover(doc: FilingDocument): FilingDocument {
  const cover = coverOf(doc.blocks);
  const pages = doc.blocks.reduce((n, b) => Math.max(n, b.page ?? 1), doc.blocks.length > 0 ? 1 : 0);
  return { ...doc, ...cover, pages };
}

/** The form type and period from a filing's first blocks (its cover page). */
export function coverOf(blocks: readonly Block[]): { form?: string; periodEnd?: string } {
  let form: string | undefined;
  let periodEnd: string | undefined;
  let annual = false;
  let quarterly = false;
  let read = 0;
  for (const b of blocks) {
    if (read > 20_000) break;
    const t = b.text.length > 2000 ? b.text.slice(0, 2000) : b.text;
    read += t.length;
    if (!form) {
      const m = FORM_RE.exec(t);
      if (m) form = m[1]!.toUpperCase();
    }
    if (/\bannual report pursuant to section 13/i.test(t)) annual = true;
    if (/\bquarterly report pursuant to section 13/i.test(t)) quarterly = true;
    if (!periodEnd) {
      const p = PERIOD_RE.exec(t) ?? (form === '8-K' ? EVENT_RE.exec(t) : null);
      if (p) periodEnd = parseLetterDate(p[1]!);
    }
    if (form && periodEnd) break;
  }
  if (!form && annual) form = '10-K';
  if (!form && quarterly) form = '10-Q';
  return { ...(form ? { form } : {}), ...(periodEnd ? { periodEnd } : {}) };
}
