/**
 * The citation model: plain readonly data that every other citations file produces or consumes.
 *
 * Owns: the `Citation` discriminated union (on `source`) and the shapes of problems, descriptions and
 * completion data. Must not: hold logic, import editor or LSP types, or reference the data tables.
 */

/** Where a citation sits in the scanned text: UTF-16 offsets, end exclusive, and the exact source text. */
export interface CitationSpan {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * A position in the FASB Accounting Standards Codification, as deep as the writer went:
 * topic "810", subtopic "10", section "50" (or an SEC section such as "S99"), paragraph "2AA",
 * sub-paragraph as written without its leading dot ("d", "f.2", "(b)", "(c)(1)", "a").
 */
export interface AscLocation {
  readonly topic: string;
  readonly subtopic?: string;
  readonly section?: string;
  readonly paragraph?: string;
  readonly subparagraph?: string;
}

export interface AscCitation extends CitationSpan, AscLocation {
  readonly source: 'ASC';
  /** End of a range ("805-30-25-2 through 25-4"), expanded to a full location. */
  readonly rangeEnd?: AscLocation;
  /** A topic title written after the number ("ASC 805, *Business Combinations*"), without emphasis marks. */
  readonly title?: string;
  /**
   * True when the writer abbreviated this citation against the one before it ("ASC 850-10-50-1a and 50-5":
   * the second is 850-10-50-5) or named its section only after "of" ("paragraph 5A.d of ASC 810-10-50").
   */
  readonly abbreviated?: boolean;
  /** "ASC-250-10-50-7": a hyphen where a space belongs, which `checkCitation` offers to fix. */
  readonly strayHyphen?: boolean;
}

/** An Accounting Standards Update, "ASU 2016-02". */
export interface AsuCitation extends CitationSpan {
  readonly source: 'ASU';
  readonly year: string;
  readonly number: string;
  /** "2016-02" */
  readonly id: string;
}

export type Regulation = 'S-K' | 'S-X' | 'G';

/**
 * An Item of Regulation S-K, a Rule (or Article) of Regulation S-X, a Rule of Regulation G, or the regulation
 * named alone. `item` is the section number ("303", "3-05", "100"); `path` the paragraph designators after it
 * ("303(b)(2)(ii)" → ["b", "2", "ii"]).
 */
export interface RegulationCitation extends CitationSpan {
  readonly source: Regulation;
  readonly regulation: Regulation;
  readonly kind: 'item' | 'rule' | 'article' | 'regulation';
  readonly item?: string;
  readonly path: readonly string[];
  /** True when the text did not name the regulation next to the citation and it was inferred. */
  readonly inferred: boolean;
}

/** A Staff Accounting Bulletin: by number ("SAB No. 99") or by codified topic ("SAB Topic 5.Y", "1:M"). */
export interface SabCitation extends CitationSpan {
  readonly source: 'SAB';
  readonly number?: string;
  readonly topic?: string;
  readonly part?: string;
}

/** A question of the staff's Compliance and Disclosure Interpretations ("Question 102.11"). */
export interface CdiCitation extends CitationSpan {
  readonly source: 'C&DI';
  readonly question: string;
  /** The C&DI set when the text names it, e.g. "Non-GAAP Financial Measures". */
  readonly series?: string;
}

/** An SEC release ("Release 33-8350", "Section V of Release 33-8350", "Exchange Act Release 43069"). */
export interface ReleaseCitation extends CitationSpan {
  readonly source: 'Release';
  readonly number: string;
  readonly section?: string;
}

export type RuleAct = 'Securities Act' | 'Exchange Act';

/**
 * Any other SEC rule ("Rule 13e-4(f)(5)", "Rules 460 and 461", "Rule 83"). `act` and `cfr` are inferred from
 * the rule's numbering (Exchange Act rules carry a letter: 13e-4; Securities Act rules are 100-499).
 */
export interface RuleCitation extends CitationSpan {
  readonly source: 'Rule';
  readonly rule: string;
  readonly path: readonly string[];
  readonly act?: RuleAct;
  /** "17 CFR 240.13e-4" */
  readonly cfr?: string;
  readonly inferred: boolean;
}

/** An item of a form or schedule that is not Regulation S-K: "Item 10 of Schedule TO". */
export interface FormItemCitation extends CitationSpan {
  readonly source: 'Form';
  readonly form: string;
  readonly item: string;
  readonly path: readonly string[];
}

export type Citation = AscCitation | AsuCitation | RegulationCitation | SabCitation | CdiCitation | ReleaseCitation | RuleCitation | FormItemCitation;

export type CitationSourceKind = Citation['source'];

export type Status = 'current' | 'superseded' | 'expired';

export interface Supersession {
  /** What replaced it: "606", "326-20"; absent when the guidance was removed outright. */
  readonly by?: string;
  /** The update that did it: "ASU 2014-09". */
  readonly via: string;
}

export interface CitationDescription {
  /** Canonical form: "ASC 810-10-50-2AA(d)", "Item 303(b) of Regulation S-K". */
  readonly label: string;
  /** What it points to: "Consolidation > Overall > Disclosure, paragraph 2AA(d)"; empty when unknown. */
  readonly title: string;
  /** label + ": " + title, or the label alone. */
  readonly text: string;
  readonly status: Status | 'unknown';
  readonly supersededBy?: Supersession;
  /** A public text of the cited rule (eCFR), when one exists. */
  readonly link?: string;
  /** "Regulation S-K inferred from context" and similar remarks a reader should see. */
  readonly notes: readonly string[];
  /** Sources of the table rows used. */
  readonly sources: readonly string[];
}

export type ProblemCode =
  | 'citation.unknown-topic'
  | 'citation.unknown-subtopic'
  | 'citation.unknown-section'
  | 'citation.superseded'
  | 'citation.malformed-range'
  | 'citation.stray-hyphen';

export type ProblemSeverity = 'error' | 'warning' | 'information';

/** A replacement of text[start, end) by newText: everything a quick fix needs. */
export interface CitationFix {
  readonly title: string;
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface CitationProblem {
  readonly code: ProblemCode;
  readonly severity: ProblemSeverity;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly supersededBy?: Supersession;
  readonly fix?: CitationFix;
}
