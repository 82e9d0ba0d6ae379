/**
 * Test helpers for citations: reading fixtures and a compact view of a citation (text plus meaning, no offsets)
 * so expectations stay readable.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Citation } from '../../../server/src/citations';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures');

export function readFixture(...parts: string[]): string {
  return readFileSync(join(FIXTURES, ...parts), 'utf8');
}

export function realLetters(): string[] {
  return readdirSync(join(FIXTURES, 'real')).sort();
}

/** Crude tag stripping for EDGAR HTML: enough to scan the words. */
export function stripHtml(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;|&#160;|&#xa0;/gi, ' ')
    .replace(/&#8217;|&rsquo;/g, '\u2019')
    .replace(/&#8220;|&ldquo;/g, '\u201c')
    .replace(/&#8221;|&rdquo;/g, '\u201d')
    .replace(/&amp;/g, '&');
}

/** A citation without its offsets. */
export function meaning(c: Citation): Omit<Citation, 'start' | 'end'> {
  const { start: _s, end: _e, ...rest } = c;
  return rest;
}
