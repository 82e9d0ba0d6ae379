/**
 * The one short string hash: 32-bit FNV-1a. Stable across runs and versions (the precedent index stores sentence
 * keys made with it; the Commitments view's node ids are made with it), so it never changes. Not for security.
 */

/** 32-bit FNV-1a of a string (its UTF-16 code units). */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
