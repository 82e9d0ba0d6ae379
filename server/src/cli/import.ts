/**
 * `corresp import <letter> [-o out.md]`: any supported letter to Corresp Markdown, on stdout or into a new file
 * (never over the letter itself, by any name, even with --force). A Word letter's tracked changes and comments are
 * notes on stderr (never letter text), and the staff letter its document properties name is kept.
 */
import * as path from 'node:path';
import { importLetter } from '../features/importLetter';
import { frontMatterOf } from '../letters/read';
import { loadLetter, resolveFrom, writeNew } from '../workspace/files';
import { terminalLine } from './escape';
import { readOptionsOf, UsageError, type Io } from './io';
import type { Parsed } from './main';

export async function runImport(args: Parsed, io: Io): Promise<number> {
  const file = args.positionals[0];
  if (!file || args.positionals.length > 1) throw new UsageError('usage: corresp import <letter> [-o out.md] [--force]');
  const source = path.resolve(io.cwd, file);
  const loaded = await loadLetter(source, readOptionsOf(args.values));
  if (loaded.failure) throw new UsageError(`${file}: ${loaded.failure}`);
  for (const note of loaded.findings ?? []) io.err(`${file}: ${terminalLine(note.message)}`);
  const output = typeof args.values.output === 'string' ? args.values.output : undefined;
  const base = output ? path.dirname(path.resolve(io.cwd, output)) : io.cwd;
  const staffArg = typeof args.values.staff === 'string' ? path.resolve(io.cwd, args.values.staff) : undefined;
  // A Word draft names its staff letter in its document properties (relative to itself).
  const named = loaded.kind === 'docx' ? frontMatterOf(loaded.frontMatter)?.staffLetter?.path : undefined;
  const staff = staffArg ?? (named ? resolveFrom(source, named) : undefined);
  const result = importLetter(loaded, {
    sourceName: output ? path.relative(base, source) : path.basename(file),
    ...(staff ? { staffLetterPath: path.relative(base, staff).split(path.sep).join('/') } : {}),
  });
  if (!output) {
    io.out(result.markdown.trimEnd());
    return 0;
  }
  const written = await writeNew(path.resolve(io.cwd, output), result.markdown, args.values.force === true, [source]);
  if (!written.ok) throw new UsageError(`${output}: ${written.failure}`);
  io.err(
    `${output}: imported ${result.kind === 'staff-letter' ? 'staff letter' : 'response'} with ${result.comments} comment${result.comments === 1 ? '' : 's'}`,
  );
  return 0;
}
