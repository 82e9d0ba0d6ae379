/**
 * `corresp new <staff-letter> [-o response.md]`: a response skeleton for the letter, never over an existing file
 * unless --force.
 */
import * as path from 'node:path';
import { responseSkeleton } from '../features/newResponse';
import { frontMatterOf, staffLetterOf } from '../letters/read';
import { loadLetter, writeNew } from '../workspace/files';
import { readOptionsOf, UsageError, type Io } from './io';
import type { Parsed } from './main';

export async function runNew(args: Parsed, io: Io): Promise<number> {
  const file = args.positionals[0];
  if (!file || args.positionals.length > 1) throw new UsageError('usage: corresp new <staff-letter> [-o response.md] [--force]');
  const staffPath = path.resolve(io.cwd, file);
  const loaded = await loadLetter(staffPath, readOptionsOf(args.values));
  if (loaded.failure) throw new UsageError(`${file}: ${loaded.failure}`);
  // A response draft is no staff letter: a skeleton of its answers would answer the company's own words.
  // (A filed response that repeats the comments may stand in for a lost staff letter: only a draft is refused.)
  const fm = frontMatterOf(loaded.frontMatter);
  if (fm?.declaredKind === 'response' || fm?.staffLetter) {
    const named = fm.staffLetter?.path;
    throw new UsageError(
      `${file}: this is a response draft, not a staff letter${named ? ` (it answers ${named})` : ''}: run corresp new on the staff letter, or corresp check ${file}`,
    );
  }
  const letter = staffLetterOf(loaded);
  const output =
    typeof args.values.output === 'string'
      ? path.resolve(io.cwd, args.values.output)
      : path.join(path.dirname(staffPath), `response-to-${path.basename(staffPath).replace(/\.[^.]+$/, '')}.md`);
  const relative = path.relative(path.dirname(output), staffPath).split(path.sep).join('/');
  const text = responseSkeleton(letter, { staffLetterPath: relative.startsWith('.') ? relative : `./${relative}` });
  const shown = path.relative(io.cwd, output) || output;
  const written = await writeNew(output, text, args.values.force === true, [staffPath]);
  if (!written.ok) throw new UsageError(`${shown}: ${written.failure}`);
  io.out(`${shown}: response skeleton for ${letter.comments.length} comment${letter.comments.length === 1 ? '' : 's'} of ${file}`);
  return 0;
}
