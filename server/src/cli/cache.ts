/**
 * `corresp cache info` and `corresp cache clear` [--cache <folder>]: the analysis cache (what letter files read to,
 * by content hash: a PDF's text, a letter's blocks) in the user's cache folder. `info` says where it is, how many
 * entries and how much space; `clear` removes every entry (the precedent library's index is left alone: `corresp
 * library remove` forgets its folders). Exit 0; 2 for usage errors.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { AnalysisCache, cacheDirOf } from '../workspace/analysisCache';
import { UsageError, type Io } from './io';

const USAGE = 'usage: corresp cache info | corresp cache clear  [--cache <folder>]';

export async function runCache(argv: readonly string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { cache: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]!.replace(/^Unknown option/, 'unknown option'));
  }
  const [action, ...rest] = parsed.positionals;
  if (rest.length > 0) throw new UsageError(USAGE);
  const cache = new AnalysisCache(cacheDirOf(parsed.values.cache ? path.resolve(io.cwd, parsed.values.cache) : undefined));
  switch (action) {
    case 'info': {
      const info = await cache.info();
      io.out(
        `${info.dir}: ${plural(info.entries, 'letter reading')}, ${mb(info.bytes)} (${info.current} of this version of Corresp; limit ${mb(cache.maxBytes)})`,
      );
      return 0;
    }
    case 'clear': {
      const removed = await cache.clear();
      io.out(`${cache.dir}: removed ${plural(removed.entries, 'letter reading')}, ${mb(removed.bytes)}`);
      return 0;
    }
    default:
      throw new UsageError(USAGE);
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
