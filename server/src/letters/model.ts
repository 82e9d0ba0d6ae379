/**
 * The letters model: what a staff comment letter and a company's response draft say, as plain readonly data with
 * source ranges (offsets into the source text). Every importer's output ends here. No editor or protocol types, no IO.
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/**
 * The codes the letters layer reports itself: coverage (anchors, quote drift, missing, empty and placeholder answers,
 * blanks, a letter with no anchors), the staff letter reader (numbering gaps) and the Word reader (tracked changes,
 * Word comments). Each is a key of the one table of codes, `DIAGNOSTIC_CODES` in features/diagnostics.ts, which checks
 * that at compile time (this layer cannot import it).
 */
export type LetterProblemCode =
  | 'anchor.duplicate'
  | 'anchor.misnumbered'
  | 'anchor.no-such-comment'
  | 'anchor.out-of-order'
  | 'comment.missing'
  | 'draft.no-anchors'
  | 'letter.numbering-gap'
  | 'letter.tracked-changes'
  | 'letter.word-comment'
  | 'quote.drift'
  | 'response.blank'
  | 'response.empty'
  | 'response.placeholder'
  | 'response.unnumbered';

/**
 * Something wrong with, or worth knowing about, a letter: a stable dotted code, a message and where. `Code` is the
 * codes its reporter may give: a plain `LetterProblem` is the letters layer's (`LetterProblemCode`: a code outside the
 * union does not compile); the features' lists hold `Problem` (`LetterProblem<DiagnosticCode>`, every code of the one
 * table: citations, due dates, front matter, commitment hints besides these).
 */
export interface LetterProblem<Code extends string = LetterProblemCode> {
  readonly code: Code;
  readonly severity: Severity;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  /** What a quick fix needs (kept here so fixes can be rebuilt from the problem alone). */
  readonly data?: Readonly<Record<string, unknown>>;
  /** Places in other letters the problem is about (the other draft of a duplicate response): offsets in that letter. */
  readonly related?: readonly RelatedPlace[];
}

/** A place in another letter a problem points to (the editor's related information). */
export interface RelatedPlace {
  readonly uri: string;
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A caption line of the letter ("Item 5. Operating and Financial Review", "Goodwill, page 84"). */
export interface Caption extends Span {
  readonly title: string;
  /** Nesting rank: 0 form, 1 part, 2 item or top section, 3 note or lettered sub-item, 4 other titles, 5 page caption. */
  readonly rank: number;
}

/** A reference back to an earlier letter's comment: "prior comment 1", "prior comments 2 and 3". */
export interface PriorCommentRef extends Span {
  readonly numbers: readonly number[];
  /** The date of the letter it names, when the sentence says ("in our letter dated May 22, 2024"). */
  readonly letterDate?: string;
}

export interface StaffComment extends Span {
  readonly number: number;
  /** Caption path, outermost first. */
  readonly caption: readonly string[];
  /** The caption lines written right before this comment (what a response repeats above it). */
  readonly captionsBefore: readonly Caption[];
  /** Full text: paragraphs separated by a blank line, bullets as "- " lines. */
  readonly text: string;
  readonly paragraphs: readonly string[];
  /** The requests it makes, as sentences ("Tell us …", "Please revise …"); bullets under a request are their own. */
  readonly asks: readonly string[];
  readonly priorRefs: readonly PriorCommentRef[];
  /** Range of the comment's first block (its number and first paragraph). */
  readonly head: Span;
  readonly page?: number;
}

export interface Filing {
  /** "Form 20-F for the Fiscal Year Ended December 31, 2016". */
  readonly description: string;
  /** "April 12, 2017" as written, when the Re block says when it was filed. */
  readonly filed?: string;
  /** The registrant whose filing it is, when the Re block names several. */
  readonly company?: string;
  /** Its File No., when the Re block gives one after it. */
  readonly fileNumber?: string;
}

export interface Signatory {
  readonly name?: string;
  readonly title?: string;
  /** "Office of Information Technologies and Services". */
  readonly office?: string;
}

/** Where a letter came from. `response` when its comments were rebuilt from a response that repeats them. */
export type LetterSource = 'markdown' | 'text' | 'pdf' | 'html' | 'docx' | 'response';

export interface StaffLetter {
  readonly kind: 'staff-letter';
  readonly source: LetterSource;
  /** ISO date (yyyy-mm-dd) and as written. */
  readonly date?: string;
  readonly dateText?: string;
  readonly company?: string;
  readonly addressee?: readonly string[];
  readonly filings: readonly Filing[];
  /** The Re block's (first) File No. as written ("001-35126"). */
  readonly fileNumber?: string;
  /** Every File No. the Re block gives, in order, when it gives several (letters about several registrants). */
  readonly fileNumbers?: readonly string[];
  /** Every registrant the Re block names, in order, when it names several; `company` is the first. */
  readonly companies?: readonly string[];
  /** The company's response this letter answers ("We have reviewed your August 4, 2017 response"), ISO date. */
  readonly respondsTo?: string;
  /** The earlier staff letter "prior comment N" refers to, ISO date. */
  readonly priorLetterDate?: string;
  /** "within ten business days" → 10. */
  readonly responseDays?: number;
  readonly responseTimeText?: string;
  /** A date the letter sets for the response ("provide a complete, substantive response … by December 19, 2023"), ISO. */
  readonly respondBy?: string;
  /** A reminder that an earlier letter's comments remain outstanding ("We issued comments to you … on November 7,
   * 2023"): that letter's date, ISO. */
  readonly remindsOf?: string;
  readonly signatory?: Signatory;
  /** All captions in order. */
  readonly captions: readonly Caption[];
  readonly comments: readonly StaffComment[];
  /** True for a letter that says the staff did not review or completed its review (no comments expected). */
  readonly noReview?: boolean;
  /** The letter asks for the company's written acknowledgment ("Tandy": the company is responsible for the adequacy
   * and accuracy of its disclosure …), as staff letters did until late 2016. */
  readonly asksAcknowledgment?: boolean;
  readonly problems: readonly LetterProblem<LetterProblemCode>[];
}

export type AnchorForm = 'heading' | 'html-comment' | 'label' | 'numbered';

/** Where a response draft says "this answers comment N". */
export interface ResponseAnchor extends Span {
  /** The comment numbers as written ("Comments 3 and 4" → [3, 4]). */
  readonly numbers: readonly number[];
  readonly form: AnchorForm;
  /** Range of just the number(s) in the anchor, for hovers and renames. */
  readonly numberSpan: Span;
  /**
   * The repeated comment, when the draft repeats it. A comment repeated in parts, each followed by its own answer,
   * has every part's range in `parts` (the first is start–end) and all their words in `text`.
   */
  readonly quote?: Span & { readonly text: string; readonly parts?: readonly Span[] };
  readonly response: ResponseBody;
  /** The caption lines written right before this anchor. */
  readonly captionsBefore: readonly Caption[];
  /** Range from the anchor to the end of its response (for folding and symbols). */
  readonly extent: Span;
}

export interface ResponseBody extends Span {
  readonly text: string;
  /** Empty, or only a placeholder such as TODO, TBD, "[Response]", "[●]". */
  readonly placeholder: boolean;
  /** Blanks left to fill inside an otherwise written response ("[●] million"). */
  readonly blanks: readonly (Span & { readonly text: string })[];
  /** Range of the "Response:" label, when there is one. */
  readonly label?: Span;
}

export interface FrontMatter extends Span {
  readonly data: Readonly<Record<string, unknown>>;
  /** The staff letter path as written and where. */
  readonly staffLetter?: Span & { readonly path: string };
  /** Response due date from the front matter (ISO). */
  readonly due?: string;
  readonly dueSpan?: Span;
  /** `corresp: staff-letter` or `corresp: response`. */
  readonly declaredKind?: 'staff-letter' | 'response';
  /** When the response went out (`sent:` or `filed:`, ISO): a sent letter is judged by this date, not today's. */
  readonly sent?: string;
}

/**
 * Letters a company files in a comment thread that are not answers: a request for more time, a request to accelerate
 * effectiveness (Rule 461) or its withdrawal, a supplemental letter (after a call with the staff, with an amendment).
 */
export type LetterPurpose = 'time-request' | 'acceleration' | 'withdrawal' | 'supplemental';

export interface ResponseDraft {
  readonly kind: 'response';
  readonly frontMatter?: FrontMatter;
  readonly date?: string;
  readonly company?: string;
  /** The staff letter it answers, from "your letter dated October 29, 2013" (ISO). */
  readonly answersLetterDated?: string;
  readonly anchors: readonly ResponseAnchor[];
  readonly captions: readonly Caption[];
  readonly priorRefs: readonly PriorCommentRef[];
  /** Paragraphs that are not anchored, with their ranges (for "anchor this paragraph" and prose responses). */
  readonly prose: readonly (Span & { readonly text: string })[];
  /** Where the letter's body begins (after the salutation) and its closing begins: answers go between. */
  readonly bodyStart: number;
  readonly closingStart: number;
  /** The letter asks the staff for more time ("we respectfully request an extension until August 17, 2016"). */
  readonly timeRequest?: Span & { readonly until?: string };
  /** What a letter that answers no comment by number is for, when it says (where it says it). */
  readonly purpose?: Span & { readonly kind: LetterPurpose };
  readonly problems: readonly LetterProblem<LetterProblemCode>[];
}

export type Letter = StaffLetter | ResponseDraft;
