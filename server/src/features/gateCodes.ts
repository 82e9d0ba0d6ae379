/**
 * The codes that mean a letter is not finished, whatever their severity (with every error): they fail `corresp
 * check`, stop `corresp export` and make the editor's export ask before going on. No imports, so that the extension
 * (which only sees published diagnostics) can share the list with the server and the CLI.
 */
export const UNFINISHED_CODES: ReadonlySet<string> = new Set([
  'comment.missing',
  'response.placeholder',
  'response.empty',
  'response.blank',
  'draft.skeleton-blank',
  'draft.no-anchors',
  'staff-letter.unreadable',
  'staff-letter.not-named',
  'response.acknowledgment-missing',
]);

/** Whether a problem (at the severity in force) keeps the letter from being filed. */
export function blocksFiling(p: { readonly code: string; readonly severity: string }): boolean {
  return p.severity === 'error' || UNFINISHED_CODES.has(p.code);
}
