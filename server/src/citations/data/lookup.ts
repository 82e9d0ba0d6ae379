/**
 * Indexed, read-only access to the bundled tables.
 *
 * Owns: the maps built once from the tables, and the two structural rules the tables rely on: every Topic has a
 * Subtopic 10, "Overall" (the pattern in every Topic whose Subtopics our sources list), so a Topic's "-10" is
 * known even where no row names it; and an SEC Section is an "S" before a Section number. Must not: parse citations
 * or format text for people.
 */
import type { Regulation, Status, Supersession } from '../types';
import { ASC_SECTIONS } from './asc-sections';
import { ASC_SUBTOPICS } from './asc-subtopics';
import { ASC_TOPICS } from './asc-topics';
import { REG_G, REG_SK, REG_SX } from './regulations';
import type { AscSectionRow, AscTopicRow, RegulationRow } from './rows';

/** A topic as the table holds it: nothing is derived. */
export type TopicInfo = AscTopicRow;

export interface SubtopicInfo {
  readonly code: string;
  readonly topic: string;
  readonly subtopic: string;
  readonly title: string;
  readonly status: Status;
  readonly supersededBy?: Supersession;
  readonly source: string;
}

export interface SectionInfo {
  readonly number: string;
  readonly name: string;
  readonly source: string;
}

export interface RegulationItemInfo {
  readonly regulation: Regulation;
  readonly item: string;
  readonly cfr: string;
  readonly title: string;
  readonly group: string;
  readonly source: string;
}

const OVERALL_SOURCE =
  'Codification structure: Subtopic 10 of every Topic is "Overall" (as in every Topic whose Subtopics the sources above list, e.g. DART ASC 505 and ASC 944 overviews)';

const topics = new Map<string, TopicInfo>(ASC_TOPICS.map((t) => [t.number, t]));

const subtopics = new Map<string, SubtopicInfo>();
const subtopicsByTopic = new Map<string, SubtopicInfo[]>();
function addSubtopic(info: SubtopicInfo): void {
  subtopics.set(info.code, info);
  const list = subtopicsByTopic.get(info.topic) ?? [];
  list.push(info);
  subtopicsByTopic.set(info.topic, list);
}
for (const s of ASC_SUBTOPICS) {
  const [topic, subtopic] = s.code.split('-') as [string, string];
  const parent = topics.get(topic);
  if (!parent) continue;
  const own = s.supersededBy;
  const sup = own ?? parent.supersededBy;
  addSubtopic({
    code: s.code,
    topic,
    subtopic,
    title: s.title,
    status: s.status ?? (own ? 'superseded' : parent.status),
    ...(sup ? { supersededBy: sup } : {}),
    source: s.source,
  });
}
for (const t of topics.values()) {
  if (subtopics.has(`${t.number}-10`)) continue;
  addSubtopic({
    code: `${t.number}-10`,
    topic: t.number,
    subtopic: '10',
    title: 'Overall',
    status: t.status,
    ...(t.supersededBy ? { supersededBy: t.supersededBy } : {}),
    source: OVERALL_SOURCE,
  });
}
for (const list of subtopicsByTopic.values()) list.sort((a, b) => Number(a.subtopic) - Number(b.subtopic));

const sections = new Map<string, AscSectionRow>(ASC_SECTIONS.map((s) => [s.number, s]));
const SEC_SECTIONS =
  'SOA Financial Reporter, July 2023, "Speaking The New Lingo": Sections whose number is preceded by an "S" hold SEC material';
/** An SEC Section the table does not list ("S20"): an "S" before a Section number, named after that Section. */
function secSection(section: string): SectionInfo | undefined {
  if (!section.startsWith('S')) return undefined;
  const base = sections.get(section.slice(1));
  return base ? { number: section, name: `${base.name} (SEC material)`, source: `${SEC_SECTIONS}; ${base.source}` } : undefined;
}

const regulationRows: Record<Regulation, readonly RegulationRow[]> = { 'S-K': REG_SK, 'S-X': REG_SX, G: REG_G };
const regulationIndex = new Map<string, RegulationItemInfo>();
for (const reg of ['S-K', 'S-X', 'G'] as const) {
  for (const r of regulationRows[reg]) regulationIndex.set(`${reg} ${r.item}`, { regulation: reg, ...r });
}

export function topicInfo(topic: string): TopicInfo | undefined {
  return topics.get(topic);
}

export function subtopicInfo(topic: string, subtopic: string): SubtopicInfo | undefined {
  return subtopics.get(`${topic}-${subtopic}`);
}

/** A Section number of the Codification, listed or an "S" before a listed one; undefined when it is no Section. */
export function sectionInfo(section: string): SectionInfo | undefined {
  return sections.get(section) ?? secSection(section);
}

/** True when the number is a Topic of the Codification (current, superseded or expired). */
export function isTopicNumber(num: string): boolean {
  return topics.has(num);
}

export function allTopics(): TopicInfo[] {
  return [...topics.values()];
}

export function subtopicsOf(topic: string): SubtopicInfo[] {
  return [...(subtopicsByTopic.get(topic) ?? [])];
}

export function allSections(): SectionInfo[] {
  return [...sections.values()];
}

/** Titles a writer may put after a topic number: the current title. */
export function topicTitles(topic: string): string[] {
  const t = topics.get(topic);
  return t ? [t.title] : [];
}

/** The row for an item or rule, or for the nearest enclosing paragraph that has one ("303(b)(2)(ii)" → "303(b)(2)"). */
export function regulationItem(reg: Regulation, item: string, path: readonly string[]): RegulationItemInfo | undefined {
  for (let n = path.length; n >= 0; n--) {
    const key = item + path.slice(0, n).map((p) => `(${p})`).join('');
    const hit = regulationIndex.get(`${reg} ${key}`);
    if (hit) return hit;
  }
  return undefined;
}

export function regulationItems(reg: Regulation): RegulationItemInfo[] {
  return regulationRows[reg].map((r) => ({ regulation: reg, ...r }));
}

/**
 * True for numbers of Regulation S-K's numbering: Item 10 and the subparts numbered in hundreds from 100 (Business)
 * to 1600 (SPACs), as the subparts in regulations.ts show. Used only to infer S-K for an "Item" the text does not
 * qualify; it makes no claim that the item exists.
 */
export function isSkItemNumber(num: string): boolean {
  if (!/^\d{1,4}$/.test(num)) return false;
  const n = Number(num);
  return n === 10 || (n >= 100 && n <= 1699);
}
