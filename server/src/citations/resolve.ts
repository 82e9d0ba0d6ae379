/**
 * `resolveAsc`: what an ASC location points to in the bundled tables, and what is wrong with it, decided once
 * for both the check (diagnostics) and the description (hover, completion details), so the two never disagree.
 *
 * Owns: the rules that turn table look-ups into findings, and their wording: a Topic that does not exist (the
 * Topic table is complete), a Section number the Codification does not use (the Section table is complete), a
 * Subtopic written back to front ("323-970" for 970-323), a three-digit Subtopic that names no Topic, and a
 * Subtopic that is merely missing from Corresp's table (information, never a warning: that table is not
 * complete, and a real citation must not be reported as wrong). Must not: parse text, know offsets, or judge
 * supersession as of a date (features/diagnostics.ts does).
 */
import type { AscLocation, ProblemCode, ProblemSeverity, Status, Supersession } from './types';
import { isTopicNumber, sectionInfo, subtopicInfo, topicInfo, type SectionInfo, type SubtopicInfo, type TopicInfo } from './data/lookup';

/** One thing wrong with (or unknown about) a location; check.ts places it on the citation's span. */
export interface AscFinding {
  readonly code: ProblemCode;
  readonly severity: ProblemSeverity;
  readonly message: string;
  /** The location as it should probably have been written ("970-323" for "323-970"), for a quick fix. */
  readonly replace?: { readonly from: string; readonly to: string };
}

export interface AscResolution {
  readonly topic?: TopicInfo;
  readonly subtopic?: SubtopicInfo;
  readonly section?: SectionInfo;
  /** The status of the deepest level the tables know; 'unknown' when a cited level is not in them. */
  readonly status: Status | 'unknown';
  readonly supersededBy?: Supersession;
  readonly findings: readonly AscFinding[];
}

function subtopicFindings(loc: AscLocation, topic: TopicInfo, subtopic: string): AscFinding[] {
  const code = `${loc.topic}-${subtopic}`;
  const reverse = subtopicInfo(subtopic, loc.topic);
  if (reverse) {
    // "323-970": Topic 323 has no Subtopic 970, and 970-323 exists. Written back to front.
    const owner = topicInfo(subtopic)!;
    return [
      {
        code: 'citation.unknown-subtopic',
        severity: 'warning',
        message: `Subtopic ${code} does not exist; ${reverse.code} (${owner.title}—${reverse.title}) does: the numbers look transposed.`,
        replace: { from: code, to: reverse.code },
      },
    ];
  }
  if (/^\d{3}$/.test(subtopic) && !isTopicNumber(subtopic)) {
    // A three-digit Subtopic takes the number of the Topic it applies (944-825 is Financial Instruments).
    return [
      {
        code: 'citation.unknown-subtopic',
        severity: 'warning',
        message: `Subtopic ${code} cannot exist: a three-digit Subtopic takes the number of a Topic, and there is no Topic ${subtopic}.`,
      },
    ];
  }
  return [
    {
      code: 'citation.unknown-subtopic',
      severity: 'information',
      message: `Subtopic ${code} is not in Corresp's table of ${topic.title}; check the number.`,
    },
  ];
}

function sectionFindings(loc: AscLocation, section: string): AscFinding[] {
  const head = [loc.topic, loc.subtopic].filter((p) => p !== undefined).join('-');
  const sec = /^S?(\d+)$/.exec(section);
  const sNumber = sec && !section.startsWith('S') ? sectionInfo(`S${section}`) : undefined;
  if (sNumber && !sectionInfo(section)) {
    // "740-10-99-9": SEC material lives in Section S99; there is no Section 99.
    return [
      {
        code: 'citation.unknown-section',
        severity: 'warning',
        message: `The Codification has no Section ${section}; its SEC material is Section S${section} (${sNumber.name}).`,
        replace: { from: `${head}-${section}`, to: `${head}-S${section}` },
      },
    ];
  }
  return [{ code: 'citation.unknown-section', severity: 'warning', message: `The Codification has no Section ${section}.` }];
}

/** What the location points to and what is wrong with it. Never throws on any location. */
export function resolveAsc(loc: AscLocation): AscResolution {
  const findings: AscFinding[] = [];
  const topic = topicInfo(loc.topic);
  if (!topic) {
    const reverse = loc.subtopic !== undefined ? subtopicInfo(loc.subtopic, loc.topic) : undefined;
    findings.push({
      code: 'citation.unknown-topic',
      severity: 'warning',
      message: reverse
        ? `ASC ${loc.topic} is not a Topic of the Codification; ${reverse.code} (${topicInfo(loc.subtopic!)!.title}—${reverse.title}) is: the numbers look transposed.`
        : `ASC ${loc.topic} is not a Topic of the Codification.`,
      ...(reverse ? { replace: { from: `${loc.topic}-${loc.subtopic}`, to: reverse.code } } : {}),
    });
    if (loc.section !== undefined && !sectionInfo(loc.section)) findings.push(...sectionFindings(loc, loc.section));
    return { status: 'unknown', findings };
  }
  let status: Status | 'unknown' = topic.status;
  let supersededBy = topic.supersededBy;
  let subtopic: SubtopicInfo | undefined;
  if (loc.subtopic !== undefined) {
    subtopic = subtopicInfo(loc.topic, loc.subtopic);
    if (subtopic) {
      status = subtopic.status;
      supersededBy = subtopic.supersededBy;
    } else {
      const found = subtopicFindings(loc, topic, loc.subtopic);
      if (topic.status !== 'current' && found.every((f) => f.severity === 'information')) {
        // Every Subtopic of a superseded Topic is superseded with it (995-740 went with Topic 995).
      } else {
        findings.push(...found);
        status = 'unknown';
        supersededBy = undefined;
      }
    }
  }
  let section: SectionInfo | undefined;
  if (loc.section !== undefined) {
    section = sectionInfo(loc.section);
    if (!section) {
      findings.push(...sectionFindings(loc, loc.section));
      status = 'unknown';
    }
  }
  return {
    topic,
    ...(subtopic ? { subtopic } : {}),
    ...(section ? { section } : {}),
    status,
    ...(status === 'superseded' && supersededBy ? { supersededBy } : {}),
    findings,
  };
}
