/**
 * `findCitations`: one left-to-right pass over a text that finds every citation.
 *
 * Owns: the pass itself. One global regex finds the places a citation can start (a keyword such as "ASC",
 * "Item", "Rule", "SAB", or a bare "606-10-…" number); the family parser for that keyword reads the citation
 * there with anchored, bounded regexes; the pass resumes after what was read. Each attempt costs a bounded
 * amount of work and every accepted citation consumes its text, so the pass is linear in the text's length.
 * Must not: throw (any failure yields no citation at that place), do IO, or know editor types.
 */
import type { Citation } from './types';
import { parseAscBare, parseAscKeyword, parseAsu, parseParagraphKeyword, parseTopicKeyword, type Parsed } from './asc';
import {
  parseArticle,
  parseCdi,
  parseItem,
  parseRegulationFirst,
  parseRelease,
  parseRule,
  parseSab,
  parseSectionOfRelease,
  regulationContext,
  type RegulationContext,
} from './sec';

const TRIGGER_SOURCE =
  '(?<![A-Za-z0-9&])(?:' +
  [
    'FASB',
    'ASC',
    'Accounting Standards (?:Codification|Updates?)',
    'ASUs?',
    '[Tt]opics?',
    '[Ss]ub-?topics?',
    '[Ss]ections?',
    '[Pp]aragraphs?',
    '[Pp]aras?\\.',
    '¶',
    '[Ii]tems?',
    'ITEMS?',
    '[Rr]ules?',
    'RULES?',
    'Articles?',
    'SABs?',
    'Staff Accounting Bulletins?',
    '[Qq]uestions?',
    'Non-GAAP C&DI',
    'C&DIs?',
    'CDIs?',
    'Regulation',
    'Reg\\.',
    '(?:Exchange Act|Securities Act|SEC|Interpretive) Releases?',
    'Releases?',
    'S-[KX]',
    '\\d{3}[-\\u2010\\u2011]\\d',
  ].join('|') +
  ')';

function dispatch(text: string, word: string, pos: number, ctx: RegulationContext): Parsed | null {
  const c = word[0]!;
  if (c >= '0' && c <= '9') {
    // A bare number is a citation only with section and paragraph, and not inside a longer token.
    const before = text[pos - 1];
    if (before === '-' || before === '.' || before === '/' || before === '\u2010' || before === '\u2011') return null;
    return parseAscBare(text, pos);
  }
  if (word === 'FASB' || word === 'ASC' || word.startsWith('Accounting Standards Cod')) return parseAscKeyword(text, pos);
  if (word.startsWith('ASU') || word.startsWith('Accounting Standards Up')) return parseAsu(text, pos);
  const lower = word.toLowerCase();
  if (lower.startsWith('topic') || lower.startsWith('sub')) return parseTopicKeyword(text, pos);
  if (lower.startsWith('section')) return parseTopicKeyword(text, pos) ?? parseSectionOfRelease(text, pos);
  if (lower.startsWith('para') || word === '¶') return parseParagraphKeyword(text, pos);
  if (lower.startsWith('item')) return parseItem(text, pos, ctx);
  if (lower.startsWith('rule')) return parseRule(text, pos, ctx);
  if (word.startsWith('Article')) return parseArticle(text, pos);
  if (word.startsWith('SAB') || word.startsWith('Staff')) return parseSab(text, pos);
  if (lower.startsWith('question') || word.includes('C&DI') || word.startsWith('CDI')) return parseCdi(text, pos);
  if (word === 'Regulation' || word === 'Reg.' || word.startsWith('S-')) return parseRegulationFirst(text, pos);
  if (word.endsWith('Release') || word.endsWith('Releases')) return parseRelease(text, pos);
  return null;
}

/**
 * Every citation in `text`, in order, without overlaps. Offsets are UTF-16 code units into `text`; `end` is
 * exclusive. Never throws: on an internal failure the citations found so far are returned.
 */
export function findCitations(text: string): Citation[] {
  const out: Citation[] = [];
  if (typeof text !== 'string' || text.length === 0) return out;
  try {
    const ctx = regulationContext(text);
    const trigger = new RegExp(TRIGGER_SOURCE, 'g');
    let m: RegExpExecArray | null;
    while ((m = trigger.exec(text)) !== null) {
      const pos = m.index;
      const r = dispatch(text, m[0], pos, ctx);
      if (r && r.citations.length > 0 && r.end > pos) {
        for (const c of r.citations) out.push(c);
        trigger.lastIndex = r.end;
      } else {
        trigger.lastIndex = pos + Math.max(1, m[0].length);
      }
    }
  } catch {
    // A parser bug must not take the editor down: keep what was found.
  }
  return out;
}
