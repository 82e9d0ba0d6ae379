/**
 * Word (.docx) → blocks, through mammoth (Word → HTML; loaded on first use: `mammothModule.ts`) and the EDGAR HTML
 * reader (`htmlToBlocks`), so one model serves both. Owns what mammoth does not do the way letters need:
 *
 * - the package: a bounded zip reader (entries, sizes and inflated bytes capped, so a zip bomb fails plainly), and
 *   a clear line for a password-protected or Word 97–2003 file (an OLE compound file), a macro-enabled document
 *   (.docm) or a corrupt one;
 * - numbering: Word's automatic list numbers ("1.", "(a)", "Comment 3:") computed from numbering.xml and the
 *   styles and written into the text, as Word shows them (mammoth would restart every list at 1);
 * - tracked changes: counted, and read as accepted (mammoth's reading) or, when asked, as the original;
 * - Word comments: read from comments.xml and located by a bookmark put where each comment starts, to become
 *   notes on the letter (never letter text);
 * - underline, strike and double strike kept (a style map), footnotes as paragraphs after the letter, page breaks;
 * - the document properties (title, author, company, and the custom properties Corresp writes, such as
 *   `corresp-staff-letter`).
 *
 * Pure: bytes in, HTML text, blocks and findings out; never throws, never reads a file or follows a link.
 */
import { Inflate } from 'fflate';
import { CP1252_HIGH } from '../text/decode';
import { escapeXml } from '../text/xml';
import type { Block } from './blocks';
import { htmlToBlocks } from './html';

/** Reading bounds: a letter is a few hundred paragraphs; these fail a hostile or absurd file within seconds. */
export const DOCX_LIMITS = {
  /** Entries in the zip's central directory. */
  entries: 5_000,
  /** Inflated bytes of one XML part. */
  partBytes: 48 * 1024 * 1024,
  /** Inflated bytes of every part read, together. */
  totalBytes: 96 * 1024 * 1024,
  /** Paragraphs in the document (a 50-page letter has about 1,500). */
  paragraphs: 25_000,
} as const;

export type TrackedChangesView = 'accepted' | 'original';

export interface DocxReadOptions {
  /** Read tracked changes as accepted (default: what the letter will say) or as the original text. */
  readonly changes?: TrackedChangesView;
}

export interface TrackedChanges {
  readonly insertions: number;
  readonly deletions: number;
  readonly moves: number;
  readonly formatting: number;
}

export interface WordComment {
  readonly id: string;
  readonly author: string;
  readonly date?: string;
  readonly text: string;
  /** The commented words, when the comment covers a range. */
  readonly on?: string;
  /** Offsets into the HTML text where the comment starts and ends (0, 0 when it could not be placed). */
  readonly start: number;
  readonly end: number;
}

export interface DocxProperties {
  readonly title?: string;
  readonly subject?: string;
  readonly author?: string;
  readonly company?: string;
  /** Custom document properties (File › Properties › Custom), by name. */
  readonly custom: Readonly<Record<string, string>>;
}

export interface DocxRead {
  /** The HTML mammoth made of the document, one block per line: the text every offset refers to. */
  readonly html: string;
  readonly blocks: Block[];
  readonly properties: DocxProperties;
  readonly changes: TrackedChanges;
  /** Offset of the first tracked change in `html` (0 when it has none or it could not be placed). */
  readonly firstChange: number;
  readonly view: TrackedChangesView;
  readonly comments: readonly WordComment[];
  /** Set when the file cannot be read as a Word document: why, in one line. */
  readonly failure?: string;
}

const EMPTY_PROPS: DocxProperties = { custom: {} };
const NO_CHANGES: TrackedChanges = { insertions: 0, deletions: 0, moves: 0, formatting: 0 };

function failed(failure: string): DocxRead {
  return { html: '', blocks: [], properties: EMPTY_PROPS, changes: NO_CHANGES, firstChange: 0, view: 'accepted', comments: [], failure };
}

/** Reads a .docx file's bytes. Never throws: a file that cannot be read gets `failure`. */
export async function readDocx(bytes: Uint8Array, options: DocxReadOptions = {}): Promise<DocxRead> {
  const view = options.changes ?? 'accepted';
  const pkg = openPackage(bytes);
  if ('failure' in pkg) return failed(pkg.failure);
  const { zip, text } = pkg;

  const types = text('[Content_Types].xml');
  if (typeof types !== 'string') return failed(typeof types === 'object' ? types.failure : 'not a Word document (the package has no [Content_Types].xml)');
  if (/macroEnabled|vbaProject/i.test(types) || zip.entries.has('word/vbaProject.bin')) {
    return failed('a macro-enabled Word document (.docm): Corresp does not read these; save it as a Word Document (.docx)');
  }
  const rels = text('_rels/.rels');
  const main = (typeof rels === 'string' ? relationshipTarget(rels, '/officeDocument', '') : undefined) ?? 'word/document.xml';
  if (!/wordprocessingml\.document\.main\+xml|wordprocessingml\.template\.main\+xml/i.test(types)) {
    return failed('not a Word document (the package holds no word-processing document; is it a spreadsheet or a presentation?)');
  }
  const documentXml = c1AsWindows1252(text(main));
  if (typeof documentXml !== 'string') return failed(typeof documentXml === 'object' ? documentXml.failure : `not a Word document (${main} is missing)`);
  const dir = main.includes('/') ? main.slice(0, main.lastIndexOf('/') + 1) : '';
  const docRelsName = `${dir}_rels/${main.slice(dir.length)}.rels`;
  const docRels = text(docRelsName);
  const partOf = (type: string, fallback: string) => (typeof docRels === 'string' ? relationshipTarget(docRels, type, dir) : undefined) ?? `${dir}${fallback}`;
  const stylesName = partOf('/styles', 'styles.xml');
  const numberingName = partOf('/numbering', 'numbering.xml');
  const commentsName = partOf('/comments', 'comments.xml');
  const stylesXml = text(stylesName);
  const numberingXml = text(numberingName);
  const commentsXml = text(commentsName);
  for (const part of [stylesXml, numberingXml, commentsXml]) if (part && typeof part === 'object') return failed(part.failure);

  const numbering = new Numbering(typeof numberingXml === 'string' ? numberingXml : '', typeof stylesXml === 'string' ? stylesXml : '');
  const changes = { insertions: 0, deletions: 0, moves: 0, formatting: 0 };
  const prepared = prepare(documentXml, { numbering, view, changes, main: true });
  if ('failure' in prepared) return failed(prepared.failure);

  // The package mammoth reads: the XML parts only (no images, no macros), with the prepared document and notes.
  const files: Record<string, Uint8Array> = {};
  const encoder = new TextEncoder();
  for (const name of zip.entries.keys()) {
    // Without numbering.xml mammoth makes no lists (it would restart each at 1): the numbers are written in above.
    if (!/\.(?:xml|rels)$/i.test(name) || name === numberingName || name === commentsName) continue;
    if (name === main) {
      files[name] = encoder.encode(prepared.xml);
      continue;
    }
    const part = c1AsWindows1252(text(name));
    if (typeof part !== 'string') {
      if (part) return failed(part.failure);
      continue;
    }
    if (/(?:^|\/)(?:footnotes|endnotes)\.xml$/i.test(name)) {
      const notes = prepare(part, { numbering, view, changes, main: false });
      if ('failure' in notes) return failed(notes.failure);
      files[name] = encoder.encode(notes.xml);
    } else files[name] = encoder.encode(part);
  }

  let mammoth: typeof import('./mammothModule').mammoth;
  try {
    ({ mammoth } = await import('./mammothModule'));
  } catch (e) {
    return failed(`Corresp's Word reader could not be loaded (${oneLine(e)}): reinstall Corresp`);
  }
  let converted: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(storeZip(files)) },
      {
        styleMap: STYLE_MAP,
        includeEmbeddedStyleMap: false,
        externalFileAccess: false,
        idPrefix: '',
        // Images are not letter text and are never read (their bytes were not even unpacked).
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    );
    converted = result.value;
  } catch (e) {
    // Reliability: mammoth reads the XML recursively; thousands of text boxes or tables inside each other overflow it.
    if (e instanceof RangeError && /call stack/i.test(e.message)) return failed('a damaged Word document (its parts are nested too deeply to read)');
    return failed(`a damaged Word document (${oneLine(e)})`);
  }
  const html = lineByBlock(notesAsParagraphs(converted));
  const blocks = htmlToBlocks(html);
  const commentList = typeof commentsXml === 'string' ? readComments(commentsXml, html) : [];
  const change = html.indexOf(`id="${CHANGE_MARK}"`);
  return {
    html,
    blocks,
    properties: readProperties(text),
    changes,
    firstChange: change < 0 ? 0 : change,
    view,
    comments: commentList,
  };
}

type PartReader = (name: string) => string | { failure: string } | undefined;

/** The zip, and a reader of its parts as text that holds every part (and all of them together) to the limits. */
function openPackage(bytes: Uint8Array): { zip: { entries: Map<string, ZipEntry> }; text: PartReader } | { failure: string } {
  const kind = containerProblem(bytes);
  if (kind) return { failure: kind };
  const zip = readZip(bytes);
  if ('failure' in zip) return zip;
  const budget = { left: DOCX_LIMITS.totalBytes };
  const read = new Map<string, ReturnType<PartReader>>(); // each part inflated and decoded once
  const text: PartReader = (name) => {
    if (read.has(name)) return read.get(name);
    const entry = zip.entries.get(name);
    let out: ReturnType<PartReader>;
    if (entry) {
      const data = inflateEntry(bytes, entry, Math.min(DOCX_LIMITS.partBytes, budget.left));
      if ('failure' in data) out = { failure: `${name}: ${data.failure}` };
      else {
        budget.left -= data.bytes.length;
        out = new TextDecoder('utf-8').decode(data.bytes);
      }
    }
    read.set(name, out);
    return out;
  };
  return { zip, text };
}

/**
 * Only the document properties, without reading the document: enough to tell whether a Word file in a folder is a
 * Corresp letter (it names its staff letter). Undefined when the file is no readable Word package.
 */
export function docxProperties(bytes: Uint8Array): DocxProperties | undefined {
  const pkg = openPackage(bytes);
  return 'failure' in pkg ? undefined : readProperties(pkg.text);
}

/** A page's size and margins in twips (1/1440 inch), as a document's section properties give them. */
export interface PageSetup {
  readonly width: number;
  readonly height: number;
  readonly margin: {
    readonly top: number;
    readonly right: number;
    readonly bottom: number;
    readonly left: number;
    readonly header: number;
    readonly footer: number;
  };
}

/** What a firm's reference document lends a Word export: its styles.xml, and its page size and margins. */
export interface DocxTemplate {
  readonly styles: string;
  readonly page?: PageSetup;
}

/**
 * A reference document (`--reference-doc`, `export.reference-doc`): its styles part and the page setup of its last
 * section. The same checks as reading a letter: a file that is no Word document, is protected or carries macros is
 * refused in one line.
 */
export function docxTemplate(bytes: Uint8Array): DocxTemplate | { failure: string } {
  const pkg = openPackage(bytes);
  if ('failure' in pkg) return pkg;
  const { zip, text } = pkg;
  const types = text('[Content_Types].xml');
  if (typeof types !== 'string') return { failure: typeof types === 'object' ? types.failure : 'not a Word document (the package has no [Content_Types].xml)' };
  if (/macroEnabled|vbaProject/i.test(types) || zip.entries.has('word/vbaProject.bin'))
    return { failure: 'a macro-enabled Word document or template: save it as a Word Document (.docx) or Template (.dotx)' };
  if (!/wordprocessingml\.(?:document|template)\.main\+xml/i.test(types))
    return { failure: 'not a Word document (the package holds no word-processing document)' };
  const rels = text('_rels/.rels');
  const main = (typeof rels === 'string' ? relationshipTarget(rels, '/officeDocument', '') : undefined) ?? 'word/document.xml';
  const dir = main.includes('/') ? main.slice(0, main.lastIndexOf('/') + 1) : '';
  const docRels = text(`${dir}_rels/${main.slice(dir.length)}.rels`);
  const stylesName = (typeof docRels === 'string' ? relationshipTarget(docRels, '/styles', dir) : undefined) ?? `${dir}styles.xml`;
  const styles = text(stylesName);
  if (typeof styles !== 'string') return { failure: typeof styles === 'object' ? styles.failure : 'it has no styles (word/styles.xml is missing)' };
  if (!/<w:styles[\s>]/.test(styles)) return { failure: `its ${stylesName} holds no Word styles` };
  const documentXml = text(main);
  const page = typeof documentXml === 'string' ? pageSetupOf(documentXml) : undefined;
  return { styles, ...(page ? { page } : {}) };
}

/** The last section's w:pgSz and w:pgMar (the body's own section properties come last in document.xml). */
function pageSetupOf(xml: string): PageSetup | undefined {
  let size: { w: number; h: number } | undefined;
  let margin: PageSetup['margin'] | undefined;
  const twips = (attrs: string, name: string) => {
    const v = Number(attr(attrs, name));
    return Number.isFinite(v) && v >= 0 && v <= 31_680 ? Math.round(v) : undefined;
  };
  for (const tag of tagsOf(xml)) {
    if (tag.close) continue;
    if (tag.name === 'w:pgSz') {
      const w = twips(tag.attrs, 'w:w');
      const h = twips(tag.attrs, 'w:h');
      size = w && h && w >= 2880 && h >= 2880 ? { w, h } : undefined;
    } else if (tag.name === 'w:pgMar') {
      const m = (name: string, fallback: number) => twips(tag.attrs, name) ?? fallback;
      margin = {
        top: m('w:top', 1440),
        right: m('w:right', 1440),
        bottom: m('w:bottom', 1440),
        left: m('w:left', 1440),
        header: m('w:header', 720),
        footer: m('w:footer', 720),
      };
    }
  }
  if (!size) return undefined;
  return { width: size.w, height: size.h, margin: margin ?? { top: 1440, right: 1440, bottom: 1440, left: 1440, header: 720, footer: 720 } };
}

const STYLE_MAP = [
  'u => u',
  'strike => s',
  "br[type='page'] => hr",
  // Word's own caption-like styles read as headings, as mammoth's defaults do for Heading 1–6.
  "p[style-name='Title'] => h1:fresh",
];

function oneLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n')[0]!.slice(0, 160);
}

// ── The container ──────────────────────────────────────────────────────────────────────────────────────────────

/** A file that is no zip at all: an OLE compound file (password-protected .docx, .doc) or something else. */
function containerProblem(bytes: Uint8Array): string | undefined {
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (bytes.length >= 8 && ole.every((b, i) => bytes[i] === b)) {
    if (containsUtf16(bytes, 'EncryptedPackage'))
      return 'a password-protected Word document: remove the password (File › Info › Protect Document) and save it again';
    return 'a Word 97–2003 document (.doc) or another Office binary file: save it as a Word Document (.docx)';
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return 'not a Word document (a .docx file is a zip package, and this file is not one)';
  return undefined;
}

function containsUtf16(bytes: Uint8Array, word: string): boolean {
  const needle = new Uint8Array(word.length * 2);
  for (let i = 0; i < word.length; i++) needle[i * 2] = word.charCodeAt(i);
  const limit = Math.min(bytes.length, 1024 * 1024) - needle.length;
  outer: for (let i = 0; i <= limit; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

interface ZipEntry {
  readonly method: number;
  readonly compressed: number;
  readonly size: number;
  readonly local: number;
}

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

/** The central directory: names, methods and sizes. Bounded: entries and declared sizes are checked here. */
function readZip(bytes: Uint8Array): { entries: Map<string, ZipEntry> } | { failure: string } {
  const damaged = 'a damaged Word document (its zip directory cannot be read)';
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return { failure: damaged };
  const count = u16(bytes, end + 10);
  let at = u32(bytes, end + 16);
  if (count === 0xffff || at === 0xffffffff) return { failure: 'a zip64 package, which no Word document needs: Corresp does not read it' };
  if (count > DOCX_LIMITS.entries) return { failure: `too many parts to be a letter (${count} zip entries; the limit is ${DOCX_LIMITS.entries})` };
  const entries = new Map<string, ZipEntry>();
  const names = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) return { failure: damaged };
    const method = u16(bytes, at + 10);
    const compressed = u32(bytes, at + 20);
    const size = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const skip = nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    const local = u32(bytes, at + 42);
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength)).replace(/^\/+/, '');
    if (u16(bytes, at + 8) & 1) return { failure: 'an encrypted zip package: Corresp cannot read it' };
    entries.set(name, { method, compressed, size, local });
    at += 46 + skip;
  }
  return { entries };
}

/** One entry's bytes, inflated in slices and stopped as soon as they pass `cap` (a zip bomb fails here). */
function inflateEntry(bytes: Uint8Array, entry: ZipEntry, cap: number): { bytes: Uint8Array } | { failure: string } {
  const damaged = { failure: 'damaged (its zip entry cannot be read)' };
  const tooLarge = { failure: `too large to be part of a letter (more than ${Math.round(cap / 1024 / 1024)} MB uncompressed)` };
  if (entry.local + 30 > bytes.length || u32(bytes, entry.local) !== 0x04034b50) return damaged;
  const start = entry.local + 30 + u16(bytes, entry.local + 26) + u16(bytes, entry.local + 28);
  const stop = start + entry.compressed;
  if (stop > bytes.length) return damaged;
  const data = bytes.subarray(start, stop);
  if (entry.method === 0) return data.length > cap ? tooLarge : { bytes: data };
  if (entry.method !== 8) return { failure: `stored with an unknown compression method (${entry.method})` };
  if (entry.size > cap) return tooLarge;
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  try {
    const inflate = new Inflate((chunk) => {
      total += chunk.length;
      if (total > cap) over = true;
      else chunks.push(chunk);
    });
    const SLICE = 16 * 1024;
    for (let i = 0; i < data.length && !over; i += SLICE) inflate.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
  } catch {
    return damaged;
  }
  if (over) return tooLarge;
  const out = new Uint8Array(total);
  let pos = 0;
  for (const c of chunks) {
    out.set(c, pos);
    pos += c.length;
  }
  return { bytes: out };
}

/** A zip of the given parts, stored (not compressed): mammoth reads it straight back. */
function storeZip(files: Record<string, Uint8Array>): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  let count = 0;
  for (const [name, data] of Object.entries(files)) {
    const n = encoder.encode(name);
    const crc = crc32(data);
    const local = new Uint8Array(30 + n.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x0800, true); // UTF-8 names
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, n.length, true);
    local.set(n, 30);
    const cd = new Uint8Array(46 + n.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, data.length, true);
    cv.setUint16(28, n.length, true);
    cv.setUint32(42, offset, true);
    cd.set(n, 46);
    locals.push(local, data);
    central.push(cd);
    offset += local.length + data.length;
    count++;
  }
  const cdSize = central.reduce((s, c) => s + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, count, true);
  ev.setUint16(10, count, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + cdSize + 22);
  let pos = 0;
  for (const part of [...locals, ...central, eocd]) {
    out.set(part, pos);
    pos += part.length;
  }
  return out;
}

let CRC_TABLE: Uint32Array | undefined;
function crc32(data: Uint8Array): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// ── XML, read as a stream of tags (linear; the XML proper is mammoth's) ────────────────────────────────────────

interface Tag {
  /** Offsets of `<` and one past `>`. */
  readonly start: number;
  readonly end: number;
  readonly name: string;
  readonly close: boolean;
  readonly empty: boolean;
  readonly attrs: string;
}

/** Every element tag in order (comments, CDATA and processing instructions skipped). One pass over the text. */
function* tagsOf(xml: string): Generator<Tag> {
  let i = 0;
  for (;;) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) return;
    if (xml.startsWith('<!--', lt)) {
      const close = xml.indexOf('-->', lt + 4);
      if (close < 0) return;
      i = close + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const close = xml.indexOf(']]>', lt + 9);
      if (close < 0) return;
      i = close + 3;
      continue;
    }
    const gt = xml.indexOf('>', lt + 1);
    if (gt < 0) return;
    i = gt + 1;
    const c = xml.charCodeAt(lt + 1);
    if (c === 0x3f /* ? */ || c === 0x21 /* ! */) continue;
    const close = c === 0x2f;
    let n = lt + (close ? 2 : 1);
    const nameStart = n;
    while (n < gt && !isSpace(xml.charCodeAt(n)) && xml.charCodeAt(n) !== 0x2f) n++;
    const empty = !close && xml.charCodeAt(gt - 1) === 0x2f;
    yield { start: lt, end: gt + 1, name: xml.slice(nameStart, n), close, empty, attrs: close ? '' : xml.slice(n, empty ? gt - 1 : gt) };
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** An attribute's value (`w:val`), XML references decoded. */
function attr(attrs: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const at = attrs.indexOf(name, from);
    if (at < 0) return undefined;
    from = at + name.length;
    if (at > 0 && !isSpace(attrs.charCodeAt(at - 1))) continue;
    let k = from;
    while (isSpace(attrs.charCodeAt(k))) k++;
    if (attrs[k] !== '=') continue;
    k++;
    while (isSpace(attrs.charCodeAt(k))) k++;
    const quote = attrs[k];
    if (quote !== '"' && quote !== "'") return undefined;
    const close = attrs.indexOf(quote, k + 1);
    if (close < 0) return undefined;
    return decodeXml(attrs.slice(k + 1, close));
  }
}

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (all, ref: string) => {
    if (ref[0] !== '#') return XML_ENTITIES[ref] ?? all;
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : all;
  });
}

/** The text of `<w:t>` (and `<w:delText>` when asked) between two offsets, paragraphs ending in a newline. */
function textBetween(xml: string, from: number, to: number, withDeleted = false): string {
  let out = '';
  let inText = -1;
  for (const tag of tagsOf(xml.slice(from, to))) {
    if (tag.name === 'w:t' || (withDeleted && tag.name === 'w:delText')) {
      if (tag.close && inText >= 0) out += decodeXml(xml.slice(from + inText, from + tag.start));
      inText = tag.close || tag.empty ? -1 : tag.end;
    } else if (!tag.close && (tag.name === 'w:tab' || tag.name === 'w:br')) out += ' ';
    else if (tag.close && tag.name === 'w:p') out += '\n';
  }
  return out;
}

// ── Relationships and properties ─────────────────────────────────────────────────────────────────────────────

function relationshipTarget(rels: string, typeSuffix: string, base: string): string | undefined {
  for (const tag of tagsOf(rels)) {
    if (tag.name !== 'Relationship' || tag.close) continue;
    const type = attr(tag.attrs, 'Type') ?? '';
    if (!type.endsWith(typeSuffix) || attr(tag.attrs, 'TargetMode') === 'External') continue;
    const target = attr(tag.attrs, 'Target');
    if (!target) continue;
    return normalisePath(target.startsWith('/') ? target.slice(1) : base + target);
  }
  return undefined;
}

function normalisePath(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

function readProperties(text: PartReader): DocxProperties {
  const read = (name: string) => {
    const t = text(name);
    return typeof t === 'string' ? t : '';
  };
  const core = read('docProps/core.xml');
  const app = read('docProps/app.xml');
  const custom = read('docProps/custom.xml');
  const element = (xml: string, name: string): string | undefined => {
    let open = -1;
    for (const tag of tagsOf(xml)) {
      if (tag.name !== name) continue;
      if (!tag.close && !tag.empty) open = tag.end;
      else if (tag.close && open >= 0) {
        const value = decodeXml(xml.slice(open, tag.start)).trim();
        return value.length > 0 ? value : undefined;
      }
    }
    return undefined;
  };
  const props: Record<string, string> = {};
  let name: string | undefined;
  let valueStart = -1;
  for (const tag of tagsOf(custom)) {
    if (tag.name === 'property' && !tag.close) name = attr(tag.attrs, 'name');
    else if (tag.name === 'property' && tag.close) name = undefined;
    else if (name && tag.name.startsWith('vt:')) {
      if (!tag.close && !tag.empty) valueStart = tag.end;
      else if (tag.close && valueStart >= 0) {
        props[name] = decodeXml(custom.slice(valueStart, tag.start)).trim();
        valueStart = -1;
      }
    }
  }
  const title = element(core, 'dc:title');
  const subject = element(core, 'dc:subject');
  const author = element(core, 'dc:creator');
  const company = element(app, 'Company');
  return { ...(title ? { title } : {}), ...(subject ? { subject } : {}), ...(author ? { author } : {}), ...(company ? { company } : {}), custom: props };
}

// ── Numbering ────────────────────────────────────────────────────────────────────────────────────────────────

interface Level {
  start: number;
  format: string;
  text: string;
  suffix: string;
  legal: boolean;
  restart?: number;
  bold: boolean;
  italic: boolean;
  underline: boolean;
}

interface NumDef {
  abstractId: string;
  starts: Map<number, number>;
  levels: Map<number, Level>;
}

/**
 * Word's automatic numbering: numbering.xml's abstract lists and their instances, the paragraph styles that carry a
 * list (with their basedOn chain), and the running counters. `label` is asked for each numbered paragraph in
 * document order and returns what Word shows before its text ("1.", "(a)", "•").
 */
class Numbering {
  private readonly abstracts = new Map<string, { levels: Map<number, Level>; styleLink?: string }>();
  private readonly nums = new Map<string, NumDef>();
  private readonly styles = new Map<string, { basedOn?: string | undefined; numId?: string | undefined; ilvl?: number }>();
  private readonly counters = new Map<string, (number | undefined)[]>();
  private readonly started = new Set<string>();

  constructor(numberingXml: string, stylesXml: string) {
    this.readStyles(stylesXml);
    this.readNumbering(numberingXml);
  }

  get empty(): boolean {
    return this.nums.size === 0;
  }

  private readStyles(xml: string): void {
    let current: { basedOn?: string | undefined; numId?: string | undefined; ilvl?: number } | undefined;
    let depth = 0;
    for (const tag of tagsOf(xml)) {
      if (tag.name === 'w:style') {
        if (tag.close) current = undefined;
        else if (!tag.empty && (attr(tag.attrs, 'w:type') ?? 'paragraph') === 'paragraph') {
          const id = attr(tag.attrs, 'w:styleId');
          current = {};
          if (id) this.styles.set(id, current);
        }
        continue;
      }
      if (!current) continue;
      if (tag.name === 'w:pPrChange' || tag.name === 'w:rPrChange') depth += tag.close ? -1 : tag.empty ? 0 : 1;
      if (depth > 0 || tag.close) continue;
      if (tag.name === 'w:basedOn') current.basedOn = attr(tag.attrs, 'w:val');
      else if (tag.name === 'w:numId') current.numId = attr(tag.attrs, 'w:val');
      else if (tag.name === 'w:ilvl') current.ilvl = Number(attr(tag.attrs, 'w:val') ?? 0) || 0;
    }
  }

  private readNumbering(xml: string): void {
    let abstract: { levels: Map<number, Level>; styleLink?: string } | undefined;
    let num: NumDef | undefined;
    let overrideLevel = -1;
    let level: Level | undefined;
    let inRPr = false;
    for (const tag of tagsOf(xml)) {
      switch (tag.name) {
        case 'w:abstractNum':
          if (tag.close) abstract = undefined;
          else {
            abstract = { levels: new Map() };
            this.abstracts.set(attr(tag.attrs, 'w:abstractNumId') ?? '', abstract);
          }
          break;
        case 'w:num':
          if (tag.close) num = undefined;
          else {
            num = { abstractId: '', starts: new Map(), levels: new Map() };
            this.nums.set(attr(tag.attrs, 'w:numId') ?? '', num);
          }
          break;
        case 'w:abstractNumId':
          if (num && !tag.close) num.abstractId = attr(tag.attrs, 'w:val') ?? '';
          break;
        case 'w:numStyleLink':
          if (abstract && !tag.close) {
            const link = attr(tag.attrs, 'w:val');
            if (link) abstract.styleLink = link;
          }
          break;
        case 'w:lvlOverride':
          overrideLevel = tag.close ? -1 : Number(attr(tag.attrs, 'w:ilvl') ?? 0) || 0;
          break;
        case 'w:startOverride':
          if (num && overrideLevel >= 0 && !tag.close) num.starts.set(overrideLevel, Number(attr(tag.attrs, 'w:val') ?? 0) || 0);
          break;
        case 'w:lvl':
          if (tag.close) {
            level = undefined;
            break;
          }
          level = { start: 1, format: 'decimal', text: '', suffix: '\t', legal: false, bold: false, italic: false, underline: false };
          {
            const ilvl = Number(attr(tag.attrs, 'w:ilvl') ?? 0) || 0;
            if (num && overrideLevel >= 0) num.levels.set(ilvl, level);
            else abstract?.levels.set(ilvl, level);
          }
          break;
        case 'w:rPr':
          inRPr = !tag.close && !tag.empty;
          break;
        default:
          if (!level || tag.close) break;
          if (inRPr) {
            const off = /^(?:0|false|off|none)$/.test(attr(tag.attrs, 'w:val') ?? '');
            if (tag.name === 'w:b') level.bold = !off;
            else if (tag.name === 'w:i') level.italic = !off;
            else if (tag.name === 'w:u') level.underline = !off;
            break;
          }
          if (tag.name === 'w:start') level.start = Number(attr(tag.attrs, 'w:val') ?? 1) || 0;
          else if (tag.name === 'w:numFmt') level.format = attr(tag.attrs, 'w:val') ?? 'decimal';
          else if (tag.name === 'w:lvlText') level.text = attr(tag.attrs, 'w:val') ?? '';
          else if (tag.name === 'w:suff') level.suffix = { space: ' ', nothing: '' }[attr(tag.attrs, 'w:val') ?? 'tab'] ?? '\t';
          else if (tag.name === 'w:isLgl') level.legal = attr(tag.attrs, 'w:val') !== '0' && attr(tag.attrs, 'w:val') !== 'false';
          else if (tag.name === 'w:lvlRestart') level.restart = Number(attr(tag.attrs, 'w:val') ?? 1);
      }
    }
  }

  /** A paragraph style's list, through its basedOn chain. */
  styleList(styleId: string | undefined): { numId?: string; ilvl?: number } {
    const out: { numId?: string; ilvl?: number } = {};
    let id = styleId;
    for (let hops = 0; id && hops < 16; hops++) {
      const s = this.styles.get(id);
      if (!s) break;
      if (out.numId === undefined && s.numId !== undefined) out.numId = s.numId;
      if (out.ilvl === undefined && s.ilvl !== undefined) out.ilvl = s.ilvl;
      id = s.basedOn;
    }
    return out;
  }

  private abstractOf(num: NumDef): { id: string; levels: Map<number, Level> } | undefined {
    let id = num.abstractId;
    for (let hops = 0; hops < 4; hops++) {
      const abs = this.abstracts.get(id);
      if (!abs) return undefined;
      if (!abs.styleLink) return { id, levels: abs.levels };
      const linked = this.styleList(abs.styleLink).numId;
      const next = linked ? this.nums.get(linked) : undefined;
      if (!next || next.abstractId === id) return { id, levels: abs.levels };
      id = next.abstractId;
    }
    return undefined;
  }

  /**
   * What Word shows before a paragraph of list `numId` at level `ilvl` ("1.", "(a)", "•") with its formatting, or
   * undefined for none. Bullets are written as text too: the HTML reader reads `<li>` as a plain paragraph, and
   * real EDGAR letters carry their bullets as text.
   */
  label(numId: string, ilvl: number): { text: string; bold: boolean; italic: boolean; underline: boolean } | undefined {
    const num = this.nums.get(numId);
    if (!num || numId === '0') return undefined;
    const abs = this.abstractOf(num);
    if (!abs) return undefined;
    const levelOf = (k: number) => num.levels.get(k) ?? abs.levels.get(k);
    const level = levelOf(ilvl);
    if (!level) return undefined;
    const key = num.starts.size > 0 || num.levels.size > 0 ? `num:${numId}` : `abs:${abs.id}`;
    let counters = this.counters.get(key);
    if (!counters) this.counters.set(key, (counters = []));
    if (!this.started.has(numId)) {
      this.started.add(numId);
      for (const k of num.starts.keys()) counters[k] = undefined;
    }
    const startOf = (k: number) => num.starts.get(k) ?? levelOf(k)?.start ?? 1;
    counters[ilvl] = counters[ilvl] === undefined ? startOf(ilvl) : counters[ilvl]! + 1;
    for (let k = ilvl + 1; k < 9; k++) {
      const restart = levelOf(k)?.restart;
      if (restart === 0) continue;
      if (restart === undefined || ilvl < restart) counters[k] = undefined;
    }
    if (level.format === 'none') return undefined;
    const text =
      level.format === 'bullet'
        ? bulletOf(level.text)
        : level.text.replace(/%([1-9])/g, (_, d: string) => {
            const k = Number(d) - 1;
            const value = counters![k] ?? startOf(k);
            const fmt = k === ilvl || !level.legal ? (levelOf(k)?.format ?? 'decimal') : 'decimal';
            return formatNumber(value, fmt);
          });
    if (text.length === 0) return undefined;
    return { text: text + level.suffix, bold: level.bold, italic: level.italic, underline: level.underline };
  }
}

/** Word's bullet glyph, as text; Symbol and Wingdings bullets live in the private use area and read as "•". */
function bulletOf(text: string): string {
  if (text.length === 0 || /^[\uF000-\uF0FF]$/.test(text) || text === 'o' || text === '·') return '•';
  return text;
}

function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'upperRoman':
      return roman(n).toUpperCase();
    case 'lowerRoman':
      return roman(n);
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'lowerLetter':
      return letters(n);
    case 'ordinal':
      return `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;
    case 'decimalEnclosedParen':
      return `(${n})`;
    default:
      return String(n);
  }
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: Array<[number, string]> = [
    [1000, 'm'],
    [900, 'cm'],
    [500, 'd'],
    [400, 'cd'],
    [100, 'c'],
    [90, 'xc'],
    [50, 'l'],
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ];
  let out = '';
  for (const [v, s] of table)
    while (n >= v) {
      out += s;
      n -= v;
    }
  return out;
}

/** Word's letter numbering: a … z, then aa … zz (the letter repeated). */
function letters(n: number): string {
  if (n <= 0) return String(n);
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

// ── Preparing document.xml for mammoth ────────────────────────────────────────────────────────────────────────

const COMMENT_MARK = 'corresp-comment-';
const COMMENT_END_MARK = 'corresp-comment-end-';
const CHANGE_MARK = 'corresp-change';
const CHANGE_TAGS = new Set(['w:ins', 'w:del', 'w:moveFrom', 'w:moveTo']);
const FORMAT_CHANGES = new Set(['w:rPrChange', 'w:pPrChange', 'w:tblPrChange', 'w:trPrChange', 'w:tcPrChange', 'w:sectPrChange', 'w:numberingChange']);
const SWAP: Readonly<Record<string, string>> = {
  'w:ins': 'w:del',
  'w:del': 'w:ins',
  'w:moveFrom': 'w:moveTo',
  'w:moveTo': 'w:moveFrom',
  'w:delText': 'w:t',
  'w:delInstrText': 'w:instrText',
};

interface PrepareContext {
  readonly numbering: Numbering;
  readonly view: TrackedChangesView;
  readonly changes: { insertions: number; deletions: number; moves: number; formatting: number };
  /** The main document (comments are placed there; notes parts only count changes and number lists). */
  readonly main: boolean;
}

interface ParagraphFrame {
  /** Where a label goes: after the open tag, moved past the paragraph properties when they come. */
  insertAt: number;
  decided: boolean;
  inPPr: boolean;
  style?: string | undefined;
  numId?: string | undefined;
  ilvl?: number;
  markInserted: boolean;
  markDeleted: boolean;
  bold: boolean;
  italic: boolean;
  underline: boolean;
}

/**
 * One pass over a part's tags: numbered paragraphs get their label as text, comment starts become bookmarks,
 * tracked changes are counted (and swapped for the original view), double strike reads as strike.
 */
function prepare(xml: string, ctx: PrepareContext): { xml: string } | { failure: string } {
  const edits: Array<{ at: number; remove: number; insert: string }> = [];
  const stack: ParagraphFrame[] = [];
  let paragraphs = 0;
  let firstChangeMarked = !ctx.main;
  let changeDepth = 0; // inside a w:pPrChange / w:rPrChange (the old properties, not the paragraph's own)
  let rPrDepth = 0; // inside run or paragraph-mark properties
  let trPr = false;
  const decide = (p: ParagraphFrame) => {
    if (p.decided) return;
    p.decided = true;
    const merged = ctx.view === 'accepted' ? p.markDeleted : p.markInserted;
    const fromStyle = ctx.numbering.styleList(p.style);
    const numId = p.numId ?? fromStyle.numId;
    if (merged || numId === undefined || ctx.numbering.empty) return;
    const label = ctx.numbering.label(numId, p.ilvl ?? fromStyle.ilvl ?? 0);
    if (!label) return;
    const props = `${label.bold || p.bold ? '<w:b/>' : ''}${label.italic || p.italic ? '<w:i/>' : ''}${label.underline || p.underline ? '<w:u w:val="single"/>' : ''}`;
    const tab = label.text.endsWith('\t');
    const text = tab ? label.text.slice(0, -1) : label.text;
    edits.push({
      at: p.insertAt,
      remove: 0,
      insert: `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${escapeXml(text)}</w:t>${tab ? '<w:tab/>' : ''}</w:r>`,
    });
  };
  for (const tag of tagsOf(xml)) {
    const name = tag.name;
    const top = stack[stack.length - 1];
    if (name === 'w:p') {
      if (!tag.close) {
        if (top) decide(top);
        if (++paragraphs > DOCX_LIMITS.paragraphs)
          return { failure: `too long to be a letter (more than ${DOCX_LIMITS.paragraphs.toLocaleString('en-US')} paragraphs)` };
        if (!tag.empty)
          stack.push({
            insertAt: tag.end,
            decided: false,
            inPPr: false,
            markInserted: false,
            markDeleted: false,
            bold: false,
            italic: false,
            underline: false,
          });
      } else if (top) {
        decide(top);
        stack.pop();
      }
      continue;
    }
    if (FORMAT_CHANGES.has(name)) {
      if (!tag.close) ctx.changes.formatting++;
      if (!tag.empty) changeDepth += tag.close ? -1 : 1;
      continue;
    }
    if (name === 'w:rPr') {
      if (!tag.empty) rPrDepth += tag.close ? -1 : 1;
      continue;
    }
    if (name === 'w:trPr') {
      trPr = !tag.close && !tag.empty;
      continue;
    }
    if (top && !top.decided) {
      if (name === 'w:pPr') {
        if (tag.empty) top.insertAt = tag.end;
        else if (tag.close) {
          top.insertAt = tag.end;
          top.inPPr = false;
          decide(top);
        } else top.inPPr = true;
        continue;
      }
      if (top.inPPr) {
        if (changeDepth === 0 && !tag.close) {
          if (name === 'w:pStyle') top.style = attr(tag.attrs, 'w:val');
          else if (name === 'w:numId') top.numId = attr(tag.attrs, 'w:val');
          else if (name === 'w:ilvl') top.ilvl = Number(attr(tag.attrs, 'w:val') ?? 0) || 0;
          else if (rPrDepth > 0 && (name === 'w:ins' || name === 'w:del' || name === 'w:moveTo' || name === 'w:moveFrom')) {
            if (name === 'w:ins' || name === 'w:moveTo') top.markInserted = true;
            else top.markDeleted = true;
          } else if (rPrDepth > 0 && (name === 'w:b' || name === 'w:i' || name === 'w:u')) {
            const on = !/^(?:0|false|off|none)$/.test(attr(tag.attrs, 'w:val') ?? '');
            if (name === 'w:b') top.bold = on;
            else if (name === 'w:i') top.italic = on;
            else top.underline = on;
          }
        }
      } else if (!tag.close && name !== 'w:pPr') decide(top);
    }
    if (CHANGE_TAGS.has(name)) {
      if (!tag.close && changeDepth === 0 && (!tag.empty || trPr) && rPrDepth === 0) {
        if (name === 'w:ins') ctx.changes.insertions++;
        else if (name === 'w:del') ctx.changes.deletions++;
        else if (name === 'w:moveTo') ctx.changes.moves++;
        if (!firstChangeMarked && !trPr) {
          firstChangeMarked = true;
          edits.push({ at: tag.start, remove: 0, insert: `<w:bookmarkStart w:id="990001" w:name="${CHANGE_MARK}"/>` });
        }
      }
      if (ctx.view === 'original') edits.push({ at: tag.start + (tag.close ? 2 : 1), remove: name.length, insert: SWAP[name]! });
      continue;
    }
    if (ctx.view === 'original' && (name === 'w:delText' || name === 'w:delInstrText')) {
      edits.push({ at: tag.start + (tag.close ? 2 : 1), remove: name.length, insert: SWAP[name]! });
      continue;
    }
    if (name === 'w:dstrike' && !tag.close) {
      edits.push({ at: tag.start + 1, remove: name.length, insert: 'w:strike' });
      continue;
    }
    if (ctx.main && !tag.close && (name === 'w:commentRangeStart' || name === 'w:commentRangeEnd' || name === 'w:commentReference')) {
      const id = attr(tag.attrs, 'w:id');
      if (id === undefined || !/^-?\d{1,9}$/.test(id)) continue;
      const mark =
        name === 'w:commentRangeEnd' ? `${COMMENT_END_MARK}${id}` : name === 'w:commentReference' ? `${COMMENT_MARK}ref-${id}` : `${COMMENT_MARK}${id}`;
      const bookmark = `<w:bookmarkStart w:id="99${id.replace('-', '')}" w:name="${mark}"/>`;
      // A reference sits inside a run, where a bookmark may not: put it before the run.
      edits.push({ at: tag.start, remove: 0, insert: name === 'w:commentReference' ? `</w:r>${bookmark}<w:r>` : bookmark });
    }
  }
  if (edits.length === 0) return { xml };
  edits.sort((a, b) => a.at - b.at);
  let out = '';
  let pos = 0;
  for (const e of edits) {
    if (e.at < pos) continue;
    out += xml.slice(pos, e.at) + e.insert;
    pos = e.at + e.remove;
  }
  return { xml: out + xml.slice(pos) };
}

// ── Comments ─────────────────────────────────────────────────────────────────────────────────────────────────

function readComments(xml: string, html: string): WordComment[] {
  const out: WordComment[] = [];
  let open: { id: string; author: string; date?: string; start: number } | undefined;
  for (const tag of tagsOf(xml)) {
    if (tag.name !== 'w:comment') continue;
    if (!tag.close && !tag.empty) {
      const date = attr(tag.attrs, 'w:date');
      open = {
        id: attr(tag.attrs, 'w:id') ?? '',
        author: attr(tag.attrs, 'w:author') ?? attr(tag.attrs, 'w:initials') ?? 'someone',
        ...(date ? { date: date.slice(0, 10) } : {}),
        start: tag.end,
      };
    } else if (tag.close && open) {
      const text = textBetween(xml, open.start, tag.start)
        .replace(/[ \t]+/g, ' ')
        .replace(/\s*\n\s*/g, '\n')
        .trim();
      const placed = placeComment(html, open.id);
      out.push({ id: open.id, author: open.author, ...(open.date ? { date: open.date } : {}), text, ...placed });
      open = undefined;
    }
  }
  return out;
}

/** Where a comment sits in the HTML: its start bookmark (or its reference), to its end bookmark. */
function placeComment(html: string, id: string): { start: number; end: number; on?: string } {
  const find = (mark: string) => {
    const at = html.indexOf(`<a id="${mark}"></a>`);
    return at < 0 ? -1 : at;
  };
  let start = find(`${COMMENT_MARK}${id}`);
  if (start < 0) start = find(`${COMMENT_MARK}ref-${id}`);
  if (start < 0) return { start: 0, end: 0 };
  const endMark = find(`${COMMENT_END_MARK}${id}`);
  const end = endMark > start ? endMark : start;
  const on = htmlText(html.slice(start, end)).replace(/\s+/g, ' ').trim();
  return { start, end, ...(on ? { on: on.length > 80 ? `${on.slice(0, 77)}…` : on } : {}) };
}

function htmlText(html: string): string {
  return html.replace(/<[^<>]*>/g, ' ').replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|amp|lt|gt|quot|apos|nbsp);/gi, (all, ref: string) => {
    if (ref[0] !== '#') return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' } as Record<string, string>)[ref.toLowerCase()] ?? all;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

// ── The HTML mammoth writes ──────────────────────────────────────────────────────────────────────────────────

/**
 * Mammoth writes footnotes and endnotes as one ordered list after the letter, each ending in a "↑" back link: as a
 * list they would read as items "1.", "2." (anchors to be); here they become paragraphs "[1] text", as printed.
 */
function notesAsParagraphs(html: string): string {
  const at = Math.max(html.lastIndexOf('<ol><li id="footnote-'), html.lastIndexOf('<ol><li id="endnote-'));
  if (at < 0) return html;
  const labels = new Map<string, string>();
  for (const m of html.slice(0, at).matchAll(/<a href="#((?:foot|end)note-[^"]{1,40})" id="(?:foot|end)note-ref-[^"]{1,40}">\[(\d{1,5})\]<\/a>/g))
    labels.set(m[1]!, m[2]!);
  let notes = html.slice(at);
  notes = notes.replace(/ ?<a href="#(?:foot|end)note-ref-[^"]{1,40}">↑<\/a>/g, '');
  notes = notes.replace(
    /<li id="((?:foot|end)note-[^"]{1,40})">(<p>)?/g,
    (_, id: string, p: string | undefined) => `<div id="${id}">${p ?? ''}[${labels.get(id) ?? '*'}] `,
  );
  notes = notes.replace(/<\/li>/g, '</div>');
  if (notes.startsWith('<ol>')) notes = notes.slice(4);
  if (notes.endsWith('</ol>')) notes = notes.slice(0, -5);
  return html.slice(0, at) + notes;
}

/**
 * C1 control characters (U+0080–U+009F) are never text in a Word document; they are Windows-1252 quotes, dashes and
 * ellipses that a converter copied as code points (LibreOffice does so with old EDGAR HTML's `&#146;`, `&#133;`).
 * Read as the characters they stand for, as the HTML reader reads those references, before the XML parser turns
 * U+0085 into a line end.
 */
function c1AsWindows1252(xml: ReturnType<PartReader>): ReturnType<PartReader> {
  if (typeof xml !== 'string') return xml;
  return xml.replace(/[\u0080-\u009f]/g, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80]!));
}

/** One block per line, so a problem's line number is about its paragraph's. */
function lineByBlock(html: string): string {
  return html.replace(/<\/(?:p|h[1-6]|li|tr|table|ul|ol|div)>/g, '$&\n');
}
