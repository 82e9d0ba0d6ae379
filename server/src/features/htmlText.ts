/**
 * Text inside the HTML of the report page and the webviews: the one HTML escaper for them (element content and
 * attribute values). The EDGAR writer has its own, stricter one (ASCII only, controls dropped: EDGAR's rules), in
 * export/edgarHtml.ts. Pure.
 */

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
