/**
 * Closed letters held as summaries: a letter the index read from disk (not open in the editor) keeps its text, its
 * kind and, for a staff letter, its `StaffLetter`, for a response its letter facts (what threads, other drafts'
 * diagnostics, hovers on prior comments and the Comment Letters view need), but its blocks only weakly: they can be collected, and are read again
 * on demand, synchronously, from the analysis cache entry the letter came from (a deserialisation, not a parse), or,
 * when the entry is gone, from its text by the same reader (`blocksFromText`: Markdown, pdftotext-form text, HTML), so
 * whoever asks gets the same blocks. A letter read with no cache (CORRESP_CACHE=off) keeps its blocks. Open
 * documents keep their incremental parser and their blocks; the last 64 closed letters whose blocks were asked for
 * keep them too. Word files keep their blocks (mammoth's reading cannot
 * be re-derived from the text offsets refer to).
 *
 * Must not: change what any reader of `file.blocks` sees, or hold a strong reference to the blocks it lets go.
 */
import { blocksFromText, type LetterFile } from '../letters/read';
import { blocksUnread, cachedBlocksOf, sameReading } from './analysisCache';

/**
 * A closed letter as the index holds it: as a summary. A staff letter's `StaffLetter` is what threads, hovers and the
 * view read (its blocks are asked for again to import it or start a response); a response is read once against its
 * staff letter, and that reading and coverage are kept by the index (and in the cache), its diagnostics read its
 * letter facts: its blocks are asked for again only when its staff letter changes. Held, a cold start's responses
 * kept every block read (65 MB on 500 threads, with the block facts of their reading), where a warm start decodes none.
 */
export function closedLetter(file: LetterFile): LetterFile {
  return heldAsSummary(file);
}

/** How many closed letters' blocks are held strongly, the ones read again last (a prior thread's response, read on
 * every check of the draft that continues it, is not re-read after every garbage collection). A letter's blocks are
 * held once they have been read again twice: a cold start reads each draft's blocks once more for its first check
 * (they were let go since the scan read them), and held then, the last 64 drafts' stayed (11 MB on 500 threads, which
 * a warm start never holds). */
const RECENT = 64;
const recent = new Map<object, LetterFile['blocks']>();

function used(letter: object, blocks: LetterFile['blocks']): void {
  recent.delete(letter);
  recent.set(letter, blocks);
  if (recent.size > RECENT) recent.delete(recent.keys().next().value!);
}

/**
 * The letter with its blocks held weakly and read again when asked for after they were collected. `keep: false`
 * holds them not at all (every ask reads them again: how tests see the re-reading).
 */
export function heldAsSummary(file: LetterFile, keep = true): LetterFile {
  if (file.kind === 'docx' || file.failure !== undefined) return file;
  // A letter whose blocks its cache entry left serialised: held without decoding them.
  const unread = blocksUnread(file);
  if (!unread && file.blocks.length === 0) return file;
  // What re-reads them holds the entry's path and the text, never the blocks. A letter that came through no cache
  // keeps its blocks: reading them again would be parsing it again.
  const fromCache = cachedBlocksOf(file);
  if (!fromCache && keep) return file;
  const { blocks, ...rest } = unread ? { blocks: undefined, ...unread } : file;
  let ref = blocks ? new WeakRef(blocks) : undefined;
  const { path, text, kind } = file;
  const reread = (): LetterFile['blocks'] => fromCache?.(text) ?? blocksFromText({ path, text, kind });
  const held = { ...rest } as LetterFile;
  let rereads = 0;
  Object.defineProperty(held, 'blocks', {
    enumerable: true,
    get(): LetterFile['blocks'] {
      let b = keep ? ref?.deref() : undefined;
      if (!b) {
        b = reread();
        ref = new WeakRef(b);
        if (keep && ++rereads > 1) used(held, b);
      } else if (recent.has(held)) used(held, b);
      return b;
    },
  });
  sameReading(file, held);
  return held;
}
