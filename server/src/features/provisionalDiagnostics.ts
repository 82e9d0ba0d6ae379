/**
 * A draft's diagnostics before the workspace has been read. A first start on a large repository (or the first after
 * an upgrade, when the analysis cache is of another version) reads every letter before it knows any thread whole:
 * 7-9 s for 500 threads on two cores, during which the draft open in the editor showed nothing. What depends on the
 * draft and the staff letter it names alone (coverage, placeholders and blanks, anchors, quotes, citations,
 * commitments, the file's own problems) is the same then as once every letter is read, so it is shown at once; what
 * needs the rest of the thread (the due date, which an extension or a reminder moves; other drafts answering the same
 * letter; the prior letter "prior comment N" names) waits for the full check, which replaces it. So a provisional
 * list is a part of the full one and never says what the full one will not.
 *
 * Every code is classified here (the compiler checks that none is left out). Must not: say anything of a draft that
 * names no staff letter, or whose staff letter could not be read (what the full check says of it may need the thread).
 */
import type { LetterAnalysis } from '../analysis/letter';
import type { DiagnosticCode, Problem } from './diagnostics';

/** Whether a code's problems depend on the draft and its named staff letter alone (true), or on the thread (false). */
const BY_DRAFT_AND_STAFF_LETTER: Readonly<Record<DiagnosticCode, boolean>> = {
  'comment.missing': true,
  'response.placeholder': true,
  'response.empty': true,
  'response.blank': true,
  'draft.skeleton-blank': true,
  'draft.duplicate-response': false, // the workspace's other drafts
  'response.acknowledgment-missing': true,
  'response.acknowledgment-obsolete': true,
  'anchor.no-such-comment': true,
  'anchor.duplicate': true,
  'anchor.out-of-order': true,
  'anchor.misnumbered': true,
  'quote.drift': true,
  'draft.no-anchors': true,
  'response.unnumbered': true,
  'coverage.summary': true,
  'staff-letter.unreadable': false, // no provisional list without a staff letter read
  'staff-letter.not-named': false, // nor without one named
  'frontmatter.invalid': true,
  'config.invalid': false, // on the configuration file, not the draft
  'letter.unreadable': true,
  'letter.encoding': true,
  'letter.tracked-changes': true,
  'letter.word-comment': true,
  'letter.numbering-gap': true,
  'prior-comment.unknown': false, // the prior letter
  'response.overdue': false, // the thread's extensions and reminders
  'response.due-soon': false,
  'response.sent-late': false,
  'citation.unknown-topic': true,
  'citation.unknown-subtopic': true,
  'citation.unknown-section': true,
  'citation.superseded': true,
  'citation.malformed-range': true,
  'citation.stray-hyphen': true,
  'commitment.no-target': true,
  'commitment.no-proposed-text': true,
};

/**
 * The problems of a draft analysed before the workspace is read that the full check will report too, or undefined
 * when nothing can be said yet (not a draft, no staff letter named, or it could not be read).
 */
export function provisionalDiagnostics(analysis: LetterAnalysis, problems: readonly Problem[]): readonly Problem[] | undefined {
  if (analysis.role !== 'response' || !analysis.staff?.path || !analysis.staff.letter || !analysis.draft) return undefined;
  return problems.filter((p) => BY_DRAFT_AND_STAFF_LETTER[p.code]);
}
