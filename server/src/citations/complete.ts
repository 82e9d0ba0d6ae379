/**
 * Completion data for the editor: the lists to offer (topics, subtopics of a topic, sections, items and rules of a
 * regulation) and `citationCompletionContext`, which says what the writer is in the middle of typing.
 *
 * Owns: deciding the completion kind from the text before the cursor. Must not: build editor completion items
 * or read anything but its arguments. Looks only at the end of the line (a bounded slice), so it is cheap on
 * any line.
 */
import type { Regulation } from './types';
import {
  allSections,
  allTopics,
  regulationItems as itemsOf,
  subtopicsOf,
  type RegulationItemInfo,
  type SectionInfo,
  type SubtopicInfo,
  type TopicInfo,
} from './data/lookup';

export type { RegulationItemInfo, SectionInfo, SubtopicInfo, TopicInfo };

/** ASC Topics with titles, status and source, in number order. */
export function ascTopics(): TopicInfo[] {
  return allTopics();
}

/** Subtopics of a Topic ("810" → 810-10, 810-20, 810-30). */
export function ascSubtopics(topic: string): SubtopicInfo[] {
  return subtopicsOf(topic);
}

/**
 * Sections that may follow a Subtopic ("810-10"). The Codification numbers Sections the same way in every Subtopic,
 * so this is the standard list; not every Subtopic has every Section.
 */
export function ascSections(_subtopic?: string): SectionInfo[] {
  return allSections();
}

/** Items of Regulation S-K, Rules of S-X or G in the bundled tables. */
export function regulationItems(regulation: Regulation): RegulationItemInfo[] {
  return itemsOf(regulation);
}

export type CitationCompletionContext =
  | { readonly kind: 'asc-topic'; readonly partial: string; readonly replaceFrom: number }
  | { readonly kind: 'asc-subtopic'; readonly topic: string; readonly partial: string; readonly replaceFrom: number }
  | {
      readonly kind: 'asc-section';
      readonly topic: string;
      readonly subtopic: string;
      readonly partial: string;
      readonly replaceFrom: number;
    }
  | {
      readonly kind: 'regulation-item';
      readonly regulation: Regulation;
      /** True when the regulation comes from the surrounding text rather than this line's words. */
      readonly inferred: boolean;
      readonly partial: string;
      readonly replaceFrom: number;
    };

const TAIL = 120;
const ASC_SECTION = /(?:^|[^A-Za-z0-9])(?:(?:FASB\s)?ASC|Topic|Subtopic|Section)[\s-]{1,3}(\d{3})-(\d{2,3})-(S?\d{0,2})$/;
const ASC_SUBTOPIC = /(?:^|[^A-Za-z0-9])(?:(?:FASB\s)?ASC|Topic|Subtopic)[\s-]{1,3}(\d{3})-(\d{0,3})$/;
const ASC_TOPIC = /(?:^|[^A-Za-z0-9])(?:(?:FASB\s)?ASC(?:\sTopic)?|Topic)[\s-]{1,3}(\d{0,3})$/;
const REG_ITEM = /(?:^|[^A-Za-z0-9])(?:(?:Regulation\s|Reg\.\s)?(S-K|S-X|G)\s)?(Items?|Rules?)\s{1,3}(\d{0,4}(?:-\d{0,2})?)$/;
const MENTION = /Regulation[ \t\u00a0\r\n]{1,3}(S-K|S-X|G)(?![A-Za-z0-9])/g;

function lastMention(text: string): Regulation | undefined {
  let last: Regulation | undefined;
  MENTION.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MENTION.exec(text)) !== null) last = m[1] as Regulation;
  return last;
}

/**
 * What is being typed at the end of `linePrefix` (the line up to the cursor): "ASC " → topics, "ASC 810-" →
 * subtopics of 810, "ASC 810-10-" → sections, "Item " after Regulation S-K is named → S-K items, "Rule " in an S-X
 * context or "Rule 3-" → S-X rules. `replaceFrom` is where the partial number starts in `linePrefix`.
 */
export function citationCompletionContext(linePrefix: string, documentTextBefore = ''): CitationCompletionContext | null {
  if (typeof linePrefix !== 'string') return null;
  const offset = Math.max(0, linePrefix.length - TAIL);
  const tail = linePrefix.slice(offset);
  let m = ASC_SECTION.exec(tail);
  if (m) return { kind: 'asc-section', topic: m[1]!, subtopic: m[2]!, partial: m[3]!, replaceFrom: linePrefix.length - m[3]!.length };
  m = ASC_SUBTOPIC.exec(tail);
  if (m) return { kind: 'asc-subtopic', topic: m[1]!, partial: m[2]!, replaceFrom: linePrefix.length - m[2]!.length };
  m = ASC_TOPIC.exec(tail);
  if (m) return { kind: 'asc-topic', partial: m[1]!, replaceFrom: linePrefix.length - m[1]!.length };
  m = REG_ITEM.exec(tail);
  if (m) {
    const partial = m[3]!;
    const replaceFrom = linePrefix.length - partial.length;
    const named = m[1] as Regulation | undefined;
    if (named) return { kind: 'regulation-item', regulation: named, inferred: false, partial, replaceFrom };
    const isRule = m[2]!.toLowerCase().startsWith('rule');
    if (isRule && partial.includes('-')) return { kind: 'regulation-item', regulation: 'S-X', inferred: true, partial, replaceFrom };
    const context = lastMention(`${typeof documentTextBefore === 'string' ? documentTextBefore : ''}\n${linePrefix.slice(0, offset + m.index)}`);
    if (!context) return null;
    if (isRule && context === 'S-K') return null;
    if (!isRule && context !== 'S-K') return null;
    return { kind: 'regulation-item', regulation: context, inferred: true, partial, replaceFrom };
  }
  return null;
}
