/**
 * The repository's Corresp configuration, read alike by the CLI and the language server: `.corresp.yaml` (or
 * `.corresp.yml`, or `corresp.config.json`), found by walking up from a letter's folder to the repository root (the
 * first folder holding `.git`) or to the editor's workspace folder.
 *
 *   severities:            # per code or code family ("citation" or "citation.*"): error|warning|information|hint|off
 *     citation: off
 *     response.placeholder: error
 *   placeholders:          # what else counts as a placeholder: literal text, or /regex/flags
 *     - "[Company to confirm]"
 *     - /\bPENDING\b/i
 *   due:
 *     business-days: 10    # the response time when the staff letter states none
 *     holidays: [2024-12-24, 2024-12-26]   # extra days to skip (firm holidays), on top of US federal holidays
 *     warn-days-before: 2  # report response.due-soon this many calendar days before the due date
 *   export:
 *     reference-doc: templates/firm-letter.docx   # Word export: the firm's styles (relative to this file)
 *   library:               # more folders of letters for precedents (`corresp similar`), relative to this file
 *     - ../precedents
 *
 * `parseConfig` is pure and never throws: every mistake is a problem with its line and column, and what can be
 * used of the file is used. `findConfig` is the IO.
 *
 * Reliability: a team's `/regex/` runs in RE2 (re2js, a pure-JavaScript port: no native build), in time linear in
 * the text whatever the pattern: `/(a|aa)+$/` hung `corresp check` and wedged the server at 100% CPU in JavaScript's
 * backtracking engine. Patterns RE2 cannot run in linear time (backreferences, lookarounds) are refused with a
 * problem. In an untrusted workspace (the editor's Restricted Mode) only literal placeholders are taken.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { RE2JS } from 're2js';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Pair } from 'yaml';
import type { AnalysisSettings, SeveritySetting } from '../analysis/settings';
import { parseIsoDate } from '../letters/dates';
import type { DueRules } from '../letters/due';
import { readSmallTextFile } from './files';

/** The file names Corresp reads, in order of preference. */
export const CONFIG_FILES = ['.corresp.yaml', '.corresp.yml', 'corresp.config.json'] as const;

export interface DueConfig {
  /** Response time in business days when the staff letter states none (the default is ten). */
  readonly businessDays?: number;
  /** Extra ISO dates that are not business days (firm holidays). */
  readonly holidays: readonly string[];
  /** Warn (response.due-soon) this many calendar days before the due date; none when unset. */
  readonly warnDaysBefore?: number;
}

export interface ExportConfig {
  /** The Word export's reference document, as written (relative to the configuration file) and where. */
  readonly referenceDoc?: { readonly path: string; readonly line: number; readonly column: number };
}

export interface CorrespConfig {
  readonly severities: Readonly<Record<string, SeveritySetting>>;
  /** Extra placeholder patterns, compiled (global). */
  readonly placeholders: readonly RegExp[];
  readonly due: DueConfig;
  readonly export: ExportConfig;
  /** Folders of letters for precedents, as written (relative to the configuration file's folder). */
  readonly library: readonly string[];
}

export interface ConfigProblem {
  /** 1-based line and column in the configuration file. */
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface ParsedConfig {
  readonly config: CorrespConfig;
  readonly problems: readonly ConfigProblem[];
}

export interface FoundConfig extends ParsedConfig {
  /** The configuration file read; absent when there is none (the defaults apply). */
  readonly path?: string;
}

export const DEFAULT_CONFIG: CorrespConfig = { severities: {}, placeholders: [], due: { holidays: [] }, export: {}, library: [] };

/** What a configuration changes in the analysis of a letter: severities, placeholders, due rules and warning. */
export function analysisSettingsOf(config: CorrespConfig): AnalysisSettings {
  return {
    severities: config.severities,
    placeholders: config.placeholders,
    due: dueRulesOf(config),
    ...(config.due.warnDaysBefore !== undefined ? { warnDaysBefore: config.due.warnDaysBefore } : {}),
  };
}

/** The due-date rules the letters layer takes (`dueDateOf`). */
export function dueRulesOf(config: CorrespConfig): DueRules {
  return {
    ...(config.due.businessDays !== undefined ? { businessDays: config.due.businessDays } : {}),
    ...(config.due.holidays.length > 0 ? { holidays: new Set(config.due.holidays) } : {}),
  };
}

const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];
const TOP_KEYS = ['severities', 'placeholders', 'due', 'export', 'library'];
const DUE_KEYS = ['business-days', 'holidays', 'warn-days-before'];
const EXPORT_KEYS = ['reference-doc'];

export interface ConfigOptions {
  /** False in an untrusted workspace: `/regex/` placeholders are not taken (literal ones are). Default true. */
  readonly trusted?: boolean;
  /**
   * The diagnostic codes a `severities` key may name (the features' table, passed in by the server and the CLI: the
   * workspace layer imports no feature). Keys are not checked when absent.
   */
  readonly codes?: readonly string[];
}

/** Parses a configuration file's text. `file` names it (its extension says JSON or YAML; JSON is read as YAML). */
export function parseConfig(text: string, file: string, options: ConfigOptions = {}): ParsedConfig {
  const problems: ConfigProblem[] = [];
  const lines = new LineCounter();
  const at = (offset: number | undefined, message: string) => {
    const p = lines.linePos(offset ?? 0);
    problems.push({ line: Math.max(1, p.line), column: Math.max(1, p.col), message });
  };
  const position = (offset: number | undefined) => {
    const p = lines.linePos(offset ?? 0);
    return { line: Math.max(1, p.line), column: Math.max(1, p.col) };
  };
  const where = (node: unknown): number | undefined => (node as { range?: number[] } | null | undefined)?.range?.[0];
  try {
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      for (const e of doc.errors) at(e.pos[0], `${/\.json$/i.test(file) ? 'not valid JSON' : 'not valid YAML'}: ${e.message.split('\n')[0]}`);
      return { config: DEFAULT_CONFIG, problems };
    }
    const root = doc.contents;
    if (root === null || (isScalar(root) && (root.value === null || root.value === undefined))) return { config: DEFAULT_CONFIG, problems };
    if (!isMap(root)) {
      at(where(root), 'the configuration must be a mapping with the keys severities, placeholders, due, export and library');
      return { config: DEFAULT_CONFIG, problems };
    }

    let severities: Record<string, SeveritySetting> = {};
    let placeholders: RegExp[] = [];
    let due: DueConfig = { holidays: [] };
    let exportConfig: ExportConfig = {};
    let library: string[] = [];
    for (const pair of root.items as Pair<unknown, unknown>[]) {
      const key = keyOf(pair);
      if (key === 'severities') severities = readSeverities(pair.value, pair, at, where, options.codes);
      else if (key === 'placeholders') placeholders = readPlaceholders(pair.value, pair, at, where, options.trusted !== false);
      else if (key === 'due') due = readDue(pair.value, pair, at, where);
      else if (key === 'export') exportConfig = readExport(pair.value, pair, at, where, position);
      else if (key === 'library') library = readLibrary(pair.value, pair, at, where);
      else at(where(pair.key), `unknown key “${String(key)}”${suggest(String(key), TOP_KEYS)} (the keys are ${TOP_KEYS.join(', ')})`);
    }
    return { config: { severities, placeholders, due, export: exportConfig, library }, problems };
  } catch (e) {
    at(0, `cannot be read: ${e instanceof Error ? e.message : String(e)}`);
    return { config: DEFAULT_CONFIG, problems };
  }
}

type At = (offset: number | undefined, message: string) => void;
type Where = (node: unknown) => number | undefined;

function keyOf(pair: Pair<unknown, unknown>): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

/** The value node's position, or its key's when the value is empty. */
function valueAt(pair: Pair<unknown, unknown>, where: Where): number | undefined {
  return where(pair.value) ?? where(pair.key);
}

function isEmpty(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && (node.value === null || node.value === undefined));
}

function readSeverities(
  node: unknown,
  pair: Pair<unknown, unknown>,
  at: At,
  where: Where,
  codes: readonly string[] | undefined,
): Record<string, SeveritySetting> {
  const out: Record<string, SeveritySetting> = {};
  if (isEmpty(node)) return out;
  if (!isMap(node)) {
    at(valueAt(pair, where), 'severities must be a mapping of codes to error, warning, information, hint or off');
    return out;
  }
  const families = [...new Set((codes ?? []).map((c) => c.split('.')[0]!))];
  for (const item of node.items as Pair<unknown, unknown>[]) {
    const key = String(keyOf(item));
    const family = key.replace(/\.\*$/, '');
    const known = !codes || codes.includes(key) || (families.includes(family) && (key === family || key === `${family}.*`));
    if (!known) {
      at(where(item.key), `severities: unknown diagnostic code “${key}”${suggest(key, [...(codes ?? []), ...families])}`);
      continue;
    }
    const value = isScalar(item.value) ? item.value.value : undefined;
    // YAML 1.1 habits: `off` written as a boolean `false`.
    const setting = value === false ? 'off' : typeof value === 'string' ? value.trim().toLowerCase() : value;
    if (typeof setting !== 'string' || !SEVERITIES.includes(setting as SeveritySetting)) {
      at(valueAt(item, where), `severities: “${key}” must be one of ${SEVERITIES.join(', ')} (got ${describe(value, item.value)})`);
      continue;
    }
    out[key] = setting as SeveritySetting;
  }
  return out;
}

function readPlaceholders(node: unknown, pair: Pair<unknown, unknown>, at: At, where: Where, trusted: boolean): RegExp[] {
  const out: RegExp[] = [];
  if (isEmpty(node)) return out;
  if (!isSeq(node)) {
    at(valueAt(pair, where), 'placeholders must be a list of texts or /regular expressions/');
    return out;
  }
  for (const item of node.items) {
    const value = isScalar(item) ? item.value : undefined;
    if (typeof value !== 'string' || value.trim().length === 0) {
      at(where(item), `placeholders: each entry must be a non-empty text or /regular expression/ (got ${describe(value, item)})`);
      continue;
    }
    if (!trusted && REGEX_ENTRY.test(value.trim())) {
      at(where(item), `placeholders: “${value}”: regular expressions are not run in an untrusted workspace (trust the folder to use it)`);
      continue;
    }
    const compiled = placeholderPattern(value);
    if (typeof compiled === 'string') at(where(item), `placeholders: “${value}”: ${compiled}`);
    else out.push(compiled);
  }
  return out;
}

const REGEX_ENTRY = /^\/(.+)\/([a-z]*)$/s;
/** Longest `/regex/` taken (RE2's memory for a program grows with it). */
export const MAX_PATTERN_LENGTH = 1000;

/**
 * A regular expression whose matching is done by RE2 (re2js): linear in the text, whatever the pattern. It is a
 * RegExp (so `exec`, `test`, `String.prototype.replace` and `lastIndex` work as usual, all through `exec`), but
 * the native engine never matches with it.
 */
export class LinearRegExp extends RegExp {
  private readonly re2: RE2JS;
  /** The last input's matcher: a loop of `exec` over one text builds it once. */
  private cached: { input: string; matcher: ReturnType<RE2JS['matcher']> } | undefined;

  /** Throws (like `new RegExp`) when RE2 cannot run the pattern. */
  constructor(pattern: string | RegExp, flags?: string) {
    const source = typeof pattern === 'string' ? pattern : pattern.source;
    const all = flags ?? (typeof pattern === 'string' ? '' : pattern.flags);
    super(source, all);
    let re2Flags = 0;
    if (this.ignoreCase) re2Flags |= RE2JS.CASE_INSENSITIVE;
    if (this.multiline) re2Flags |= RE2JS.MULTILINE;
    if (this.dotAll) re2Flags |= RE2JS.DOTALL;
    this.re2 = RE2JS.compile(RE2JS.translateRegExp(source), re2Flags);
  }

  static override get [Symbol.species](): RegExpConstructor {
    return LinearRegExp as unknown as RegExpConstructor;
  }

  override exec(input: string): RegExpExecArray | null {
    const text = String(input);
    const stateful = this.global || this.sticky;
    const from = stateful ? this.lastIndex : 0;
    const fail = () => {
      if (stateful) this.lastIndex = 0;
      return null;
    };
    if (from > text.length) return fail();
    if (this.cached?.input !== text) this.cached = { input: text, matcher: this.re2.matcher(text) };
    const m = this.cached.matcher;
    if (!m.find(from) || (this.sticky && m.start() !== from)) return fail();
    const groups: (string | undefined)[] = [];
    for (let g = 0; g <= m.groupCount(); g++) groups.push(m.group(g) ?? undefined);
    const result = Object.assign(groups, { index: m.start(), input: text, groups: undefined }) as unknown as RegExpExecArray;
    if (stateful) this.lastIndex = m.end();
    return result;
  }
}

/** "/re/flags" → that regular expression (run by RE2); anything else → the literal text. A string says what is wrong. */
export function placeholderPattern(value: string): RegExp | string {
  const m = REGEX_ENTRY.exec(value.trim());
  let re: RegExp;
  if (m) {
    const flags = [...new Set(m[2]!.replace(/[gy]/g, ''))].join('');
    if (/[^imsu]/.test(flags)) return `unsupported regular expression flags “${m[2]}” (use i, m, s or u)`;
    if (m[1]!.length > MAX_PATTERN_LENGTH) return `the regular expression is longer than ${MAX_PATTERN_LENGTH} characters`;
    try {
      // The native engine only checks the syntax (it never matches with this object).
      new RegExp(m[1]!, `${flags}g`);
    } catch (e) {
      return `not a valid regular expression (${(e as Error).message.replace(/^Invalid regular expression: /, '')})`;
    }
    try {
      re = new LinearRegExp(m[1]!, `${flags}g`);
    } catch (e) {
      const why = (e as Error).message.replace(/^error parsing regexp: /, '');
      return `cannot be run in linear time (${why}); backreferences and lookarounds are not supported`;
    }
  } else {
    re = new RegExp(value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'g');
  }
  re.lastIndex = 0;
  if (re.test('')) return 'matches empty text, so it would count every response as a placeholder';
  re.lastIndex = 0;
  return re;
}

function readLibrary(node: unknown, pair: Pair<unknown, unknown>, at: At, where: Where): string[] {
  const out: string[] = [];
  if (isEmpty(node)) return out;
  if (!isSeq(node)) {
    at(valueAt(pair, where), 'library must be a list of folders');
    return out;
  }
  for (const item of node.items) {
    const value = isScalar(item) ? item.value : undefined;
    if (typeof value !== 'string' || value.trim().length === 0) at(where(item), `library: each entry must be a folder (got ${describe(value, item)})`);
    else out.push(value.trim());
  }
  return out;
}

function readDue(node: unknown, pair: Pair<unknown, unknown>, at: At, where: Where): DueConfig {
  const due: { businessDays?: number; holidays: string[]; warnDaysBefore?: number } = { holidays: [] };
  if (isEmpty(node)) return due;
  if (!isMap(node)) {
    at(valueAt(pair, where), `due must be a mapping with the keys ${DUE_KEYS.join(', ')}`);
    return due;
  }
  for (const item of node.items as Pair<unknown, unknown>[]) {
    const key = String(keyOf(item));
    const value = isScalar(item.value) ? item.value.value : undefined;
    if (key === 'business-days') {
      if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 365) due.businessDays = value;
      else at(valueAt(item, where), `due: business-days must be a whole number of days from 1 to 365 (got ${describe(value, item.value)})`);
    } else if (key === 'warn-days-before') {
      if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 365) due.warnDaysBefore = value;
      else at(valueAt(item, where), `due: warn-days-before must be a whole number of days from 0 to 365 (got ${describe(value, item.value)})`);
    } else if (key === 'holidays') {
      if (isEmpty(item.value)) continue;
      if (!isSeq(item.value)) {
        at(valueAt(item, where), 'due: holidays must be a list of dates written yyyy-mm-dd');
        continue;
      }
      for (const h of item.value.items) {
        const v = isScalar(h) ? h.value : undefined;
        const iso = v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? parseIsoDate(v) : undefined;
        if (iso) due.holidays.push(iso);
        else at(where(h), `due: holidays: ${describe(v, h)} is not a date written yyyy-mm-dd`);
      }
    } else {
      at(where(item.key), `due: unknown key “${key}”${suggest(key, DUE_KEYS)} (the keys are ${DUE_KEYS.join(', ')})`);
    }
  }
  return due;
}

function readExport(
  node: unknown,
  pair: Pair<unknown, unknown>,
  at: At,
  where: Where,
  position: (offset: number | undefined) => { line: number; column: number },
): ExportConfig {
  if (isEmpty(node)) return {};
  if (!isMap(node)) {
    at(valueAt(pair, where), `export must be a mapping with the key ${EXPORT_KEYS.join(', ')}`);
    return {};
  }
  let out: ExportConfig = {};
  for (const item of node.items as Pair<unknown, unknown>[]) {
    const key = String(keyOf(item));
    const value = isScalar(item.value) ? item.value.value : undefined;
    if (key === 'reference-doc') {
      if (typeof value !== 'string' || value.trim().length === 0)
        at(valueAt(item, where), `export: reference-doc must be the path of a Word document (.docx or .dotx) (got ${describe(value, item.value)})`);
      else if (!/\.(?:docx|dotx)$/i.test(value.trim()))
        at(valueAt(item, where), `export: reference-doc “${value}” must be a Word document (.docx) or template (.dotx)`);
      else out = { referenceDoc: { path: value.trim(), ...position(valueAt(item, where)) } };
    } else {
      at(where(item.key), `export: unknown key “${key}”${suggest(key, EXPORT_KEYS)} (the key is ${EXPORT_KEYS.join(', ')})`);
    }
  }
  return out;
}

function describe(value: unknown, node: unknown): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (value === null || value === undefined) return 'nothing';
  return typeof value === 'string' ? `“${value}”` : String(value);
}

/** " (did you mean “x”?)" for a near miss. */
function suggest(word: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.ceil(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best && best !== word ? ` (did you mean “${best}”?)` : '';
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** The largest configuration file read (a real one is a few hundred bytes). */
export const MAX_CONFIG_BYTES = 256 * 1024;

/**
 * The configuration that applies to files in `startDir`: the nearest configuration file walking up to the
 * repository root (the first folder with `.git`), to `stopAt` (the server's workspace folder) or to the file
 * system's root. Never throws: an unreadable file is a problem.
 */
export async function findConfig(startDir: string, options: { stopAt?: string } & ConfigOptions = {}): Promise<FoundConfig> {
  const stopAt = options.stopAt ? path.resolve(options.stopAt) : undefined;
  let dir = path.resolve(startDir);
  for (;;) {
    for (const name of CONFIG_FILES) {
      const file = path.join(dir, name);
      // Reliability: a regular file of at most MAX_CONFIG_BYTES (a link to /dev/zero or a FIFO is refused, not read).
      const read = await readSmallTextFile(file, MAX_CONFIG_BYTES);
      if ('failure' in read) {
        if (read.missing || read.folder) continue;
        return { path: file, config: DEFAULT_CONFIG, problems: [{ line: 1, column: 1, message: `cannot be read: ${read.failure}` }] };
      }
      return {
        path: file,
        ...parseConfig(read.text.replace(/^\uFEFF/, ''), file, {
          ...(options.trusted === false ? { trusted: false } : {}),
          ...(options.codes ? { codes: options.codes } : {}),
        }),
      };
    }
    if (stopAt && dir === stopAt) break;
    if (await isGitRoot(dir)) break;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return { config: DEFAULT_CONFIG, problems: [] };
}

async function isGitRoot(dir: string): Promise<boolean> {
  try {
    await fs.stat(path.join(dir, '.git'));
    return true;
  } catch {
    return false;
  }
}
