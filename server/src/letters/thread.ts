/**
 * Threads: which letters belong together. The same filer (one File No. however it is zero-padded: "001-35126" and
 * "0001-35126" are one filer), the earlier staff letter a letter's "prior comment N" refers to (the one it names, or
 * else the latest earlier letter about the same filing), and the staff letter a response answers. One rule for the
 * workspace index (editor) and the CLI; generic over what holds the letters. Pure.
 */
import type { ResponseDraft, StaffLetter } from './model';

/** "001-35126", "0001-35126", "1-35126", "001 - 35126" → "1-35126": one key per File No. */
export function fileNumberKey(fileNumber: string): string {
  return fileNumber
    .replace(/\s+/g, '')
    .split('-')
    .map((part) => part.replace(/^0+(?=\d)/, ''))
    .join('-');
}

function companyKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/\([^()]{0,80}\)/g, '') // a defined term: "Marsh & McLennan Companies, Inc. (“MMC”)"
    .replace(/[’']/g, '')
    .replace(/\b(?:incorporated|inc|corporation|corp|company|co|limited|ltd|plc|llc|lp|the|n\.?v|s\.?a|ag|se)\b\.?/g, '')
    .replace(/[^a-z0-9]+/g, '');
}

type FilerFacts = Pick<StaffLetter, 'fileNumber' | 'fileNumbers' | 'company' | 'companies'>;

/**
 * A letter's filer keys, worked out once per letter object: threads compare every letter of a workspace with every
 * other by filer, so normalising the same File No. again each time was a large part of building them.
 */
const filerKeys = new WeakMap<FilerFacts, { readonly numbers: readonly string[]; readonly companies: readonly string[] }>();

function keysOf(l: FilerFacts): { readonly numbers: readonly string[]; readonly companies: readonly string[] } {
  let keys = filerKeys.get(l);
  if (!keys) {
    keys = {
      numbers: [...(l.fileNumbers ?? []), ...(l.fileNumber ? [l.fileNumber] : [])].map(fileNumberKey),
      companies: [...(l.companies ?? []), ...(l.company ? [l.company] : [])].map(companyKey).filter((k) => k.length > 0),
    };
    filerKeys.set(l, keys);
  }
  return keys;
}

const fileNumbersOf = (l: FilerFacts): readonly string[] => keysOf(l).numbers;
const companiesOf = (l: FilerFacts): readonly string[] => keysOf(l).companies;

/**
 * Whether two letters are about the same filer: a File No. in common when both give one, or else a company in
 * common when both name one; letters that say neither are given the benefit of the doubt.
 */
export function sameFiler(a: FilerFacts, b: FilerFacts): boolean {
  const na = fileNumbersOf(a);
  const nb = fileNumbersOf(b);
  if (na.length > 0 && nb.length > 0) return na.some((n) => nb.includes(n));
  const ca = companiesOf(a);
  const cb = companiesOf(b);
  if (ca.length > 0 && cb.length > 0) return ca.some((c) => cb.includes(c));
  return true;
}

/**
 * Letters grouped by their filer keys, to find those `sameFiler` would match with a letter without comparing it with
 * each: a workspace of 500 threads asked this for every staff letter (500 × 1,000 comparisons at every start).
 * `sameFilerAs` gives exactly `letters.filter((l) => sameFiler(l, letter))`, in the same order.
 */
export class FilerIndex<T> {
  private readonly byNumber = new Map<string, number[]>();
  /** By company: of the letters without a File No., and of all letters. */
  private readonly byCompanyNoNumber = new Map<string, number[]>();
  private readonly byCompany = new Map<string, number[]>();
  private readonly noNumberNoCompany: number[] = [];
  private readonly noNumber: number[] = [];
  private readonly noCompany: number[] = [];

  constructor(
    private readonly items: readonly T[],
    filerOf: (item: T) => FilerFacts,
  ) {
    const add = (map: Map<string, number[]>, key: string, i: number) => {
      const list = map.get(key);
      if (!list) map.set(key, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    };
    items.forEach((item, i) => {
      const { numbers, companies } = keysOf(filerOf(item));
      for (const n of numbers) add(this.byNumber, n, i);
      for (const c of companies) add(this.byCompany, c, i);
      if (numbers.length === 0) {
        this.noNumber.push(i);
        for (const c of companies) add(this.byCompanyNoNumber, c, i);
        if (companies.length === 0) this.noNumberNoCompany.push(i);
      }
      if (companies.length === 0) this.noCompany.push(i);
    });
  }

  /** The letters of the same filer as `letter` (`sameFiler`): by File No. when both have one, else by company, else all. */
  sameFilerAs(letter: FilerFacts): T[] {
    const { numbers, companies } = keysOf(letter);
    const hits = new Set<number>();
    const take = (list: readonly number[] | undefined) => {
      for (const i of list ?? []) hits.add(i);
    };
    if (numbers.length > 0) {
      for (const n of numbers) take(this.byNumber.get(n));
      // Letters without a File No. are matched by company, or all of them when either side names none.
      if (companies.length > 0) {
        for (const c of companies) take(this.byCompanyNoNumber.get(c));
        take(this.noNumberNoCompany);
      } else take(this.noNumber);
    } else if (companies.length > 0) {
      for (const c of companies) take(this.byCompany.get(c));
      take(this.noCompany);
    } else return [...this.items];
    return [...hits].sort((a, b) => a - b).map((i) => this.items[i]!);
  }
}

/** Whether a staff letter refers back to an earlier one ("prior comment N", "We have reviewed your … response"). */
export function refersBack(letter: StaffLetter): boolean {
  return !!letter.priorLetterDate || !!letter.respondsTo || letter.comments.some((c) => c.priorRefs.length > 0);
}

/** The date of the earlier letter a letter names for its "prior comment N" (its opening, or a reference's own words). */
export function namedPriorDate(letter: StaffLetter): string | undefined {
  return letter.priorLetterDate ?? letter.comments.flatMap((c) => c.priorRefs).find((r) => r.letterDate)?.letterDate;
}

/**
 * The earlier staff letter `letter`'s "prior comment N" refers to, among `candidates` (`letterOf` reads each one):
 * the letter of the date it names, same filer; when it names none (about one follow-up letter in eight), the latest
 * staff letter of the same filer dated before it that has comments. A letter that does not refer back has none.
 */
export function priorLetterAmong<T>(letter: StaffLetter | undefined, candidates: readonly T[], letterOf: (t: T) => StaffLetter | undefined): T | undefined {
  if (!letter) return undefined;
  const usable = (t: T): StaffLetter | undefined => {
    const k = letterOf(t);
    return k && k !== letter && k.source !== 'response' && sameFiler(k, letter) ? k : undefined;
  };
  const named = namedPriorDate(letter);
  if (named) return candidates.find((t) => usable(t)?.date === named);
  if (!letter.date || !refersBack(letter)) return undefined;
  let best: T | undefined;
  let bestDate = '';
  for (const t of candidates) {
    const k = usable(t);
    if (!k?.date || k.date >= letter.date || k.comments.length === 0 || k.noReview) continue;
    if (k.date > bestDate) {
      best = t;
      bestDate = k.date;
    }
  }
  return best;
}

/** `priorLetterAmong` over staff letters themselves. */
export function priorLetterOf(letter: StaffLetter | undefined, known: readonly StaffLetter[]): StaffLetter | undefined {
  return priorLetterAmong(letter, known, (k) => k);
}

type DraftFacts = Pick<ResponseDraft, 'date' | 'company' | 'answersLetterDated'>;

/**
 * Whether a filed response answers `staff`: it names the letter's date; or it names none and is dated on or after the
 * letter and before `before` (the next staff letter's date), its company the letter's or unknown.
 */
export function answers(staff: StaffLetter, draft: DraftFacts, before?: string): boolean {
  if (!staff.date) return false;
  if (draft.answersLetterDated) return draft.answersLetterDated === staff.date;
  if (!draft.date || draft.date < staff.date || (before !== undefined && draft.date >= before)) return false;
  return !draft.company || !(staff.company || staff.companies) || sameFiler({ company: draft.company }, staff);
}

/**
 * The response to `staff` among `candidates` (`draftOf` reads each): the one that names the letter's date; else the
 * latest that `answers` it.
 */
export function responseAmong<T>(staff: StaffLetter, candidates: readonly T[], draftOf: (t: T) => DraftFacts | undefined, before?: string): T | undefined {
  if (!staff.date) return undefined;
  const named = candidates.find((t) => draftOf(t)?.answersLetterDated === staff.date);
  if (named) return named;
  let best: T | undefined;
  let bestDate = '';
  for (const t of candidates) {
    const d = draftOf(t);
    if (!d?.date || !answers(staff, d, before)) continue;
    if (d.date > bestDate) {
      best = t;
      bestDate = d.date;
    }
  }
  return best;
}

/**
 * The staff letter a filed response answers among `letters` (the thread's staff letters filed before it, oldest
 * first): the latest of them; but when the latest has no comments (a "we have completed our review" letter, a
 * reminder that comments remain outstanding, a no-review letter) and the response answers comments, the earlier
 * letter it names ("your letter dated May 6, 2024") or else the latest earlier letter that has comments.
 */
export function staffLetterAnswered<T>(
  draft: Pick<ResponseDraft, 'answersLetterDated' | 'anchors'>,
  letters: readonly T[],
  letterOf: (t: T) => StaffLetter | undefined,
): T | undefined {
  const latest = letters[letters.length - 1];
  const hasComments = (t: T) => (letterOf(t)?.comments.length ?? 0) > 0;
  // The letter it names ("your letter dated September 20, 2024"), when the thread holds it: a company may answer an
  // earlier letter after a later one arrived.
  const named = draft.answersLetterDated ? letters.find((t) => hasComments(t) && letterOf(t)?.date === draft.answersLetterDated) : undefined;
  if (named !== undefined) return named;
  if (latest === undefined || hasComments(latest)) return latest;
  if (draft.anchors.length === 0) return latest;
  const withComments = letters.filter(hasComments);
  return withComments[withComments.length - 1] ?? latest;
}
