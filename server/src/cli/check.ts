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
import { codeInfo, DIAGNOSTIC_CODES } from '../features/diagnostics';
import { analyseDocument, type LetterAnalysis } from '../analysis/letter';
import { reportLetterOf, staffLettersAtHand, type AnalysedLetter, type StaffLetterAtHand } from '../features/report';
import type { Severity } from '../letters/model';
import { frontMatterOf, isCorrespMarkdown, type LetterFile, type ReadOptions } from '../letters/read';
import { blocksFiling } from '../features/gate';
import { LineIndex } from '../text/lineIndex';
import { ConfigStore } from '../workspace/configs';
import { discoverLetters, looksLikeStaffLetter, staffLetterNotResponse, wrongRoleOf, type FoundLetter } from '../workspace/discover';
import { loadLetter } from '../workspace/files';
import { FsHost } from '../workspace/fsHost';
import { LetterIndex, pathToUri, uriToPath } from '../workspace/letterIndex';
import type { LetterDocument } from '../analysis/thread';
import { githubData, githubProperty, jsonText, terminalLine } from './escape';
import { formatOf, readOptionsOf, UsageError, type Io } from './io';
import { readingProgress } from './progress';
import type { Parsed } from './main';

const USAGE = 'usage: corresp check <file|folder|glob>… [--staff <staff-letter>] [--format text|json|sarif|github] [--max-warnings N] [--today yyyy-mm-dd]';

export interface WorkspaceLetter {
  /** The letter as the command found it (named, or found in a folder or by a glob). */
  readonly found: FoundLetter;
  /** The analysis (thread, due date, coverage) with its folder's configuration, as the editor has it. */
  readonly analysis: LetterAnalysis;
  /** With its diagnostics and paths as shown. */
  readonly analysed: AnalysedLetter;
}

export interface Workspace {
  /** Every letter to work on, analysed with its configuration. */
  readonly letters: readonly WorkspaceLetter[];
  /** Staff letters at hand besides the drafts' own (found in folders, or given with --staff): identity, shown path, letter. */
  readonly staffLetters: readonly StaffLetterAtHand[];
  /** Folder and glob arguments with no response draft. */
  readonly empty: readonly string[];
  /** Every file the command read (letters, staff letters, configuration files): never written over. */
  readonly inputs: readonly string[];
  /** A letter's URI as the user reads it: relative to the working folder. */
  shown(uri: string): string;
}

/**
 * Finds, reads and analyses the letters `paths` name (shared by check and report): the letters to work on come from
 * the arguments (`discoverLetters`), their threads from the same letter index the editor uses, over the folders the
 * arguments name, and each is analysed with its folder's .corresp.yaml. Throws UsageError for exit 2.
 */
export async function loadWorkspace(paths: readonly string[], io: Io, options: { staff?: string; today?: string; read?: ReadOptions }): Promise<Workspace> {
  const stopProgress = readingProgress();
  try {
    return await loadAnalysed(paths, io, options);
  } finally {
    stopProgress();
  }
}

/**
 * The workspace a command works on, read but not analysed (shared by check, report and commitments): the letters
 * the arguments name (`discoverLetters`: the one .gitignore-aware walker), each folder's configuration (one
 * `ConfigStore`; a configuration file with problems is exit 2), and the editor's letter index over the folders the
 * arguments name, holding the letters already read and scanned, that threads are built with. Throws UsageError.
 */
export interface OpenWorkspace {
  /** The letters to work on, each with its document in the index. */
  readonly docs: readonly { readonly found: FoundLetter; readonly doc: LetterDocument }[];
  /** Corresp staff letters found in folders and globs: context for threads, not themselves worked on. */
  readonly staffLetters: readonly FoundLetter[];
  /** Folder and glob arguments with no response draft. */
  readonly empty: readonly string[];
  readonly index: LetterIndex;
  readonly configs: ConfigStore;
  /** The staff letter every response answers (--staff): its URI and the path as written. */
  readonly given?: { readonly uri: string; readonly written: string };
  /** The configuration files in force for the letters. */
  readonly configPaths: readonly string[];
  /** A letter's URI as the user reads it: relative to the working folder. */
  shown(uri: string): string;
}

export async function openWorkspace(
  paths: readonly string[],
  io: Io,
  options: {
    staff?: string;
    read?: ReadOptions;
    /** Throws UsageError for a letter the command cannot work on (before the scan). */ refuse?: (found: FoundLetter, staffGiven: boolean) => void;
  },
): Promise<OpenWorkspace> {
  const read = options.read ?? {};
  const discovered = await discoverLetters(paths, io.cwd, read);
  if (!discovered.ok) throw new UsageError(discovered.failure);
  const configs = new ConfigStore({ codes: Object.keys(DIAGNOSTIC_CODES) });
  const shown = (uri: string) => toPosix(path.relative(io.cwd, uriToPath(uri))) || uriToPath(uri);

  // The staff letter every draft answers (--staff), read as named.
  let given: { uri: string; written: string; file: LetterFile } | undefined;
  if (options.staff !== undefined) {
    const abs = path.resolve(io.cwd, options.staff);
    const file = await loadLetter(abs, read);
    if (file.failure) throw new UsageError(`${options.staff}: ${file.failure}`);
    given = { uri: pathToUri(abs), written: options.staff, file };
  }

  const configPaths: string[] = [];
  for (const found of discovered.letters) {
    const config = await configs.forFile(found.path);
    if (config.problems.length > 0) {
      // A configuration file can have several problems: all but the last on their own lines, the last as the error.
      const where = toPosix(path.relative(io.cwd, config.path!)) || config.path!;
      const lines = config.problems.map((p) => `${where}:${p.line}:${p.column}: ${p.message}`);
      for (const line of lines.slice(0, -1)) io.err(`corresp: ${terminalLine(line)}`);
      throw new UsageError(lines[lines.length - 1]!);
    }
    if (config.path && !configPaths.includes(config.path)) configPaths.push(config.path);
    const wrongRole = wrongRoleOf(found, given ? { path: uriToPath(given.uri), shown: given.written } : undefined);
    if (wrongRole) throw new UsageError(wrongRole);
    options.refuse?.(found, given !== undefined);
  }

  // The letters' threads: the editor's index over the folders named, holding the letters already read.
  const index = new LetterIndex(new FsHost({ folders: () => discovered.roots, readOutside: true }), {
    ...(given ? { staff: { uri: given.uri, written: given.written } } : {}),
    read,
  });
  if (given) index.seed(given.uri, given.file, 'staff-letter');
  for (const s of discovered.staffLetters) index.seed(pathToUri(s.path), s.file, 'staff-letter');
  const docs = discovered.letters.map((found) => ({ found, doc: index.seed(pathToUri(found.path), found.file, given ? 'response' : found.role) }));
  await index.scan();
  return {
    docs,
    staffLetters: discovered.staffLetters,
    empty: discovered.empty,
    index,
    configs,
    ...(given ? { given: { uri: given.uri, written: given.written } } : {}),
    configPaths,
    shown,
  };
}

async function loadAnalysed(paths: readonly string[], io: Io, options: { staff?: string; today?: string; read?: ReadOptions }): Promise<Workspace> {
  const ws = await openWorkspace(paths, io, { ...options, refuse: refuseNonDraft });
  const { index, configs, given, shown } = ws;

  const letters: WorkspaceLetter[] = [];
  for (const { found, doc } of ws.docs) {
    const settings = configs.settingsOf((await configs.forFile(found.path)).config);
    const { analysis } = await analyseDocument(index, doc, settings, options.today);
    letters.push({ found, analysis, analysed: reportLetterOf(analysis, found.shown) });
  }
  const atHand = staffLettersAtHand(
    ws.staffLetters.flatMap((s) => index.get(pathToUri(s.path)) ?? []),
    shown,
  );
  const givenLetter = given ? index.get(given.uri)?.letter : undefined;
  const staffLetters = given && givenLetter ? [...atHand, { id: given.uri, path: shown(given.uri), letter: givenLetter }] : atHand;
  const inputs = [
    ...letters.flatMap(({ found, analysis }) => [found.path, ...(analysis.staffUri ? [uriToPath(analysis.staffUri)] : [])]),
    ...staffLetters.map((s) => uriToPath(s.id)),
    ...ws.configPaths,
  ];
  return { letters, staffLetters, empty: ws.empty, inputs, shown };
}

/** check and report work on drafts: a letter named that is not one says what to do instead. */
function refuseNonDraft(found: FoundLetter, staffGiven: boolean): void {
  if (staffGiven || found.role !== 'response' || frontMatterOf(found.file.frontMatter)?.staffLetter || isCorrespMarkdown(found.file)) return;
  if (looksLikeStaffLetter(found.file)) throw new UsageError(staffLetterNotResponse(found.shown));
  const where =
    found.file.kind === 'docx' ? 'in a custom document property corresp-staff-letter (File › Properties › Custom)' : 'in the front matter (staff-letter: path)';
  throw new UsageError(`${found.shown}: no staff letter: name it ${where} or pass --staff <file>`);
}

export function todayOf(args: Parsed, io: Io): string {
  const today = typeof args.values.today === 'string' ? args.values.today : io.today;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new UsageError(`--today must be a date written yyyy-mm-dd (got “${today}”)`);
  return today;
}

export function reportEmpty(empty: readonly string[], io: Io): void {
  for (const arg of empty)
    io.err(`${terminalLine(arg)}: no Corresp response drafts here (Markdown files whose front matter has staff-letter: or corresp: response)`);
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
  readonly comments: { number: number; status: string; caption: readonly string[]; text: string; line?: number }[];
  readonly diagnostics: Located[];
  readonly letterComments: number;
}

export async function runCheck(args: Parsed, io: Io): Promise<number> {
  const format = formatOf(args.values.format, ['text', 'json', 'sarif', 'github']);
  if (args.positionals.length === 0) throw new UsageError(USAGE);
  const maxWarnings = maxWarningsOf(args.values['max-warnings']);
  const today = todayOf(args, io);
  const ws = await loadWorkspace(args.positionals, io, {
    ...(typeof args.values.staff === 'string' ? { staff: args.values.staff } : {}),
    today,
    read: readOptionsOf(args.values),
  });
  reportEmpty(ws.empty, io);

  const checked: Checked[] = ws.letters.map((letter) => {
    const { found, analysed } = letter;
    const lines = new LineIndex(found.file.text);
    const at = (offset: number) => {
      const p = lines.positionAt(offset);
      return { line: p.line + 1, column: p.character + 1 };
    };
    const comments = (analysed.coverage?.comments ?? []).map((c) => ({
      number: c.number,
      status: c.status,
      caption: c.comment.caption,
      text: c.comment.text,
      ...(c.anchors[0] ? { line: at(c.anchors[0].start).line } : {}),
    }));
    const diagnostics = analysed.problems.map((p) => {
      const start = at(p.start);
      const end = at(Math.max(p.start, p.end));
      return { code: p.code, severity: p.severity, message: p.message, ...start, endLine: end.line, endColumn: end.column };
    });
    return {
      file: found.shown,
      abs: found.path,
      role: analysed.input.role,
      staffLetter: analysed.input.staff?.path ?? null,
      comments,
      diagnostics,
      letterComments: analysed.letter?.comments.length ?? 0,
    };
  });

  const unanswered = checked.reduce((n, c) => n + c.comments.filter((x) => x.status !== 'answered').length, 0);
  const errors = checked.reduce((n, c) => n + c.diagnostics.filter((d) => d.severity === 'error').length, 0);
  const warnings = checked.reduce((n, c) => n + c.diagnostics.filter((d) => d.severity === 'warning').length, 0);
  const tooManyWarnings = maxWarnings !== undefined && warnings > maxWarnings;
  const unfinished = checked.some((c) => c.diagnostics.some(blocksFiling));
  // A staff letter that cannot be read is unreadable input (exit 2), after every file has been reported.
  const unreadable = ws.letters.some((l) => l.analysis.staff?.failure !== undefined);
  const exit = unreadable ? 2 : unanswered === 0 && errors === 0 && !unfinished && !tooManyWarnings ? 0 : 1;

  // One file named alone keeps the single-object JSON; folders, globs and several files give an array.
  const single = args.positionals.length === 1 && checked.length === 1 && ws.letters[0]!.found.explicit;
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
          io.out(
            `::${githubLevel(d.severity)} file=${githubProperty(file)},line=${d.line},col=${d.column},title=${githubProperty(d.code)}::${githubData(d.message)}`,
          );
        }
      }
      for (const line of summaryLines(checked)) io.out(terminalLine(line));
      break;
    default:
      for (const c of checked)
        for (const d of c.diagnostics) io.out(terminalLine(`${shownFile(c.file)}:${d.line}:${d.column} ${d.severity} ${d.message} [${d.code}]`));
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
      out.push(
        `${shownFile(c.file)}: staff letter with ${c.letterComments} comment${c.letterComments === 1 ? '' : 's'} (checked on its own; drafts are checked against it)`,
      );
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
  const ids: string[] = Object.keys(DIAGNOSTIC_CODES);
  for (const c of checked) for (const d of c.diagnostics) if (!ids.includes(d.code)) ids.push(d.code);
  const rules = ids.map((id) => {
    const known = codeInfo(id);
    return {
      id,
      name: id,
      shortDescription: { text: known?.description ?? id },
      defaultConfiguration: { level: sarifLevel(known?.severity ?? 'warning') },
    };
  });
  // The coverage summary's text changes with every answer written: as a result it would open and close a code-scanning
  // alert on every push. It stays in the text, JSON and GitHub formats.
  const results = checked.flatMap((c) =>
    c.diagnostics
      .filter((d) => d.code !== 'coverage.summary')
      .map((d) => ({
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
