/**
 * The export model → a Word document (.docx) for circulating drafts to counsel and auditors, through the `docx`
 * library. Same structure as the EDGAR copy: headings as Word headings, bold repeated comments, underline and strike
 * runs, tables, lists, page breaks. With a confidential-treatment request every page's header carries the legend and
 * the identifying number CODE-<page>, and the first page "FOIA Confidential Treatment Request". Images are not
 * embedded (their alt text stands in). Pure: builds the bytes, writes nothing.
 *
 * Every string goes through `xmlText` first: XML 1.0 forbids C0 controls (but tab, LF, CR), lone surrogates and
 * U+FFFE/U+FFFF, and Word will not open a document holding one.
 */
import {
  AlignmentType,
  Document,
  ExternalHyperlink,
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
  type ParagraphChild,
} from 'docx';
import { allowedHref, FOIA_LEGEND, REDACTION_LEGEND, Style, UNREDACTED_LEGEND, type ExportBlock, type ExportDraft, type Inline } from './model';

/**
 * Text XML 1.0 can hold. Reliability: a draft's U+FFFF (or a NUL, a lone surrogate) written raw made the .docx
 * unreadable to Word. Controls carry no text and are dropped; noncharacters and lone surrogates become U+FFFD.
 */
export function xmlText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/g, '\ufffd');
}

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];
const INDENT = 720; // twips: half an inch

export interface DocxOptions {
  readonly title?: string;
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
}

function blocks(list: readonly ExportBlock[], ctx: Ctx): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [];
  const indent = ctx.indent > 0 ? { indent: { left: ctx.indent } } : {};
  for (const b of list) {
    switch (b.kind) {
      case 'heading':
        out.push(new Paragraph({ heading: HEADINGS[b.depth - 1]!, children: runs(b.content), ...indent }));
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
          out.push(...blocks(remaining, { indent: itemIndent, level: ctx.level + 1 }));
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

export async function renderDocx(draft: ExportDraft, options: DocxOptions = {}): Promise<Uint8Array> {
  if (draft.refused) throw new Error(`export: a refused draft is never rendered (line ${draft.refused.line})`);
  const children: Array<Paragraph | Table> = [];
  const ct = draft.confidential;
  if (ct) {
    children.push(new Paragraph({ children: [new TextRun({ text: FOIA_LEGEND, bold: true })], alignment: AlignmentType.CENTER, spacing: { after: 200 } }));
  }
  if (draft.confidentialSpans > 0) {
    children.push(new Paragraph({ children: [new TextRun({ text: draft.redact ? REDACTION_LEGEND : UNREDACTED_LEGEND, italics: true })], spacing: { after: 200 } }));
  }
  children.push(...blocks(draft.blocks, { indent: 0, level: 0 }));
  const header = ct
    ? new Header({
        children: [
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: xmlText(`Confidential Treatment Requested by ${ct.requester}`), bold: true })] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ children: [xmlText(`${ct.code}-`), PageNumber.CURRENT], bold: true })] }),
        ],
      })
    : undefined;
  const doc = new Document({
    title: xmlText(options.title ?? 'Response letter'),
    creator: 'Corresp',
    sections: [{ ...(header ? { headers: { default: header } } : {}), children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
