/**
 * A folder of filed letters as a thread (an EDGAR thread downloaded as NN-staff.txt, NN-response.htm, or a company's
 * response.htm beside staff.txt): which staff letter each filed response answers. `corresp commitments` and
 * `verify` pair filed responses this way; a draft names its staff letter itself (`thread.ts`).
 *
 * The rules: a file is a response or a staff letter by its name ("response"/"corresp", "staff"/"upload"), else by its
 * words; a response answers the staff letter dated as it says ("your letter dated …"), else the latest staff letter
 * before it in name order, else (a response named before its letter) the staff letter dated last on or before the
 * response, or the folder's only one. Pure: the caller reads the letters (in name order) and says what each is.
 */

/** One filed letter of a folder as the pairing sees it. */
export interface FiledLetter<T> {
  readonly item: T;
  readonly kind: 'staff-letter' | 'response';
  /** The letter's date (ISO). */
  readonly date?: string;
  /** For a response: the date of the letter it says it answers. */
  readonly answers?: string;
}

/** What a filed letter is: its file name says it first (EDGAR threads, CORRESP and UPLOAD documents), its words otherwise. */
export function filedKindOf(name: string, byWords: () => 'staff-letter' | 'response'): 'staff-letter' | 'response' {
  return /response|corresp/i.test(name) ? 'response' : /staff|upload/i.test(name) ? 'staff-letter' : byWords();
}

/** Each filed response of a folder (its letters in name order) with the staff letter it answers, when there is one. */
export function filedResponsesOf<T>(letters: readonly FiledLetter<T>[]): { readonly response: T; readonly staff?: T }[] {
  const out: { response: T; staff?: T }[] = [];
  let latest: T | undefined;
  for (const l of letters) {
    if (l.kind === 'staff-letter') {
      latest = l.item;
      continue;
    }
    const dated = l.answers ? letters.find((s) => s.kind === 'staff-letter' && s.date === l.answers)?.item : undefined;
    const staff = dated ?? latest ?? earlierDated(letters, l.date);
    out.push({ response: l.item, ...(staff !== undefined ? { staff } : {}) });
  }
  return out;
}

/**
 * A response named before its staff letter (response.htm beside staff.txt): the staff letter dated last on or before
 * the response, or the folder's only staff letter.
 */
function earlierDated<T>(letters: readonly FiledLetter<T>[], date: string | undefined): T | undefined {
  const staff = letters.filter((l) => l.kind === 'staff-letter');
  const before = date ? staff.filter((l) => l.date !== undefined && l.date <= date).sort((a, b) => (a.date! < b.date! ? -1 : 1)) : [];
  return before[before.length - 1]?.item ?? (staff.length === 1 ? staff[0]!.item : undefined);
}
