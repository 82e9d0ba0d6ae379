/**
 * Generates realistic SEC comment-letter threads for the benchmark: staff letters (as Corresp Markdown, the form
 * `corresp import` writes, and as `pdftotext -layout`-style text with running heads and form feeds) and response
 * drafts in Corresp Markdown (front matter naming the staff letter, captions as headings, each comment repeated in
 * bold, "Response:" answers with paragraphs, bullet lists, GFM tables, <u>additions</u>, ~~deletions~~, citations,
 * some placeholders, some missing answers, some drifted repeats). Deterministic: the same seed gives the same bytes.
 *
 *   import { staffLetter, responseDraft, writeWorkspace } from './generate.mjs';
 *   const letter = staffLetter({ comments: 1000, seed: 7 });      // { model, md, txt }
 *   const draft = responseDraft(letter.model, { targetBytes: 1 << 20, staffPath: './staff.md' });
 *
 * `node test/bench/generate.mjs <dir> [threads]` writes a workspace of threads to look at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** mulberry32: a small, fast, seedable PRNG. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    chance: (p) => next() < p,
  };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const longDate = (iso) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${MONTHS[m - 1]} ${d}, ${y}`;
};
export function addDays(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const COMPANIES = [
  'Northwind Holdings, Inc.',
  'Contoso Therapeutics Corp.',
  'Fabrikam Energy Partners, L.P.',
  'Tailspin Semiconductor Ltd.',
  'Adventure Works Group plc',
  'Litware Financial Corporation',
  'Proseware Data Centers Inc.',
  'Wingtip Retail Co.',
  'Woodgrove Bancorp, Inc.',
  'Alpine Ski House Resorts, Inc.',
  'Blue Yonder Airlines Holdings',
  'Coho Vineyard & Winery, Inc.',
  'Fourth Coffee Brands Corp.',
  'Graphic Design Institute Ltd.',
  'Humongous Insurance Group',
  'Lucerne Publishing Company',
  'Margie’s Travel Services, Inc.',
  'Nod Publishers Holdings',
  'Relecloud Networks Corp.',
  'Southridge Video Inc.',
  'Trey Research Laboratories, Inc.',
  'VanArsdel Mining Ltd.',
  'Wide World Importers Group',
  'Datum Biosciences Corp.',
];
const PEOPLE = ['Jane Whitfield', 'Robert Okafor', 'Mei-Ling Chen', 'Thomas Brandt', 'Priya Raman', 'Daniel Ortega', 'Sarah Lindqvist', 'Kenji Watanabe'];
const STAFF = ['Stephen Krikorian', 'Angela Lumley', 'Kevin Woody', 'Lyn Shenk', 'Martin James', 'Jennifer Thompson'];
const FORMS = [
  'Form 10-K for the Fiscal Year Ended December 31, {Y}',
  'Form 20-F for the Fiscal Year Ended December 31, {Y}',
  'Form 10-Q for the Quarterly Period Ended June 30, {Y}',
  'Registration Statement on Form S-1',
  'Form 8-K Furnished {D}',
];

const CAPTIONS = [
  ['Item 1. Business', ['Our Customers, page {P}', 'Government Regulation, page {P}', 'Intellectual Property, page {P}']],
  ['Item 1A. Risk Factors', ['Risks Related to Our Indebtedness, page {P}', 'Cybersecurity Risks, page {P}']],
  ['Item 3. Key Information', ['A. Selected Financial Data, page {P}', 'D. Risk Factors, page {P}']],
  [
    "Item 7. Management's Discussion and Analysis of Financial Condition and Results of Operations",
    [
      'Results of Operations, page {P}',
      'Liquidity and Capital Resources, page {P}',
      'Critical Accounting Estimates, page {P}',
      'Non-GAAP Financial Measures, page {P}',
    ],
  ],
  ['Item 8. Financial Statements and Supplementary Data', ['Consolidated Statements of Cash Flows, page F-{P}', 'Segment Information, page F-{P}']],
  [
    'Notes to Consolidated Financial Statements',
    [
      'Note 2. Summary of Significant Accounting Policies',
      'Revenue Recognition, page F-{P}',
      'Note 9. Goodwill and Intangible Assets, page F-{P}',
      'Note 14. Income Taxes, page F-{P}',
    ],
  ],
  ['Item 9A. Controls and Procedures', ['Management’s Report on Internal Control over Financial Reporting, page {P}']],
  ['Exhibits', ['Exhibit 31 Certifications']],
];

const ASC = [
  '606-10-25-1',
  '606-10-32-2',
  '606-10-50-5',
  '350-20-35-30',
  '280-10-50-1',
  '842-20-25-1',
  '820-10-50-2',
  '740-10-50-15',
  '805-30-25-2',
  '326-20-30-2',
  '310-10-35-8',
  '450-20-50-3',
  '830-30-45-12',
  '230-10-45-8',
  '850-10-50-1',
  '718-10-30-3',
];
const SK = [
  'Item 303(a) of Regulation S-K',
  'Item 303(b)(2)(ii) of Regulation S-K',
  'Item 101(c) of Regulation S-K',
  'Item 105 of Regulation S-K',
  'Item 402 of Regulation S-K',
  'Item 10(e) of Regulation S-K',
  'Item 601(b)(10) of Regulation S-K',
];
const SX = [
  'Rule 3-05 of Regulation S-X',
  'Rule 5-02 of Regulation S-X',
  'Rule 4-08(e) of Regulation S-X',
  'Rule 12-04 of Regulation S-X',
  'Rule 3-09 of Regulation S-X',
];
// Comment text is built from a large vocabulary so that different comments share few word pairs (real letters:
// median bigram containment between two comments ≈ 0.03); templated text would hide costs that grow with how many
// comments a repeat resembles.
const ADJ = [
  'deferred',
  'contingent',
  'unbilled',
  'noncurrent',
  'variable',
  'capitalized',
  'restricted',
  'accrued',
  'unrecognized',
  'impaired',
  'amortized',
  'prepaid',
  'uncollectible',
  'discontinued',
  'consolidated',
  'unconsolidated',
  'recurring',
  'nonrecurring',
  'estimated',
  'incremental',
  'cumulative',
  'forecasted',
  'hedged',
  'pledged',
  'subordinated',
  'convertible',
  'redeemable',
  'outstanding',
  'reclassified',
  'transferred',
  'derecognized',
  'remeasured',
  'bundled',
  'licensed',
  'leased',
  'subleased',
  'securitized',
  'factored',
  'collateralized',
  'syndicated',
  'seasonal',
  'promotional',
  'regulatory',
  'environmental',
  'statutory',
  'foreign',
  'domestic',
  'intercompany',
];
const NOUN = [
  'consideration',
  'receivables',
  'royalties',
  'warranty reserves',
  'inventory',
  'rebates',
  'chargebacks',
  'milestone payments',
  'contract assets',
  'contract liabilities',
  'customer deposits',
  'loyalty points',
  'gift card breakage',
  'exit costs',
  'severance obligations',
  'asset retirement obligations',
  'pension assets',
  'earnout liabilities',
  'stock-based compensation',
  'warrants',
  'preferred units',
  'tax credits',
  'uncertain tax positions',
  'transfer pricing adjustments',
  'capitalized software',
  'customer relationships',
  'developed technology',
  'in-process research',
  'tradenames',
  'spectrum licenses',
  'mineral rights',
  'proved reserves',
  'vessel charters',
  'landing slots',
  'franchise fees',
  'deferred commissions',
  'shipping costs',
  'excise taxes',
  'tariff refunds',
  'grant income',
  'insurance recoveries',
  'litigation accruals',
  'guarantee obligations',
  'letters of credit',
  'repurchase agreements',
  'deposit balances',
  'loan modifications',
  'charge-offs',
  'servicing rights',
  'derivative positions',
  'commodity swaps',
  'interest rate caps',
];
const SYL = [
  'ver',
  'tal',
  'nox',
  'ara',
  'quen',
  'dor',
  'lin',
  'mar',
  'zet',
  'ori',
  'bel',
  'cas',
  'tri',
  'vex',
  'sol',
  'umb',
  'rix',
  'pal',
  'gen',
  'hel',
  'iso',
  'kor',
  'lum',
  'nav',
];
const REGION = [
  'Latin America',
  'Asia Pacific',
  'EMEA',
  'North America',
  'Greater China',
  'Nordic',
  'Iberian',
  'Gulf Coast',
  'Permian Basin',
  'Midwest',
  'Pacific Northwest',
  'Andean',
  'Southeast Asia',
  'Benelux',
  'Canadian',
  'Australian',
  'Brazilian',
  'Indian',
  'Japanese',
  'Korean',
  'Mexican',
  'Turkish',
  'South African',
  'Baltic',
];
const QUAL = [
  'from the {Name} acquisition',
  'in the {Region} segment',
  'under the {Name} credit facility',
  'for the {Name} product line',
  'associated with the {Name} joint venture',
  'of your {Region} subsidiaries',
  'related to the {Name} platform',
  'at the {Name} manufacturing facility',
  'owed by {Name} distributors',
  'arising from the {Name} restructuring plan',
  'held by your {Region} reporting unit',
  'under the {Name} supply agreement',
  'within the {Name} licensing program',
  'from {Name} wholesale customers',
];
const DET = ['the', 'your', 'the', 'any', 'the related'];

const name = (r) => {
  const n = r.pick(SYL) + r.pick(SYL) + (r.chance(0.5) ? r.pick(SYL) : '');
  return n.charAt(0).toUpperCase() + n.slice(1);
};
const subject = (r) =>
  `${r.pick(DET)} ${r.pick(ADJ)} ${r.pick(NOUN)}${
    r.chance(0.8)
      ? ' ' +
        r
          .pick(QUAL)
          .replace('{Name}', () => name(r))
          .replace('{Region}', () => r.pick(REGION))
      : ''
  }`;

const STAFF_OPENERS = [
  'We note your disclosure on page {P} that',
  'We note your response to prior comment {C}. We continue to note that',
  'You disclose that',
  'We refer to your discussion on page {P}, where',
  'In your response to prior comment {C}, you state that',
  'Your earnings release furnished on {D} indicates that',
  'It appears from the table on page {P} that',
  'We observe that',
  'Based on the rollforward on page F-{P},',
  'Your MD&A explains that',
  'According to Note {P},',
  'The segment table on page {P} shows that',
  'Your risk factor on page {P} suggests that',
  'During the earnings call you stated that',
  'The exhibit index indicates that',
  'Footnote {P} to the table suggests that',
];
const MIDDLES = [
  '{S} increased by {N}% while {S} declined',
  'you recorded a charge of ${N} million for {S}',
  'auditors identified a material weakness over {S}',
  'management monitors {S} alongside {S}',
  'amounts for {S} were combined with {S}',
  'you revised estimates of {S} in the fourth quarter',
  '{S} exceeded {N}% of total assets',
  'you reclassified {S} into {S}',
  'cash paid for {S} is presented within investing activities',
  '{S} depends on assumptions about {S}',
  'you intend to exit {S} by fiscal {Y}',
  '{S} will be settled through {S}',
  'the valuation of {S} uses Level 3 inputs',
  'proceeds from {S} funded {S}',
  'you waived covenants relating to {S}',
  '{S} were pledged as collateral for {S}',
];
const STAFF_ASKS = [
  'Please tell us how you determined {S} and revise future filings accordingly.',
  'Expand your disclosure to quantify {S} for each period presented.',
  'Tell us the amounts recognized for {S} during fiscal {Y}.',
  'Provide your analysis supporting the accounting for {S}. Refer to ASC {ASC}.',
  'Discuss known trends affecting {S} as required by {SK}.',
  'Explain why the presentation of {S} complies with {SX}.',
  'Provide draft disclosure describing {S}.',
  'Reconcile {S} to the most directly comparable GAAP measure. Refer to Item 100(a) of Regulation G.',
  'Describe the judgments underlying {S} and their sensitivity.',
  'Clarify whether {S} qualifies for hedge accounting under ASC {ASC}.',
  'Disaggregate {S} by {S} in future filings.',
  'Quantify how changes in {S} affected gross margin.',
  'Identify the counterparties to {S} and their credit quality.',
  'Tell us when you expect {S} to be realized.',
  'Revise your liquidity discussion to address {S}.',
  'Support your conclusion that {S} is immaterial, considering SAB 99.',
  'File {S} as an exhibit or tell us why it is not required. Refer to {SK}.',
  'Separately present {S} on the face of the balance sheet. Refer to {SX}.',
];
const BULLETS = [
  'The percentage by which fair value exceeded carrying value as of the most recent impairment test;',
  'How key assumptions for {S} were determined and their uncertainty;',
  'Potential events that could negatively affect {S};',
  'Revenue recognized from each customer exceeding {N}% of {S};',
  'Payment terms and rights of return for {S}; and',
  'Whether {S} are recorded gross or net, and why.',
  'The vintage and credit grade of {S};',
  'Remaining performance obligations tied to {S};',
];
const ANSWERS = [
  'The Company respectfully advises the Staff that {S} was measured using the expected credit loss model in ASC {ASC}, pooled by risk characteristics.',
  'In response to the Staff’s comment, the Company will expand future filings, beginning with its fiscal {Y} Form 10-K, to quantify {S}.',
  'The Company recognized ${N} million and ${N} million of {S} in fiscal {Y} and the first half, respectively, as tabulated below.',
  'Having considered {SK} and {SX}, the Company concluded that separately presenting {S} is not required because it is immaterial.',
  'As of December 31, {Y}, estimated fair value exceeded carrying value by {N}%, so the Company does not consider {S} at risk under ASC {ASC}.',
  'The Company confirms that {S} ceased after the write-off and undertakes to disclose any resumption as ASC {ASC} requires.',
  'Management’s estimate of {S} relies on observable inputs; a {N}% change would not materially affect {S}.',
  'Supplementally, the Company notes that {S} and {S} are reviewed quarterly by its disclosure committee.',
  'The Company respectfully submits that {S} reflects contractual terms negotiated with {S}.',
];

function fill(r, template, ctx) {
  return template
    .replace(/\{P\}/g, () => String(r.int(3, 180)))
    .replace(/\{C\}/g, () => String(ctx.priorComment ?? r.int(1, 6)))
    .replace(/\{S\}/g, () => subject(r))
    .replace(/\{Y\}/g, () => String(ctx.year))
    .replace(/\{N\}/g, () => `${r.int(2, 95)}.${r.int(0, 9)}`)
    .replace(/\{ASC\}/g, () => r.pick(ASC))
    .replace(/\{SK\}/g, () => r.pick(SK))
    .replace(/\{SX\}/g, () => r.pick(SX))
    .replace(/\{D\}/g, () => longDate(ctx.date));
}

const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A staff letter's model: captions and numbered comments (paragraphs, some with bullets, citations, "prior comment
 * N" when there is a prior letter).
 */
export function staffModel({ comments = 10, seed = 1, company, date = '2021-03-15', priorDate, fileNo } = {}) {
  const r = rng(seed * 7919 + comments);
  const year = Number(date.slice(0, 4)) - 1;
  const co = company ?? r.pick(COMPANIES);
  const ctx = { year, date };
  const list = [];
  let captionPath;
  let n = 0;
  while (n < comments) {
    // A new caption every 2–6 comments (sometimes only the sub-caption changes).
    const [top, subs] = r.pick(CAPTIONS);
    const sub = r.chance(0.75) ? fill(r, r.pick(subs), ctx) : undefined;
    captionPath = sub ? [top, sub] : [top];
    const run = Math.min(comments - n, r.int(2, 6));
    for (let k = 0; k < run; k++) {
      n++;
      if (priorDate && r.chance(0.3)) ctx.priorComment = r.int(1, 8);
      else delete ctx.priorComment;
      const opener = fill(r, r.pick(priorDate ? STAFF_OPENERS : STAFF_OPENERS.filter((o) => !o.includes('{C}'))), ctx);
      const first = `${opener} ${fill(r, r.pick(MIDDLES), ctx)}. ${fill(r, r.pick(STAFF_ASKS), ctx)}`;
      const paragraphs = [r.chance(0.5) ? `${first} ${fill(r, r.pick(STAFF_ASKS), ctx)}` : first];
      let bullets = [];
      if (r.chance(0.2)) {
        paragraphs[0] += ' In addition, ensure your future filings disclose the following:';
        bullets = [...BULLETS]
          .sort(() => r.next() - 0.5)
          .slice(0, r.int(2, 4))
          .map((b) => fill(r, b, ctx));
        if (r.chance(0.5)) paragraphs.push(`Alternatively, if true, disclose that ${subject(r)} is not material to your results of operations.`);
      } else if (r.chance(0.3)) paragraphs.push(fill(r, r.pick(STAFF_ASKS), ctx));
      list.push({ number: n, caption: captionPath, newCaption: k === 0, paragraphs, bullets });
    }
  }
  return {
    company: co,
    date,
    priorDate,
    fileNo: fileNo ?? `001-${String(r.int(10000, 39999))}`,
    form: fill(r, r.pick(FORMS), ctx),
    addressee: r.pick(PEOPLE),
    signer: r.pick(STAFF),
    year,
    comments: list,
    seed,
  };
}

/** The letter as Corresp Markdown (the form `corresp import` writes). */
export function staffMarkdown(m) {
  const out = [];
  out.push('---', 'corresp: staff-letter', `date: ${m.date}`, `company: ${m.company}`, 'filings:', `  - ${m.form}`, `file-no: ${m.fileNo}`);
  if (m.priorDate) out.push(`prior-letter: ${m.priorDate}`);
  out.push('response-days: 10', '---', '');
  out.push('DIVISION OF', '', 'CORPORATION FINANCE', '', 'UNITED STATES', '', 'SECURITIES AND EXCHANGE COMMISSION', '', 'WASHINGTON, D.C. 20549', '');
  out.push(longDate(m.date), '', m.addressee, '', 'Chief Financial Officer', '', m.company, '');
  out.push(`Re: ${m.company}\\`, `${m.form}\\`, `File No. ${m.fileNo}`, '');
  out.push(`Dear ${m.addressee.replace(/^(\S+) /, 'Mr. ')}:`, '');
  out.push(
    'We have reviewed your filing and have the following comments. In some of our comments, we may ask you to provide us with information so we may better understand your disclosure.',
    '',
  );
  out.push(
    'Please respond to these comments within ten business days by providing the requested information or advise us as soon as possible when you will respond.',
    '',
  );
  if (m.priorDate)
    out.push(
      `After reviewing your response to these comments, we may have additional comments. Unless we note otherwise, our references to prior comments are to comments in our ${longDate(m.priorDate)} letter.`,
      '',
    );
  for (const c of m.comments) {
    if (c.newCaption) {
      out.push(`## ${c.caption[0]}`, '');
      if (c.caption[1]) out.push(`### ${c.caption[1]}`, '');
    }
    out.push(`${c.number}. ${c.paragraphs[0]}`, '');
    const indent = ' '.repeat(String(c.number).length + 2);
    for (const b of c.bullets) out.push(`${indent}- ${b}`);
    if (c.bullets.length) out.push('');
    for (const p of c.paragraphs.slice(1)) out.push(`${indent}${p}`, '');
  }
  out.push(
    'We remind you that the company and its management are responsible for the accuracy and adequacy of their disclosures, notwithstanding any review, comments, action or absence of action by the staff.',
    '',
  );
  out.push(
    `You may contact ${m.signer}, Staff Accountant, at (202) 551-3488 if you have questions regarding comments on the financial statements and related matters.`,
    '',
  );
  out.push('Sincerely,', '', `/s/ ${m.signer}`, '', m.signer, '', 'Division of Corporation Finance', '');
  return out.join('\n');
}

/** Wraps a paragraph at `width` columns with a first-line and a hanging indent. */
function wrap(text, width, first, rest) {
  const words = text.split(/\s+/);
  const lines = [];
  let line = first;
  let empty = true;
  for (const w of words) {
    if (!empty && line.length + 1 + w.length > width) {
      lines.push(line);
      line = rest + w;
    } else {
      line += (empty ? '' : ' ') + w;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}

/** The letter as `pdftotext -layout` prints it: indentation, wrapped lines, running heads and form feeds. */
export function staffText(m) {
  const body = [];
  body.push(
    '',
    '',
    '',
    '',
    '                                  UNITED STATES',
    '                      SECURITIES AND EXCHANGE COMMISSION',
    '                              WASHINGTON, D.C. 20549',
    '',
  );
  body.push(' DIVISION OF', 'CORPORATION FINANCE', '', `                                                             ${longDate(m.date)}`, '');
  body.push(
    'Via E-Mail',
    m.addressee,
    'Chief Financial Officer',
    m.company,
    '',
    `       Re:     ${m.company}`,
    `               ${m.form}`,
    `               File No. ${m.fileNo}`,
    '',
  );
  body.push(`Dear ${m.addressee.replace(/^(\S+) /, 'Mr. ')}:`, '');
  body.push(
    ...wrap(
      'We have reviewed your filing and have the following comments. In some of our comments, we may ask you to provide us with information so we may better understand your disclosure.',
      96,
      '        ',
      '',
    ),
    '',
  );
  body.push(
    ...wrap(
      'Please respond to these comments within ten business days by providing the requested information or advise us as soon as possible when you will respond.',
      96,
      '       ',
      '',
    ),
    '',
  );
  if (m.priorDate)
    body.push(
      ...wrap(
        `After reviewing your response to these comments, we may have additional comments. Unless we note otherwise, our references to prior comments are to comments in our ${longDate(m.priorDate)} letter.`,
        96,
        '       ',
        '',
      ),
      '',
    );
  for (const c of m.comments) {
    if (c.newCaption) {
      body.push(c.caption[0], '');
      if (c.caption[1]) body.push(c.caption[1], '');
    }
    const num = `${c.number}.`;
    body.push(...wrap(c.paragraphs[0], 96, `   ${num.padEnd(4)}`, '       '), '');
    for (const b of c.bullets) body.push(...wrap(b, 96, '        •  ', '           '), '');
    for (const p of c.paragraphs.slice(1)) body.push(...wrap(p, 96, '       ', '       '), '');
  }
  body.push(
    ...wrap(
      'We remind you that the company and its management are responsible for the accuracy and adequacy of their disclosures, notwithstanding any review, comments, action or absence of action by the staff.',
      96,
      '       ',
      '',
    ),
    '',
  );
  body.push(
    ...wrap(
      `You may contact ${m.signer}, Staff Accountant, at (202) 551-3488 if you have questions regarding comments on the financial statements and related matters.`,
      96,
      '       ',
      '',
    ),
    '',
  );
  body.push(
    '                                                             Sincerely,',
    '',
    `                                                             /s/ ${m.signer}`,
    '',
    `                                                             ${m.signer}`,
    '                                                             Division of Corporation Finance',
  );
  // Pages of 52 lines; every page after the first starts with a form feed and the running head.
  const out = [];
  let page = 1;
  for (let i = 0; i < body.length; i += 52) {
    if (page > 1) out.push(`\f${m.addressee}`, m.company, longDate(m.date), `Page ${page}`, '');
    out.push(...body.slice(i, i + 52));
    page++;
  }
  return out.join('\n') + '\n';
}

export function staffLetter(opts) {
  const model = staffModel(opts);
  return { model, md: staffMarkdown(model), txt: staffText(model) };
}

/** Escapes what would otherwise turn into Markdown in a bold repeat (the generator's text has none of it). */
const bold = (s) => `**${s}**`;

/**
 * A response draft to `m` in Corresp Markdown, padded with answer paragraphs to about `targetBytes` (when given).
 * Rates: placeholder (TODO, [●], TBD), missing (no answer at all), drift (a word of the repeat changed).
 */
export function responseDraft(
  m,
  { targetBytes, staffPath = './staff-letter.md', seed = 1, placeholderRate = 0.06, missingRate = 0.03, driftRate = 0.04, due } = {},
) {
  const r = rng(seed * 104729 + m.comments.length);
  const ctx = { year: m.year + 1, date: m.date };
  const head = [];
  head.push('---', 'corresp: response', `staff-letter: ${staffPath}`);
  if (due) head.push(`due: ${due}`);
  head.push('---', '');
  head.push(
    longDate(addDays(m.date, 12)),
    '',
    'VIA EDGAR',
    '',
    `${m.signer}\\`,
    'Division of Corporation Finance\\',
    'U.S. Securities and Exchange Commission\\',
    '100 F Street, N.E.\\',
    'Washington, D.C. 20549',
    '',
  );
  head.push(`**Re: ${m.company}**\\`, `${m.form}\\`, `File No. ${m.fileNo}`, '');
  head.push(`Dear ${m.signer.replace(/^(\S+) /, 'Mr. ')}:`, '');
  head.push(
    `This letter sets forth the responses of ${m.company} (the “Company”) to the comments of the staff (the “Staff”) of the Division of Corporation Finance contained in your letter dated ${longDate(m.date)}. For your convenience, each comment is repeated below in bold, followed by the Company’s response.`,
    '',
  );
  const tail = [
    '* * *',
    '',
    'If you have any questions regarding this response, please contact the undersigned at (212) 555-0142.',
    '',
    'Very truly yours,',
    '',
    `/s/ ${m.addressee}\\`,
    `${m.addressee}\\`,
    'Chief Financial Officer',
    '',
  ];
  const fixedBytes = head.join('\n').length + tail.join('\n').length;
  const perComment = targetBytes ? Math.max(0, (targetBytes - fixedBytes) / m.comments.length) : 0;

  const sections = [];
  for (const c of m.comments) {
    const s = [];
    if (c.newCaption) {
      s.push(`### ${c.caption[0]}`, '');
      if (c.caption[1]) s.push(`#### ${c.caption[1]}`, '');
    }
    if (r.chance(missingRate)) {
      sections.push(s);
      continue;
    }
    let first = c.paragraphs[0];
    if (r.chance(driftRate)) first = first.replace(/\b(disclosure|filings|amounts|revenue)\b/, (w) => `${w}s`);
    s.push(bold(`${c.number}. ${first}`), '');
    for (const b of c.bullets) s.push(`- ${bold(b)}`);
    if (c.bullets.length) s.push('');
    for (const p of c.paragraphs.slice(1)) s.push(bold(p), '');
    if (r.chance(placeholderRate)) {
      s.push(`Response: ${r.pick(['TODO', '[●]', 'TBD', '[Response]'])}`, '');
      sections.push(s);
      continue;
    }
    const start = s.join('\n').length;
    s.push(`Response: ${fill(r, r.pick(ANSWERS), ctx)}`, '');
    // Pad to the per-comment budget with the kinds of content responses hold.
    let bytes = s.join('\n').length - start;
    const budget = perComment > 0 ? perComment - (start - 0) : r.int(300, 1400);
    let kind = r.int(0, 4);
    while (bytes < budget) {
      const block = [];
      switch (kind++ % 5) {
        case 0:
          block.push(`${fill(r, r.pick(ANSWERS), ctx)} ${fill(r, r.pick(ANSWERS), ctx)}`, '');
          break;
        case 1:
          block.push('The Company’s analysis considered the following factors:', '');
          for (let i = r.int(2, 4); i > 0; i--) block.push(`- ${cap(subject(r))}, as described in ASC ${r.pick(ASC)};`);
          block.push('');
          break;
        case 2: {
          const y = ctx.year;
          block.push('| (in millions) | ' + `${y} | ${y - 1} | ${y - 2} |`, '|---|--:|--:|--:|');
          for (let i = r.int(2, 5); i > 0; i--)
            block.push(`| ${cap(subject(r))} | ${r.int(10, 999)}.${r.int(0, 9)} | ${r.int(10, 999)}.${r.int(0, 9)} | ${r.int(10, 999)}.${r.int(0, 9)} |`);
          block.push('');
          break;
        }
        case 3:
          block.push('The Company proposes to revise its disclosure in future filings as follows (additions underlined, deletions struck through):', '');
          block.push(
            `> ${cap(subject(r))} <u>increased by $${r.int(2, 90)}.${r.int(0, 9)} million, or ${r.int(2, 40)}%, primarily due to ${subject(r)}</u> ~~was substantially unchanged~~ compared with the prior year. <u>See Note ${r.int(2, 18)} for the factors the Company considered under ${r.pick(SX)}.</u>`,
            '',
          );
          break;
        default:
          block.push(
            `In addition, the Company refers the Staff to ${r.pick(SK)} and ASC ${r.pick(ASC)} through ${r.int(26, 35)}, which it considered in reaching this conclusion.${r.chance(0.15) ? ' The amount for the current period is [●] million.' : ''}`,
            '',
          );
      }
      s.push(...block);
      bytes += block.join('\n').length + 1;
    }
    sections.push(s);
  }
  return [...head, ...sections.flat(), ...tail].join('\n');
}

/**
 * A workspace of threads: `companies` folders, each with `perCompany` staff letters (each after the first names
 * the one before as its prior letter) and a draft answering each. Returns the drafts' and letters' paths.
 */
export function workspaceFiles({ threads = 500, perCompany = 10, seed = 3 } = {}) {
  const r = rng(seed);
  const files = new Map();
  const drafts = [];
  const companies = Math.ceil(threads / perCompany);
  let made = 0;
  for (let k = 0; k < companies && made < threads; k++) {
    const company = `${COMPANIES[k % COMPANIES.length].replace(/,? (Inc|Corp|Ltd|plc|L\.P|Co)\.?$/, '')}${k >= COMPANIES.length ? ` ${Math.floor(k / COMPANIES.length) + 1}` : ''}, Inc.`;
    const folder = `${String(k + 1).padStart(3, '0')}-${company
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')}`;
    let date = `20${String(14 + (k % 8)).padStart(2, '0')}-0${1 + (k % 9)}-1${k % 10}`;
    let prior;
    const fileNo = `001-${30000 + k}`;
    for (let t = 0; t < perCompany && made < threads; t++, made++) {
      const n = r.int(3, 15);
      const letter = staffLetter({ comments: n, seed: seed * 1000 + made, company, date, priorDate: prior, fileNo });
      const staffName = `${folder}/staff-letter-${date}.md`;
      const draftName = `${folder}/response-${date}.md`;
      files.set(staffName, letter.md);
      files.set(draftName, responseDraft(letter.model, { staffPath: `./staff-letter-${date}.md`, seed: made + 1 }));
      drafts.push(draftName);
      prior = date;
      date = addDays(date, r.int(30, 90));
    }
  }
  return { files, drafts };
}

export function writeWorkspace(dir, opts) {
  const { files, drafts } = workspaceFiles(opts);
  for (const [name, text] of files) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return { files: [...files.keys()], drafts, bytes: [...files.values()].reduce((a, t) => a + Buffer.byteLength(t), 0) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? 'test/bench/.out/sample';
  const threads = Number(process.argv[3] ?? 10);
  const w = writeWorkspace(dir, { threads });
  const big = staffLetter({ comments: 100, seed: 1 });
  writeFileSync(path.join(dir, 'big-staff.md'), big.md);
  writeFileSync(path.join(dir, 'big-staff.txt'), big.txt);
  writeFileSync(path.join(dir, 'big-response.md'), responseDraft(big.model, { targetBytes: 100 * 1024, staffPath: './big-staff.md' }));
  console.log(`wrote ${w.files.length + 3} files (${(w.bytes / 1024).toFixed(0)} KB of workspace) to ${dir}`);
}
