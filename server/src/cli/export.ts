/**
 * `corresp export <response> [-o out.htm] [--format html|txt|docx] [--force] [--unredacted]`: the letter the SEC
 * receives (EDGAR HTML, or EDGAR ASCII with --format txt) or a Word draft (--format docx). Without -o, HTML and text
 * go to stdout. An EDGAR file name is checked before anything is written (at most 32 characters, lower-case letters,
 * digits, periods, hyphens, underscores; .htm or .txt), and an existing file is never replaced without --force
 * (nor the response itself, by any name, even with it). A response that is not Markdown (text, PDF, EDGAR HTML) is
 * imported first. A draft whose `[[confidential: …` span does not end where the writer surely meant it is refused:
 * nothing written or printed, exit 1, the file and line named. So is one that is not finished (the pre-filing gate:
 * a missing, empty or placeholder answer, a blank, a skeleton blank, an error), each open item listed with its line,
 * unless --allow-incomplete; the short pre-filing checklist ends the output (on stderr).
 */
import * as path from 'node:path';
import { edgarFileNameProblem, exportDraft, EXPORT_FORMATS, type ExportFormat } from '../features/export';
import { blocksFiling, preFilingChecklist } from '../features/gate';
import { importLetter } from '../features/importLetter';
import { analyseLetter, type AnalysedLetter } from '../features/report';
import { longDate } from '../letters/dates';
import type { LetterFile } from '../letters/read';
import { LineIndex } from '../text/lineIndex';
import { loadWorkspace, todayOf } from './check';
import { frontMatterOf } from '../letters/read';
import { docxTemplate, type DocxTemplate } from '../parse/docx';
import { findConfig } from '../workspace/config';
import { DIAGNOSTIC_CODES } from '../features/diagnostics';
import { loadLetter, readBytes, resolveFrom, writeNew } from '../workspace/files';
import { terminalLine } from './escape';
import { formatOf, UsageError, type Io } from './io';
import type { Parsed } from './main';

const USAGE =
  'usage: corresp export <response.md> [-o out.htm] [--format html|txt|docx] [--force] [--unredacted] [--reference-doc firm.docx] [--allow-incomplete] [--today yyyy-mm-dd]';

const BY_EXTENSION: Readonly<Record<string, ExportFormat>> = { '.htm': 'html', '.html': 'html', '.txt': 'txt', '.docx': 'docx' };
const LABEL: Readonly<Record<ExportFormat, string>> = { html: 'EDGAR HTML', txt: 'EDGAR ASCII text', docx: 'Word document' };

export async function runExport(args: Parsed, io: Io): Promise<number> {
  const file = args.positionals[0];
  if (!file || args.positionals.length > 1) throw new UsageError(USAGE);
  const output = typeof args.values.output === 'string' ? args.values.output : undefined;
  const format: ExportFormat =
    args.values.format !== undefined
      ? (formatOf(args.values.format, EXPORT_FORMATS) as ExportFormat)
      : ((output ? BY_EXTENSION[path.extname(output).toLowerCase()] : undefined) ?? 'html');
  const unredacted = args.values.unredacted === true;
  if (unredacted && format !== 'docx') throw new UsageError('--unredacted is only for --format docx: the copy filed on EDGAR must be redacted');
  const referenceArg = typeof args.values['reference-doc'] === 'string' ? args.values['reference-doc'] : undefined;
  if (referenceArg !== undefined && format !== 'docx') throw new UsageError('--reference-doc is only for --format docx: it lends a Word document its styles');

  if (format === 'docx') {
    if (!output) throw new UsageError('--format docx needs -o <file.docx> (a Word document cannot go to the terminal)');
    if (path.extname(output).toLowerCase() !== '.docx') throw new UsageError(`${output}: a Word document must be named *.docx`);
  } else if (output) {
    const problem = edgarFileNameProblem(path.basename(output), format);
    if (problem) throw new UsageError(`${output}: ${problem}`);
  }

  const source = path.resolve(io.cwd, file);
  const target = output ? path.resolve(io.cwd, output) : undefined;
  if (target && target === source) throw new UsageError(`${output}: that is the response itself; choose another output file`);

  const reference = format === 'docx' ? await referenceDoc(referenceArg, source, io) : undefined;

  const loaded = await loadLetter(source);
  if (loaded.failure) throw new UsageError(`${file}: ${loaded.failure}`);
  const markdown = loaded.kind === 'markdown' ? loaded.text : importLetter(loaded).markdown;
  // The Word draft names its staff letter as seen from where it is written, so that it reads back as this draft.
  const staffLetter = frontMatterOf(loaded.frontMatter)?.staffLetter?.path;
  const staffLetterPath =
    target && staffLetter && staffLetter.trim().length > 0
      ? path.relative(path.dirname(target), resolveFrom(source, staffLetter)).split(path.sep).join('/')
      : undefined;
  const result = await exportDraft(markdown, format, {
    redact: !unredacted,
    ...(staffLetterPath ? { staffLetterPath } : {}),
    ...(reference ? { reference: reference.template } : {}),
  });
  if (result.refused) {
    // Reliability: confidential text on EDGAR cannot be taken back; when in doubt, nothing is written.
    const where = loaded.kind === 'markdown' ? `${file}:${result.refused.line}` : file;
    io.err(`corresp: ${where}: ${result.refused.message}`);
    return 1;
  }
  // The last gate: the same checks as `corresp check`; anything unfinished stops the export unless --allow-incomplete.
  const gate = await gateOf(file, loaded, io, args);
  const allow = args.values['allow-incomplete'] === true;
  if (gate.findings.length > 0 && !allow) {
    for (const line of gate.findings) io.err(terminalLine(line));
    io.err(
      `corresp: ${file}: not ready to file (${gate.findings.length} open item${gate.findings.length === 1 ? '' : 's'} above); nothing was exported (--allow-incomplete exports it anyway)`,
    );
    printChecklist(gate.checklist, io);
    return 1;
  }
  for (const note of result.notes) io.err(`${file}: ${terminalLine(note)}`);

  if (!target || !output) {
    if (result.format !== 'docx') io.out(result.text.replace(/\n+$/, ''));
    for (const line of gate.findings) io.err(terminalLine(line));
    printChecklist(gate.checklist, io);
    return 0;
  }
  const written = await writeNew(
    target,
    result.format === 'docx' ? result.bytes : result.text,
    args.values.force === true,
    reference ? [source, reference.path] : [source],
  );
  if (!written.ok) throw new UsageError(`${output}: ${written.failure}`);
  // Exported with --allow-incomplete: what is still open, listed after the write as before a refusal.
  for (const line of gate.findings) io.err(terminalLine(line));
  io.err(
    `${output}: exported ${LABEL[format]}${unredacted ? ' (UNREDACTED: not for EDGAR)' : ''}${gate.findings.length > 0 ? ` with ${gate.findings.length} open item${gate.findings.length === 1 ? '' : 's'} (--allow-incomplete)` : ''}`,
  );
  printChecklist(gate.checklist, io);
  return 0;
}

function printChecklist(lines: readonly string[], io: Io): void {
  if (lines.length === 0) return;
  io.err('Before filing:');
  for (const line of lines) io.err(`  ${terminalLine(line)}`);
}

/**
 * The response checked as `corresp check` checks it (its staff letter, thread and .corresp.yaml), or, for a letter
 * that names no staff letter, on its own (its blanks and errors). `findings`: what blocks filing, one line each
 * (`file:line:col severity message [code]`); `checklist`: the pre-filing checklist.
 */
async function gateOf(file: string, loaded: LetterFile, io: Io, args: Parsed): Promise<{ findings: string[]; checklist: string[] }> {
  const today = todayOf(args, io);
  let analysed: AnalysedLetter;
  try {
    const ws = await loadWorkspace([file], io, { today });
    const mine = ws.letters.find((l) => l.analysis.role === 'response');
    if (!mine) return { findings: [], checklist: [] };
    analysed = mine.analysed;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    // No staff letter to check against (a letter without front matter): its own blanks and errors still count.
    analysed = analyseLetter({ path: file, file: loaded, role: 'response' }, today);
  }
  const text = loaded.text;
  const lines = new LineIndex(text);
  const findings = analysed.problems.filter(blocksFiling).map((p) => {
    const at = lines.positionAt(p.start);
    return `${file}:${at.line + 1}:${at.character + 1} ${p.severity} ${p.message} [${p.code}]`;
  });
  const due = analysed.due
    ? `${longDate(analysed.due.date)}${analysed.due.state === 'overdue' ? ' (passed)' : analysed.due.daysLeft >= 0 && analysed.due.state !== 'sent' && analysed.due.state !== 'sent-late' ? ` (${analysed.due.daysLeft} day${analysed.due.daysLeft === 1 ? '' : 's'} from today)` : ''}`
    : undefined;
  const checklist = preFilingChecklist({
    problems: analysed.problems,
    answered: analysed.coverage?.answered ?? 0,
    total: analysed.coverage?.total ?? 0,
    text,
    ...(due ? { due } : {}),
  });
  return { findings, checklist };
}

/**
 * The Word export's reference document: `--reference-doc` (relative to the working folder), else `export.reference-doc`
 * of the configuration that applies to the response (relative to that file, reported by its line when bad).
 */
async function referenceDoc(arg: string | undefined, source: string, io: Io): Promise<{ path: string; template: DocxTemplate } | undefined> {
  let file: string;
  let shown: string;
  if (arg !== undefined) {
    file = path.resolve(io.cwd, arg);
    shown = arg;
  } else {
    const found = await findConfig(path.dirname(source), { codes: Object.keys(DIAGNOSTIC_CODES) });
    if (!found.path) return undefined;
    const configShown = path.relative(io.cwd, found.path) || found.path;
    const bad = found.problems.filter((p) => p.message.startsWith('export'));
    if (bad.length > 0) throw new UsageError(bad.map((p) => `${configShown}:${p.line}:${p.column}: ${p.message}`).join('\n'));
    const ref = found.config.export.referenceDoc;
    if (!ref) return undefined;
    file = path.resolve(path.dirname(found.path), ref.path);
    shown = `${configShown}:${ref.line}:${ref.column}: export: reference-doc “${ref.path}”`;
  }
  const read = await readBytes(file);
  if ('failure' in read) throw new UsageError(`${shown}: ${read.failure}`);
  const template = docxTemplate(read.bytes);
  if ('failure' in template) throw new UsageError(`${shown}: ${template.failure}`);
  return { path: file, template };
}
