/**
 * `corresp library add <folder>…`, `corresp library list`, `corresp library remove <folder>` [--cache <folder>]: the
 * folders of letters `corresp similar` searches besides the workspace. `add` remembers the folders (in the cache
 * folder's library.json: the user's, not the team's; a team lists folders under `library:` in .corresp.yaml) and reads
 * them into the store at once; `list` shows every folder of the library with its letters, comments and answers;
 * `remove` forgets a folder and its letters. Exit 0; 2 for usage errors.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { addedFolders, cacheDirOf, folderProblem, PrecedentStore, saveAddedFolders } from '../workspace/precedentStore';
import { UsageError, type Io } from './io';
import { libraryFolders } from './similar';

const USAGE = 'usage: corresp library add <folder>… | corresp library list | corresp library remove <folder>  [--cache <folder>]';

export async function runLibrary(argv: readonly string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { cache: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]!.replace(/^Unknown option/, 'unknown option'));
  }
  const [action, ...folders] = parsed.positionals;
  const cacheDir = cacheDirOf(parsed.values.cache ? path.resolve(io.cwd, parsed.values.cache) : undefined);
  const shown = (f: string) => path.relative(io.cwd, f).split(path.sep).join('/') || '.';
  switch (action) {
    case 'add': {
      if (folders.length === 0) throw new UsageError(USAGE);
      const abs = folders.map((f) => path.resolve(io.cwd, f));
      for (let i = 0; i < abs.length; i++) {
        const problem = await folderProblem(abs[i]!);
        if (problem) throw new UsageError(`${folders[i]}: ${problem}`);
      }
      const known = await addedFolders(cacheDir);
      await saveAddedFolders(cacheDir, [...known, ...abs]);
      const store = await PrecedentStore.open(cacheDir);
      try {
        const update = await store.update(abs);
        for (const f of abs) {
          const n = store.countsUnder(f);
          io.out(
            `${shown(f)}: ${n.letters} staff letter${n.letters === 1 ? '' : 's'}, ${n.comments} comment${n.comments === 1 ? '' : 's'}, ${n.answered} with the company's answer${known.includes(f) ? ' (already in the library)' : ''}`,
          );
        }
        io.err(
          `read ${update.read} file${update.read === 1 ? '' : 's'} in ${update.seconds.toFixed(1)} s${update.unreadable.length ? `; ${update.unreadable.length} could not be read as letters` : ''}`,
        );
      } finally {
        store.close();
      }
      return 0;
    }
    case 'remove': {
      if (folders.length !== 1) throw new UsageError(USAGE);
      const abs = path.resolve(io.cwd, folders[0]!);
      const known = await addedFolders(cacheDir);
      if (!known.includes(abs)) {
        const { folders: all } = await libraryFolders(io.cwd, cacheDir, [], io);
        const from = all.find((f) => f.folder === abs)?.from;
        throw new UsageError(
          from === '.corresp.yaml'
            ? `${folders[0]}: listed under library: in .corresp.yaml; remove it there`
            : from === 'workspace'
              ? `${folders[0]}: the workspace is always part of the library`
              : `${folders[0]}: not in the library (see corresp library list)`,
        );
      }
      await saveAddedFolders(
        cacheDir,
        known.filter((f) => f !== abs),
      );
      const store = await PrecedentStore.open(cacheDir);
      try {
        const n = await store.forgetFolder(abs);
        io.out(`${shown(abs)}: removed from the library (${n} file${n === 1 ? '' : 's'} forgotten)`);
      } finally {
        store.close();
      }
      return 0;
    }
    case 'list': {
      if (folders.length > 0) throw new UsageError(USAGE);
      const { folders: all } = await libraryFolders(io.cwd, cacheDir, [], io);
      const store = await PrecedentStore.open(cacheDir);
      try {
        for (const f of all) {
          const n = store.countsUnder(f.folder);
          io.out(
            `${shown(f.folder)}  (${f.from}): ${n.letters} staff letter${n.letters === 1 ? '' : 's'}, ${n.comments} comment${n.comments === 1 ? '' : 's'}, ${n.answered} answered`,
          );
        }
        const problem = await folderProblem(cacheDir);
        io.err(`cache: ${cacheDir}${problem ? ' (empty: nothing read yet)' : ''}`);
      } finally {
        store.close();
      }
      return 0;
    }
    default:
      throw new UsageError(USAGE);
  }
}
