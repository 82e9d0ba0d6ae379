/**
 * The one list of HTML block elements: the elements that end a paragraph when HTML is read for its text. The letter
 * reader (`html.ts`), the filing reader (`commitments/filingHtml.ts`) and the export's reading of raw HTML in a draft
 * (`features/export/model.ts`) all import it; a reader that also ends a paragraph at a line break or a table cell
 * says so where it reads. Data only: no parsing here.
 *
 * Not the EDGAR writer's allow-list (`features/export/edgarHtml.ts`, `EDGAR_HTML`): that is a different set, what
 * Corresp may write into a CORRESP submission, and stays beside the writer.
 */
export const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  'html',
  'body',
  // The EDGAR submission's SGML wrapper (<DOCUMENT>, <TEXT>) and older EDGAR's <PAGE> mark.
  'document',
  'text',
  'page',
  'p',
  'div',
  'center',
  'blockquote',
  'pre',
  'address',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'aside',
  'nav',
  'figure',
  'form',
  'fieldset',
  'dl',
  'dt',
  'dd',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'table',
  'tr',
]);

/**
 * The one list of HTML elements whose content is no text of the document (the head, scripts, styles, embedded,
 * media and form content): every reader drops them whole. A reader adds what only its sources hold (inline XBRL's
 * hidden header in a filing) where it reads. Not the plain-text reading's list (parse/html.ts `RAW_SKIP`), which reads
 * to an end tag and so names only elements that always have one.
 */
export const NON_TEXT_ELEMENTS: ReadonlySet<string> = new Set([
  'head',
  'title',
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'noembed',
  'noframes',
  'textarea',
  'select',
  'option',
  'button',
  'svg',
  'math',
  'canvas',
  'audio',
  'video',
  'map',
  'xmp',
  'plaintext',
]);
