/**
 * `checkCitation`: problems with one citation, as plain data with stable dotted codes, each carrying what a quick
 * fix needs when the intent is clear.
 *
 * Owns: the rules (unknown topic, subtopic or section; superseded guidance; malformed ranges; "ASC-" with a
 * stray hyphen). Must not: parse text, build editor diagnostics, or report what the bundled tables cannot know
 * (an item missing from a partial table is not an error).
 */
import type { AscCitation, AscLocation, Citation, CitationProblem } from './types';
import { ascNumber, rangeEndText } from './describe';
import { sectionInfo, subtopicInfo, topicInfo } from './data/lookup';

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
        severity: 'warning',
        message: `Write "${fixed}": a space, not a hyphen, follows "ASC".`,
        fix: { title: `Change to "${fixed}"`, start: c.start, end: c.end, newText: fixed },
      }),
    );
  }
  const topic = topicInfo(c.topic);
  if (!topic) {
    out.push(problem(c, { code: 'citation.unknown-topic', severity: 'warning', message: `ASC ${c.topic} is not a Topic of the Codification (in Corresp's table).` }));
    return out;
  }
  if (c.subtopic !== undefined) {
    const sub = subtopicInfo(c.topic, c.subtopic);
    if (!sub) {
      out.push(problem(c, { code: 'citation.unknown-subtopic', severity: 'warning', message: `Subtopic ${c.topic}-${c.subtopic} is not in Corresp's table of ${topic.title}.` }));
    } else if (sub.status === 'superseded') {
      const by = sub.supersededBy;
      out.push(
        problem(c, {
          code: 'citation.superseded',
          severity: 'information',
          message: `Subtopic ${sub.code} (${sub.title}) was superseded${by?.by ? ` by ${by.by}` : ''}${by ? ` (${by.via})` : ''}.`,
          ...(by ? { supersededBy: by } : {}),
        }),
      );
    }
  } else if (topic.status === 'superseded') {
    const by = topic.supersededBy;
    out.push(
      problem(c, {
        code: 'citation.superseded',
        severity: 'information',
        message: `ASC ${topic.number} (${topic.title}) was superseded${by?.by ? ` by Topic ${by.by}` : ''}${by ? ` (${by.via})` : ''}.`,
        ...(by ? { supersededBy: by } : {}),
      }),
    );
  }
  if (c.section !== undefined && !sectionInfo(c.section)) {
    out.push(problem(c, { code: 'citation.unknown-section', severity: 'warning', message: `${c.section} is not a Section number of the Codification.` }));
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
