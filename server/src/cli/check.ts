/**
 * `corresp check <response>`: coverage of a response against its staff letter, and every diagnostic the editor
 * shows, as `file:line:col severity message [code]` lines or JSON.
 */
import * as path from 'node:path';
import { draftDiagnostics, type StaffLink } from '../features/diagnostics';
import { frontMatterOf, responseOf, staffLetterOf } from '../letters/read';
import { LineIndex } from '../text/lineIndex';
import { loadLetter, resolveFrom } from '../workspace/files';
import { formatOf, UsageError, type Io } from './io';
import type { Parsed } from './main';

export async function runCheck(args: Parsed, io: Io): Promise<number> {
  const format = formatOf(args.values.format, ['text', 'json']);
  const file = args.positionals[0];
  if (!file || args.positionals.length > 1) throw new UsageError('usage: corresp check <response> [--staff <staff-letter>] [--format text|json]');
  const draftPath = path.resolve(io.cwd, file);
  const draftFile = await loadLetter(draftPath);
  if (draftFile.failure) throw new UsageError(`${file}: ${draftFile.failure}`);

  const fm = frontMatterOf(draftFile.frontMatter);
  let staffShown: string | undefined;
  let staff: StaffLink | undefined;
  if (typeof args.values.staff === 'string') {
    staffShown = args.values.staff;
    const staffFile = await loadLetter(path.resolve(io.cwd, staffShown));
    if (staffFile.failure) throw new UsageError(`${staffShown}: ${staffFile.failure}`);
    staff = { path: staffShown, letter: staffLetterOf(staffFile) };
  } else if (fm?.staffLetter) {
    staffShown = fm.staffLetter.path;
    const resolved = resolveFrom(draftPath, staffShown);
    if (resolved === draftPath) staff = { path: staffShown, failure: 'it is this draft itself' };
    else {
      const staffFile = await loadLetter(resolved);
      staff = staffFile.failure ? { path: staffShown, failure: staffFile.failure } : { path: staffShown, letter: staffLetterOf(staffFile) };
    }
  } else {
    throw new UsageError(`${file}: no staff letter: name it in the front matter (staff-letter: path) or pass --staff <file>`);
  }

  const draft = responseOf(draftFile, staff.letter);
  const today = typeof args.values.today === 'string' ? args.values.today : io.today;
  const report = draftDiagnostics({ file: draftFile, draft, staff, today });
  const lines = new LineIndex(draftFile.text);
  const where = (offset: number) => {
    const p = lines.positionAt(offset);
    return { line: p.line + 1, column: p.character + 1 };
  };
  const comments = (report.coverage?.comments ?? []).map((c) => ({
    number: c.number,
    status: c.status,
    ...(c.anchors[0] ? { line: where(c.anchors[0].start).line } : {}),
  }));
  const diagnostics = report.problems.map((p) => ({ code: p.code, severity: p.severity, message: p.message, ...where(p.start) }));
  const unanswered = comments.filter((c) => c.status !== 'answered').length;
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const exit = unanswered === 0 && errors === 0 ? 0 : 1;

  if (format === 'json') {
    io.out(JSON.stringify({ file, staffLetter: staffShown ?? null, comments, diagnostics }, null, 2));
    return exit;
  }
  for (const d of diagnostics) io.out(`${file}:${d.line}:${d.column} ${d.severity} ${d.message} [${d.code}]`);
  const total = comments.length;
  const answered = total - unanswered;
  const missing = comments.filter((c) => c.status === 'missing').map((c) => c.number);
  const placeholder = comments.filter((c) => c.status === 'placeholder').map((c) => c.number);
  io.out(
    `${file}: ${answered} of ${total} comment${total === 1 ? '' : 's'} answered` +
      (placeholder.length ? `, placeholder only: ${placeholder.join(', ')}` : '') +
      (missing.length ? `, missing: ${missing.join(', ')}` : '') +
      (staffShown ? ` (staff letter: ${staffShown})` : ''),
  );
  return exit;
}
