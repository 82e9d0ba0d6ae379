/**
 * Topic tags of a staff comment ("non-gaap", "revenue-recognition", "climate" …): from the citations it makes (ASC
 * topics, Regulation S-K items, Regulation G, Regulation S-X rules) and from its words and caption.
 *
 * The set: the topics the Division of Corporation Finance comments on most across years (non-GAAP measures, MD&A,
 * segments, revenue, goodwill and impairment, income taxes, fair value, business combinations, critical accounting
 * estimates, contingencies …, as in the real letters under test/fixtures) and the staff's sweeps, which come and go
 * in waves (sanctioned countries 2016–2019, climate 2021, China-based issuers 2021–2023, Russia and Ukraine 2022,
 * crypto assets 2022–2023, inflation and supply chains 2022, board risk oversight 2023, cybersecurity 2023–).
 *
 * Owns: the tag table and `tagsOf`. Must not: read files. Pure, linear in the text, never throws.
 */
import { findCitations, type Citation } from '../citations';

export interface TopicTag {
  /** Stable id, used by --tag and in JSON. */
  readonly id: string;
  readonly label: string;
  /** ASC topics ("606") that make a comment this topic. */
  readonly asc?: readonly string[];
  /** Regulation S-K items ("303", "10(e)": item 10 with path e). */
  readonly sk?: readonly string[];
  /** Regulation S-X rules or articles ("3-05", "11"). */
  readonly sx?: readonly string[];
  /** Regulation G cited. */
  readonly regulationG?: boolean;
  /** Words in the comment or its caption (case-insensitive). */
  readonly words?: RegExp;
}

export const TOPIC_TAGS: readonly TopicTag[] = [
  {
    id: 'non-gaap',
    label: 'Non-GAAP measures',
    sk: ['10(e)'],
    regulationG: true,
    words: /\bnon[-‐ ]?gaap\b|\badjusted ebitda\b|\bebitda\b|\bnon[-‐ ]?gaap c&dis?\b/i,
  },
  { id: 'mda', label: 'MD&A', sk: ['303'], words: /\bmanagement['’]s discussion and analysis\b|\bMD&A\b|\bresults of operations\b|\bknown trends?\b/i },
  {
    id: 'liquidity',
    label: 'Liquidity and capital resources',
    words: /\bliquidity\b|\bcapital resources\b|\bcash requirements\b|\bworking capital\b|\bcash flows? from operat/i,
  },
  { id: 'kpis', label: 'Key performance indicators and metrics', words: /\bkey performance indicators?\b|\bkpis?\b|\boperating metrics?\b|\bkey metrics?\b/i },
  { id: 'segments', label: 'Segments', asc: ['280'], words: /\bsegments?\b|\bchief operating decision maker\b|\bCODM\b/i },
  {
    id: 'revenue-recognition',
    label: 'Revenue recognition',
    asc: ['605', '606'],
    words:
      /\brevenue recognition\b|\bperformance obligations?\b|\btransaction price\b|\bprincipal (?:versus|vs\.?|or) (?:an )?agent\b|\bvariable consideration\b|\bdisaggregat/i,
  },
  {
    id: 'goodwill-impairment',
    label: 'Goodwill and impairment',
    asc: ['350', '360'],
    words: /\bgoodwill\b|\bimpairments?\b|\breporting units?\b|\blong-lived assets?\b/i,
  },
  {
    id: 'income-taxes',
    label: 'Income taxes',
    asc: ['740'],
    words: /\bincome tax(?:es)?\b|\beffective tax rates?\b|\bvaluation allowances?\b|\bdeferred tax\b|\buncertain tax\b/i,
  },
  { id: 'leases', label: 'Leases', asc: ['840', '842'], words: /\bleases?\b|\blessee\b|\blessor\b|\bright[- ]of[- ]use\b/i },
  {
    id: 'business-combinations',
    label: 'Business combinations',
    asc: ['805'],
    sx: ['3-05', '11'],
    words: /\bbusiness combinations?\b|\bpurchase price allocation\b|\bpro forma\b|\bacquisitions?\b|\bmergers?\b/i,
  },
  { id: 'critical-accounting-estimates', label: 'Critical accounting estimates', words: /\bcritical accounting (?:estimates?|policies|policy)\b/i },
  { id: 'fair-value', label: 'Fair value', asc: ['820'], words: /\bfair value\b|\blevel 3\b/i },
  {
    id: 'loss-contingencies',
    label: 'Loss contingencies',
    asc: ['450'],
    sk: ['103'],
    words: /\bcontingenc(?:y|ies)\b|\blitigation\b|\blegal proceedings\b|\breasonably possible\b|\bloss accruals?\b/i,
  },
  {
    id: 'stock-compensation',
    label: 'Stock-based compensation',
    asc: ['718'],
    words: /\b(?:share|stock)[- ]based compensation\b|\bstock options?\b|\bequity awards?\b/i,
  },
  {
    id: 'consolidation',
    label: 'Consolidation and VIEs',
    asc: ['810'],
    words: /\bvariable interest entit(?:y|ies)\b|\bVIEs?\b|\bconsolidat(?:e|ed|ion) (?:of )?(?:the )?(?:subsidiar|entit)/i,
  },
  {
    id: 'financial-instruments',
    label: 'Financial instruments, credit losses, derivatives',
    asc: ['310', '320', '321', '326', '815', '825'],
    words: /\bderivatives?\b|\bhedg(?:e|es|ing)\b|\bcredit losses\b|\ballowance for (?:doubtful|credit)\b/i,
  },
  {
    id: 'debt',
    label: 'Debt and financing',
    asc: ['470', '480'],
    words: /\bcredit facilit(?:y|ies)\b|\bcovenants?\b|\bindebtedness\b|\bconvertible notes?\b/i,
  },
  { id: 'inventory', label: 'Inventory', asc: ['330'], words: /\binventor(?:y|ies)\b/i },
  { id: 'eps', label: 'Earnings per share', asc: ['260'], words: /\bearnings per share\b|\bEPS\b/i },
  { id: 'pensions', label: 'Pensions and retirement benefits', asc: ['715'], words: /\bpensions?\b|\bpostretirement\b|\bdefined benefit\b/i },
  { id: 'risk-factors', label: 'Risk factors', sk: ['105', '503'], words: /\brisk factors?\b/i },
  {
    id: 'controls-and-procedures',
    label: 'Controls and procedures',
    sk: ['307', '308'],
    words: /\bdisclosure controls\b|\binternal control over financial reporting\b|\bICFR\b|\bmaterial weakness(?:es)?\b/i,
  },
  {
    id: 'executive-compensation',
    label: 'Executive compensation',
    sk: ['402'],
    words: /\bexecutive compensation\b|\bnamed executive officers?\b|\bcompensation discussion and analysis\b|\bpay versus performance\b/i,
  },
  {
    id: 'board-oversight',
    label: 'Board leadership and risk oversight',
    sk: ['407'],
    words: /\bboard leadership\b|\bleadership structure\b|\brisk oversight\b|\blead independent director\b/i,
  },
  { id: 'cybersecurity', label: 'Cybersecurity', sk: ['106'], words: /\bcyber/i },
  {
    id: 'climate',
    label: 'Climate',
    sk: ['1500', '1501', '1502', '1503', '1504', '1505', '1506', '1507', '1508'],
    words: /\bclimate\b|\bgreenhouse\b|\bcarbon\b|\bemissions?\b|\bCSR report\b|\bsustainability report\b/i,
  },
  { id: 'crypto-assets', label: 'Crypto assets', words: /\bcrypto|\bdigital assets?\b|\bbitcoin\b|\bblockchain\b|\bstablecoins?\b/i },
  {
    id: 'china-based-issuers',
    label: 'China-based issuers',
    words: /\bChina[- ]based\b|\bPRC\b|\bHong Kong\b|\bHolding Foreign Companies Accountable\b|\bHFCAA\b|\bChinese government\b/i,
  },
  { id: 'russia-ukraine', label: 'Russia and Ukraine', words: /\bRussia(?:n)?\b|\bUkrain(?:e|ian)\b|\bBelarus\b/i },
  {
    id: 'sanctioned-countries',
    label: 'Sanctioned countries',
    words: /\bSyria\b|\bSudan\b|\bIran\b|\bNorth Korea\b|\bCuba\b|\bstate sponsors? of terrorism\b|\bsanctioned countr/i,
  },
  { id: 'inflation-supply-chain', label: 'Inflation and supply chains', words: /\binflation(?:ary)?\b|\bsupply chains?\b/i },
];

const BY_ID = new Map(TOPIC_TAGS.map((t) => [t.id, t]));

/** The tag with this id (for --tag and labels). */
export function topicTag(id: string): TopicTag | undefined {
  return BY_ID.get(id);
}

/** What a comment must give for its tags: its text and, when known, its caption path. */
export interface Taggable {
  readonly text: string;
  readonly caption?: readonly string[];
}

/** S-K item keys a citation stands for: "303", and for item 10 "10(e)". */
function skKeys(c: Citation): string[] {
  if (c.source !== 'S-K' || !c.item) return [];
  return c.path.length > 0 ? [c.item, `${c.item}(${c.path[0]})`] : [c.item];
}

/**
 * The topic tags of a comment, in table order: a tag is on when the comment cites its ASC topic, S-K item, S-X rule
 * or Regulation G, or uses its words (in the text or the caption).
 */
export function tagsOf(comment: Taggable): string[] {
  const caption = comment.caption?.join('\n') ?? '';
  const text = caption ? `${caption}\n${comment.text}` : comment.text;
  const asc = new Set<string>();
  const sk = new Set<string>();
  const sx = new Set<string>();
  let regulationG = false;
  for (const c of findCitations(text)) {
    if (c.source === 'ASC') asc.add(c.topic);
    else if (c.source === 'S-K') for (const k of skKeys(c)) sk.add(k);
    else if (c.source === 'S-X' && c.item) {
      sx.add(c.item);
      sx.add(c.item.split('-')[0]!);
    } else if (c.source === 'G') regulationG = true;
  }
  const out: string[] = [];
  for (const tag of TOPIC_TAGS) {
    const on =
      (tag.regulationG && regulationG) ||
      tag.asc?.some((t) => asc.has(t)) ||
      tag.sk?.some((i) => sk.has(i)) ||
      tag.sx?.some((i) => sx.has(i)) ||
      (tag.words !== undefined && tag.words.test(text));
    if (on) out.push(tag.id);
  }
  return out;
}
