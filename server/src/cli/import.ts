/**
 * `corresp import <letter> [-o out.md]`: any supported letter to Corresp Markdown, on stdout or into a new file
 * (never over the letter itself, by any name, even with --force).
 */
import * as path from 'node:path';
import { importLetter } from '../features/importLetter';
import { loadLetter, writeNew } from '../workspace/files';
import { UsageError, type Io } from './io';
import type { Parsed } from './main';

export async function runImport(args: Parsed, io: Io): Promise<number> {
  const file = args.positionals[0];
  if (!file || args.positionals.length > 1) throw new UsageError('usage: corresp import <letter> [-o out.md] [--force]');
  const loaded = await loadLetter(path.resolve(io.cwd, file));
  if (loaded.failure) throw new UsageError(`${file}: ${loaded.failure}`);
  const output = typeof args.values.output === 'string' ? args.values.output : undefined;
  const staff = typeof args.values.staff === 'string' ? args.values.staff : undefined;
  const result = importLetter(loaded, {
    sourceName: output ? path.relative(path.dirname(path.resolve(io.cwd, output)), path.resolve(io.cwd, file)) : path.basename(file),
    ...(staff ? { staffLetterPath: output ? path.relative(path.dirname(path.resolve(io.cwd, output)), path.resolve(io.cwd, staff)) : staff } : {}),
  });
  if (!output) {
    io.out(result.markdown.trimEnd());
    return 0;
  }
  const written = await writeNew(path.resolve(io.cwd, output), result.markdown, args.values.force === true, [path.resolve(io.cwd, file)]);
  if (!written.ok) throw new UsageError(`${output}: ${written.failure}`);
  io.err(`${output}: imported ${result.kind === 'staff-letter' ? 'staff letter' : 'response'} with ${result.comments} comment${result.comments === 1 ? '' : 's'}`);
  return 0;
}
