/**
 * Plain letter text inside the Markdown that hovers and other rich text show: escaping (excerpts are text/excerpt.ts). Pure.
 */

/** Escapes text so Markdown shows it literally. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]<>()#+!|~])/g, '\\$1').replace(/^(\s*)(\d+)\./gm, '$1$2\\.').replace(/^(\s*)-(\s)/gm, '$1\\-$2');
}
