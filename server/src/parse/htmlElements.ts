/**
 * The one list of HTML block elements: the elements that end a paragraph when HTML is read for its text. The letter
 * reader (`html.ts`), the filing reader (`commitments/filingHtml.ts`) and the export's reading of raw HTML in a draft
 * (`features/export/model.ts`) all import it; a reader that also ends a paragraph at a line break or a table cell
 * says so where it reads. Also the one list of elements with no text, and of the tags that mark text (bold, italics,
 * underline, strike) for the two readers of letters and filings. Data only: no parsing here.
 *
 * Not the EDGAR writer's allow-list (`features/export/edgarHtml.ts`, `EDGAR_HTML`): that is a different set, what
 * Corresp may write into a CORRESP submission, and stays beside the writer.
 */
import { Mark } from './blocks';

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

/**
 * The marks a tag gives its text, for the letter and filing readers (inline CSS is each reader's own: the filing reader
 * reads a 10-K's few repeated style strings once each). The export's reading of a draft's raw HTML keeps its own set
 * (`HTML_MARKS` in features/export/model.ts): export styles, with superscript and subscript, not reading marks.
 */
export const TAG_MARKS: ReadonlyMap<string, number> = new Map([
  ['b', Mark.Strong],
  ['strong', Mark.Strong],
  ['i', Mark.Emphasis],
  ['em', Mark.Emphasis],
  ['cite', Mark.Emphasis],
  ['u', Mark.Underline],
  ['ins', Mark.Underline],
  ['s', Mark.Strike],
  ['strike', Mark.Strike],
  ['del', Mark.Strike],
]);
