/**
 * `describeCitation`: what a citation points to, in words a reader of the letter uses, with its status and a link
 * to the public text where one exists (eCFR for Regulations S-K, S-X and G and other Commission rules).
 *
 * Owns: canonical labels ("ASC 810-10-50-2AA(d)", "Item 303(b) of Regulation S-K") and the wording of
 * descriptions. Must not: parse text or judge problems (check.ts); an ASC description states what resolve.ts
 * finds, the same findings check.ts reports. The FASB publishes no free link to a paragraph, so ASC descriptions
 * carry none.
 */
import type { AscCitation, AscLocation, Citation, CitationDescription, Regulation, RegulationCitation, Status, Supersession } from './types';
import { regulationItem } from './data/lookup';
import { resolveAsc } from './resolve';

const CFR_PART: Record<Regulation, string> = { 'S-K': '229', 'S-X': '210', G: '244' };

/** "d" → "(d)", "f.2" → "(f)(2)", "(b)" stays. */
export function canonicalSub(sub: string): string {
  if (sub.startsWith('(')) return sub;
  return sub
    .split('.')
    .filter((p) => p.length > 0)
    .map((p) => `(${p})`)
    .join('');
}

function parts(loc: AscLocation): string[] {
  return [loc.topic, loc.subtopic, loc.section, loc.paragraph].filter((p): p is string => p !== undefined);
}

/** "810-10-50-2AA(d)" */
export function ascNumber(loc: AscLocation): string {
  return parts(loc).join('-') + (loc.subparagraph ? canonicalSub(loc.subparagraph) : '');
}

/** A range end written the way letters write it: from the first component that differs ("25-4"). */
export function rangeEndText(start: AscLocation, end: AscLocation): string {
  const a = parts(start);
  const b = parts(end);
  let k = 0;
  while (k < 2 && k < b.length - 1 && a[k] === b[k]) k++;
  return b.slice(k).join('-') + (end.subparagraph ? canonicalSub(end.subparagraph) : '');
}

export function ascLabel(c: AscLocation & { rangeEnd?: AscLocation }): string {
  const base = `ASC ${ascNumber(c)}`;
  return c.rangeEnd ? `${base} through ${rangeEndText(c, c.rangeEnd)}` : base;
}

function ecfrLink(part: string, section: string, path: readonly string[]): string {
  const base = `https://www.ecfr.gov/current/title-17/chapter-II/part-${part}/section-${part}.${section}`;
  return path.length > 0 ? `${base}#p-${part}.${section}${path.map((p) => `(${p})`).join('')}` : base;
}

function result(
  label: string,
  title: string,
  status: Status | 'unknown',
  extra: { supersededBy?: Supersession; link?: string; notes?: string[]; sources?: string[] } = {},
): CitationDescription {
  const d: { -readonly [K in keyof CitationDescription]: CitationDescription[K] } = {
    label,
    title,
    text: title ? `${label}: ${title}` : label,
    status,
    notes: extra.notes ?? [],
    sources: extra.sources ?? [],
  };
  if (extra.supersededBy) d.supersededBy = extra.supersededBy;
  if (extra.link) d.link = extra.link;
  return d;
}

function describeAsc(c: AscCitation): CitationDescription {
  const label = ascLabel(c);
  // The same resolution check.ts reports from: what it finds wrong or unknown is said here too.
  const r = resolveAsc(c);
  const findings = r.findings.map((f) => f.message);
  const topic = r.topic;
  if (!topic) return result(label, '', 'unknown', { notes: findings });
  const names = [topic.title];
  const sources = [topic.source];
  if (r.subtopic) {
    names.push(r.subtopic.title);
    sources.push(r.subtopic.source);
  } else if (c.subtopic !== undefined) {
    // Not in the table: unknown, or superseded with its superseded Topic.
    return result(label, names.join(' > '), r.status, { ...(r.supersededBy ? { supersededBy: r.supersededBy } : {}), sources, notes: findings });
  }
  if (r.section) {
    names.push(r.section.name);
    sources.push(r.section.source);
  }
  let title = names.join(' > ');
  if (c.paragraph !== undefined) {
    const p = `${c.paragraph}${c.subparagraph ? canonicalSub(c.subparagraph) : ''}`;
    title += c.rangeEnd?.paragraph !== undefined ? `, paragraphs ${p} through ${rangeEndText(c, c.rangeEnd)}` : `, paragraph ${p}`;
  }
  const notes = c.title !== undefined && c.title.toLowerCase() !== topic.title.toLowerCase() ? [`Written with the title "${c.title}".`] : [];
  return result(label, title, r.status, { ...(r.supersededBy ? { supersededBy: r.supersededBy } : {}), sources, notes: [...findings, ...notes] });
}

function designator(item: string, path: readonly string[]): string {
  return item + path.map((p) => `(${p})`).join('');
}

function describeRegulation(c: RegulationCitation): CitationDescription {
  const reg = c.regulation;
  const notes = c.inferred ? [`Regulation ${reg} inferred: the text does not name the regulation here.`] : [];
  if (c.kind === 'regulation' || c.item === undefined) {
    return result(`Regulation ${reg}`, `17 CFR Part ${CFR_PART[reg]}`, 'current', {
      link: `https://www.ecfr.gov/current/title-17/chapter-II/part-${CFR_PART[reg]}`,
    });
  }
  const word = c.kind === 'article' ? 'Article' : reg === 'S-K' ? 'Item' : 'Rule';
  const label = `${word} ${designator(c.item, c.path)} of Regulation ${reg}`;
  if (c.kind === 'article') {
    return result(label, '', 'current', { notes, link: `https://www.ecfr.gov/current/title-17/chapter-II/part-210` });
  }
  const row = regulationItem(reg, c.item, c.path);
  const link = ecfrLink(CFR_PART[reg], c.item, c.path);
  if (!row) return result(label, '', 'unknown', { notes, link });
  const exact = row.item === designator(c.item, c.path);
  const title = exact ? row.title : `${row.title} (${row.item})`;
  return result(label, title, 'current', { notes, link, sources: [row.source] });
}

/** What a citation points to: canonical label, a description, status, and a public link where one exists. */
export function describeCitation(c: Citation): CitationDescription {
  switch (c.source) {
    case 'ASC':
      return describeAsc(c);
    case 'S-K':
    case 'S-X':
    case 'G':
      return describeRegulation(c);
    case 'ASU':
      return result(`ASU ${c.id}`, `Accounting Standards Update No. ${c.id}`, 'current');
    case 'SAB':
      return c.number !== undefined
        ? result(`SAB No. ${c.number}`, `Staff Accounting Bulletin No. ${c.number}`, 'current')
        : result(`SAB Topic ${c.topic}${c.part ? `.${c.part}` : ''}`, 'Staff Accounting Bulletin Codification', 'current');
    case 'C&DI':
      return result(
        `C&DI Question ${c.question}`,
        c.series ? `Compliance and Disclosure Interpretations: ${c.series}` : 'Compliance and Disclosure Interpretations',
        'current',
      );
    case 'Release':
      return result(`Release No. ${c.number}${c.section ? `, Section ${c.section}` : ''}`, 'SEC release', 'current');
    case 'Form':
      return result(`Item ${designator(c.item, c.path)} of ${c.form}`, '', 'current');
    case 'Rule': {
      const label = `Rule ${designator(c.rule, c.path)}${c.act ? ` under the ${c.act}` : ''}`;
      const m = c.cfr ? /^17 CFR (\d+)\.(.+)$/.exec(c.cfr) : null;
      const notes = c.inferred && c.cfr ? [`${c.cfr} inferred from the rule's number.`] : [];
      return result(label, c.cfr ?? '', 'current', m ? { link: ecfrLink(m[1]!, m[2]!, c.path), notes } : { notes });
    }
  }
}
