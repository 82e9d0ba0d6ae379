/**
 * Captions: the headings a staff letter writes above its comments, mirroring the filing ("Form 10-K …" >
 * "Item 5. Operating and Financial Review" > "Critical Accounting Policies" > "Goodwill, page 84"). Owns their rank
 * and how a run of captions before a comment extends the caption path. Pure.
 *
 * The path rule: captions written together above a comment (a run) nest, outermost first, unless one is a form or a
 * part, which starts over at its level. The first caption of a run replaces the notes and titles of the comments
 * before and keeps what it plainly sits under: the form, the part, an exhibit, and an item whose sections letters
 * write without repeating it ("Item 7.", "Management's Discussion and Analysis …", "Business", "Notes to Consolidated
 * Financial Statements"), within a few pages of it, or the "Risk Factors" above a risk factor's own heading; a note
 * ("Note 3 – …", "A. Selected Financial Data") keeps any item. A financial-statement caption ("Note 5", "Consolidated Balance Sheets", a
 * page F-3) is never under an item that is not the financial statements, and a caption is never under one whose
 * page comes after its own. That reproduces what a reader sees: "Results of Operations, page 203" stays under the
 * "Management's Discussion and Analysis …, page 200" above it, "Note 1. Summary of Significant Accounting Policies" is
 * not under MD&A, and "Background of the Mergers, page 54" is not under "Risk Factors, page 30".
 */
import { isCaptionLike } from '../parse/plainText';
import type { Caption } from './model';
import { countWords } from '../text/wordCount';

const FORM_RE =
  /^(?:Forms? \d|Forms? [0-9A-Z]+-|Form [A-Z0-9-]+ (?:for|filed)|Schedule (?:TO|1[34][A-Z]|\d)|Amendment No|Amended |Registration Statement|Draft Registration|Draft Offering|Offering Statement|Definitive|Preliminary|Annual Report|Quarterly Report|Current Report|Proxy Statement|Post-Effective|Response Letter|Supplemental Response)/i;
const PART_RE = /^Part [IVX]+\b/i;
const ITEM_RE =
  /^(?:Items? \d|Management['’]s Discussion|(?:(?:Unaudited|Audited|Pro Forma|Condensed|Consolidated|Combined|Interim)\s+)*Financial (?:Statem\w*|Information)\b|.{0,60}\bFinancial Statem\w*$|Exhibits?$|Exhibit \d|General$|Risk Factors|Business$|(?:Prospectus |Information Statement |Offering Circular )?Summary\b|Executive Compensation|Selected (?:Consolidated )?Financial Data|Cover Page|Signatures$|Use of Proceeds$|Capitalization$|Dilution$|Dividend Policy$|Management$|Underwriting$|Legal Matters$|Experts$|Description of (?:\S+ ){0,3}(?:Capital Stock|Securities|Indebtedness|Notes|Share Capital)$|Principal (?:and Selling )?(?:Stockholders|Shareholders)$|Certain Relationships and Related (?:Party )?Transactions$|Shares Eligible for Future Sale$|(?:Material|Certain) U\.S\. Federal Income Tax|The (?:Mergers?|Transactions?|Offer|Separation and Distribution|Merger Agreement)$|Comparison of (?:Stockholder|Shareholder|Rights)|Questions and Answers|Where You Can Find)/i;
/** Items that hold no sections of their own: the next comments' captions are never under them. */
const LEAF_ITEM_RE = /^(?:General|Cover Page|Prospectus Cover Page|Signatures|Selected (?:Consolidated )?Financial Data|Exhibits)\b/i;
const RISK_FACTORS_RE = /^Risk Factors\b/i;
/** A risk factor's own heading: quoted, "Risks Related to …", or a sentence ("Regulatory approvals may not be received"). */
const RISK_HEADING_RE =
  /^["“]|^Risks? (?:Related|Relating|Associated)|\b(?:may|could|might|will|would|can|cannot|is|are|be|has|have|depends?|faces?|relies?|rely)\b/i;
/** Captions of the financial statements: their section, their notes, a statement, a page numbered F-. */
const FINANCIAL_RE =
  /^(?:Item 8\b|(?:Part I,? )?Item 1\.? Financial Statements|(?:(?:Unaudited|Audited|Pro Forma|Condensed|Consolidated|Combined|Interim)\s+)*(?:Financial Information|Statements? of (?:Operations|Income|Earnings|Cash Flows?|Comprehensive|Financial (?:Position|Condition)|Stockholders|Shareholders|Changes|Equity)|Balance Sheets?)|Notes? to |Note \d|Note [A-Z]\b)|\bFinancial Statem\w*|,?\s*pages? F-\d/i;
const EXHIBIT_RE = /^Exhibits?\b/i;
const NOTES_RE = /^Notes? to (?:the )?(?:(?:Consolidated|Combined|Condensed|Unaudited|Audited|Pro Forma|Interim)\s+)*(?:Financial Statements|Statements)/i;
const NOTE_RE = /^(?:Note \d|Note [A-Z]\b|\d{1,2}\. [A-Z]|[A-Z]\. [A-Z]|Section \d|\([a-z]\) [A-Z])/;
const PAGE_RE = /,?\s*pages? [A-Z]{0,2}-?\d+(?:\s*(?:-|–|through|and|to)\s*[A-Z]{0,2}-?\d+)?\s*$/i;

export function captionRank(title: string): number {
  const t = title.trim();
  // The page reference does not change what a caption is ("Business, page 106" is the Business item).
  const bare = t.replace(PAGE_RE, '').trim() || t;
  if (FORM_RE.test(bare)) return 0;
  if (PART_RE.test(bare)) return 1;
  if (NOTES_RE.test(bare)) return 2.5;
  if (ITEM_RE.test(bare)) return 2;
  if (NOTE_RE.test(bare)) return 3;
  if (PAGE_RE.test(t)) return 5;
  return 4;
}

/** The page a caption names ("…, page 84" → 84; "page F-9" → F-9 is another series: undefined for comparisons). */
function pageOf(title: string): number | undefined {
  const m = /,?\s*pages? (\d+)\b[^,]*$/i.exec(title);
  return m ? Number(m[1]) : undefined;
}

/** A periodic report's items run long (a bank's MD&A, sixty pages); a prospectus has many sections a letter skips (twenty). */
const PERIODIC_RE = /\b(?:10-K|10-Q|20-F|40-F|Annual Report|Quarterly Report)\b/i;

/**
 * Whether the path's item `item` holds `caption`, which starts the next comments' run. `itemPage`: the item's page,
 * or the first page of what was under it; `periodic`: the path is a periodic report's.
 */
function holds(item: Caption, itemPage: number | undefined, caption: Caption, periodic: boolean): boolean {
  // An exhibit is a document of its own, with its own page numbers: it holds what follows it.
  if (EXHIBIT_RE.test(item.title)) return true;
  const page = pageOf(caption.title);
  if (itemPage !== undefined && page !== undefined && page < itemPage) return false;
  if (caption.rank === 3) return true;
  // A risk factor's heading is under "Risk Factors" however long the section.
  if (RISK_FACTORS_RE.test(item.title)) return RISK_HEADING_RE.test(caption.title.replace(PAGE_RE, ''));
  if (itemPage !== undefined && page !== undefined && page - itemPage > (periodic ? 60 : 20)) return false;
  // Outside a periodic report, the financial statements hold only their own captions (notes, statements, F-pages).
  if (!periodic && isFinancialCaption(item.title) && !isFinancialCaption(caption.title)) return false;
  return !LEAF_ITEM_RE.test(item.title.replace(PAGE_RE, ''));
}

/** Whether a short block could be a caption at all (the reader still requires it to stand right before a comment). */
export function looksLikeCaption(text: string): boolean {
  const t = text.replace(/\*\*/g, '').trim();
  if (t.length === 0 || t.length > 160) return false;
  // "Response:" and "Comment 3" label a response's parts; "Response to COVID-19 …, page 27" is a caption.
  if (
    /^(?:dear|re:|sincerely|very truly|cc:|response\s*(?::|\d|to (?:the )?(?:staff|comments?)\b)|response$|comments?\s*(?::|\d|no\.)|comment$|\/s\/)/i.test(t)
  )
    return false;
  if (PAGE_RE.test(t) && !/[.;:]$/.test(t)) return true;
  return isCaptionLike(t);
}

/**
 * A short title that is not title case ("2023 Compared with 2022"): a caption when it stands between other captions,
 * never on its own.
 */
export function looksLikeTitle(text: string): boolean {
  const t = text.replace(/\*\*/g, '').trim();
  return /^[A-Z0-9“"(]/.test(t) && !/[.;:?]$/.test(t) && countWords(t, 11) <= 10 && t.length <= 90 && !/^(dear|re:|sincerely|cc:)/i.test(t);
}

/** Whether a caption belongs to the financial statements (their section, a statement, a note, a page F-). */
export function isFinancialCaption(title: string): boolean {
  return FINANCIAL_RE.test(title.trim());
}

/** The first page named under an item that names none (where it begins, about), as paths are extended. */
const firstPageUnder = new WeakMap<Caption, number>();

/** Extends a caption path with the run of captions written before one comment. */
export function extendPath(path: readonly Caption[], run: readonly Caption[]): Caption[] {
  const stack = [...path];
  run.forEach((caption, i) => {
    if (i === 0) {
      // A form, a part, an item or the notes replace what is at their level or below; any other caption replaces the
      // notes and titles of the comments before, and stays under an item that holds it.
      const level = caption.rank <= 2.5 ? caption.rank : 3;
      while (stack.length > 0 && stack[stack.length - 1]!.rank >= level) {
        // An exhibit that is a document of its own (a Form 10's information statement) holds its sections.
        if (EXHIBIT_RE.test(stack[stack.length - 1]!.title) && caption.rank === 2 && !EXHIBIT_RE.test(caption.title) && !/^Items? \d/i.test(caption.title))
          break;
        stack.pop();
      }
      if (caption.rank >= 3) {
        const periodic = stack.some((c) => c.rank === 0 && PERIODIC_RE.test(c.title));
        while (stack.length > 0 && stack[stack.length - 1]!.rank > 1) {
          const item = stack[stack.length - 1]!;
          const itemPage = pageOf(item.title) ?? firstPageUnder.get(item);
          if (holds(item, itemPage, caption, periodic)) break;
          stack.pop();
        }
      }
    } else if (caption.rank <= 1) {
      // Later captions of the run nest under earlier ones, unless a new form or part starts over.
      while (stack.length > 0 && stack[stack.length - 1]!.rank >= caption.rank) stack.pop();
    }
    // The financial statements are not under Management's Discussion and Analysis or Risk Factors.
    if (isFinancialCaption(caption.title)) {
      while (
        stack.length > 0 &&
        stack[stack.length - 1]!.rank > 1 &&
        stack[stack.length - 1]!.rank <= 2.5 &&
        !isFinancialCaption(stack[stack.length - 1]!.title) &&
        !EXHIBIT_RE.test(stack[stack.length - 1]!.title)
      )
        stack.pop();
    }
    const page = pageOf(caption.title);
    if (page !== undefined) for (const c of stack) if (!firstPageUnder.has(c) && pageOf(c.title) === undefined) firstPageUnder.set(c, page);
    stack.push(caption);
  });
  return stack;
}

export function makeCaption(title: string, start: number, end: number): Caption {
  const clean = title.replace(/\*\*/g, '').replace(/\s+/g, ' ').replace(/ ,/g, ',').trim();
  return { title: clean, rank: captionRank(clean), start, end };
}
