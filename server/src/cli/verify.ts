/**
 * `corresp verify <filing> [--commitments <file|folder>] [--format text|json] [--form 10-Q] [--period yyyy-mm-dd]`:
 * reads a later filing (EDGAR HTML, PDF, text or Markdown) and, for each commitment in the responses under
 * --commitments (the working folder by default) that is aimed at it, says whether the promised disclosure appears:
 * found (where: page, line, heading), partly found (which parts not), or not found, which is a lead for a person to
 * check, not proof. The filing's form and period come from its cover page; --form and --period override them.
 * Progress goes to stderr when it is a terminal.
 *
 * Exit status: 0 when every commitment aimed at the filing is found (or none is), 1 when one is partly found or not
 * found, 2 for usage errors and unreadable input.
 */
import * as path from 'node:path';
import { readFiling, verifyCommitments, type CommitmentCheck, type VerifyInput } from '../commitments';
import { parseIsoDate } from '../letters/dates';
import { LineIndex } from '../text/lineIndex';
import { readBytes } from '../workspace/files';
import { collectCommitments, targetLabel } from './commitments';
import { formatOf, UsageError, type Io } from './io';
import type { Parsed } from './main';

const USAGE = 'usage: corresp verify <filing> [--commitments <file|folder>] [--format text|json] [--form 10-K|10-Q|…] [--period yyyy-mm-dd]';

export async function runVerify(args: Parsed, io: Io): Promise<number> {
  const format = formatOf(args.values.format, ['text', 'json']);
  const filingArg = args.positionals[0];
  if (!filingArg || args.positionals.length > 1) throw new UsageError(USAGE);
  const period = typeof args.values.period === 'string' ? args.values.period : undefined;
  if (period !== undefined && !parseIsoDate(period)) throw new UsageError(`--period must be a date written yyyy-mm-dd (got “${period}”)`);
  const form = typeof args.values.form === 'string' ? args.values.form.toUpperCase().replace(/^FORM\s*/, '') : undefined;
  const source = typeof args.values.commitments === 'string' ? args.values.commitments : '.';

  const progress = progressLine();
  progress?.(`reading ${filingArg}`);
  const read = await readBytes(path.resolve(io.cwd, filingArg));
  if ('failure' in read) throw new UsageError(`${filingArg}: ${read.failure}`);
  const filing = await readFiling(filingArg, read.bytes);
  if (filing.failure) throw new UsageError(`${filingArg}: ${filing.failure}`);
  if (filing.blocks.length === 0) throw new UsageError(`${filingArg}: no text to read`);

  progress?.(`reading commitments in ${source}`);
  const responses = await collectCommitments([source], io);
  const inputs: VerifyInput[] = responses.flatMap((r) =>
    r.commitments.map((commitment) => ({
      commitment,
      source: r.shown,
      ...((r.draft.date ?? r.draft.frontMatter?.sent) ? { responseDate: (r.draft.date ?? r.draft.frontMatter?.sent)! } : {}),
      ...(r.staff?.letter ? { staff: r.staff.letter } : {}),
    })),
  );
  const checks = verifyCommitments(filing, inputs, {
    ...(form ? { form } : {}),
    ...(period ? { periodEnd: period } : {}),
    ...(progress ? { onProgress: progress } : {}),
  });
  progress?.('');

  const lineOf = new Map(responses.map((r) => [r.shown, new LineIndex(r.file.text)]));
  const at = (c: CommitmentCheck) => (c.source ? `${c.source}:${(lineOf.get(c.source)?.positionAt(c.commitment.start).line ?? 0) + 1}` : '?');
  const applying = checks.filter((c) => c.applies.matches);
  const facts = { form: form ?? filing.form ?? null, periodEnd: period ?? filing.periodEnd ?? null, pages: filing.pages };
  const exit = applying.every((c) => c.status === 'found') ? 0 : 1;

  if (format === 'json') {
    io.out(
      JSON.stringify(
        {
          filing: { file: filingArg, ...facts },
          commitments: checks.map((c) => ({
            response: c.source ?? null,
            line: Number(at(c).split(':').pop()),
            comments: c.commitment.comments,
            commitment: c.commitment.text,
            target: c.commitment.target ?? null,
            applies: c.applies.matches,
            why: c.applies.why,
            ...(c.applies.matches
              ? { status: c.status, method: c.method, score: c.score, passage: c.passage ?? null, parts: c.parts ?? [], note: c.note ?? null }
              : {}),
          })),
          notice: 'not-found is a lead for a person to check, not proof',
        },
        null,
        2,
      ),
    );
    return exit;
  }

  const describe = [
    facts.form ? `Form ${facts.form}` : 'form unknown (use --form)',
    facts.periodEnd ? `for the period ended ${facts.periodEnd}` : 'period unknown (use --period)',
    `${facts.pages} page${facts.pages === 1 ? '' : 's'}`,
  ];
  io.out(`${filingArg}: ${describe.join(', ')}`);
  const others = checks.length - applying.length;
  io.out(
    `${applying.length} of ${checks.length} commitment${checks.length === 1 ? '' : 's'} in ${responses.length} response${responses.length === 1 ? '' : 's'} aimed at this filing${others > 0 ? ` (${others} not: other forms or periods)` : ''}`,
  );
  const LABEL = { found: 'FOUND', 'partly-found': 'PARTLY', 'not-found': 'NOT FOUND' } as const;
  for (const c of applying) {
    io.out('');
    const text = c.commitment.text.length > 160 ? `${c.commitment.text.slice(0, 160)}…` : c.commitment.text;
    io.out(`${LABEL[c.status!]}  ${at(c)}${c.commitment.comments.length ? ` (comment ${c.commitment.comments.join(', ')})` : ''}: ${text}`);
    io.out(`  aimed at: ${targetLabel(c.commitment.target)}; ${c.applies.why}`);
    if (c.passage) {
      const where = [
        c.passage.page !== undefined ? `page ${c.passage.page}` : undefined,
        `line ${c.passage.line}`,
        c.passage.heading ? `under “${c.passage.heading}”` : undefined,
      ]
        .filter(Boolean)
        .join(', ');
      io.out(
        `  ${c.method === 'keywords' ? 'candidate passage' : 'found'} at ${where}: “${c.passage.text.slice(0, 200)}${c.passage.text.length > 200 ? '…' : ''}”`,
      );
    }
    if (c.parts && c.status !== 'found') {
      const missing = c.parts.filter((p) => p.status !== 'found');
      for (const p of missing.slice(0, 8))
        io.out(
          `  ${p.status === 'partly-found' ? 'reworded' : 'missing'}${p.added ? ' (an addition)' : ''}: “${p.text.slice(0, 160)}${p.text.length > 160 ? '…' : ''}”`,
        );
      if (missing.length > 8) io.out(`  … and ${missing.length - 8} more parts`);
    }
    if (c.note) io.out(`  ${c.note}`);
  }
  if (applying.some((c) => c.status !== 'found')) {
    io.out('');
    io.out(
      '"Not found" is a lead for a person to check, not proof: the disclosure may be worded differently, sit in an exhibit or another section, or not be due in this filing.',
    );
  }
  return exit;
}

/** Progress on one stderr line, only when stderr is a terminal. */
function progressLine(): ((message: string) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (message) => process.stderr.write(message ? `\r\x1b[K${message}…` : '\r\x1b[K');
}
