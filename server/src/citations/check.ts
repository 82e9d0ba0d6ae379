/**
 * `checkCitation`: problems with one citation, as plain data with stable dotted codes, each carrying what a quick
 * fix needs when the intent is clear.
 *
 * Owns: placing on a citation what resolve.ts finds (unknown topic, subtopic or section, transposed numbers) with
 * its quick fix, superseded guidance, malformed ranges, and "ASC-" with a stray hyphen (a style note). Must not:
 * parse text, build editor diagnostics, or judge a location itself: resolve.ts decides, so hover and check agree
 * (and a Subtopic merely missing from the partial table is information, never a warning).
 */
import type { AscCitation, AscLocation, Citation, CitationFix, CitationProblem } from './types';
import { ascNumber, rangeEndText } from './describe';
import { resolveAsc } from './resolve';

/** Orders paragraph numbers as the Codification does: 2 < 2A < 2AA < 3 < 10. */
function compareParagraph(a: string, b: string): number {
  const ma = /^(\d+)([A-Z]*)$/.exec(a);
  const mb = /^(\d+)([A-Z]*)$/.exec(b);
  if (!ma || !mb) return 0;
  const d = Number(ma[1]) - Number(mb[1]);
  if (d !== 0) return d;
  return ma[2]! < mb[2]! ? -1 : ma[2]! > mb[2]! ? 1 : 0;
}

function sameSection(a: AscLocation, b: AscLocation): boolean {
  return a.topic === b.topic && a.subtopic === b.subtopic && a.section === b.section;
}

function problem(c: Citation, p: Omit<CitationProblem, 'start' | 'end'>): CitationProblem {
  return { start: c.start, end: c.end, ...p };
}

/**
 * A fix that writes `to` where the citation's text has `from` ("323-970" → "970-323", "99" → "S99"), keeping the
 * hyphens as written; undefined when the text does not show `from` once (an abbreviated list member).
 */
function replaceIn(c: AscCitation, from: string, to: string): CitationFix | undefined {
  const parts = from.split('-').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`(^|[^0-9A-Z])(${parts.join('([-\u2010\u2011])')})(?![0-9])`, 'g');
  const hits = [...c.text.matchAll(re)];
  if (hits.length !== 1) return undefined;
  const m = hits[0]!;
  const toParts = to.split('-');
  let written = toParts[0]!;
  for (let k = 1; k < toParts.length; k++) written += (m[2 + k] ?? '-') + toParts[k]!;
  const at = m.index! + m[1]!.length;
  const newText = c.text.slice(0, at) + written + c.text.slice(at + m[2]!.length);
  return { title: `Change to "${newText}"`, start: c.start, end: c.end, newText };
}

/** The written prefix before the first digit of the citation ("ASC ", "paragraphs "). */
function prefixOf(text: string): string {
  const m = /^[^0-9]*/.exec(text);
  return m ? m[0] : '';
}

function checkAsc(c: AscCitation): CitationProblem[] {
  const out: CitationProblem[] = [];
  if (c.strayHyphen) {
    const fixed = c.text.replace(/^((?:FASB\s+)?ASC)[-\u2010\u2011]/, '$1 ');
    out.push(
      problem(c, {
        code: 'citation.stray-hyphen',
        severity: 'information',
        message: `Write "${fixed}": a space, not a hyphen, follows "ASC".`,
        fix: { title: `Change to "${fixed}"`, start: c.start, end: c.end, newText: fixed },
      }),
    );
  }
  const r = resolveAsc(c);
  for (const f of r.findings) {
    const fix = f.replace ? replaceIn(c, f.replace.from, f.replace.to) : undefined;
    out.push(problem(c, { code: f.code, severity: f.severity, message: f.message, ...(fix ? { fix } : {}) }));
  }
  if (r.status === 'superseded') {
    const by = r.supersededBy;
    const what = r.subtopic ? `Subtopic ${r.subtopic.code} (${r.subtopic.title})` : `ASC ${r.topic!.number} (${r.topic!.title})`;
    const byText = by?.by ? ` by ${r.subtopic ? by.by : `Topic ${by.by}`}` : '';
    out.push(
      problem(c, {
        code: 'citation.superseded',
        severity: 'information',
        message: `${what} was superseded${byText}${by ? ` (${by.via})` : ''}.`,
        ...(by ? { supersededBy: by } : {}),
      }),
    );
  }
  const end = c.rangeEnd;
  if (end) {
    if (!sameSection(c, end)) {
      out.push(
        problem(c, {
          code: 'citation.malformed-range',
          severity: 'warning',
          message: `The range ends in another section (${ascNumber(end)}): cite each section separately.`,
        }),
      );
    } else if (c.paragraph !== undefined && end.paragraph !== undefined && compareParagraph(end.paragraph, c.paragraph) < 0) {
      const newText = `${prefixOf(c.text)}${ascNumber(end)} through ${rangeEndText(end, c)}`;
      out.push(
        problem(c, {
          code: 'citation.malformed-range',
          severity: 'warning',
          message: `The range ends (${ascNumber(end)}) before it starts (${ascNumber(c)}).`,
          fix: { title: `Change to "${newText}"`, start: c.start, end: c.end, newText },
        }),
      );
    }
  }
  return out;
}

/** Problems with one citation; empty when none. Never throws. */
export function checkCitation(c: Citation): CitationProblem[] {
  try {
    return c.source === 'ASC' ? checkAsc(c) : [];
  } catch {
    return [];
  }
}
