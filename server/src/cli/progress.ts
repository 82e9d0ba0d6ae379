/**
 * Progress on a terminal while a command reads a large folder: after a second, one line on stderr, rewritten in
 * place ("corresp: reading letters… 412 read, 380 from the cache"), removed when the reading ends. Only when stderr
 * is a terminal (never in pipes, CI logs or tests) and never on stdout, so no output format changes.
 */
import { currentAnalysisCache, readCount } from '../workspace/analysisCache';

const AFTER_MS = 1000;
const EVERY_MS = 250;

/** Starts showing progress; the function returned stops it and clears the line. */
export function readingProgress(stream: NodeJS.WriteStream = process.stderr): () => void {
  if (!stream.isTTY) return () => undefined;
  const start = readCount.letters;
  const cache = currentAnalysisCache();
  const hitsAtStart = cache?.stats.hits ?? 0;
  let shown = false;
  const show = () => {
    const read = readCount.letters - start;
    const hits = (cache?.stats.hits ?? 0) - hitsAtStart;
    stream.write(`\r\x1b[2Kcorresp: reading letters… ${read} read${cache ? `, ${hits} from the cache` : ''}`);
    shown = true;
  };
  let timer: NodeJS.Timeout | undefined;
  const delay = setTimeout(() => {
    show();
    timer = setInterval(show, EVERY_MS);
    timer.unref();
  }, AFTER_MS);
  delay.unref();
  return () => {
    clearTimeout(delay);
    if (timer) clearInterval(timer);
    if (shown) stream.write('\r\x1b[2K');
  };
}
