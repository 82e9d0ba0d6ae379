/**
 * `corresp check <paths…>`: coverage of response drafts against their staff letters, and every diagnostic the
 * editor shows, for files, folders and globs (a whole repository of threads at once; .gitignore honoured), with
 * the repository's .corresp.yaml applied. Formats: text (`file:line:col severity message [code]`), json, sarif
 * (SARIF 2.1.0 for GitHub code scanning) and github (workflow commands that annotate a pull request).
 *
 * Exit status: 0 when every comment is answered, nothing is an error and the warnings are within --max-warnings;
 * 1 when not; 2 for usage errors, unreadable input and a bad configuration file.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIAGNOSTIC_CODES } from '../features/diagnostics';
import { analyseLetter, priorLetterOf, type AnalysedLetter, type LetterInput } from '../features/report';
import { threadResponseOf, type DueThread } from '../letters/due';
import type { Severity, StaffLetter } from '../letters/model';
import { responseOf } from '../letters/read';
import { sameFiler } from '../letters/thread';
import type { ReadOptions } from '../letters/read';
import { LineIndex } from '../text/lineIndex';
import { dueRulesOf } from '../workspace/config';
import { discoverLetters, loadLetters, type LoadedLetter } from '../workspace/discover';
import { githubData, githubProperty, jsonText, terminalLine } from './escape';
import { formatOf, readOptionsOf, UsageError, type Io } from './io';
import { readingProgress } from './progress';
import type { Parsed } from './main';

const USAGE = 'usage: corresp check <file|folder|glob>… [--staff <staff-letter>] [--format text|json|sarif|github] [--max-warnings N] [--today yyyy-mm-dd]';

export interface Workspace {
  /** Every letter to work on, analysed with its configuration. */
  readonly letters: readonly { readonly loaded: LoadedLetter; readonly analysed: AnalysedLetter }[];
  /** Staff letters read besides (for threads): identity, shown path, letter. */
  readonly staffLetters: readonly { readonly id: string; readonly path: string; readonly letter: StaffLetter }[];
  /** Folder and glob arguments with no response draft. */
  readonly empty: readonly string[];
}

/** Finds, reads and analyses the letters `paths` name (shared by check and report). Throws UsageError for exit 2. */
export async function loadWorkspace(paths: readonly string[], io: Io, options: { staff?: string; today?: string; read?: ReadOptions }): Promise<Workspace> {
  const stopProgress = readingProgress();
  try {
    return await loadAnalysed(paths, io, options);
  } finally {
    stopProgress();
  }
}

async function loadAnalysed(paths: readonly string[], io: Io, options: { staff?: string; today?: string; read?: ReadOptions }): Promise<Workspace> {
  const discovered = await discoverLetters(paths, io.cwd, options.read ?? {});
  if (!discovered.ok) throw new UsageError(discovered.failure);
  const loaded = await loadLetters(discovered, { cwd: io.cwd, ...(options.staff !== undefined ? { staff: options.staff } : {}), ...(options.read ? { read: options.read } : {}) });
  if (!loaded.ok) {
    // A configuration file can have several problems: all but the last on their own lines, the last as the error.
    const lines = loaded.failure.split('\n');
    for (const line of lines.slice(0, -1)) io.err(`corresp: ${terminalLine(line)}`);
    throw new UsageError(lines[lines.length - 1]!);
  }
  const known = loaded.known.map((k) => k.letter);
  // What the thread says about each response's due date: the other responses to its staff letter (a request for
  // more time among them), and later staff letters (a reminder naming a new date), as the editor has it.
  const dueThreadOf = (l: LoadedLetter): DueThread | undefined => {
    const staff = l.staff?.letter;
    if (l.role !== 'response' || !staff) return undefined;
    const responses = loaded.letters
      .filter((o) => o !== l && o.role === 'response' && o.staff?.path === l.staff!.path)
      .map((o) => threadResponseOf(responseOf(o.file, staff), o.file.kind !== 'markdown'));
    return { responses, staffLetters: known.filter((k) => k.remindsOf !== undefined && k.remindsOf === staff.date && sameFiler(k, staff)) };
  };
  const letters = loaded.letters.map((l) => {
    const dueThread = dueThreadOf(l);
    const config = l.config.config;
    const own = l.role === 'staff-letter' ? loaded.known.find((k) => k.path === l.path)?.letter : l.staff?.letter;
    const prior = priorLetterOf(own, known);
    const input: LetterInput = {
      path: l.shown,
      file: l.file,
      role: l.role,
      ...(l.staff ? { staff: { path: l.staff.shown, ...(l.staff.letter ? { letter: l.staff.letter } : {}), ...(l.staff.failure ? { failure: l.staff.failure } : {}) }, staffId: l.staff.path } : {}),
      ...(l.role === 'staff-letter' ? { staffId: l.path } : {}),
      ...(prior ? { prior } : {}),
      ...(dueThread ? { dueThread } : {}),
      settings: {
        severities: config.severities,
        placeholders: config.placeholders,
        due: dueRulesOf(config),
        ...(config.due.warnDaysBefore !== undefined ? { warnDaysBefore: config.due.warnDaysBefore } : {}),
      },
    };
    return { loaded: l, analysed: analyseLetter(input, options.today) };
  });
  const staffLetters = loaded.known.map((k) => ({ id: k.path, path: toPosix(path.relative(io.cwd, k.path)) || k.path, letter: k.letter }));
  return { letters, staffLetters, empty: loaded.empty };
}

export function todayOf(args: Parsed, io: Io): string {
  const today = typeof args.values.today === 'string' ? args.values.today : io.today;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new UsageError(`--today must be a date written yyyy-mm-dd (got “${today}”)`);
  return today;
}

export function reportEmpty(empty: readonly string[], io: Io): void {
  for (const arg of empty) io.err(`${terminalLine(arg)}: no Corresp response drafts here (Markdown files whose front matter has staff-letter: or corresp: response)`);
}

interface Located {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

interface Checked {
  readonly file: string;
  /** Absolute path, for SARIF and GitHub locations. */
  readonly abs: string;
  readonly role: 'response' | 'staff-letter';
  readonly staffLetter: string | null;
  readonly comments: { number: number; status: string; line?: number }[];
  readonly diagnostics: Located[];
  readonly letterComments: number;
}

export async function runCheck(args: Parsed, io: Io): Promise<number> {
  const format = formatOf(args.values.format, ['text', 'json', 'sarif', 'github']);
  if (args.positionals.length === 0) throw new UsageError(USAGE);
  const maxWarnings = maxWarningsOf(args.values['max-warnings']);
  const today = todayOf(args, io);
  const ws = await loadWorkspace(args.positionals, io, { ...(typeof args.values.staff === 'string' ? { staff: args.values.staff } : {}), today, read: readOptionsOf(args.values) });
  reportEmpty(ws.empty, io);

  const checked: Checked[] = ws.letters.map(({ loaded, analysed }) => {
    const lines = new LineIndex(loaded.file.text);
    const at = (offset: number) => {
      const p = lines.positionAt(offset);
      return { line: p.line + 1, column: p.character + 1 };
    };
    const comments = (analysed.coverage?.comments ?? []).map((c) => ({ number: c.number, status: c.status, ...(c.anchors[0] ? { line: at(c.anchors[0].start).line } : {}) }));
    const diagnostics = analysed.problems.map((p) => {
      const start = at(p.start);
      const end = at(Math.max(p.start, p.end));
      return { code: p.code, severity: p.severity, message: p.message, ...start, endLine: end.line, endColumn: end.column };
    });
    return {
      file: loaded.shown,
      abs: loaded.path,
      role: loaded.role,
      staffLetter: loaded.staff?.shown ?? null,
      comments,
      diagnostics,
      letterComments: analysed.letter?.comments.length ?? 0,
    };
  });

  const unanswered = checked.reduce((n, c) => n + c.comments.filter((x) => x.status !== 'answered').length, 0);
  const errors = checked.reduce((n, c) => n + c.diagnostics.filter((d) => d.severity === 'error').length, 0);
  const warnings = checked.reduce((n, c) => n + c.diagnostics.filter((d) => d.severity === 'warning').length, 0);
  const tooManyWarnings = maxWarnings !== undefined && warnings > maxWarnings;
  const exit = unanswered === 0 && errors === 0 && !tooManyWarnings ? 0 : 1;

  // One file named alone keeps the single-object JSON; folders, globs and several files give an array.
  const single = args.positionals.length === 1 && checked.length === 1 && ws.letters[0]!.loaded.explicit;
  switch (format) {
    case 'json': {
      const objects = checked.map((c) => ({
        file: c.file,
        staffLetter: c.staffLetter,
        comments: c.comments,
        diagnostics: c.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, line: d.line, column: d.column })),
      }));
      io.out(jsonText(single ? objects[0] : objects));
      break;
    }
    case 'sarif':
      io.out(jsonText(sarifLog(checked, io)));
      break;
    case 'github':
      for (const c of checked) {
        const file = workspacePath(c.abs, io.cwd);
        for (const d of c.diagnostics) {
          io.out(`::${githubLevel(d.severity)} file=${githubProperty(file)},line=${d.line},col=${d.column},title=${githubProperty(d.code)}::${githubData(d.message)}`);
        }
      }
      for (const line of summaryLines(checked)) io.out(terminalLine(line));
      break;
    default:
      for (const c of checked) for (const d of c.diagnostics) io.out(terminalLine(`${shownFile(c.file)}:${d.line}:${d.column} ${d.severity} ${d.message} [${d.code}]`));
      for (const line of summaryLines(checked)) io.out(terminalLine(line));
  }
  if (tooManyWarnings) io.err(`corresp: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings}`);
  return exit;
}

function maxWarningsOf(value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value.trim())) {
    throw new UsageError(`--max-warnings must be a whole number, 0 or more (got “${terminalLine(String(value))}”)`);
  }
  return Number(value.trim());
}

/** A path at the start of an output line: never one that starts like a workflow command. */
function shownFile(file: string): string {
  return file.startsWith(':') || file.startsWith('#') ? `./${file}` : file;
}

function summaryLines(checked: readonly Checked[]): string[] {
  const out: string[] = [];
  for (const c of checked) {
    if (c.role === 'staff-letter') {
      out.push(`${shownFile(c.file)}: staff letter with ${c.letterComments} comment${c.letterComments === 1 ? '' : 's'} (checked on its own; drafts are checked against it)`);
      continue;
    }
    const total = c.comments.length;
    const missing = c.comments.filter((x) => x.status === 'missing').map((x) => x.number);
    const placeholder = c.comments.filter((x) => x.status === 'placeholder').map((x) => x.number);
    const answered = total - missing.length - placeholder.length;
    out.push(
      `${shownFile(c.file)}: ${answered} of ${total} comment${total === 1 ? '' : 's'} answered` +
        (placeholder.length ? `, placeholder only: ${placeholder.join(', ')}` : '') +
        (missing.length ? `, missing: ${missing.join(', ')}` : '') +
        (c.staffLetter ? ` (staff letter: ${c.staffLetter})` : ''),
    );
  }
  if (checked.length > 1) {
    const total = checked.reduce((n, c) => n + c.comments.length, 0);
    const answered = checked.reduce((n, c) => n + c.comments.filter((x) => x.status === 'answered').length, 0);
    const count = (s: Severity) => checked.reduce((n, c) => n + c.diagnostics.filter((d) => d.severity === s).length, 0);
    const e = count('error');
    const w = count('warning');
    out.push(`${checked.length} files: ${answered} of ${total} comments answered; ${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}`);
  }
  return out;
}

// ── GitHub workflow commands ────────────────────────────────────────────────────────────────────────────────────

function githubLevel(severity: Severity): 'error' | 'warning' | 'notice' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'notice';
}

/** Kept for callers of the old names: the escaping lives in escape.ts. */
export { githubData as escapeData, githubProperty as escapeProperty } from './escape';

/** The path relative to the working folder (the repository root in CI), with forward slashes; absolute when outside. */
function workspacePath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel.startsWith('..') || path.isAbsolute(rel) ? abs : toPosix(rel);
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

// ── SARIF 2.1.0 ─────────────────────────────────────────────────────────────────────────────────────────────────

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** A SARIF artifact location: a URI relative to the working folder (%SRCROOT%), or a file: URI outside it. */
function artifactLocation(abs: string, cwd: string): { uri: string; uriBaseId?: string } {
  const rel = path.relative(cwd, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return { uri: pathToFileURL(abs).href };
  return { uri: toPosix(rel).split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function sarifLog(checked: readonly Checked[], io: Io): object {
  const ids = Object.keys(DIAGNOSTIC_CODES);
  for (const c of checked) for (const d of c.diagnostics) if (!ids.includes(d.code)) ids.push(d.code);
  const rules = ids.map((id) => {
    const known = DIAGNOSTIC_CODES[id];
    return {
      id,
      name: id,
      shortDescription: { text: known?.description ?? id },
      defaultConfiguration: { level: sarifLevel(known?.severity ?? 'warning') },
    };
  });
  const results = checked.flatMap((c) =>
    c.diagnostics.map((d) => ({
      ruleId: d.code,
      ruleIndex: ids.indexOf(d.code),
      level: sarifLevel(d.severity),
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(c.abs, io.cwd),
            region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
          },
        },
      ],
    })),
  );
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'corresp', version: io.version, rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
