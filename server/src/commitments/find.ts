/**
 * The commitments in a response (a draft or a filed letter, any format Corresp reads): each promise sentence or
 * passage, the comment it answers (the anchor it sits under; for prose responses the comment the surrounding words
 * match, or none), the filing or period it names (or takes from an earlier promise in the same answer, or from the
 * letter's scope statement), and the proposed disclosure that goes with it. The staff's repeated comments are never
 * read for promises. `commitmentsOf` is what features and the CLI call. Pure; linear in the letter.
 */
import type { Block } from '../parse/blocks';
import { sourceOffset } from '../parse/blocks';
import { coverageOf } from '../letters/coverage';
import { DATE_PATTERN, parseLetterDate } from '../letters/dates';
import type { ResponseAnchor, ResponseDraft, StaffLetter } from '../letters/model';
import { responseOf, type LetterFile } from '../letters/read';
import { sentences } from '../letters/words';
import type { Commitment, CommitmentTarget, ProposedDisclosure } from './model';
import { isLeadIn, isPointer, isScope, pledgeIn, pointsElsewhere } from './pledge';
import { additionsMarkIn, proposedBlocks, proposedInline } from './proposed';
import { targetIn, type TargetContext } from './target';

/** A response as features and the CLI have it: its file (blocks, text) and, when already read, its draft model. */
export interface CommitmentSource {
  readonly file: LetterFile;
  readonly draft?: ResponseDraft;
}

/** A sentence that carries a promise on from the one before ("Specifically, we will …" has its own verb). */
const CONTINUATION_RE =
  /^(?:specifically|in particular|for example|namely|that is|such (?:disclosure|information|revisions?|changes?)|this (?:disclosure|information|revision|change|table)|these (?:disclosures|revisions|changes)|the (?:revised|enhanced|new|additional|expanded|updated|proposed) (?:disclosures?|discussion|table|presentation|language|text))\b/i;
const POINTED_PROMISE_RE =
  /^(?:please\s+)?(?:see|refer to)\b[^.]{0,120}\bpropos\w*\s+(?:[\w-]+\s+){0,2}(?:disclosures?|revisions?|changes?|enhancements?|language)\b/i;
const ATTACHMENT_RE = /^(?:exhibit|appendix|annex|attachment|schedule|enclosure)\s+(?:[A-Z]|\d{1,2}|[IVX]{1,4})\b.{0,80}$/i;
/** A promise said outright in a pointer: "we will", not "how we will" (a description of the text pointed at). */
const OUTRIGHT_RE = /(?<!\b(?:how|what)\s)\b(?:we|the company|it)\s+will\b/i;
const STAFF_LABEL_RE = /^(?:staff\s+)?comments?\s*(?:no\.?\s*)?\d*\s*[:.–—-]/i;

type Role = { kind: 'staff' } | { kind: 'answer'; anchor: ResponseAnchor; index: number } | { kind: 'prose' };

/** Every commitment in a response, in document order. `staff` is the letter it answers, when known. */
export function commitmentsOf(doc: CommitmentSource, staff?: StaffLetter): Commitment[] {
  const file = doc.file;
  if (file.failure || file.blocks.length === 0) return [];
  const draft = doc.draft ?? responseOf(file, staff);
  const blocks = file.blocks;
  const coverage = staff && staff.comments.length > 0 ? coverageOf(draft, staff) : undefined;
  const context: TargetContext = {
    ...((draft.date ?? draft.frontMatter?.sent) ? { responseDate: (draft.date ?? draft.frontMatter?.sent)! } : {}),
    ...fiscalYearEndOf(staff, blocks),
  };
  const proseComments = new Map<number, number>();
  for (const m of coverage?.proseMatches ?? []) proseComments.set(m.start, m.number);
  const staffTexts = staff?.comments.map((c) => c.text) ?? [];

  const anchors = [...draft.anchors].sort((a, b) => a.start - b.start);
  const roleOf = (b: Block): Role => {
    // The last anchor starting at or before the block, and the one before it (real letters nest anchors oddly).
    let lo = 0;
    let hi = anchors.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (anchors[mid]!.start <= b.start) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    for (let k = at; k >= Math.max(0, at - 1); k--) {
      const a = anchors[k]!;
      // The label line ("Response: The Company …") holds the answer's start: only blocks wholly before it are the staff's.
      if (b.start >= a.start && b.end <= a.response.start) return { kind: 'staff' };
      if (b.end > a.response.start && b.start < Math.max(a.extent.end, a.response.end)) return { kind: 'answer', anchor: a, index: k };
    }
    return { kind: 'prose' };
  };
  const additions = additionsMarkIn(
    blocks
      .slice(0, 400)
      .map((b) => b.text)
      .join(' ')
      .slice(0, 200_000),
  );

  const out: Building[] = [];
  let letterScope: CommitmentTarget | undefined;
  let group = 'intro';
  let groupComments: number[] = [];
  let groupAnchor: ResponseAnchor | undefined;
  let proseComment: number | undefined;
  const lastIn = new Map<string, Building>();
  let carried: { text: string; start: number } | undefined;
  let attachment = false;
  const waiting = new Map<string, { proposed?: ProposedDisclosure }>();

  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind === 'heading' || b.kind === 'code' || b.kind === 'html' || b.kind === 'break') continue;
    // Tables are data, except the layout tables some letters write their answers in (a cell of prose).
    if (b.kind === 'table' && !(b.rows ?? []).some((row) => row.some((cell) => cell.split(/\s+/).length >= 25))) continue;
    // The closing is read too ("we will comply with the comments in all future filings"), for promises that name a
    // filing; an exhibit or appendix after the signature is read as the answers are.
    if (draft.closingStart > draft.bodyStart && b.start >= draft.closingStart && ATTACHMENT_RE.test(b.text)) attachment = true;
    const closing = draft.closingStart > draft.bodyStart && b.start >= draft.closingStart && !attachment;
    const role = roleOf(b);
    if (role.kind === 'staff') continue;
    if (role.kind === 'answer') {
      group = `a${role.index}`;
      groupAnchor = role.anchor;
      groupComments = [...(coverage?.answers.get(role.anchor) ?? role.anchor.numbers)];
    } else {
      // Prose: a paragraph that repeats a comment opens that comment's answer; the staff's words are not read.
      const matched = proseComments.get(b.start);
      // (A paragraph that matches a comment may be the answer itself, which repeats the request's words: its
      // sentences are read, and the staff's never pledge: "please revise", "you will".)
      if (matched !== undefined || STAFF_LABEL_RE.test(b.text) || isStaffText(b.text, staffTexts)) {
        if (matched !== undefined) proseComment = matched;
        group = `p${proseComment ?? 'x'}:${i}`;
        groupComments = proseComment !== undefined ? [proseComment] : [];
        groupAnchor = undefined;
        if (STAFF_LABEL_RE.test(b.text) && !/^\s*(?:response|answer)\b/i.test(b.text)) continue;
      } else if (group.startsWith('a')) {
        group = `after-${group}`;
      }
    }

    const ss = sentences(b.text);
    // A sentence cut by a page break ("In future filings, when impairment charges are material," | "we will disclose …"):
    // the piece before the break is read with the first sentence after it.
    const cut = ss.length > 0 && /^[a-z]/.test(ss[0]!.text) ? carried : undefined;
    carried =
      ss.length > 0 && /(?:[,;]|\b[a-z]+)\s*$/.test(ss[ss.length - 1]!.text) && !/[.:!?]\s*$/.test(b.text)
        ? { text: ss[ss.length - 1]!.text, start: sourceOffset(b, ss[ss.length - 1]!.start) }
        : undefined;
    let last: Building | undefined;
    let lastWasPart = false;
    let proposedNext: number | undefined;
    for (let k = 0; k < ss.length; k++) {
      const piece = ss[k]!;
      const joined = k === 0 && cut ? { text: `${cut.text} ${piece.text}`, start: piece.start, end: piece.end } : piece;
      const s = joined;
      const start = k === 0 && cut ? cut.start : sourceOffset(b, s.start);
      const end = sourceOffset(b, s.end);
      if (group === 'intro' && anchors.length > 0 && role.kind === 'prose' && isScope(s.text)) {
        letterScope = targetIn(s.text, context) ?? letterScope;
        continue;
      }
      if (isScope(s.text) && !pledgeIn(s.text.replace(/^[^,]*,/, ''))) continue;
      // A pointer ("Please see the table below …") carries no promise of its own, unless it says one outright ("… below;
      // we will include it in future filings"), not where it only describes the text ("an example of how the Company
      // will disclose …").
      const pointer = isPointer(s.text) && !OUTRIGHT_RE.test(s.text);
      let pledge = pointer || (closing && !targetIn(s.text, context)) ? undefined : pledgeIn(s.text);
      // "See Exhibit A attached for proposed disclosure enhancements to our Form 10-K for 2016 and all prospective
      // filings": the answer's only statement of its promise, made by pointing at the proposal.
      if (pointer && !closing && !lastIn.has(group) && POINTED_PROMISE_RE.test(s.text) && targetIn(s.text, context))
        pledge = { action: 'revise', conditional: false, at: 0 };
      if (pledge) {
        // Two sentences the splitter kept together ("… in MD&A. In future filings, …"): the promise starts at the second.
        const head = lastSentenceStart(s.text, pledge.at);
        const c: Building = {
          text: s.text.slice(head),
          start: head > 0 ? sourceOffset(b, s.start + head) : start,
          end,
          comments: groupComments,
          answers: groupAnchor ? 'anchor' : groupComments.length > 0 ? 'prose' : 'none',
          ...(groupAnchor ? { anchor: { start: groupAnchor.start, end: groupAnchor.extent.end } } : {}),
          target: targetIn(s.text.slice(head), context),
          conditional: pledge.conditional,
          action: pledge.action,
          group,
        };
        const pending = waiting.get(group)?.proposed;
        if (pending) {
          c.proposed = pending;
          waiting.delete(group);
        }
        out.push(c);
        last = c;
        lastWasPart = true;
        lastIn.set(group, c);
      } else if (last && lastWasPart && (pointer || CONTINUATION_RE.test(s.text) || (isLeadIn(s.text) && targetIn(s.text, context)))) {
        // "Specifically, starting with our 2017 Form 10-K as follows:" carries the promise before it on.
        last.text = `${last.text} ${s.text}`;
        last.end = end;
        last.target ??= targetIn(s.text, context);
      } else lastWasPart = false;
      const owner = pledge ? last : lastIn.get(group);
      if (!owner) {
        // Only a lead-in that speaks of the disclosure itself waits for a promise ("See the updated discussion below,
        // an illustrative example …"); "we considered the following:" introduces the answer's reasons.
        if ((isLeadIn(s.text) || pointer) && k === ss.length - 1 && /\b(?:propos|draft|revised|updated|illustrat|example|future|disclos)/i.test(s.text))
          proposedNext = i + 1;
        continue;
      }
      // "See Exhibit B attached for proposed disclosure …": the text is there, not in the blocks below.
      const elsewhere = pointsElsewhere(s.text);
      if (elsewhere && !owner.proposed) owner.proposed = { text: '', parts: [], form: 'elsewhere', start, end };
      const inline = owner.proposed ? undefined : proposedInline(b, s.start, s.end, owner.action === 'rename' && owner === last);
      if (inline && (isLeadIn(s.text) || pledge)) owner.proposed = inline;
      else if ((isLeadIn(s.text) || pointer) && !elsewhere && k === ss.length - 1) proposedNext = i + 1;
    }
    if (proposedNext !== undefined) {
      // A lead-in before any promise of its answer ("See the updated discussion below …", then "we confirm that we will
      // …"): the text waits for the answer's first promise.
      const owner: { proposed?: ProposedDisclosure } = lastIn.get(group) ?? waiting.get(group) ?? waiting.set(group, {}).get(group)!;
      // The answer's end, and never past the closing ("We would be pleased to discuss …" is no one's proposal).
      const closingAt = draft.closingStart > b.end ? draft.closingStart : Infinity;
      const limit = Math.min(role.kind === 'answer' ? Math.max(role.anchor.extent.end, role.anchor.response.end) : Infinity, closingAt);
      const found = proposedBlocks(blocks, {
        from: proposedNext,
        limit,
        startsOther: (j) => {
          const next = blocks[j]!;
          const r = roleOf(next);
          return r.kind === 'staff' || STAFF_LABEL_RE.test(next.text) || sentences(next.text).some((x) => !!pledgeIn(x.text));
        },
        ...(additions ? { additions } : {}),
      });
      if (found) {
        owner.proposed = merge(owner.proposed, found.proposed);
        i = found.next - 1;
      }
    }
  }

  // A promise that names no filing takes the one an earlier promise in its answer names (or, failing that, the next
  // one: "The Company will change its presentation. The Company will effect this change in its Form 10-Q …"), then the
  // letter's scope.
  const previous = new Map<string, CommitmentTarget>();
  const following = new Map<string, CommitmentTarget>();
  for (let k = out.length - 1; k >= 0; k--) {
    const c = out[k]!;
    if (c.target) following.set(`${k}`, c.target);
    else if (k + 1 < out.length && out[k + 1]!.group === c.group && following.has(`${k + 1}`)) following.set(`${k}`, following.get(`${k + 1}`)!);
  }
  return out.map(({ group: g, ...c }, k) => {
    let target = c.target;
    if (!target && previous.has(g)) target = { ...previous.get(g)!, inherited: 'answer' };
    if (!target && following.has(`${k}`)) target = { ...following.get(`${k}`)!, inherited: 'answer' };
    if (!target && letterScope) target = { ...letterScope, inherited: 'letter' };
    if (c.target) previous.set(g, c.target);
    const { target: _, proposed, ...rest } = c;
    return { ...rest, ...(target ? { target } : {}), ...(proposed ? { proposed } : {}) };
  });
}

interface Building {
  text: string;
  start: number;
  end: number;
  readonly comments: readonly number[];
  readonly answers: Commitment['answers'];
  readonly anchor?: { start: number; end: number };
  target: CommitmentTarget | undefined;
  proposed?: ProposedDisclosure;
  readonly conditional: boolean;
  readonly action: Commitment['action'];
  readonly group: string;
}

function merge(a: ProposedDisclosure | undefined, b: ProposedDisclosure): ProposedDisclosure {
  if (!a || a.form === 'elsewhere') return b;
  return { text: `${a.text}\n\n${b.text}`, parts: [...a.parts, ...b.parts], form: 'blocks', start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** Where, before `at`, a second sentence begins that the sentence splitter did not cut ("MD&A. In future filings"). */
function lastSentenceStart(text: string, at: number): number {
  const re = /[.?!][”"’)]?\s+(?=[A-Z“"])/g;
  let start = 0;
  for (let m = re.exec(text); m && m.index < at; m = re.exec(text)) {
    // "U.S. GAAP", "Inc. and", "No. 5": an abbreviation, not a sentence's end.
    if (
      /(?:^|[\s(])(?:[A-Za-z]\.)*[A-Za-z]$|\b(?:Inc|Corp|Co|Ltd|No|Nos|Mr|Ms|Mrs|Dr|St|vs|etc|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)$/.test(
        text.slice(Math.max(0, m.index - 12), m.index),
      )
    )
      continue;
    const next = m.index + m[0].length;
    if (next < at && text.slice(next, at).split(/\s+/).length >= 3) start = next;
  }
  return start;
}

/** A paragraph that is one of the staff's comments, repeated without an anchor. */
function isStaffText(text: string, staffTexts: readonly string[]): boolean {
  if (staffTexts.length === 0 || text.length < 60) return false;
  if (!/\b(?:please|you|your|we note)\b/i.test(text)) return false;
  for (const t of staffTexts) if (t.includes(text.slice(0, 60)) || t.includes(text.slice(-60))) return true;
  return false;
}

/** The company's fiscal year end, from the filing the staff reviewed ("Form 10-K for the Fiscal Year Ended April 30, 2022"). */
function fiscalYearEndOf(staff: StaffLetter | undefined, blocks: readonly Block[]): Pick<TargetContext, 'fiscalYearEnd'> {
  const re = new RegExp(`\\b(?:fiscal\\s+)?year\\s+ended\\s+(${DATE_PATTERN})`, 'i');
  const texts = [...(staff?.filings.map((f) => f.description) ?? []), ...blocks.slice(0, 40).map((b) => b.text)];
  for (const t of texts) {
    const m = re.exec(t);
    const iso = m ? parseLetterDate(m[1]!) : undefined;
    if (iso) return { fiscalYearEnd: { month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) } };
  }
  return {};
}
