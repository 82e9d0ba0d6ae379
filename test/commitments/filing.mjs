/**
 * A realistic periodic filing for `corresp verify`'s tests and benchmark, built from real text: there are no real
 * 10-Ks among the fixtures, so this assembles one as EDGAR's filing agents write them (a cover page, Parts and Items,
 * notes to the financial statements, data tables, Workiva-style inline-styled spans, CSS page breaks with page
 * numbers, a hidden inline-XBRL header) from the prose of the real letters in test/fixtures (their paragraphs that do
 * not speak of the staff or the letter). `insert` places given paragraphs (a response's proposed disclosure as filed,
 * reworded, or not at all) in a named Item; `exclude` keeps texts under test (a response's words) out of the filler.
 * Deterministic for a seed.
 *
 *   buildFiling({ pages: 300, form: '10-K', period: 'December 31, 2024', insert: [{ item: '7', paragraphs: [...] }] })
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.resolve(HERE, '..', 'fixtures');

/** Paragraph-length runs of prose from the fixture letters, excluding anything addressed to or about the staff. */
let corpus;
export function fixtureProse() {
  if (corpus) return corpus;
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.htm$/.test(name)) files.push(p);
    }
  };
  // The labelled responses of test/fixtures/threads (labels.json and labels-heldout.json name them) and the real pairs.
  const labelled = new Set(
    ['labels.json', 'labels-heldout.json'].flatMap((f) =>
      JSON.parse(readFileSync(path.join(FIXTURES, 'commitments', f), 'utf8')).map((l) => path.join(FIXTURES, l.response)),
    ),
  );
  walk(path.join(FIXTURES, 'threads'));
  files.splice(0, files.length, ...files.filter((f) => labelled.has(f)));
  walk(path.join(FIXTURES, 'real'));
  const seen = new Set();
  corpus = [];
  for (const f of files) {
    const html = readFileSync(f, 'latin1').replace(/\s+/g, ' ');
    for (const m of html.matchAll(/>([^<>]{120,})</g)) {
      const t = decode(m[1]).trim();
      if (/\b(?:staff|comments?|letters?|response|respond|please|you|your|dear|sincerely|commission|division)\b/i.test(t)) continue;
      if (!/^[A-Z]/.test(t) || !/[.]$/.test(t) || seen.has(t)) continue;
      seen.add(t);
      corpus.push(t);
    }
  }
  return corpus;
}

function decode(t) {
  return t
    .replace(/&nbsp;|&#160;|&#xa0;/gi, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#8217;|&rsquo;|&#146;/g, '’')
    .replace(/&#8220;|&ldquo;|&#147;/g, '“')
    .replace(/&#8221;|&rdquo;|&#148;/g, '”')
    .replace(/&#8212;|&mdash;|&#151;/g, '—')
    .replace(/&#8211;|&ndash;|&#150;/g, '–')
    .replace(/&#\d+;|&[a-z]+;/gi, ' ')
    .replace(/\s+/g, ' ');
}

function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const SPAN = "color:#000000;font-family:'Times New Roman',sans-serif;font-size:10pt;font-weight:400;line-height:120%";
const BOLD = SPAN.replace('font-weight:400', 'font-weight:700');
const escape = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** A paragraph as filing agents write it: one styled span per sentence. */
const para = (t) =>
  `<div style="margin-top:6pt;text-align:justify;text-indent:24.75pt">${t
    .split(/(?<=[.;])\s+/)
    .map((s) => `<span style="${SPAN}">${escape(s)} </span>`)
    .join('')}</div>\n`;
const head = (t) => `<div style="margin-top:12pt"><span style="${BOLD}">${escape(t)}</span></div>\n`;

const ITEMS = [
  ['PART I', null, 0],
  ['Item 1.', 'Business', 0.09],
  ['Item 1A.', 'Risk Factors', 0.1],
  ['Item 1B.', 'Unresolved Staff Comments', 0.003],
  ['Item 1C.', 'Cybersecurity', 0.01],
  ['Item 2.', 'Properties', 0.005],
  ['Item 3.', 'Legal Proceedings', 0.005],
  ['PART II', null, 0],
  ['Item 5.', 'Market for Registrant’s Common Equity, Related Stockholder Matters and Issuer Purchases of Equity Securities', 0.01],
  ['Item 7.', 'Management’s Discussion and Analysis of Financial Condition and Results of Operations', 0.2],
  ['Item 7A.', 'Quantitative and Qualitative Disclosures About Market Risk', 0.02],
  ['Item 8.', 'Financial Statements and Supplementary Data', 0.45],
  ['Item 9A.', 'Controls and Procedures', 0.01],
  ['PART III', null, 0],
  ['Item 10.', 'Directors, Executive Officers and Corporate Governance', 0.005],
  ['PART IV', null, 0],
  ['Item 15.', 'Exhibits and Financial Statement Schedules', 0.04],
];
const NOTES = [
  'Summary of Significant Accounting Policies',
  'Revenue',
  'Acquisitions and Divestitures',
  'Inventories',
  'Property, Plant and Equipment',
  'Goodwill and Other Intangible Assets',
  'Leases',
  'Debt',
  'Income Taxes',
  'Fair Value Measurements',
  'Derivatives and Hedging',
  'Retirement Benefits',
  'Share-Based Compensation',
  'Commitments and Contingencies',
  'Segment Information',
  'Earnings per Share',
  'Accumulated Other Comprehensive Income',
  'Restructuring',
  'Related Party Transactions',
  'Subsequent Events',
];

/**
 * The HTML of a filing of about `pages` pages. `insert`: [{ item: '7' | '8' | …, paragraphs: string[] }] placed a few
 * paragraphs into that Item. Returns the HTML and where each insert went (page number).
 */
export function buildFiling({
  pages = 300,
  seed = 7,
  form = '10-K',
  period = 'December 31, 2024',
  company = 'Example Industries, Inc.',
  insert = [],
  exclude = [],
} = {}) {
  // The letters' own proposals are among the fixtures' prose: texts under test (`exclude`) are kept out of the filler.
  const shingles = new Set();
  for (const t of exclude) {
    const w = t.toLowerCase().match(/[a-z0-9]+/g) ?? [];
    for (let i = 0; i + 6 <= w.length; i++) shingles.add(w.slice(i, i + 6).join(' '));
  }
  const prose = fixtureProse().filter((t) => {
    const w = t.toLowerCase().match(/[a-z0-9]+/g) ?? [];
    for (let i = 0; i + 6 <= w.length; i++) if (shingles.has(w.slice(i, i + 6).join(' '))) return false;
    return true;
  });
  const next = rng(seed);
  const pick = () => prose[Math.floor(next() * prose.length)];
  const out = [];
  const placed = [];
  let page = 1;
  let words = 0;
  const WORDS_PER_PAGE = 500;
  const pageBreak = () => {
    out.push(`<div style="text-align:center"><span style="${SPAN}">${page}</span></div>\n<hr style="page-break-after:always"/>\n`);
    page++;
    words = 0;
  };
  const add = (html, n) => {
    out.push(html);
    words += n;
    if (words >= WORDS_PER_PAGE) pageBreak();
  };

  out.push(
    `<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"><head><title>${escape(company)} ${form}</title><style>body{font-family:'Times New Roman'}</style></head><body>\n`,
  );
  // The hidden inline-XBRL header filers put first: contexts and units, never shown.
  const contexts = [];
  for (let i = 0; i < 400; i++)
    contexts.push(
      `<xbrli:context id="c-${i}"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0000000000</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>2024-01-01</xbrli:startDate><xbrli:endDate>2024-12-31</xbrli:endDate></xbrli:period></xbrli:context>`,
    );
  out.push(
    `<div style="display:none"><ix:header><ix:hidden><ix:nonNumeric name="dei:DocumentType" contextRef="c-1">${form}</ix:nonNumeric></ix:hidden><ix:resources>${contexts.join('')}</ix:resources></ix:header></div>\n`,
  );
  // Cover page.
  out.push(head('UNITED STATES'), head('SECURITIES AND EXCHANGE COMMISSION'), head('Washington, D.C. 20549'), head(`FORM ${form}`));
  const kind = form === '10-Q' ? 'QUARTERLY' : 'ANNUAL';
  out.push(para(`☒ ${kind} REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934`));
  out.push(para(form === '10-Q' ? `For the quarterly period ended ${period}` : `For the fiscal year ended ${period}`));
  out.push(
    para('☐ TRANSITION REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934'),
    head(company.toUpperCase()),
    para('(Exact name of registrant as specified in its charter)'),
  );
  pageBreak();

  // Items' shares add to about nine tenths of the words; cover, headings and tables the rest.
  const target = pages * WORDS_PER_PAGE * 1.12;
  const paragraphs = (share, itemKey) => {
    const budget = Math.max(1, Math.round(target * share));
    let used = 0;
    let n = 0;
    const mine = insert.filter((x) => x.item === itemKey);
    while (used < budget) {
      if (n === 3)
        for (const x of mine) {
          placed.push({ item: itemKey, page });
          for (const p of x.paragraphs) add(para(p), p.split(/\s+/).length);
        }
      if (n > 0 && n % 9 === 0) {
        const rows = 6 + Math.floor(next() * 10);
        let t = `<table style="border-collapse:collapse;width:100%"><tr><td style="padding:0 1pt"><span style="${BOLD}">(In millions)</span></td><td></td><td style="text-align:right"><span style="${BOLD}">2024</span></td><td></td><td style="text-align:right"><span style="${BOLD}">2023</span></td></tr>`;
        for (let r = 0; r < rows; r++) {
          const label = pick()
            .split(/\s+/)
            .slice(0, 2 + Math.floor(next() * 4))
            .join(' ')
            .replace(/[.,;:]$/, '');
          // Amounts tagged as inline XBRL facts, as filing agents tag every number in the statements.
          const fact = (v) =>
            `<ix:nonFraction unitRef="usd" contextRef="c-${Math.floor(next() * 400)}" decimals="-6" name="us-gaap:LineItem${r}" format="ixt:num-dot-decimal" scale="6">${v}</ix:nonFraction>`;
          t += `<tr><td style="padding:0 1pt;vertical-align:bottom"><span style="${SPAN}">${escape(label)}</span></td><td style="padding:0 1pt;vertical-align:bottom"><span style="${SPAN}">$</span></td><td style="padding:0 1pt;text-align:right;vertical-align:bottom"><span style="${SPAN}">${fact((next() * 9000).toFixed(0))}</span></td><td style="padding:0 1pt;vertical-align:bottom"><span style="${SPAN}">$</span></td><td style="padding:0 1pt;text-align:right;vertical-align:bottom"><span style="${SPAN}">${fact((next() * 9000).toFixed(0))}</span></td></tr>`;
        }
        add(`${t}</table>\n`, rows * 6);
        used += rows * 6;
      }
      const p = pick();
      const w = p.split(/\s+/).length;
      add(para(p), w);
      used += w;
      n++;
    }
  };
  for (const [label, title, share] of ITEMS) {
    if (!title) {
      add(head(label), 2);
      continue;
    }
    add(head(`${label} ${title}`), 12);
    const key = label.replace(/^Item\s+|\.$/g, '');
    if (key === '8') {
      const perNote = share / NOTES.length;
      NOTES.forEach((note, i) => {
        add(head(`Note ${i + 1} — ${note}`), 5);
        paragraphs(perNote, i === 0 ? '8' : `note${i + 1}`);
      });
    } else paragraphs(share, key);
  }
  pageBreak();
  out.push('</body></html>\n');
  return { html: out.join(''), pages: page - 1, placed };
}

/** Words a writer swaps when recasting a sentence (whole words, either case). */
const SWAPS = [
  ['uses', 'employs'],
  ['use', 'employ'],
  ['measure', 'assess'],
  ['believes', 'considers'],
  ['believe', 'consider'],
  ['investors', 'shareholders'],
  ['evaluating', 'assessing'],
  ['may', 'might'],
  ['different than', 'different from'],
  ['other companies', 'peers'],
  ['calculated', 'computed'],
  ['represents', 'is'],
  ['including', 'such as'],
  ['approximately', 'about'],
  ['primarily', 'mainly'],
  ['additional', 'further'],
  ['related to', 'relating to'],
  ['which', 'that'],
  ['total', 'aggregate'],
  ['amount', 'sum'],
  ['reflected', 'recorded'],
  ['reported', 'presented'],
  ['the Company', 'we'],
  ['its', 'our'],
  ['is', 'remains'],
  ['are', 'remain'],
  ['and', 'as well as'],
  ['to', 'in order to'],
  ['for', 'covering'],
  ['in', 'within'],
  ['of', 'from'],
  ['not', 'never'],
  ['these', 'such'],
  ['this', 'that'],
];

/**
 * The proposal as a later filing might carry it reworded by its writer: in every other sentence one word in three
 * swapped for a near synonym, and every fourth sentence left out.
 */
export function reword(paragraphs, seed = 3) {
  const next = rng(seed);
  let n = 0;
  return paragraphs
    .map((p) =>
      p
        .split(/(?<=[.!?])\s+/)
        .filter(() => ++n % 4 !== 0)
        .map((sentence, i) => {
          if (i % 2 === 1) return sentence;
          let t = sentence;
          for (const [a, b] of SWAPS) if (next() < 0.8) t = t.replace(new RegExp(`\\b${a}\\b`, 'gi'), b);
          return t;
        })
        .join(' '),
    )
    .filter((p) => p.length > 0);
}

/** A later period's numbers: every digit run replaced, as the next filing updates the amounts. */
export function renumber(text) {
  return text.replace(/\d[\d,]*(?:\.\d+)?/g, (m) => m.replace(/\d/g, (d) => String((Number(d) * 7 + 3) % 10)));
}
