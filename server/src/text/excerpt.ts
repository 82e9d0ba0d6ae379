/**
 * Excerpts: the opening of a text, whitespace flattened, cut at a word with "…" when cut. The one excerpt every
 * message, hover, completion detail and report row uses; each caller says how long its place allows. Pure.
 */

/** The first `max` characters of a text (whitespace runs as one space), cut at a word, with "…" when cut. */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}
