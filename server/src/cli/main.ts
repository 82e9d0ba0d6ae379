/**
 * The `corresp` command: argument parsing and dispatch. Each subcommand lives in its own file and reads the same
 * model the language server does. Exit codes: 0 all good, 1 findings (unanswered comments, errors), 2 usage errors
 * and unreadable input, with a one-line message naming the file.
 */
import { parseArgs } from 'node:util';
import { runCache } from './cache';
import { runCheck } from './check';
import { runComments } from './comments';
import { runCommitments } from './commitments';
import { runExport } from './export';
import { runImport } from './import';
import { runLibrary } from './library';
import { runNew } from './new';
import { runReport } from './report';
import { terminalLine } from './escape';
import { runSimilar } from './similar';
import { analysisCacheIn, cacheDirOf, currentAnalysisCache, currentReaderPool, useAnalysisCache, useReaderPool } from '../workspace/analysisCache';
import { readerPoolFor } from '../workspace/readerPool';
import { CacheError } from '../workspace/precedentStore';
import { runVerify } from './verify';
import { UsageError, type Io } from './io';

const HELP = `corresp: check SEC comment-letter responses against the staff's comments

Usage:
  corresp comments <staff-letter> [--format text|json]
  corresp check <file|folder|glob>… [--staff <staff-letter>] [--format text|json|sarif|github]
                [--max-warnings N] [--today yyyy-mm-dd]
  corresp report [file|folder|glob…] [-o report.html] [--format html|md] [--force] [--today yyyy-mm-dd]
  corresp import <letter> [-o out.md] [--force]
  corresp new <staff-letter> [-o response.md] [--force]
  corresp export <response> [-o out.htm] [--format html|txt|docx] [--force] [--unredacted]
                [--reference-doc firm.docx] [--allow-incomplete] [--today yyyy-mm-dd]
  corresp similar <staff-letter or draft> [--comment N] [--library <folder>…] [--limit K] [--tag T]
                  [--other-companies] [--format text|json|md] [--cache <folder>]
  corresp library add <folder>… | list | remove <folder>   [--cache <folder>]
  corresp commitments [file|folder…] [--staff <staff-letter>] [--format text|json|csv|md]
  corresp verify <filing> [--commitments <file|folder>] [--format text|json] [--form 10-Q] [--period yyyy-mm-dd]
  corresp cache info | clear [--cache <folder>]

Letters may be Markdown (.md), text (.txt), PDF (.pdf), EDGAR HTML (.htm) or Word (.docx).
A Word letter's tracked changes are read as accepted; --changes original reads the text
before them (check, comments, report, import, new).
A response that repeats the staff's comments can stand in for a lost staff letter.
What a file reads to (a PDF's text, a letter's blocks) is kept in the cache folder by content
hash ($CORRESP_CACHE_DIR, else $XDG_CACHE_HOME/corresp, else ~/.cache/corresp; CORRESP_CACHE=off
reads every file afresh).

Exit status: 0 when every comment is answered and nothing is an error, 1 when not,
2 for usage errors and unreadable input.`;

export async function main(argv: readonly string[], io: Io): Promise<number> {
  // Letters are read through the analysis cache in the user's cache folder; what a command read is written before it ends.
  const previous = currentAnalysisCache();
  const cache = analysisCacheIn(cacheDirOf(undefined));
  useAnalysisCache(cache);
  // Letters not in the cache are read on every core when a command reads many (a folder, a repository).
  const previousPool = currentReaderPool();
  const pool = readerPoolFor();
  useReaderPool(pool);
  try {
    return await dispatch(argv, io);
  } finally {
    await pool?.close();
    useReaderPool(previousPool);
    if (cache && cache.stats.misses + cache.stats.readingMisses > 0) await cache.prune().catch(() => undefined);
    useAnalysisCache(previous);
  }
}

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'comments':
        return await runComments(parse(rest, { format: { type: 'string' }, changes: { type: 'string' } }), io);
      case 'check':
        return await runCheck(
          parse(rest, {
            format: { type: 'string' },
            staff: { type: 'string' },
            today: { type: 'string' },
            'max-warnings': { type: 'string' },
            changes: { type: 'string' },
          }),
          io,
        );
      case 'report':
        return await runReport(
          parse(rest, {
            output: { type: 'string', short: 'o' },
            format: { type: 'string' },
            force: { type: 'boolean' },
            staff: { type: 'string' },
            today: { type: 'string' },
            changes: { type: 'string' },
          }),
          io,
        );
      case 'import':
        return await runImport(
          parse(rest, { output: { type: 'string', short: 'o' }, force: { type: 'boolean' }, staff: { type: 'string' }, changes: { type: 'string' } }),
          io,
        );
      case 'new':
        return await runNew(parse(rest, { output: { type: 'string', short: 'o' }, force: { type: 'boolean' }, changes: { type: 'string' } }), io);
      case 'export':
        return await runExport(
          parse(rest, {
            output: { type: 'string', short: 'o' },
            force: { type: 'boolean' },
            format: { type: 'string' },
            unredacted: { type: 'boolean' },
            'reference-doc': { type: 'string' },
            'allow-incomplete': { type: 'boolean' },
            today: { type: 'string' },
          }),
          io,
        );
      case 'similar':
        return await runSimilar(rest, io);
      case 'library':
        return await runLibrary(rest, io);
      case 'commitments':
        return await runCommitments(parse(rest, { format: { type: 'string' }, staff: { type: 'string' } }), io);
      case 'cache':
        return await runCache(rest, io);
      case 'verify':
        return await runVerify(
          parse(rest, { format: { type: 'string' }, commitments: { type: 'string' }, form: { type: 'string' }, period: { type: 'string' } }),
          io,
        );
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(HELP);
        return command === undefined ? 2 : 0;
      case '--version':
      case '-v':
        io.out(io.version);
        return 0;
      default:
        throw new UsageError(`unknown command “${command}” (try: corresp help)`);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof CacheError) {
      io.err(`corresp: ${terminalLine(e.message)}`);
      return 2;
    }
    io.err(`corresp: internal error: ${(e as Error)?.stack ?? String(e)}`);
    return 2;
  }
}

export interface Parsed {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

function parse(args: readonly string[], options: Record<string, { type: 'string' | 'boolean'; short?: string }>): Parsed {
  // A value that starts with a hyphen ("--max-warnings -1") is taken as the option's value, so that the option's own
  // check can say plainly what is wrong with it (parseArgs would call it "ambiguous").
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const name = /^--([^=]+)$/.exec(a)?.[1] ?? Object.keys(options).find((k) => options[k]!.short !== undefined && a === `-${options[k]!.short}`);
    const next = args[i + 1];
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      joined.push(`--${name}=${next}`);
      i++;
    } else joined.push(a);
  }
  try {
    const { values, positionals } = parseArgs({ args: joined, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]!.replace(/^Unknown option/, 'unknown option'));
  }
}
