/**
 * The floor under a workspace's start: what any tool reading the same letters must do at least, measured in a
 * process of its own so that nothing of Corresp is loaded, beside the server's and `corresp check`'s figures.
 *
 * - `read`: read every file and hash it (SHA-256, as the analysis cache keys its entries): the least a warm start does.
 * - `remark`: parse every Markdown file with remark-parse alone (CommonMark, no GFM), in as many worker threads as the
 *   server's reader pool starts on this machine, files handed out one at a time: the least a cold start does.
 * - `remarkGfm`: the same with the three GFM extensions Corresp reads letters with (tables, strikethrough, footnotes;
 *   server/src/parse/gfm.ts), the table construct always on.
 *
 * Each: wall ms from the first file to the last, the process's cpu ms (all threads), and the process's RSS at the end
 * (the texts held, as a server holds them). Prints one JSON object.
 *
 *   node test/bench/workspaceFloor.mjs <folder> [workers]
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

async function parserOf(kind) {
  const { unified } = await import('unified');
  const remarkParse = (await import('remark-parse')).default;
  const processor = unified().use(remarkParse);
  if (kind === 'remarkGfm') {
    const { gfmTable } = await import('micromark-extension-gfm-table');
    const { gfmStrikethrough } = await import('micromark-extension-gfm-strikethrough');
    const { gfmFootnote } = await import('micromark-extension-gfm-footnote');
    const { gfmTableFromMarkdown } = await import('mdast-util-gfm-table');
    const { gfmStrikethroughFromMarkdown } = await import('mdast-util-gfm-strikethrough');
    const { gfmFootnoteFromMarkdown } = await import('mdast-util-gfm-footnote');
    const data = processor.data();
    data.micromarkExtensions = [gfmTable(), gfmStrikethrough(), gfmFootnote()];
    data.fromMarkdownExtensions = [gfmTableFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmFootnoteFromMarkdown()];
  }
  return processor;
}

if (!isMainThread) {
  // A reader: parses each file it is sent, answers with the number of top-level nodes (so the tree is built and used).
  const processor = await parserOf(workerData.kind);
  parentPort.on('message', (file) => {
    const tree = processor.parse(readFileSync(file, 'utf8'));
    parentPort.postMessage(tree.children.length);
  });
  parentPort.postMessage('ready');
} else {
  const [folder, asked] = process.argv.slice(2);
  if (!folder) {
    console.error('usage: node test/bench/workspaceFloor.mjs <folder> [workers]');
    process.exit(2);
  }
  // As the server's reader pool sizes itself (server/src/workspace/readerPool.ts): the cores, at most four.
  const workers = asked ? Number(asked) : Math.min(4, availableParallelism());
  const files = readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.md$/i.test(e.name))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .sort();
  const timed = async (fn) => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    const cpu = process.cpuUsage(cpu0);
    return { wallMs: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
  };
  const texts = [];
  let bytes = 0;
  const read = await timed(() => {
    for (const f of files) {
      const buf = readFileSync(f);
      bytes += buf.length;
      createHash('sha256').update(buf).digest('hex');
      texts.push(buf.toString('utf8'));
    }
  });
  const inWorkers = async (kind) => {
    const pool = await Promise.all(
      Array.from(
        { length: workers },
        () =>
          new Promise((resolve, reject) => {
            const w = new Worker(new URL(import.meta.url), { workerData: { kind } });
            w.once('message', () => resolve(w));
            w.once('error', reject);
          }),
      ),
    );
    const result = await timed(
      () =>
        new Promise((resolve) => {
          let next = 0;
          let done = 0;
          const feed = (w) => {
            if (next < files.length) w.postMessage(files[next++]);
          };
          for (const w of pool) {
            w.on('message', () => {
              if (++done === files.length) resolve();
              else feed(w);
            });
            feed(w);
          }
        }),
    );
    await Promise.all(pool.map((w) => w.terminate()));
    return result;
  };
  const remark = await inWorkers('remark');
  const remarkGfm = await inWorkers('remarkGfm');
  const rssMB = process.memoryUsage().rss / 1024 / 1024;
  console.log(JSON.stringify({ files: files.length, bytes, workers, read, remark, remarkGfm, rssMB, textsHeld: texts.length }));
}
