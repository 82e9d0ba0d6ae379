/**
 * The GitHub-flavoured Markdown letters use: tables, strikethrough (deletions in proposed disclosure) and
 * footnotes. remark-gfm also parses autolink literals and task lists, which letters do not use and which cost a
 * fifth of the parse (measured in BENCHMARKS.md), so the model's parser takes only these three.
 *
 * The table construct is tried at the start of every line of the document, and costs about a third of the parse of a
 * letter (1,000 letters of the benchmark's workspace: 5.4-5.7 s with it, 3.8-3.9 s without). A table needs a delimiter
 * row, and a delimiter row holds a pipe or, in a one-column table written without pipes ("abc" ⏎ ":--"), a colon
 * beside a hyphen: text with neither (`mayHoldTable`) is parsed the same without the construct, so the parser leaves
 * it out there (a property test holds the two parses equal on such text).
 */
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import type { Processor } from 'unified';

export interface LetterGfmOptions {
  /** Whether tables are read (default true); leave them out only for text `mayHoldTable` says holds none. */
  readonly tables?: boolean;
}

export function remarkLetterGfm(this: Processor, options: LetterGfmOptions = {}): void {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  const tables = options.tables !== false;
  (data.micromarkExtensions ??= []).push(...(tables ? [gfmTable()] : []), gfmStrikethrough(), gfmFootnote());
  (data.fromMarkdownExtensions ??= []).push(...(tables ? [gfmTableFromMarkdown()] : []), gfmStrikethroughFromMarkdown(), gfmFootnoteFromMarkdown());
}

/**
 * Whether a text may hold a GFM table: it has a pipe, or a colon right before or after a hyphen (a delimiter cell's
 * alignment mark, which must touch its hyphens). False means no table can be read in it.
 */
export function mayHoldTable(text: string): boolean {
  return /[|]|:-|-:/.test(text);
}
