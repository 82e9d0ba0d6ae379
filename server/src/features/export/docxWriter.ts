/**
 * The export model → a Word document (.docx) for circulating drafts to counsel and auditors, through the `docx`
 * library. A letter as a firm sets it: US Letter pages with one-inch margins, Times New Roman 12, the page number in
 * every footer, captions at the body's size (Word's Heading 1–6 styles restyled: the top level bold, the next
 * underlined, deeper ones italic, as the EDGAR copy), bold repeated comments, underline and strike runs, tables,
 * lists, page breaks. With a firm's reference document its styles.xml (and page size and margins) are used instead
 * of these. The document properties carry the title, author and company, and custom properties name the staff
 * letter (`corresp-staff-letter`) so that Corresp reads the document back as the draft it is. With a
 * confidential-treatment request every page's header carries the legend and the identifying number CODE-<page>,
 * and the first page "FOIA Confidential Treatment Request". Images are not embedded (their alt text stands in).
 * Pure: builds the bytes, writes nothing. Loaded on first use (`docx.ts`: `renderDocx`), from a bundle of its own.
 *
 * Every string goes through `xmlText` first: XML 1.0 forbids C0 controls (but tab, LF, CR), lone surrogates and
 * U+FFFE/U+FFFF, and Word will not open a document holding one.
 */
import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IStylesOptions,
  type ParagraphChild,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { LETTER_PAGE, type DocxOptions } from './docx';
import { captionStyle, topCaptionDepth } from './edgarHtml';
import { escapeXml, xmlText } from '../../text/xml';
import { allowedHref, FOIA_LEGEND, REDACTION_LEGEND, Style, UNREDACTED_LEGEND, type ExportBlock, type ExportDraft, type Inline } from './model';

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
];
const INDENT = 720; // twips: half an inch

const BODY_FONT = 'Times New Roman';
const BODY_SIZE = 24; // half-points: 12 pt

/** Word's Heading 1–6 at the body's size and colour, styled by rank as the EDGAR copy's captions. */
function letterStyles(): IStylesOptions {
  const heading = (rank: number) => {
    const style = captionStyle(rank);
    return {
      run: {
        font: BODY_FONT,
        size: BODY_SIZE,
        color: '000000',
        bold: (style & Style.Bold) !== 0,
        italics: (style & Style.Italic) !== 0,
        ...(style & Style.Underline ? { underline: {} } : {}),
      },
      paragraph: { spacing: { before: 240, after: 200 }, keepNext: true, keepLines: true },
    };
  };
  return {
    default: {
      document: { run: { font: BODY_FONT, size: BODY_SIZE } },
      heading1: heading(0),
      heading2: heading(1),
      heading3: heading(2),
      heading4: heading(3),
      heading5: heading(4),
      heading6: heading(5),
    },
  };
}

function runs(items: readonly Inline[]): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const item of items) {
    if (item.kind === 'break') {
      out.push(new TextRun({ text: '', break: 1 }));
      continue;
    }
    if (item.kind === 'image') {
      out.push(new TextRun({ text: xmlText(`[image: ${item.alt || item.src}]`), italics: true }));
      continue;
    }
    const s = item.style;
    const run = new TextRun({
      text: xmlText(item.text),
      ...(s & Style.Bold || item.redacted ? { bold: true } : {}),
      ...(s & Style.Italic ? { italics: true } : {}),
      ...(s & Style.Underline ? { underline: {} } : {}),
      ...(s & Style.Strike ? { strike: true } : {}),
      ...(s & Style.Sup ? { superScript: true } : s & Style.Sub ? { subScript: true } : {}),
      ...(s & Style.Code ? { font: 'Courier New' } : {}),
    });
    if (item.href && allowedHref(item.href)) out.push(new ExternalHyperlink({ link: xmlText(item.href), children: [run] }));
    else out.push(run);
  }
  return out;
}

interface Ctx {
  /** Left indent in twips (block quotes, list item bodies). */
  readonly indent: number;
  /** Nesting of lists (0 outside). */
  readonly level: number;
  /** The draft's highest heading depth: captions are ranked from it (Heading 1 is the top level). */
  readonly top: number;
}

function blocks(list: readonly ExportBlock[], ctx: Ctx): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [];
  const indent = ctx.indent > 0 ? { indent: { left: ctx.indent } } : {};
  for (const b of list) {
    switch (b.kind) {
      case 'heading':
        out.push(new Paragraph({ heading: HEADINGS[Math.max(0, b.depth - ctx.top)]!, children: runs(b.content), ...indent }));
        break;
      case 'paragraph':
        out.push(new Paragraph({ children: runs(b.content), spacing: { after: 200 }, ...indent }));
        break;
      case 'quote':
        out.push(...blocks(b.children, { ...ctx, indent: ctx.indent + INDENT }));
        break;
      case 'list':
        b.items.forEach((item, i) => {
          const itemIndent = ctx.indent + INDENT;
          const [first, ...rest] = item;
          const marker = b.ordered ? `${b.start + i}.\t` : undefined;
          const firstRuns = first && first.kind === 'paragraph' ? runs(first.content) : [];
          if (b.ordered) {
            out.push(
              new Paragraph({
                children: [new TextRun(marker!), ...firstRuns],
                indent: { left: itemIndent, hanging: INDENT / 2 },
                spacing: { after: 120 },
              }),
            );
          } else {
            out.push(new Paragraph({ children: firstRuns, bullet: { level: Math.min(8, ctx.level) }, spacing: { after: 120 } }));
          }
          const remaining = first && first.kind === 'paragraph' ? rest : item;
          out.push(...blocks(remaining, { ...ctx, indent: itemIndent, level: ctx.level + 1 }));
        });
        break;
      case 'table': {
        const rows = b.rows.map(
          (row, r) =>
            new TableRow({
              tableHeader: r === 0,
              children: row.map((cell, c) => {
                const align = b.align[c];
                return new TableCell({
                  children: [
                    new Paragraph({
                      children: r === 0 ? runs(cell.map((i) => (i.kind === 'text' ? { ...i, style: i.style | Style.Bold } : i))) : runs(cell),
                      ...(align === 'right' ? { alignment: AlignmentType.RIGHT } : align === 'center' ? { alignment: AlignmentType.CENTER } : {}),
                    }),
                  ],
                });
              }),
            }),
        );
        out.push(new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }));
        out.push(new Paragraph({ children: [] }));
        break;
      }
      case 'code': {
        const children: TextRun[] = [];
        b.text
          .replace(/\n$/, '')
          .split('\n')
          .forEach((line, i) => children.push(new TextRun({ text: xmlText(line), font: 'Courier New', ...(i > 0 ? { break: 1 } : {}) })));
        out.push(new Paragraph({ children, ...indent }));
        break;
      }
      case 'pageBreak':
        out.push(new Paragraph({ children: [new PageBreak()] }));
        break;
      case 'separator':
        out.push(new Paragraph({ children: [new TextRun('* * *')], alignment: AlignmentType.CENTER, spacing: { after: 200 } }));
        break;
    }
  }
  return out;
}

export async function writeDocx(draft: ExportDraft, options: DocxOptions = {}): Promise<Uint8Array> {
  if (draft.refused) throw new Error(`export: a refused draft is never rendered (line ${draft.refused.line})`);
  const children: Array<Paragraph | Table> = [];
  const ct = draft.confidential;
  if (ct) {
    children.push(new Paragraph({ children: [new TextRun({ text: FOIA_LEGEND, bold: true })], alignment: AlignmentType.CENTER, spacing: { after: 200 } }));
  }
  if (draft.confidentialSpans > 0) {
    children.push(
      new Paragraph({ children: [new TextRun({ text: draft.redact ? REDACTION_LEGEND : UNREDACTED_LEGEND, italics: true })], spacing: { after: 200 } }),
    );
  }
  children.push(...blocks(draft.blocks, { indent: 0, level: 0, top: topCaptionDepth(draft.blocks) }));
  const header = ct
    ? new Header({
        children: [
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: [new TextRun({ text: xmlText(`Confidential Treatment Requested by ${ct.requester}`), bold: true })],
          }),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ children: [xmlText(`${ct.code}-`), PageNumber.CURRENT], bold: true })] }),
        ],
      })
    : undefined;
  const footer = new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT] })] })] });
  const page = options.reference?.page ?? LETTER_PAGE;
  const custom = Object.entries(options.properties ?? {}).filter(([, v]) => v.trim().length > 0);
  const doc = new Document({
    title: xmlText(options.title ?? 'Response letter'),
    creator: xmlText(options.author ?? 'Corresp'),
    lastModifiedBy: xmlText(options.author ?? 'Corresp'),
    ...(options.subject ? { subject: xmlText(options.subject) } : {}),
    ...(custom.length > 0 ? { customProperties: custom.map(([name, value]) => ({ name: xmlText(name), value: xmlText(value) })) } : {}),
    ...(options.reference ? { externalStyles: options.reference.styles } : { styles: letterStyles() }),
    sections: [
      {
        properties: { page: { size: { width: page.width, height: page.height }, margin: page.margin } },
        ...(header ? { headers: { default: header } } : {}),
        footers: { default: footer },
        children,
      },
    ],
  });
  const bytes = new Uint8Array(await Packer.toBuffer(doc));
  return options.company ? withCompany(bytes, xmlText(options.company)) : bytes;
}

/** The extended property Company (docProps/app.xml), which the `docx` library does not write. */
function withCompany(bytes: Uint8Array, company: string): Uint8Array {
  const files = unzipSync(bytes);
  const app = files['docProps/app.xml'];
  if (!app) return bytes;
  const escaped = escapeXml(xmlText(company));
  const xml = strFromU8(app);
  const patched = /<Properties\b[^>]*\/>/.test(xml)
    ? xml.replace(/<Properties\b([^>]*)\/>/, `<Properties$1><Company>${escaped}</Company></Properties>`)
    : xml.replace('</Properties>', `<Company>${escaped}</Company></Properties>`);
  files['docProps/app.xml'] = strToU8(patched);
  return zipSync(files, { level: 6 });
}
