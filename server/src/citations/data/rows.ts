/**
 * Row shapes of the bundled reference tables.
 *
 * Owns: the types only. Must not: hold rows (asc-topics.ts, asc-subtopics.ts, asc-sections.ts, regulations.ts)
 * or logic (lookup.ts).
 */
import type { Status, Supersession } from '../types';

export interface AscTopicRow {
  readonly number: string;
  readonly title: string;
  readonly area: string;
  readonly status: Status;
  readonly supersededBy?: Supersession;
  readonly source: string;
}

export interface AscSubtopicRow {
  /** "350-20" */
  readonly code: string;
  readonly title: string;
  /** Only when it differs from the Topic's status. */
  readonly status?: Status;
  readonly supersededBy?: Supersession;
  readonly source: string;
}

export interface AscSectionRow {
  /** "50", "S99" */
  readonly number: string;
  readonly name: string;
  readonly source: string;
}

export interface RegulationRow {
  /** As cited: "303", "303(b)(1)", "3-05", "100(a)". */
  readonly item: string;
  /** "17 CFR 229.303" */
  readonly cfr: string;
  readonly title: string;
  /** Subpart (S-K) or article (S-X). */
  readonly group: string;
  readonly source: string;
}
