/**
 * Helpers for CLI tests: run `main(argv, io)` in-process with a fake Io, and build small repositories of letters in
 * temporary folders (or copy examples/ into one).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, expect } from 'vitest';
import { main } from '../../../server/src/cli/main';

export const ROOT = path.resolve(__dirname, '../../..');
export const EXAMPLES = path.join(ROOT, 'examples');

export interface Run {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
  readonly stdout: string;
  readonly stderr: string;
}

export async function run(argv: readonly string[], cwd: string, today = '2017-08-25'): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), version: '9.9.9', today, cwd });
  return { code, out, err, stdout: out.join('\n'), stderr: err.join('\n') };
}

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A temporary folder holding `files` (path → text); a repository (with .git) unless `git: false`. */
export function tempRepo(files: Record<string, string> = {}, options: { git?: boolean } = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'corresp-cli-'));
  made.push(dir);
  if (options.git !== false) mkdirSync(path.join(dir, '.git'));
  for (const [name, text] of Object.entries(files)) write(dir, name, text);
  return dir;
}

export function write(dir: string, name: string, text: string | Uint8Array): void {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** examples/ copied into `dir/sub` (or `dir`). */
export function copyExamples(dir: string, sub = ''): string {
  const target = path.join(dir, sub);
  mkdirSync(target, { recursive: true });
  cpSync(EXAMPLES, target, { recursive: true });
  return target;
}

export interface StaffComment {
  readonly caption?: string;
  readonly text: string;
}

/** A Corresp Markdown staff letter. */
export function staffLetter(o: { date: string; company: string; fileNo?: string; prior?: string; comments: readonly StaffComment[] }): string {
  const fm = [
    '---',
    'corresp: staff-letter',
    `date: ${o.date}`,
    `company: ${o.company}`,
    ...(o.fileNo ? [`file-no: ${o.fileNo}`] : []),
    ...(o.prior ? [`prior-letter: ${o.prior}`] : []),
    '---',
    '',
  ];
  // As real review letters say it: the response time a due date is counted from.
  const body: string[] = [
    `Re: ${o.company}`,
    '',
    'Dear Staff:',
    '',
    'Please respond to these comments within ten business days by providing the requested information.',
    '',
  ];
  let caption: string | undefined;
  o.comments.forEach((c, i) => {
    if (c.caption && c.caption !== caption) body.push(`## ${c.caption}`, '');
    caption = c.caption ?? caption;
    body.push(`**${i + 1}. ${c.text}**`, '');
  });
  return [...fm, ...body].join('\n');
}

/**
 * A response draft that repeats each comment in bold; `answers[i]` is the response to comment i + 1 (undefined:
 * the comment is left out).
 */
export function draft(o: {
  staff: string;
  comments: readonly StaffComment[];
  answers: readonly (string | undefined)[];
  frontMatter?: readonly string[];
}): string {
  const lines = ['---', 'corresp: response', `staff-letter: ${o.staff}`, ...(o.frontMatter ?? []), '---', '', 'May 10, 2024', '', 'Dear Staff:', ''];
  let caption: string | undefined;
  o.comments.forEach((c, i) => {
    const answer = o.answers[i];
    if (answer === undefined) return;
    if (c.caption && c.caption !== caption) lines.push(`## ${c.caption}`, '');
    caption = c.caption ?? caption;
    lines.push(`**${i + 1}. ${c.text}**`, '', `Response: ${answer}`, '');
  });
  lines.push('Very truly yours,', '', 'Jane Doe', '');
  return lines.join('\n');
}

export const COMMENTS: readonly StaffComment[] = [
  { caption: 'Revenue Recognition', text: 'Please tell us how you considered ASC 606-10-25-1 in recognizing revenue from your bundled service contracts.' },
  { caption: 'Revenue Recognition', text: 'Please revise your disclosure to discuss the drivers of your gross margin and tell us why it fell in 2023.' },
  {
    caption: 'Liquidity and Capital Resources',
    text: 'Please tell us the amount of cash held by foreign subsidiaries and whether you intend to repatriate it.',
  },
];

export const ANSWERS = [
  'The Company respectfully advises the Staff that it applied ASC 606-10-25-1 to each contract and concluded that every criterion was met at inception.',
  'The Company will revise its disclosure in future filings to discuss the drivers of gross margin, chiefly lower prices for widgets.',
  'The Company respectfully advises the Staff that its foreign subsidiaries held $12.3 million of cash, which it intends to keep invested abroad.',
];

/** A complete thread (staff letter + fully answered draft) under `folder` in `dir`. */
export function thread(
  dir: string,
  folder: string,
  o: {
    date?: string;
    company?: string;
    fileNo?: string;
    prior?: string;
    answers?: readonly (string | undefined)[];
    comments?: readonly StaffComment[];
    draftName?: string;
  } = {},
): void {
  const comments = o.comments ?? COMMENTS;
  write(
    dir,
    `${folder}/staff-letter.md`,
    staffLetter({
      date: o.date ?? '2024-05-01',
      company: o.company ?? 'Acme Widgets, Inc.',
      ...(o.fileNo ? { fileNo: o.fileNo } : {}),
      ...(o.prior ? { prior: o.prior } : {}),
      comments,
    }),
  );
  write(dir, `${folder}/${o.draftName ?? 'response.md'}`, draft({ staff: './staff-letter.md', comments, answers: o.answers ?? ANSWERS }));
}

/** The lines but the citation finding, which must be there: ASC 605-10-S99-1 on line 34 is superseded. */
export function withoutCitations(lines: readonly string[]): string[] {
  const citations = lines.filter((l) => /\[citation\.[a-z-]+\]$|title=citation\./.test(l));
  expect(citations).toHaveLength(1);
  expect(citations[0]).toMatch(
    /^(?:examples\/response-2017-08-16\.md:34:173 (?:information|hint) .+ \[citation\.superseded\]|::notice file=examples\/response-2017-08-16\.md,line=34,col=173,title=citation\.superseded::.+)$/,
  );
  return lines.filter((l) => !citations.includes(l));
}
