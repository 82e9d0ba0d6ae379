/**
 * `corresp report [paths…] [-o report.html] [--format html|md]`: the reviewer's report of every thread, letter and
 * comment in the paths (the working folder when none), as one self-contained HTML page or Markdown, on stdout or
 * into a new file (never over an existing one without --force, never over a letter or configuration it read, even
 * with it). Letter text is untrusted: no control character of it reaches the output (escape.ts). A report, not a
 * gate: exit 0 unless the command is wrong or the input unreadable (2).
 */
import * as path from 'node:path';
import { renderReportHtml, renderReportMarkdown, workspaceReport } from '../features/report';
import { writeNew } from '../workspace/files';
import { loadWorkspace, reportEmpty, todayOf } from './check';
import { terminalText } from './escape';
import { formatOf, readOptionsOf, UsageError, type Io } from './io';
import type { Parsed } from './main';

export async function runReport(args: Parsed, io: Io): Promise<number> {
  const format = formatOf(args.values.format, ['html', 'md']);
  const today = todayOf(args, io);
  const paths = args.positionals.length > 0 ? args.positionals : ['.'];
  const output = typeof args.values.output === 'string' ? args.values.output : undefined;
  if (output !== undefined && output.trim() === '') throw new UsageError('-o needs a file name');
  const ws = await loadWorkspace(paths, io, {
    ...(typeof args.values.staff === 'string' ? { staff: args.values.staff } : {}),
    today,
    read: readOptionsOf(args.values),
  });
  reportEmpty(ws.empty, io);
  const report = workspaceReport(
    ws.letters.map((l) => ({ analysis: l.analysis, path: l.found.shown })),
    ws.staffLetters,
    ws.shown,
    { today, generator: `corresp ${io.version}` },
  );
  const text = terminalText(format === 'md' ? renderReportMarkdown(report) : renderReportHtml(report));
  if (output === undefined) {
    io.out(text.trimEnd());
    return 0;
  }
  const written = await writeNew(path.resolve(io.cwd, output), text, args.values.force === true, ws.inputs);
  if (!written.ok) throw new UsageError(`${output}: ${written.failure}`);
  const s = report.summary;
  io.err(
    `${output}: report of ${s.letters} letter${s.letters === 1 ? '' : 's'} in ${s.threads} thread${s.threads === 1 ? '' : 's'}; ${s.answered} of ${s.total} comments answered`,
  );
  return 0;
}
