/**
 * The heuristic thresholds of anchors and coverage: how much of one text's word pairs another must hold (a
 * `containment()` / `rankComments()` score between 0 and 1) before the reader takes it for a comment's words, and how
 * many words of each text are compared. One named constant per decision, with the real letter (or the commit and
 * the real letters it was measured on) that set it, so a change to one is a change to one line here and a test of
 * that letter. Data only: no functions, no imports.
 *
 * "The 21 real EDGAR pairs" are the staff letters and filed responses of the first letters model (commit fa3d685,
 * now test/fixtures/threads and ACCURACY.md's corpus); its thresholds were set so that every filed response answering
 * by number reads as fully answered, with the one real quote drift ('Regulations S-X') still found.
 */

// ---- How many words are compared -------------------------------------------------------------------------------

/** Words of an anchor candidate and of the staff text compared when the response reader decides what a paragraph
 *  is (responseDraft.ts). Set with the 21 real EDGAR pairs (fa3d685): long enough for a comment's opening sentence. */
export const ANCHOR_WINDOW = 80;

/** Words of a repeated comment and of the staff comment compared by coverage (misnumbered anchor, quote drift).
 *  Set with the 21 real EDGAR pairs (fa3d685): a whole usual comment, so a drift late in it is still compared. */
export const COVERAGE_WINDOW = 120;

/** Words of an unanchored paragraph and of a comment compared when matching prose-only responses (fa3d685). */
export const PROSE_WINDOW = 150;

// ---- Response reader (responseDraft.ts): is this paragraph the comment repeated? --------------------------------

/** A set-off (bold) numbered candidate with enough words is an anchor when it holds this much of its own comment, or
 *  of the best-matching one. Low because the styling already says "quote"; set with the 21 real EDGAR pairs (fa3d685). */
export const STRONG_ANCHOR_MIN = 0.3;

/** A short bold numbered paragraph ("**1. Tax credits.**") is an anchor only when it and its comment hold this much
 *  of each other: Lennar's 2016 response (len_0000000000-16-068040; commit 093c4e7), whose answer's own bold
 *  numbered list was taken for anchors. */
export const SHORT_TITLE_MIN = 0.5;

/** A short plain numbered fragment (under 12 words, no final period) is a repeated comment only when it and a comment
 *  hold this much of each other: an answer's numbered list item ("1. Core operating income excluding catastrophe
 *  losses") is not: Chubb's 2019 response (cb_0000000000-19-007690; commit c4383fc). */
export const FRAGMENT_MIN = 0.5;

/** A plain numbered candidate repeats its own comment at this score (fa3d685, the 21 real EDGAR pairs). */
export const OWN_COMMENT_MIN = 0.5;

/** … or any comment of the letter at this higher score, since it then carries the wrong number (fa3d685; made one
 *  pass over an index in 9827c7e). */
export const ANY_COMMENT_MIN = 0.7;

/** After a heading or explicit anchor, an unstyled next paragraph followed by a "Response:" label repeats the
 *  comment when this much of it is the staff's words (fa3d685, the 21 real EDGAR pairs). */
export const LABEL_FOLLOWS_QUOTE_MIN = 0.5;

/** A paragraph after the quote continues it when at least this much is the staff's words word for word (fa3d685);
 *  also keeps a short last paragraph of the comment without its period from being read as a title: Chubb's 2019
 *  comment 1 (cb_0000000000-19-007690; commit d4967f3). */
export const QUOTE_CONTINUES_MIN = 0.8;

/** A later paragraph, after an answer, is another part of a comment repeated in parts when this much of it is the
 *  staff's words in the quote's style ({@link QUOTE_CONTINUES_MIN}) or this much in another style: Solventum's 2024
 *  response (solv_0000000000-24-000187; commit 38b8a15), where an answer quoting a sentence of the comment is no part. */
export const QUOTE_PART_PLAIN_MIN = 0.95;

/** The search for parts stops once the parts found hold this much of the comment's word pairs (commit 773f84d,
 *  Lennar 2016 tables; the incremental pair set that replaced re-reading the quote at every part). */
export const QUOTE_PARTS_COMPLETE = 0.9;

/** A candidate part is new only when under this share of its word pairs were already in the parts found (773f84d). */
export const QUOTE_PART_NEW_MAX = 0.7;

// ---- Coverage (coverage.ts) -------------------------------------------------------------------------------------

/** An anchor whose quote holds less than this much of its own comment is compared with every comment to see whether
 *  it is misnumbered (fa3d685, the 21 real EDGAR pairs). */
export const OWN_QUOTE_MIN = 0.3;

/** … and is reported misnumbered when another comment scores above this (strictly); set with the 21 real EDGAR pairs
 *  (fa3d685), none of whose filed responses is flagged. */
export const MISNUMBERED_MIN = 0.6;

/** A quote holding less than this much of its comment is another text, not the comment with drift: no word diff is
 *  reported (fa3d685; the one real drift, 'Regulations S-X', is well above it). */
export const QUOTE_DRIFT_MIN = 0.3;

/** An unanchored paragraph of a prose-only response answers the comment it shares at least this much with, in either
 *  direction (fa3d685, the 21 real EDGAR pairs). */
export const PROSE_MATCH_MIN = 0.35;
