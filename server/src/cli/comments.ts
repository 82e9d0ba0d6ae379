/**
 * `corresp comments <staff-letter>`: the staff's numbered comments with their captions, text, requests and line.
 * The letter's text is untrusted: printed through escape.ts (no control character reaches the terminal).
 */
import * as path from 'node:path';
import { staffLetterOf } from '../letters/read';
import { LineIndex } from '../text/lineIndex';
import { loadLetter } from '../workspace/files';
import { jsonText, terminalLine, terminalText } from './escape';
import { formatOf, readOptionsOf, UsageError, type Io } from './io';
import type { Parsed } from './main';

export async function runComments(args: Parsed, io: Io): Promise<number> {
  const format = formatOf(args.values.format, ['text', 'json']);
  const file = args.positionals[0];
  if (!file || args.positionals.length > 1) throw new UsageError('usage: corresp comments <staff-letter> [--format text|json]');
  const loaded = await loadLetter(path.resolve(io.cwd, file), readOptionsOf(args.values));
  if (loaded.failure) throw new UsageError(`${file}: ${loaded.failure}`);
  const letter = staffLetterOf(loaded);
  const lines = new LineIndex(loaded.text);
  const comments = letter.comments.map((c) => ({
    number: c.number,
    caption: c.caption,
    text: c.text,
    asks: c.asks,
    line: lines.lineAt(c.start) + 1,
    ...(c.page !== undefined && loaded.kind === 'pdf' ? { page: c.page } : {}),
  }));
  if (format === 'json') {
    io.out(jsonText({ file, comments }));
    return 0;
  }
  const facts = [letter.dateText ?? letter.date, letter.company, letter.filings[0]?.description].filter(Boolean).join(', ');
  io.out(
    terminalLine(
      `${file}: ${comments.length} comment${comments.length === 1 ? '' : 's'}${facts ? ` (${facts})` : ''}${letter.source === 'response' ? ', rebuilt from a response that repeats them' : ''}`,
    ),
  );
  for (const c of comments) {
    io.out('');
    io.out(terminalLine(`${c.number}. ${c.caption.join(' > ') || '(no caption)'}  [line ${c.line}]`));
    io.out(indent(terminalText(c.text)));
    if (c.asks.length > 0) {
      io.out('   Asks:');
      for (const a of c.asks) io.out(`   - ${terminalLine(a)}`);
    }
  }
  return 0;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => (l.length > 0 ? `   ${l}` : ''))
    .join('\n');
}
