/**
 * Plain letter text inside Markdown: the one place Markdown is escaped, one function per place the text lands (a hover's
 * paragraph, one line or table cell of the report, a line or bold quote of a draft the user will edit, a completion
 * snippet's bold). Excerpts are text/excerpt.ts; HTML is htmlText.ts. Pure.
 */

/** Escapes text so Markdown shows it literally. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_{}[\]<>()#+!|~])/g, '\\$1')
    .replace(/^(\s*)(\d+)\./gm, '$1$2\\.')
    .replace(/^(\s*)-(\s)/gm, '$1\\-$2');
}

/** Escapes text for one line of Markdown or a table cell: whitespace flattened, no markup, HTML or line break gets through. */
export function escapeMarkdownLine(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_[\]{}<>|&#!~$]/g, '\\$&');
}

/**
 * Escapes letter prose for a draft the user will edit (inside bold, a heading or the letter's opening lines): only
 * what letter prose can trip on (* _ ` [ ] < \), so the draft stays readable.
 */
export function escapeMarkdownInline(text: string): string {
  return text.replace(/([\\`*_[\]<])/g, '\\$1');
}

/** Text inside a completion snippet's bold: Markdown as `escapeMarkdownInline`, and the snippet syntax ($ and }). */
export function escapeSnippetBold(text: string): string {
  return escapeMarkdownInline(text).replace(/([$}])/g, '\\$1');
}
