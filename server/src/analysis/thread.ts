/**
 * The thread of a letter: a response draft > its staff letter > the prior letter "prior comment N" points to > the
 * response to that, plus the letters after it and what the thread says about the due date. What every feature reads
 * (the `LetterDocument` and `Thread` types) and the one way both the editor and the CLI build it (`threadOf`), over
 * any holder of letters (`ThreadSource`: the workspace index, on disk or in memory). Offsets, not positions; URIs as
 * strings. Pure: the source does the reading and owns the caches; nothing here touches a file or keeps state.
 */
import type { Coverage } from '../letters/coverage';
import { threadResponseOf, type DueThread, type ThreadResponse } from '../letters/due';
import type { ResponseDraft, StaffLetter } from '../letters/model';
import type { LetterFile } from '../letters/read';
import { answers, FilerIndex, namedPriorDate, priorLetterAmong, refersBack, responseAmong } from '../letters/thread';
import type { LineIndex } from '../text/lineIndex';

/** Whether two letters are about the same filer (one File No. however zero-padded, or else one company). */
export { sameFiler } from '../letters/thread';

export interface LetterDocument {
  readonly uri: string;
  /** A version counter (the editor's, or a file stamp) so caches can tell versions apart. */
  readonly version: number;
  readonly file: LetterFile;
  readonly lines: LineIndex;
  readonly kind: 'staff-letter' | 'response';
  /** The staff letter this document is (for a staff letter), or stands in for (a response that repeats comments). */
  readonly letter?: StaffLetter;
  /** For a response draft. */
  readonly draft?: ResponseDraft;
}

/**
 * A response's link to its staff letter, the one type the thread and the analysis share: the path as written (front
 * matter or --staff), where it resolves, the document and the letter read, or why it cannot be read. The analysis
 * keeps only the path, the letter and the failure (`staffLinkOf`).
 */
export interface StaffLink {
  /** The path as written in the front matter (or given with --staff). */
  readonly path?: string;
  readonly uri?: string;
  readonly doc?: LetterDocument;
  /** The staff letter read; absent with a failure. */
  readonly letter?: StaffLetter;
  readonly failure?: string;
}

export interface Thread {
  readonly doc: LetterDocument;
  /** For a response: its staff letter. */
  readonly staff?: StaffLink;
  /** The staff letter "prior comment N" refers to (the staff letter's priorLetterDate). */
  readonly prior?: LetterDocument;
  /** The response to the prior letter, when the workspace has it. */
  readonly priorResponse?: LetterDocument;
  /** Coverage of a response against its staff letter. */
  readonly coverage?: Coverage;
  /** Drafts that answer this staff letter (for references from a staff letter). */
  readonly answeredBy: readonly LetterDocument[];
  /** Letters that come after this one in the thread (the next staff letter, its responses). */
  readonly later: readonly LetterDocument[];
  /** For a response: the thread's other responses to its staff letter and the later staff letters, for the due date. */
  readonly dueThread?: DueThread;
}

/** The staff letter a draft's anchors refer to, when it can be read. */
export function staffLetterOfThread(thread: Thread): StaffLetter | undefined {
  if (thread.doc.kind === 'staff-letter') return thread.doc.letter;
  return thread.staff?.doc?.letter;
}

/** What a thread is built from: the letters a workspace holds, read (and cached) by their holder. */
export interface ThreadSource {
  /** Every letter document held now. */
  documents(): readonly LetterDocument[];
  /** The response drafts among them. */
  drafts(): readonly LetterDocument[];
  /** The URI of the staff letter a draft names (its front matter, or the one the command gave). */
  staffUriOf(doc: LetterDocument): string | undefined;
  /** The drafts whose staff letter is `staffUri` (`staffUriOf`), in the order of `drafts()`. */
  draftsAnswering(staffUri: string): readonly LetterDocument[];
  /** A draft's staff letter, read, or why it cannot be. */
  staffLink(doc: LetterDocument): Promise<StaffLink | undefined>;
  /** Every letter document, after reading the letter files beside `near` (PDF, text, HTML are read lazily). */
  lettersNear(near: LetterDocument): Promise<readonly LetterDocument[]>;
  /** A response read against its staff letter (and its coverage), with a team's extra placeholders: once per version. */
  readDraft(
    doc: LetterDocument,
    staff: LetterDocument | undefined,
    placeholders: readonly RegExp[],
  ): { readonly draft: ResponseDraft; readonly coverage?: Coverage };
  /**
   * A response read with the default placeholders, without a staff letter (a filed one: its date and the letter it
   * names) or against one (the prior letter's response, another draft of the same letter): once per version of both.
   */
  filedDraft(doc: LetterDocument, against?: LetterDocument): ResponseDraft;
}

export interface ThreadOptions {
  /** A team's extra placeholder patterns (.corresp.yaml `placeholders`): they decide what counts as answered. */
  readonly placeholders?: readonly RegExp[];
}

const NO_PLACEHOLDERS: readonly RegExp[] = [];

/** The thread around a document: its staff letter, prior letter and that letter's response, later letters, due facts. */
export async function threadOf(source: ThreadSource, doc: LetterDocument, options: ThreadOptions = {}): Promise<Thread> {
  let staff: StaffLink | undefined;
  let draft: ResponseDraft | undefined;
  let coverage: Coverage | undefined;
  let letter: StaffLetter | undefined = doc.letter;
  if (doc.kind === 'response') {
    staff = await source.staffLink(doc);
    const staffDoc = staff?.doc?.letter && !staff.failure ? staff.doc : undefined;
    const read = source.readDraft(doc, staffDoc, options.placeholders ?? NO_PLACEHOLDERS);
    draft = read.draft;
    coverage = read.coverage;
    letter = staffDoc?.letter;
  }
  const withDraft: LetterDocument = draft ? { ...doc, draft } : doc;
  const prior = letter ? await priorLetterOf(source, letter, staff?.doc ?? doc) : undefined;
  const priorAnswer = prior ? await responseTo(source, prior) : undefined;
  const priorResponse = priorAnswer && priorAnswer.kind === 'response' ? { ...priorAnswer, draft: source.filedDraft(priorAnswer, prior) } : priorAnswer;
  const staffUri = doc.kind === 'staff-letter' ? doc.uri : staff?.doc?.uri;
  const answeredBy = staffUri ? source.draftsAnswering(staffUri).filter((d) => d.uri !== doc.uri) : [];
  const later = letter?.date ? laterLetters(source, letter) : [];
  const dueThread = doc.kind === 'response' && staff?.doc?.letter && !staff.failure ? await dueThreadOf(source, doc, staff.doc) : undefined;
  return {
    doc: withDraft,
    ...(staff ? { staff } : {}),
    ...(prior ? { prior } : {}),
    ...(priorResponse ? { priorResponse } : {}),
    ...(coverage ? { coverage } : {}),
    answeredBy,
    later,
    ...(dueThread ? { dueThread } : {}),
  };
}

const staffOf = (d: LetterDocument): StaffLetter | undefined => (d.kind === 'staff-letter' ? d.letter : undefined);

/**
 * The staff letter "prior comment N" refers to: the one of the date the letter names, same filer; when it names
 * none, the latest earlier staff letter of the same filing (`priorLetterAmong`, the rule the report applies too).
 */
async function priorLetterOf(source: ThreadSource, letter: StaffLetter, near: LetterDocument): Promise<LetterDocument | undefined> {
  if (!namedPriorDate(letter) && !refersBack(letter)) return undefined;
  // Only the same filer's staff letters can be it (`priorLetterAmong` takes no other): the rule runs over those.
  const known = priorLetterAmong(letter, sameFilerStaffLetters(source, letter), staffOf);
  if (known && namedPriorDate(letter)) return known;
  // Not read yet, or a later-dated letter may be beside it: look at the letter files next to it.
  await source.lettersNear(near);
  return priorLetterAmong(letter, sameFilerStaffLetters(source, letter), staffOf);
}

/**
 * What the rules below look for among a source's documents, worked out once per list of documents (a holder that
 * returns the same list while nothing changes, as the workspace index does, has it worked out once for all its
 * threads): the filed responses, and each staff letter's same-filer staff letters.
 */
interface DocumentFacts {
  readonly filedResponses: readonly LetterDocument[];
  readonly sameFilerStaff: WeakMap<StaffLetter, readonly LetterDocument[]>;
  /** The staff letters by filer (built at the first question). */
  staffByFiler?: FilerIndex<LetterDocument>;
}
const facts = new WeakMap<readonly LetterDocument[], DocumentFacts>();

function factsOf(documents: readonly LetterDocument[]): DocumentFacts {
  let known = facts.get(documents);
  if (!known) {
    known = { filedResponses: documents.filter((d) => d.kind === 'response' && d.file.kind !== 'markdown'), sameFilerStaff: new WeakMap() };
    facts.set(documents, known);
  }
  return known;
}

/** Filed responses (EDGAR HTML, text, PDF) the source holds. */
function filedResponses(source: ThreadSource): readonly LetterDocument[] {
  return factsOf(source.documents()).filedResponses;
}

/** The staff letters the source holds about the same filer as `letter` (`letter` among them when held). */
function sameFilerStaffLetters(source: ThreadSource, letter: StaffLetter): readonly LetterDocument[] {
  const documents = source.documents();
  const known = factsOf(documents);
  let list = known.sameFilerStaff.get(letter);
  if (!list) {
    known.staffByFiler ??= new FilerIndex(
      documents.filter((d) => !!staffOf(d)),
      (d) => staffOf(d)!,
    );
    list = known.staffByFiler.sameFilerAs(letter);
    known.sameFilerStaff.set(letter, list);
  }
  return list;
}

/**
 * The response to a staff letter: a draft naming it, or a filed response that says it answers its date (or else
 * the latest filed response of the filer dated after it and before the next staff letter).
 */
async function responseTo(source: ThreadSource, staff: LetterDocument): Promise<LetterDocument | undefined> {
  const draft = source.draftsAnswering(staff.uri)[0];
  if (draft) return draft;
  const letter = staff.letter;
  if (!letter?.date) return undefined;
  await source.lettersNear(staff);
  return responseAmong(letter, filedResponses(source), (d) => source.filedDraft(d), nextLetterDate(source, letter));
}

/** The date of the next staff letter about the same filer (a filed response dated before it answers this one). */
function nextLetterDate(source: ThreadSource, letter: StaffLetter): string | undefined {
  const dates: string[] = [];
  for (const d of sameFilerStaffLetters(source, letter)) {
    const k = staffOf(d)!;
    if (k.date && letter.date && k.date > letter.date && k.source !== 'response') dates.push(k.date);
  }
  return dates.sort()[0];
}

/** What the thread says about a response's due date: other responses to its staff letter, later staff letters. */
async function dueThreadOf(source: ThreadSource, doc: LetterDocument, staff: LetterDocument): Promise<DueThread> {
  const letter = staff.letter;
  if (!letter?.date) return {};
  await source.lettersNear(staff);
  const responses: ThreadResponse[] = [];
  for (const d of source.draftsAnswering(staff.uri)) {
    if (d.uri === doc.uri) continue;
    responses.push(threadResponseOf(source.filedDraft(d, staff), false));
  }
  const next = nextLetterDate(source, letter);
  for (const d of filedResponses(source)) {
    if (d.uri === doc.uri) continue;
    const filed = source.filedDraft(d);
    if (answers(letter, filed, next)) responses.push(threadResponseOf(filed, true));
  }
  const staffLetters: StaffLetter[] = [];
  for (const d of sameFilerStaffLetters(source, letter)) {
    const k = staffOf(d)!;
    if (k.remindsOf === letter.date) staffLetters.push(k);
  }
  return { responses, staffLetters };
}

/** The staff letters whose "prior comment N" refers to `letter` (the same rule as `priorLetterOf`), and their drafts. */
function laterLetters(source: ThreadSource, letter: StaffLetter): LetterDocument[] {
  const out: LetterDocument[] = [];
  // Only the same filer's letters can refer to it: the rule runs over those, not over the whole workspace.
  const filer = sameFilerStaffLetters(source, letter);
  for (const d of filer) {
    const k = staffOf(d)!;
    if (k !== letter && k.date && letter.date && k.date >= letter.date && priorLetterAmong(k, filer, staffOf)?.letter === letter) {
      out.push(d);
      out.push(...source.draftsAnswering(d.uri));
    }
  }
  return out;
}
