/**
 * Whether one sentence of a response promises something for later, from its grammar: a subject that is the company
 * or its disclosure ("we", "the Company", "Lennar", "future filings", "such disclosure"), a word of commitment ("will",
 * "intends to", "propose to", "undertakes to", "would" in a conditional), and a verb of disclosure after it ("revise",
 * "include", "disclose", "label", "remove" …) with words that tie it to a filing. Staff voice ("you will"), offers
 * ("we are prepared to"), promises to the staff ("we will supplementally provide") and business plans ("we will
 * continue to monitor") are not commitments. Also the sentences around promises: lead-ins to proposed text ("as
 * follows:"), pointers ("see the updated table below"), and a letter's scope ("where we indicate below that …").
 * Pure; bounded work per sentence.
 */
import type { CommitmentAction } from './model';
import { targetIn } from './target';
import { countWords } from '../text/wordCount';

export interface Pledge {
  readonly action: CommitmentAction;
  readonly conditional: boolean;
  /** Offset of the word of commitment in the sentence. */
  readonly at: number;
}

/** Sentences longer than this are read only this far (a promise is stated near its start). */
const MAX_SENTENCE = 1500;

const CUE_RE = /\b(will|shall|intends?|intended|plans?|planned|expects?|propos(?:es|e|ed)|undertakes?|agrees?|commits?|would)\b|(['’]ll)\b/gi;
const OFFER_RE = /\b(?:prepared|willing|happy|pleased|glad|available|delighted)\s+to\b/i;
const CONCURRENT_RE = /\bconcurrently with\b|\bsimultaneously with\b|\btogether with this (?:letter|response)\b/i;
const CONDITION_RE =
  /\b(?:if|where (?:applicable|appropriate|relevant|material|necessary)|as (?:applicable|appropriate|necessary|needed|warranted)|to the extent|when (?:applicable|appropriate|material|relevant)|should|in the event|unless|whether|may|material(?:ly)?)\b/i;

/** Words that cannot begin a verb phrase but may stand between "will" and its verb. */
const FILLER = new Set([
  'also',
  'further',
  'furthermore',
  'then',
  'therefore',
  'thus',
  'instead',
  'similarly',
  'additionally',
  'accordingly',
  'now',
  'each',
  'both',
  'consistently',
  'clearly',
  'separately',
  'specifically',
  'expressly',
  'explicitly',
  'prominently',
  'appropriately',
  'only',
  'henceforth',
  'hereafter',
  'prospectively',
  'going',
  'forward',
  'again',
  'likewise',
  'so',
  'promptly',
  'readily',
  'more',
  'fully',
  'better',
  'as',
  'necessary',
  'appropriate',
  'applicable',
  'where',
  'generally',
  'continue',
  'begin',
  'seek',
  'undertake',
  'to',
  'not',
  'no',
  'longer',
  'hence',
  'correspondingly',
  'all',
  'in',
  'our',
  'its',
  'their',
  'the',
  'company',
  'company’s',
  "company's",
  'in',
  'future',
  'filings',
  'reports',
  'periodic',
  'subsequent',
  'and',
  'or',
  'commencing',
  'beginning',
  'starting',
  'with',
  'next',
  'form',
  '10-k',
  '10-q',
  'annual',
  'quarterly',
  'report',
  'upcoming',
  'sec',
  'that',
  'expressly',
  'directly',
  'first',
  'concurrently',
  'we',
  'it',
  'explicitly',
  'voluntarily',
]);

/**
 * What a verb needs around it to be a promise about a filing: nothing ("disclose", "quantify"), a word of disclosure in
 * its object ("include a table", "expand our MD&A", not "expand our business"), one anywhere in the sentence ("revise
 * the title of this measure"), or an explicit filing or period ("apply a similar approach … in future filings").
 */
type Need = 'none' | 'object' | 'sentence' | 'target';
/** Verbs of disclosure after the word of commitment, by stem (a stem takes the usual endings, so "use" is not "useful"). */
const VERB_TABLE: ReadonlyArray<readonly [string, CommitmentAction, Need]> = [
  ['disclos|quantif|clarif', 'add', 'none'],
  [
    'includ|add|provid|present|discuss|describ|explain|identif|highlight|defin|address|detail|insert|show|display|incorporat|disaggregat|separat|summariz|summaris|elaborat|specif|stat|note|reflect|report|referenc|set|list|caption|depict|accompan|focus|giv|mention|break|enhanc|expand|augment|supplement|increas|broaden|mak|ensur',
    'add',
    'object',
  ],
  ['revis|modif|updat|chang|conform|reorder|amend|refin|restat|rephras|reword|rewrit|reclassif|recast', 'revise', 'sentence'],
  ['remov|omit|eliminat|delet|exclud|refrain|ceas|discontinu|stop|drop', 'remove', 'sentence'],
  ['renam|retitl|relabel|label|titl|refer|replac|call|characteriz', 'rename', 'sentence'],
  ['fil|furnish|submit|distribut|disseminat|deliver', 'file', 'sentence'],
  ['appl|us|compl|adjust|align|improv|tailor|correct|revisit|effect|implement|transition', 'revise', 'target'],
];
const VERBS: ReadonlyArray<readonly [RegExp, CommitmentAction, Need]> = VERB_TABLE.map(([stems, kind, need]) => [
  new RegExp(`^(?:${stems})(?:e|es|ed|ing|s|d|y|ies|ied|ying|ting|ted|ling|led|ping|ped|ment)?$`),
  kind,
  need,
]);
/** Verbs that describe how something will be shown: "report the assets … as discontinued operations". */
const PRESENTATION_RE = /^(?:report|present|show|reflect|classif|display)/;

/** The noun a proposal names: "the following revisions", "additional disclosure", "these changes". */
const PROPOSED_CHANGE_RE =
  /^(?:the following|these|this|the|certain|additional|revised|enhanced|expanded|new|an? )\s*(?:[\w-]+\s+){0,2}?(?:revisions?|changes?|disclosures?|language|text|additions?|updates?|enhancements?|modifications?|presentation|wording|amendments?)\b/i;

/** Verbs that, after "will continue to" or alone, are reviews rather than promises. */
const REVIEW_RE =
  /^(?:monitor|evaluat|re-?evaluat|assess|review|consider|analy[sz]|study|examin|explor|watch|track|seek|work|engag|take|operat|manage|invest|pursu|be)/;

/** Subjects that are the company or its disclosure. */
const SELF_RE =
  /^(?:we|our|us|company|company['’]s|registrants?|registrant['’]s|management|it|bank|corporation|partnership|trust|group|issuer|disclosures?|filings?|reports?|tables?|discussions?|presentations?|reconciliations?|footnotes?|notes?|sections?|md&a|measures?|amounts?|captions?|titles?|items?|definitions?|information|language|text|revisions?|changes|policy|policies|metrics?|tabular|releases?|labels?|terms?|description)$/i;
/** Subjects that are someone else. */
const OTHER_RE =
  /^(?:you|your|staff|staff['’]s|they|he|she|there|investors?|users?|readers?|holders?|customers?|sellers?|buyers?|which|who|this|these|those|that|such|sec|commission|division|fasb|iasb|irs|i)$/i;
const STOP_CAPS = new Set([
  'The',
  'In',
  'Please',
  'This',
  'These',
  'That',
  'Such',
  'As',
  'For',
  'If',
  'When',
  'Where',
  'Beginning',
  'Starting',
  'Going',
  'Accordingly',
  'Therefore',
  'Additionally',
  'Further',
  'Furthermore',
  'Also',
  'Specifically',
  'Consistent',
  'Notwithstanding',
  'However',
  'Finally',
  'Response',
  'Comment',
  'Note',
  'Item',
  'Form',
  'Forms',
  'Annual',
  'Quarterly',
  'Report',
  'Q',
  'Staff',
  'SEC',
  'Commission',
  'FASB',
  'ASC',
  'Regulation',
]);

/** Words of disclosure: what a weak verb ("include", "provide", "present") must be near to be a promise about a filing. */
const DISCLOSURE_RE =
  /\b(?:disclos\w*|fil(?:ing|ings|ed with)|fillings|reports?|10-[KQ]|20-F|8-K|md&a|management['’]s discussion|notes?\b|footnotes?|tables?|tabular|discussion|presentation|captions?|measures?|non-gaap|reconciliation|financial statements|statements? of|risk factors?|section|heading|(?:earnings|press) releases?|proxy|prospectus|exhibit|language|line items?|polic(?:y|ies)|terms?|terminology|titles?|labels?|definitions?|metrics?|wording|sentence|paragraph|information|data|analysis|quantif\w*|amounts?|explanation|details?|references?|descriptions?|drivers|factors|trends|segments?|discontinued operations)\b/i;
/** What a company files with its state, not the SEC: "file an amended and restated certificate of incorporation". */
const CHARTER_RE =
  /^(?:[\w-]+\s+){0,5}?(?:(?:certificat\w*|articles)\s+of\s+(?:incorporation|association|organi[sz]ation|formation|designations?|amendment|merger|conversion)|charter|by-?laws)\b/i;

/** Promises to the staff, not to investors. */
const TO_STAFF_RE =
  /\bsupplementally\b|\b(?:a |our |its |the )?(?:response|responses|reply) (?:to|letter)\b|\bcomment letter\b|\b(?:provide|send|furnish|give|submit)\s+(?:to\s+)?(?:the\s+)?(?:staff|you|commission)\b|\bcontact\s+(?:the\s+)?staff\b|\bstaff['’]s review\b|\bthis letter\b|\bour responses?\b/i;

/** The promise a sentence makes, or undefined. */
export function pledgeIn(sentence: string): Pledge | undefined {
  const s = sentence.length > MAX_SENTENCE ? sentence.slice(0, MAX_SENTENCE) : sentence;
  if (OFFER_RE.test(s) && !/\bwill\s+(?!be\s+(?:prepared|willing|happy|pleased|glad|available))/i.test(s)) return undefined;
  if (CONCURRENT_RE.test(s)) return undefined;
  CUE_RE.lastIndex = 0;
  for (let m = CUE_RE.exec(s); m; m = CUE_RE.exec(s)) {
    const cue = (m[1] ?? 'will').toLowerCase();
    const at = m.index;
    const after = s.slice(at + m[0].length, at + m[0].length + 260);
    if (cue === 'would' && !isConditionalOffer(s, at, after)) continue;
    const verb = verbAfter(after, cue);
    if (!verb) continue;
    const subject = selfSubject(s.slice(Math.max(0, at - 200), at), m[2] !== undefined);
    // "The indicative price range … will be included in an amendment": a passive promise that names its filing.
    if (!subject && !(verb.passive && targetIn(s))) continue;
    if (!satisfied(verb, subject, s)) continue;
    // "the Company intends to file an amended and restated certificate of incorporation": a corporate act, not disclosure.
    if (verb.kind === 'file' && CHARTER_RE.test(verb.object)) continue;
    // "the accounting policies it expects to apply": an expectation about accounting, not about a filing.
    if (/^(?:expect|plan)/.test(cue) && verb.need === 'target') continue;
    if (
      /^\s*(?:(?:such|these|those|the|our|its)\s+)?(?:persons?|investors?|users?|readers?|holders?|customers?|competitors?|third parties|members?|employees?)\s+with\b/i.test(
        verb.object,
      )
    )
      continue;
    // "an illustrative example of how the Company will disclose …" describes a proposal; "how you will" asks for one.
    if (/\bhow\s+(?:[\w’'-]+\s+){0,2}$/i.test(s.slice(Math.max(0, at - 40), at))) continue;
    if (TO_STAFF_RE.test(after.slice(0, 80)) && !/\bfuture\b|\b10-[KQ]\b/i.test(s)) continue;
    const action: CommitmentAction = verb.continues ? 'continue' : verb.kind;
    return { action, conditional: CONDITION_RE.test(s), at };
  }
  return undefined;
}

function satisfied(verb: FoundVerb, subject: Subject, s: string): boolean {
  switch (verb.need) {
    case 'none':
      return true;
    case 'object':
      return subject === 'disclosure' || DISCLOSURE_RE.test(verb.object) || (PRESENTATION_RE.test(verb.word) && /\bas\b/.test(verb.object) && !!targetIn(s));
    case 'sentence':
      return DISCLOSURE_RE.test(s);
    case 'target':
      return DISCLOSURE_RE.test(verb.object) || !!targetIn(s);
  }
}

/** "we would provide additional disclosure" is a promise only in a conditional ("should circumstances change, …"). */
function isConditionalOffer(s: string, at: number, after: string): boolean {
  if (/^\s+(?:like|be|have|not|also be|need|expect|appear|result|require|seem|otherwise|likely|generally)\b/i.test(after)) return false;
  return /\b(?:if|should|in the event|to the extent|were)\b/i.test(s.slice(0, at + 200));
}

/** Whose verb it is: the company's ("we", "the Company", "Lennar") or its disclosure's ("such disclosure", "a definition"). */
type Subject = 'company' | 'disclosure' | undefined;

function subjectOf(word: string): Subject {
  return /^(?:we|our|us|company|company['’]s|registrants?|registrant['’]s|management|it|bank|corporation|partnership|trust|group|issuer)$/i.test(word)
    ? 'company'
    : 'disclosure';
}

/** Words that open a clause that is not the subject's ("if …,", "in future filings,", "beginning with …,"). */
const SUBORDINATE_RE =
  /^(?:if|when|where|as|to|once|after|before|unless|should|in|for|beginning|starting|commencing|including|with|consistent|pursuant|notwithstanding|accordingly|specifically|however|therefore|moreover|additionally|further|furthermore|finally|also|going|subject|based|given|because|since|while|although|though|at|on|from|upon|during|following|effective|and|or|but|then|thus|hence|similarly|likewise|instead|respectfully|where|whether)$/i;
const COORD_RE = /^(?:and|but|or|then|also|further|thereafter)$/i;
const SKIP_RE =
  /^(?:respectfully|confirms?|advises?|acknowledges?|notes?|agrees?|undertakes?|believes?|expects?|intends?|anticipates?|represents?|informs?|also|further|therefore|accordingly|thus|hereby|that|in|future|filings|periodic|reports|its|our|their|the|all|any|applicable|subsequent|sec|when|where|appropriate|as|necessary|and)$/i;

/**
 * Whether the subject of the verb at the end of `before` is the company or its disclosure: the nearest subject-like
 * word of the clause the verb is in, passing over introductory clauses ("if it becomes material,", "in future filings,")
 * and coordinated predicates ("We acknowledge the comment and, in future filings, will …": the sentence's subject).
 */
function selfSubject(before: string, contracted: boolean): Subject {
  if (contracted) return /\bwe['’]?$/i.test(before.trimEnd()) ? 'company' : undefined;
  // Parentheticals say nothing about the subject: "the Company’s disclosure on revenue (excluding …) will".
  const flat = before.replace(/\([^()]{0,200}\)/g, ' ');
  const clause = flat.slice(Math.max(flat.lastIndexOf(';'), flat.lastIndexOf(':')) + 1);
  const segments = clause.split(/[,“”"]/);
  for (let k = segments.length - 1, tries = 0; k >= 0 && tries < 6; k--, tries++) {
    const tokens = segments[k]!.match(/[A-Za-z][\w&’'-]*/g) ?? [];
    if (tokens.length === 0) continue;
    const last = k === segments.length - 1;
    for (let i = tokens.length - 1; i >= 0; i--) {
      const t = tokens[i]!;
      if (OTHER_RE.test(t)) {
        const lower = t.toLowerCase();
        // "such disclosure will", "this information will": self; "that"/"which" introduce a clause: look on.
        if (/^(?:such|this|these|those)$/.test(lower))
          return SELF_RE.test(tokens[i + 1] ?? '') || /^(?:additional|revised|enhanced|new|expanded|updated|proposed)/i.test(tokens[i + 1] ?? '')
            ? 'disclosure'
            : undefined;
        if (lower === 'that' && i < tokens.length - 1) return undefined;
        if (lower === 'that') continue;
        return undefined;
      }
      if (SELF_RE.test(t)) return subjectOf(t);
      // A company's name right before the verb: "Lennar will", "Capital One will".
      if (last && i === tokens.length - 1 && /^[A-Z]/.test(t) && !STOP_CAPS.has(t)) return 'company';
      if (COORD_RE.test(t) && tokens.slice(i + 1).every((x) => SKIP_RE.test(x) || SUBORDINATE_RE.test(x))) return sentenceSubject(clause);
    }
    // No subject in this segment: an introductory or subordinate clause ("if it increases to a material level") is passed over.
    if (!SUBORDINATE_RE.test(tokens[0]!) && !tokens.every((x) => SKIP_RE.test(x))) return undefined;
  }
  return sentenceSubject(clause);
}

/** The subject of the sentence's main clause: its first subject-like word after any introductory phrases. */
function sentenceSubject(text: string): Subject {
  const segments = text.split(/[,;:“”"]/);
  for (const seg of segments.slice(0, 6)) {
    const tokens = seg.match(/[A-Za-z][\w&’'-]*/g) ?? [];
    if (tokens.length === 0 || SUBORDINATE_RE.test(tokens[0]!)) continue;
    for (const t of tokens.slice(0, 8)) {
      if (OTHER_RE.test(t) && !/^(?:this|that|such|these|those)$/i.test(t)) return undefined;
      if (SELF_RE.test(t)) return subjectOf(t);
      if (/^[A-Z]/.test(t) && !STOP_CAPS.has(t)) return 'company';
    }
    if (tokens.every((t) => STOP_CAPS.has(t))) continue; // a label ("Response")
    return undefined;
  }
  return undefined;
}

interface FoundVerb {
  readonly kind: CommitmentAction;
  readonly need: Need;
  readonly word: string;
  readonly passive: boolean;
  readonly continues: boolean;
  /** The words after the verb (about thirty), where a weak verb's object is. */
  readonly object: string;
}

/** The verb a word of commitment governs: "will, where applicable, revise", "intends to include", "will be revised". */
function verbAfter(after: string, cue: string): FoundVerb | undefined {
  const tokens = after.match(/[A-Za-z][\w’'-]*|[,;:.()]/g) ?? [];
  let i = 0;
  let continues = false;
  let passive = false;
  // "intends to", "plans to", "propose to", "undertakes to", "agrees to", "commits to": the infinitive's "to".
  if (/^(?:intends?|intended|plans?|planned|expects?|propos|undertakes?|agrees?|commits?)/.test(cue)) {
    if (cue.startsWith('agree') && tokens[0]?.toLowerCase() === 'that') return undefined; // "agrees that … it will": the "will" speaks
    if (cue.startsWith('expect') && tokens[0]?.toLowerCase() === 'that') return undefined;
    // "we propose the following revisions to our MD&A disclosure", "we propose additional disclosure".
    if (cue.startsWith('propos') && PROPOSED_CHANGE_RE.test(tokens.slice(0, 6).join(' ')))
      return { kind: 'revise', need: 'none', word: cue, passive: false, continues: false, object: tokens.slice(0, 32).join(' ') };
    if (tokens[0]?.toLowerCase() !== 'to') return undefined;
    i = 1;
  }
  const found = (kind: CommitmentAction, need: Need, at: number): FoundVerb => ({
    kind,
    need,
    word: tokens[at]?.toLowerCase() ?? '',
    passive,
    continues,
    object: tokens.slice(at + 1, at + 33).join(' '),
  });
  for (let steps = 0; i < tokens.length && steps < 16; i++, steps++) {
    const t = tokens[i]!;
    const lower = t.toLowerCase();
    if (t === '.' || t === ';' || t === ':') return undefined;
    if (t === ',' || t === '(' || t === ')') {
      // A parenthetical ", where applicable," or ", in future filings,": skip to its end.
      if (t === ',' || t === '(') {
        const close = t === ',' ? ',' : ')';
        let j = i + 1;
        while (j < tokens.length && j - i < 14 && tokens[j] !== close && tokens[j] !== '.' && tokens[j] !== ';') j++;
        if (tokens[j] === close) i = j;
      }
      continue;
    }
    if (lower === 'continue' || lower === 'continues') {
      continues = true;
      continue;
    }
    if (lower === 'be') {
      passive = true;
      continue;
    }
    if (lower === 'not' && tokens[i + 1]?.toLowerCase() === 'be') return undefined; // "will not be filed": a statement, not a promise
    if (lower === 'not') {
      // "will not disclose", "will not include": a promise to leave something out.
      const v = classify(tokens[i + 1]?.toLowerCase() ?? '');
      if (v) return found('remove', 'sentence', i + 1);
      return undefined;
    }
    if (passive) {
      if (
        /^(?:consistent|as|substantially|similar|in)$/.test(lower) &&
        /\b(?:follows|below|example|similar|form|following)\b/i.test(tokens.slice(i, i + 8).join(' '))
      )
        return found('revise', 'sentence', i);
      if (
        /^(?:subject|required|able|entitled|used|paid|recognized|recorded|reclassified|reported as|held|accounted|affected|impacted|realized|redeemed|available|completed|retired|converted|issued|taken|made)$/.test(
          lower,
        )
      )
        return undefined;
      const v = classify(lower);
      if (v) return found(v.kind, v.need === 'none' ? 'none' : 'sentence', i);
      if (FILLER.has(lower)) continue;
      return undefined;
    }
    if (continues && REVIEW_RE.test(lower)) return undefined;
    // "… and will continue to do so".
    if (continues && lower === 'do' && tokens[i + 1]?.toLowerCase() === 'so') return found('revise', 'sentence', i + 1);
    if (!continues && /^(?:consider|evaluat|assess|monitor|review)/.test(lower)) return undefined;
    const v = classify(lower);
    if (v) return found(v.kind, v.need, i);
    if (FILLER.has(lower)) continue;
    return undefined;
  }
  return undefined;
}

function classify(word: string): { kind: CommitmentAction; need: Need } | undefined {
  if (word.length < 2 || /^(?:be|have|has|had|been|being|us)$/.test(word)) return undefined;
  for (const [re, kind, need] of VERBS) if (re.test(word)) return { kind, need };
  return undefined;
}

const LEAD_CAPTION_RE = /\b(?:propos|draft|revis|amend|updat|new\b|enhanc|expand|disclos|example|illustrat|sample|follow|language|text|wording|future)/i;

/** A sentence that introduces proposed text ("we will revise our disclosure as follows:", "such as:", "below"). */
export function isLeadIn(sentence: string): boolean {
  // "Response: We will revise our disclosure as follows:": the label is not the sentence.
  const s = sentence.trim().replace(/^(?:[\w’' ]{0,30}\s)?response\s*(?:\d+\s*)?[:.–—-]\s*/i, '');
  if (s.length > MAX_SENTENCE || s.length === 0) return false;
  // A caption of a few words ("Distribution Channels:", "Contract Modifications:") heads a part of the letter; it leads
  // in no text unless it names it ("Proposed disclosure:", "Revised MD&A:").
  // "In responding to your comments, we acknowledge that:" opens the closing's acknowledgements, not a proposal.
  if (/:\s*$/.test(s))
    return (
      !/^(?:re|attention|attn|dear|cc|comment|staff comment)\b/i.test(s) &&
      !/\backnowledges?\s+that\s*:\s*$/i.test(s) &&
      !(countWords(s, 5) <= 4 && !LEAD_CAPTION_RE.test(s))
    );
  return /\b(?:as follows|the following|set forth below|(?:presented|shown|provided|included|reproduced|illustrated|outlined|reflected|set out|depicted|noted) below|is below|are below|below (?:is|are)|substantially (?:similar to|in the form)|in the (?:form|format) (?:set forth|shown|of)|to read)\b[^.]{0,160}[.)\]]*\s*$/i.test(
    s,
  );
}

/** A sentence that points at proposed text rather than promising ("Please see the updated table below …"). */
export function isPointer(sentence: string): boolean {
  if (
    /(?:^|[,;]\s*)(?:please\s+)?see\s+(?:the\s+)?(?:[\w-]+\s+){0,3}(?:tables?|discussions?|disclosures?|examples?|text|language|excerpts?|presentation)\b[^.]{0,200}\bbelow\b/i.test(
      sentence,
    )
  )
    return true;
  return /^(?:please\s+)?(?:see|refer to|set forth below|below (?:is|are)|attached|the following|the (?:proposed|draft|revised|updated|enhanced|expanded)\s+(?:[\w-]+\s+){0,3}(?:disclosures?|text|language|tables?|discussions?))\b/i.test(
    sentence.trim(),
  );
}

/** A pointer to proposed text outside the answer ("The proposed disclosures are included in Appendix A"). */
export function pointsElsewhere(sentence: string): boolean {
  return (
    /\b(?:appendix|annex|attachment|exhibit|schedule)\s+(?:[A-Z]|\d{1,2}|[IVX]{1,4})\b|\battached (?:hereto|to this letter|as)\b|\benclosed\b/i.test(
      sentence,
    ) && /\b(?:propos|draft|revis|disclos|illustrat|example|mark(?:ed|up))/i.test(sentence)
  );
}

/**
 * A letter's statement of where all its promises will land ("Where we indicate below that the Company will provide
 * additional disclosure in future filings, such disclosure will be included … in subsequent Forms 10-K …"): a scope
 * for the commitments that name no filing, not a commitment itself.
 */
export function isScope(sentence: string): boolean {
  return /^(?:where|when|to the extent|if|in each case|unless otherwise|as used)\b[^.]{0,80}\b(?:below|herein|in this letter|in (?:our|the) responses?|we (?:indicate|state|say|note|have indicated))\b/i.test(
    sentence.trim(),
  );
}
