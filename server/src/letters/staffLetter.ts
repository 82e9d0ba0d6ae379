/**
 * Blocks → StaffLetter: the letterhead (date, addressee, the Re block's company, filings and file number), the
 * opening boilerplate (which response it answers, the prior letter "prior comment N" refers to, the response time),
 * the captions and numbered comments, and the signature. Works on the blocks of any importer. Never throws; one
 * pass over the blocks.
 */
import { blockLines, sourceOffset, type Block } from '../parse/blocks';
import { extendPath, looksLikeCaption, looksLikeTitle, makeCaption } from './captions';
import { DATE_PATTERN, parseLetterDate, responseDaysIn } from './dates';
import type { Caption, Filing, LetterProblem, LetterProblemCode, LetterSource, PriorCommentRef, Signatory, StaffComment, StaffLetter } from './model';
import { asksOf, priorRefsIn } from './requests';
import { countWords } from '../text/wordCount';

const DATE_LINE_RE = new RegExp(`^\\s*(${DATE_PATTERN})\\s*$`);
const DATE_START_RE = new RegExp(`^(${DATE_PATTERN})\\b`);
const CLOSING_RE =
  /^(?:we remind you|we urge all persons|in closing|you may contact|please contact|sincerely|in responding to our comments?|if you have (?:any )?questions|should you have|please direct|cc:|very truly|thank you|we will consider a written request|please refer to rules? 46[01])/i;

/** A date as letters write it, anywhere in a text (compiled once: readRe and the opening run over many lines). */
const DATE_RE = new RegExp(DATE_PATTERN);
const REVIEWED_RE = new RegExp(`reviewed your (${DATE_PATTERN}),? (?:response|letter)`, 'i');
const PRIOR_LETTER_RE = new RegExp(`prior comments? (?:is|are) to (?:the )?comments? in our (${DATE_PATTERN}),? letter`, 'i');
const RESPOND_BY_RE = new RegExp(`\\b(?:respond|response)\\b[^.]{0,120}?\\b(?:by|no later than)\\s+(${DATE_PATTERN})`, 'i');
const ISSUED_RE = new RegExp(`\\bissued comments to you\\b[^.]{0,80}?\\bon\\s+(${DATE_PATTERN})`, 'i');

/** The number a block starts with ("1.", "**1.**", "1.We note"), and where its text begins. */
export function leadingNumber(block: Block): { number: number; restStart: number } | undefined {
  if (block.marker) {
    const m = /^(\d{1,3})[.)]$/.exec(block.marker);
    return m ? { number: Number(m[1]), restStart: 0 } : undefined;
  }
  if (block.kind !== 'paragraph' && block.kind !== 'heading') return undefined;
  const m = /^\s*(\d{1,3})\s*[.)](?=\s|[A-Z“"(]|$)\s*/.exec(block.text);
  return m ? { number: Number(m[1]), restStart: m[0].length } : undefined;
}

interface Header {
  date?: string;
  dateText?: string;
  addressee: string[];
  company?: string;
  /** Every registrant the Re block names (several when it reviews several registrants' filings). */
  companies: string[];
  filings: Filing[];
  fileNumber?: string;
  fileNumbers: string[];
  respondsTo?: string;
  /** Index of the first block after the salutation (or after the header when there is none). */
  bodyStart: number;
}

export function readHeader(blocks: readonly Block[]): Header {
  const header: Header = { addressee: [], companies: [], filings: [], fileNumbers: [], bodyStart: 0 };
  let dateIndex = -1;
  let reIndex = -1;
  const limit = Math.min(blocks.length, 40);
  for (let i = 0; i < limit; i++) {
    const text = blocks[i]!.text.replace(/\*\*/g, '').trim();
    if (dateIndex < 0 && reIndex < 0) {
      const m = DATE_LINE_RE.exec(text) ?? DATE_START_RE.exec(text);
      const iso = m ? parseLetterDate(m[1]!) : undefined;
      // A date alone on its line, or set apart from what shares the block by a layout gap ("October 9, 2018   Via FedEx").
      if (m && iso && (text.length < 40 || /^(?:\s{2,}|\t)/.test(blocks[i]!.text.replace(/\*\*/g, '').trim().slice(m[0].length)))) {
        header.date = iso;
        header.dateText = m[1]!.replace(/\s+/g, ' ');
        dateIndex = i;
        continue;
      }
    }
    if (reIndex < 0 && /^(?:\*\*)?\s*Re:/i.test(blocks[i]!.text.trim())) {
      reIndex = i;
      continue;
    }
    if (/^(?:dear|ladies and gentlemen|gentlemen|to whom)\b/i.test(text)) {
      header.bodyStart = i + 1;
      // The Re block may run over several blocks (a blank line between registrants): all of them up to "Dear".
      if (reIndex >= 0) readRe(blocks.slice(reIndex, i), header);
      break;
    }
    if (dateIndex >= 0 && reIndex < 0 && !/^(via |by |mail stop|attention|attn)/i.test(text) && text.length < 90) header.addressee.push(text);
  }
  if (header.bodyStart === 0 && reIndex >= 0) {
    header.bodyStart = reIndex + 1;
    readRe([blocks[reIndex]!], header);
  }
  return header;
}

const RE_KEYWORDS =
  /(?:\bForm \S+|\bForms \S+|\bAmendment No\.|\bRegistration Statement\b|\bDraft Registration Statement|\bDraft Offering Statement|\bOffering Statement\b|\bDefinitive Proxy\b|\bDefinitive Information\b|\bPreliminary Proxy\b|\bPreliminary Information\b|\bSchedule (?:TO|1[34][A-Z]|\d)\S*|\bAnnual Report\b|\bResponse (?:Letter )?(?:dated|filed)\b|\bFiled\b|\bSubmitted\b|\bFile (?:No|Number)s?\b|\bCIK\b|\(File No)/gi;

const RESPONSE_CAPTION_RE = new RegExp(`^Response (?:Letter )?(?:Dated|of) (${DATE_PATTERN})$`, 'i');

/** Two spellings of one company name ("Baker Hughes, Inc." and the Re block's "Bakes Hughes, Inc."). */
function sameName(a: string, b: string): boolean {
  const key = (s: string) =>
    s
      .toLowerCase()
      .replace(/\b(?:inc|corp|corporation|co|company|ltd|limited|plc|llc|l\.?p|n\.?v)\b\.?/g, '')
      .replace(/[^a-z0-9]/g, '');
  const x = key(a);
  const y = key(b);
  if (x.length < 3 || y.length < 3 || Math.abs(x.length - y.length) > 2) return false;
  if (x === y) return true;
  // At most two letters apart (one typo either way), over names of similar length.
  let diff = 0;
  for (let i = 0, j = 0; i < x.length || j < y.length; i++, j++) if (x[i] !== y[j] && ++diff > 2) return false;
  return true;
}

/** A Re line that describes a filing ("Form 10-K for …", "10-K for …", "Registration Statement on Form S-4", "PREC14A …"). */
const FILING_LINE_RE =
  /^(?:Forms? \S|Amendment No|Amended |Registration Statement|Draft Registration|Draft Offering|Offering Statement|Definitive|Preliminary|Revised Preliminary|Soliciting Material|Schedule |Annual Report|Quarterly Report|Current Report|Proxy Statement|Information Statement|Post-Effective|Tender Offer|Supplemental|(?:\d{1,2}|[SF])-\d*[A-Z]*\b|(?:PRE|DEF|PRRN|DFAN|PREC|DEFC|DEFA|PRER|DEFR|PREM|DEFM)\s?14[AC]|SC (?:TO|13)|Response (?:Letter )?(?:dated|filed|submitted))/i;

/**
 * The Re block: the registrants, their filings (with when each was filed) and their File Nos. Read line by line when
 * it has lines ("Bear Newco, Inc." ⏎ "Registration Statement on Form S-4" ⏎ "Filed March 29, 2017" ⏎ "File No.
 * 333-216991" ⏎ "Baker Hughes, Inc." ⏎ "Form 10-K …"), by its keywords when it is one run of text.
 */
function readRe(blocks: readonly Block[], header: Header): void {
  const lines = blocks
    .flatMap((b) => blockLines(b))
    .map((l) =>
      l
        .replace(/\*\*/g, '')
        .replace(/^\s*Re:\s*/i, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((l) => l.length > 0);
  if (lines.length <= 1) {
    readReRun(lines[0] ?? '', header);
    return;
  }
  let company: string | undefined;
  let pendingFrom = 0; // filings not yet given a File No.
  let lastKind: 'company' | 'filing' | 'filed' | 'file-no' | undefined;
  const addCompany = (name: string) => {
    const clean = trimEndOf(name.replace(/\(the\s+[“"][^”"]*[”"]\)/g, ''), /[\s,;(]/).trim();
    if (!clean) return;
    company = clean;
    if (!header.company) header.company = clean;
    if (!header.companies.includes(clean)) header.companies.push(clean);
  };
  for (const line of lines) {
    if (/^(?:Filed|Submitted|Furnished|Dated)\b/i.test(line)) {
      const date = DATE_RE.exec(line);
      const last = header.filings[header.filings.length - 1];
      if (last && date && !last.filed) header.filings[header.filings.length - 1] = { ...last, filed: date[0] };
      lastKind = 'filed';
    } else if (/^\(?(?:File|SEC File|CIK)\s*(?:No|Number)?s?\b|^CIK\b|^\d{1,4}-\d{3,6}$|^\d{10}$/i.test(line)) {
      // "File No. 001-04797", or the number alone on its line.
      const numbers = [...line.matchAll(/\b\d{1,4}-\d{3,6}\b|\b\d{7,10}\b/g)].map((m) => m[0]);
      for (const n of numbers) if (!header.fileNumbers.includes(n)) header.fileNumbers.push(n);
      if (numbers[0] && !header.fileNumber) header.fileNumber = numbers[0];
      for (let k = pendingFrom; k < header.filings.length && numbers[0]; k++)
        if (!header.filings[k]!.fileNumber) header.filings[k] = { ...header.filings[k]!, fileNumber: numbers[0] };
      pendingFrom = header.filings.length;
      lastKind = 'file-no';
    } else if (/^Response/i.test(line) && DATE_RE.test(line)) {
      const iso = parseLetterDate(DATE_RE.exec(line.replace(/,(\d{4})/, ', $1'))![0]);
      if (iso) header.respondsTo = iso;
    } else if (FILING_LINE_RE.test(line) && !(lastKind === 'filing' && /^(?:to|on|for|of)\b/i.test(line))) {
      // "Form 8-K Filed March 12, 2024" on one line: the date is the filing's.
      const filed = /\s+(?:filed|submitted|furnished)(?:\s+on)?\s+(.*)$/i.exec(line);
      const date = filed ? DATE_RE.exec(filed[1]!) : null;
      const description = trimEndOf((filed ? line.slice(0, filed.index) : line).replace(/\s+(?:filed|submitted)(?:\s+on)?$/i, ''), /[\s,;]/);
      header.filings.push({ description, ...(date ? { filed: date[0] } : {}), ...(company ? { company } : {}) });
      lastKind = date ? 'filed' : 'filing';
    } else if ((lastKind === 'filing' || lastKind === 'filed') && /^(?:Exhibits?|Items?|Annex|Appendix)\b/i.test(line)) {
      // "Form 10-Q" ⏎ "Exhibit Nos. 10.1 and 10.2": the part of the filing reviewed.
      const last = header.filings[header.filings.length - 1]!;
      header.filings[header.filings.length - 1] = { ...last, description: `${last.description} ${line}` };
    } else if (lastKind === 'filing' && (/^[a-z(]/.test(line) || /\b(?:to|on|of|for)$/i.test(header.filings[header.filings.length - 1]!.description))) {
      // A filing wrapped over two lines ("Amendment No. 1 to" ⏎ "Registration Statement on Form S-4").
      const last = header.filings[header.filings.length - 1]!;
      header.filings[header.filings.length - 1] = { ...last, description: `${last.description} ${line}` };
    } else if (lastKind === 'filed' && /^[a-z]/.test(line)) {
      // "PREC14A filed January 12, 2024 by Service Employees International Union et." ⏎ "al".
    } else {
      addCompany(line);
      lastKind = 'company';
    }
  }
}

/** A Re block written as one run ("Re: Acme Corp. Form 10-K … File No. 001-12345"): cut at its keywords. */
function readReRun(text: string, header: Header): void {
  const cuts: number[] = [];
  RE_KEYWORDS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = RE_KEYWORDS.exec(text)) !== null) {
    // "Registration Statement on Form S-4", "Amendment No. 1 to Registration Statement": one filing.
    const before = text.slice(Math.max(0, m.index - 4), m.index);
    if (cuts.length > 0 && /\b(?:on|to)\s$/.test(before)) continue;
    cuts.push(m.index);
  }
  const first = cuts.length > 0 ? cuts[0]! : text.length;
  const company = trimEndOf(text.slice(0, first).replace(/\(the\s+[“"][^”"]*[”"]\)/g, ''), /[\s,;(]/).trim();
  if (company) {
    header.company = company;
    header.companies.push(company);
  }
  for (let i = 0; i < cuts.length; i++) {
    const cut = text.slice(cuts[i]!, cuts[i + 1] ?? text.length).replace(/\(the\s+[“"][^”"]*[”"]\)/g, '');
    const piece = trimEndOf(cut, /[\s,;()]/)
      .replace(/^\(/, '')
      .trim();
    if (/^(?:Filed|Submitted)\b/i.test(piece)) {
      const date = DATE_RE.exec(piece);
      const last = header.filings[header.filings.length - 1];
      if (last && date && !last.filed) header.filings[header.filings.length - 1] = { ...last, filed: date[0] };
    } else if (/^(?:\(?File (?:No|Number)s?|CIK)/i.test(piece)) {
      const no = /(?:No\.?|Numbers?:?|CIK(?: No\.?)?)\s*:?\s*([0-9][0-9-]*[0-9])/i.exec(piece);
      if (no && !header.fileNumber) header.fileNumber = no[1]!;
      if (no && !header.fileNumbers.includes(no[1]!)) header.fileNumbers.push(no[1]!);
    } else if (/^Response/i.test(piece)) {
      const date = DATE_RE.exec(piece.replace(/,(\d{4})/, ', $1'));
      const iso = date ? parseLetterDate(date[0]) : undefined;
      if (iso) header.respondsTo = iso;
    } else if (piece.length > 0) {
      // "Form 8-K Filed March 12, 2024" arrives as two pieces; a filing description never ends in "Filed".
      header.filings.push({ description: piece.replace(/\s+(?:filed|submitted)(?:\s+on)?$/i, '') });
    }
  }
}

/** Reads a staff letter from blocks. `source` says which importer made them. */
export function readStaffLetter(blocks: readonly Block[], source: LetterSource): StaffLetter {
  const problems: LetterProblem<LetterProblemCode>[] = [];
  const header = readHeader(blocks);

  // Opening boilerplate: what it answers, the prior letter, the response time.
  let respondsTo = header.respondsTo;
  let priorLetterDate: string | undefined;
  let responseDays: number | undefined;
  let responseTimeText: string | undefined;
  let respondBy: string | undefined;
  let remindsOf: string | undefined;
  let noReview = false;
  const bodyLimit = Math.min(blocks.length, header.bodyStart + 12);
  for (let i = header.bodyStart; i < bodyLimit; i++) {
    const text = blocks[i]!.text.replace(/\s+/g, ' ');
    const reviewed = REVIEWED_RE.exec(text);
    if (reviewed && !respondsTo) respondsTo = parseLetterDate(reviewed[1]!);
    const prior = PRIOR_LETTER_RE.exec(text);
    if (prior) priorLetterDate = parseLetterDate(prior[1]!);
    const days = responseDaysIn(text);
    if (days && responseDays === undefined) {
      responseDays = days.days;
      responseTimeText = days.text;
    }
    if (/we (?:have not reviewed and will not review|do not intend to review|have completed our review)|(?<!that )we have concluded our assessment/i.test(text))
      noReview = true;
    // A date set for the response ("a complete, substantive response to these comments by December 19, 2023").
    const by = RESPOND_BY_RE.exec(text);
    if (by && !respondBy) respondBy = parseLetterDate(by[1]!);
    // A reminder: "We issued comments to you on the above captioned filing on November 7, 2023 … remain outstanding".
    const issued = ISSUED_RE.exec(text);
    if (issued && /\bremain(?:s)? outstanding\b/i.test(text) && !remindsOf) remindsOf = parseLetterDate(issued[1]!);
  }

  // Comments: numbered blocks in sequence; a short numbered title is a caption ("1. Summary of Significant …").
  const starts: number[] = [];
  let expected = 1;
  let closing = blocks.length;
  for (let i = header.bodyStart; i < blocks.length; i++) {
    const block = blocks[i]!;
    const lead = leadingNumber(block);
    // The next comment is never the closing, whatever its words ("22. We remind you that Question 2 of SAB Topic 5:Y").
    const next = lead !== undefined && block.depth <= 1 && block.quoteDepth === 0 && lead.number === expected;
    if (starts.length > 0 && !next && CLOSING_RE.test(block.text.trim())) {
      closing = i;
      break;
    }
    if (!lead || block.depth > 1 || block.quoteDepth > 0) continue;
    const rest = block.text.slice(lead.restStart).trim();
    if (rest.length === 0 && i + 1 < blocks.length) {
      // "1." alone on a line or in a table cell: the comment text is the next block.
    } else if (looksLikeCaption(rest) && countWords(rest, 13) <= 12 && !/[.?]$/.test(rest)) continue;
    if (lead.number === expected || (starts.length > 0 && lead.number > expected && lead.number <= expected + 2)) {
      if (lead.number !== expected) {
        problems.push({
          code: 'letter.numbering-gap',
          severity: 'warning',
          message: `Comment ${expected} was not found: numbering goes from ${expected - 1} to ${lead.number}.`,
          start: block.start,
          end: block.end,
        });
      }
      starts.push(i);
      expected = lead.number + 1;
    }
  }
  if (starts.length === 0) {
    for (let i = header.bodyStart; i < blocks.length; i++) {
      if (CLOSING_RE.test(blocks[i]!.text.trim())) {
        closing = i;
        break;
      }
    }
  }

  // Caption runs: caption-like blocks standing right before each comment.
  const runs: Caption[][] = [];
  const runStart: number[] = [];
  for (let c = 0; c < starts.length; c++) {
    const floor = c === 0 ? header.bodyStart : starts[c - 1]! + 1;
    const run: Caption[] = [];
    let j = starts[c]! - 1;
    // A short title between captions is one of them ("Management's Discussion …" ⏎ "2023 Compared with 2022" ⏎ "Other
    // Profit/Loss and Tax Items, page 33").
    const between = (k: number) =>
      j < starts[c]! - 1 && k - 1 >= floor && blocks[k]!.kind === 'paragraph' && looksLikeTitle(blocks[k]!.text) && isCaptionBlock(blocks[k - 1]!);
    while (j >= floor && (isCaptionBlock(blocks[j]!) || between(j))) {
      const b = blocks[j]!;
      const caption = makeCaption(captionText(b), b.start, b.end);
      // "Response Dated September 3, 2024" above the captions says which response the letter answers; it is not
      // a part of the filing.
      const response = RESPONSE_CAPTION_RE.exec(caption.title);
      if (response) {
        respondsTo ??= parseLetterDate(response[1]!);
      } else {
        // A registrant's name above its filing ("Baker Hughes, Inc." ⏎ "Form 10-K …") in a letter about several.
        run.unshift(header.companies.some((co) => sameName(co, caption.title)) ? { ...caption, rank: -1 } : caption);
      }
      j--;
    }
    runs.push(run);
    runStart.push(j + 1);
  }

  const captions: Caption[] = [];
  const comments: StaffComment[] = [];
  let path: Caption[] = [];
  for (let c = 0; c < starts.length; c++) {
    const first = starts[c]!;
    const last = (c + 1 < starts.length ? runStart[c + 1]! : closing) - 1;
    path = extendPath(path, runs[c]!);
    captions.push(...runs[c]!);
    comments.push(readComment(blocks, first, Math.max(first, last), path, runs[c]!));
  }

  const signatory = readSignatory(blocks, closing);
  const asksAcknowledgment = blocks.some((b) => ACKNOWLEDGMENT_ASK_RE.test(b.text));
  return {
    kind: 'staff-letter',
    source,
    ...(header.date ? { date: header.date, ...(header.dateText ? { dateText: header.dateText } : {}) } : {}),
    ...(header.company ? { company: header.company } : {}),
    ...(header.addressee.length ? { addressee: header.addressee } : {}),
    // Each filing's registrant and File No. are worth saying only when the Re block names several.
    filings: header.companies.length > 1 || header.fileNumbers.length > 1 ? header.filings : header.filings.map(({ company: _c, fileNumber: _f, ...f }) => f),
    ...(header.fileNumber ? { fileNumber: header.fileNumber } : {}),
    ...(header.fileNumbers.length > 1 ? { fileNumbers: header.fileNumbers } : {}),
    ...(header.companies.length > 1 ? { companies: header.companies } : {}),
    ...(respondsTo ? { respondsTo } : {}),
    ...(priorLetterDate ? { priorLetterDate } : {}),
    ...(responseDays !== undefined ? { responseDays, ...(responseTimeText !== undefined ? { responseTimeText } : {}) } : {}),
    ...(respondBy ? { respondBy } : {}),
    ...(remindsOf ? { remindsOf } : {}),
    ...(signatory ? { signatory } : {}),
    captions,
    comments,
    ...(noReview ? { noReview } : {}),
    ...(asksAcknowledgment ? { asksAcknowledgment } : {}),
    problems,
  };
}

/** The staff's request for the "Tandy" acknowledgment (letters before late 2016). */
const ACKNOWLEDGMENT_ASK_RE = /statement from the company acknowledging|acknowledging that:?\s*(?:[•·▪-]\s*)?the company is responsible for the adequacy/i;

function captionText(block: Block): string {
  return block.marker && block.kind === 'listItem' ? `${block.marker} ${block.text}` : block.text;
}

export function isCaptionBlock(block: Block): boolean {
  if (block.kind === 'heading') return true;
  if (block.kind !== 'paragraph' && block.kind !== 'listItem') return false;
  if (block.kind === 'listItem') {
    const marker = block.marker ?? '';
    // A numbered note's title in sentence case ("6. Unpaid losses and loss expenses"); a lettered sub-caption
    // ("c) Loss Development Tables, page F-46").
    if (/^\d{1,2}\.$/.test(marker)) return looksLikeCaption(block.text) || looksLikeTitle(block.text);
    if (/^[A-Z]\.$/.test(marker)) return looksLikeCaption(block.text);
    if (/^(?:[a-z][.)]|\([a-z]\)|\(\d{1,2}\))$/.test(marker)) return looksLikeCaption(block.text) && !/[.;:]$/.test(block.text.trim());
    return false;
  }
  return looksLikeCaption(block.text);
}

function readComment(blocks: readonly Block[], first: number, last: number, path: readonly Caption[], run: readonly Caption[]): StaffComment {
  const head = blocks[first]!;
  const lead = leadingNumber(head)!;
  const paragraphs: string[] = [];
  const refs: PriorCommentRef[] = [];
  let end = head.end;
  for (let i = first; i <= last; i++) {
    const block = blocks[i]!;
    if (block.kind === 'break' || (block.kind === 'html' && /^<!--/.test(block.text))) continue;
    const from = i === first ? lead.restStart : 0;
    const raw = block.text.slice(from);
    // Markdown-style bold around the whole comment (“**1. We note …**”) is not part of its words.
    const body = trimClosingStars(raw.replace(/^\*\*\s*/, ''))
      .replace(/\s+/g, ' ')
      .trim();
    if (body.length === 0) continue;
    const bullet =
      i !== first && block.kind === 'listItem'
        ? block.marker && !/^\d/.test(block.marker)
          ? block.marker === '-' || block.marker === '*' || block.marker === '+'
            ? '- '
            : `${block.marker} `
          : '- '
        : '';
    paragraphs.push(bullet + body);
    for (const ref of priorRefsIn(raw, { staff: true })) {
      refs.push({
        numbers: ref.numbers,
        start: sourceOffset(block, from + ref.start),
        end: sourceOffset(block, from + ref.end),
        ...(ref.letterDate ? { letterDate: ref.letterDate } : {}),
      });
    }
    end = block.end;
  }
  const text = joinParagraphs(paragraphs);
  return {
    number: lead.number,
    caption: path.map((c) => c.title),
    captionsBefore: run,
    text,
    paragraphs,
    asks: asksOf(paragraphs),
    priorRefs: refs,
    start: head.start,
    end,
    head: { start: head.start, end: head.end },
    ...(head.page !== undefined ? { page: head.page } : {}),
  };
}

/**
 * `s` without its trailing characters that match `re` (one character). Reliability: replaces `.replace(/[…]+$/, '')`,
 * which retries at every character of an inner run of them and is O(n²).
 */
function trimEndOf(s: string, re: RegExp): string {
  let end = s.length;
  while (end > 0 && re.test(s[end - 1]!)) end--;
  return s.slice(0, end);
}

/** `s` without a closing "**" and the spaces before it: `.replace(/\s*\*\*$/, '')` without its O(n²) retries. */
export function trimClosingStars(s: string): string {
  if (!s.endsWith('**')) return s;
  return trimEndOf(s.slice(0, -2), /\s/);
}

/** Paragraphs separated by a blank line; consecutive bullets on consecutive lines. */
export function joinParagraphs(paragraphs: readonly string[]): string {
  let text = '';
  paragraphs.forEach((p, i) => {
    if (i > 0) text += /^- |^\(/.test(p) && /^- |^\(/.test(paragraphs[i - 1]!) ? '\n' : /^- |^\(/.test(p) ? '\n' : '\n\n';
    text += p;
  });
  return text;
}

function readSignatory(blocks: readonly Block[], closing: number): Signatory | undefined {
  let i = closing;
  while (i < blocks.length && !/^sincerely|^very truly|^respectfully/i.test(blocks[i]!.text.trim())) i++;
  if (i >= blocks.length) return undefined;
  const lines: string[] = [];
  for (let j = i; j < blocks.length && lines.length < 12; j++) {
    for (const line of blockLines(blocks[j]!)) {
      if (/^cc:/i.test(line)) return finish();
      lines.push(line.replace(/^(sincerely|very truly yours|respectfully),?\s*/i, '').trim());
    }
  }
  return finish();

  function finish(): Signatory | undefined {
    const clean = lines.filter((l) => l.length > 0 && !/^division of corporation finance$/i.test(l));
    let name: string | undefined;
    let title: string | undefined;
    let office: string | undefined;
    for (const l of clean) {
      const signed = /^\/s\/\s*(.+)$/.exec(l);
      if (signed) name = signed[1]!.trim();
      else if (/^office of|program$|^office\b/i.test(l)) office = office ? `${office} ${l}` : l;
      else if (office && /^and\b/.test(l)) office = `${office} ${l}`;
      else if (!name) name = l.split(',')[0]!.trim();
      else if (l.replace(/,.*$/, '') !== name && !title) title = l.startsWith(name) ? l.slice(name.length).replace(/^,\s*/, '') : l;
    }
    if (!name && !office) return undefined;
    return { ...(name ? { name } : {}), ...(title ? { title } : {}), ...(office ? { office } : {}) };
  }
}
