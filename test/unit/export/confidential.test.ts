/**
 * Rule 83 redaction: a `[[confidential: …]]` span that runs over several blocks is withheld up to its `]]`, in every
 * output (EDGAR HTML, EDGAR ASCII, Word: the docx is unzipped and every part searched), whatever the blocks are; and
 * a span whose end is not where the writer surely meant it refuses the export (nothing written, exit 1, the line).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../server/src/cli/main';
import { exportAscii, exportDocx, exportHtml } from '../../../server/src/features/export';
import { fakeIo, tempDir, unzip, type FakeIo } from './helpers';

/** Every confidential word of these drafts is SECRET plus a letter: none may appear in any output byte. */
const SECRET = /SECRET[A-Z]/;

/** A block of each kind, holding `text`. */
const KINDS: Record<string, (text: string) => string> = {
  paragraph: (t) => `${t}`,
  'list item': (t) => `- ${t}`,
  'ordered list item': (t) => `1. ${t}`,
  'block quote': (t) => `> ${t}`,
  heading: (t) => `## ${t}`,
  'nested quote in a list': (t) => `- item\n\n  > ${t}`,
};

/** A draft whose span opens in a block of kind `open`, runs over a block of every kind, and closes in one of kind `close`. */
function crossing(open: string, close: string): string {
  return [
    '---',
    'corresp: response',
    '---',
    '',
    '<!-- confidential-treatment: Example Holdings, Inc. | EXH -->',
    '',
    'Dear Staff:',
    '',
    KINDS[open]!('Revenue from KEPTBEFORE [[confidential: SECRETA the customer'),
    '',
    'SECRETB paragraph in between.',
    '',
    '- SECRETC list item',
    '- SECRETD list item',
    '',
    '> SECRETE quoted',
    '',
    '### SECRETF heading',
    '',
    '```',
    'SECRETG code',
    '```',
    '',
    '<div>SECRETH raw html</div>',
    '',
    KINDS[close]!('SECRETI last words]] KEPTAFTER the span.'),
    '',
    'Closing paragraph KEPTEND.',
    '',
  ].join('\n');
}

async function allOutputs(markdown: string): Promise<{ html: string; txt: string; docx: string }> {
  const docx = unzip((await exportDocx(markdown)).bytes);
  return {
    html: exportHtml(markdown).text,
    txt: exportAscii(markdown).text,
    docx: [...docx.values()].map((b) => b.toString('utf8')).join('\n'),
  };
}

describe('a confidential span over several blocks is withheld to its ]]', () => {
  for (const open of Object.keys(KINDS)) {
    for (const close of Object.keys(KINDS)) {
      it(`opened in a ${open}, closed in a ${close}: no confidential word in HTML, ASCII or Word`, async () => {
        const draft = crossing(open, close);
        const outputs = await allOutputs(draft);
        for (const [format, text] of Object.entries(outputs)) {
          expect(SECRET.exec(text)?.[0], format).toBeUndefined();
          expect(text, format).not.toContain(']]');
          for (const kept of ['KEPTBEFORE', 'KEPTAFTER', 'KEPTEND', '[***]']) expect(text, `${format}: ${kept}`).toContain(kept);
        }
      });
    }
  }

  it('across cells of one table: the cells it covers are withheld, the table is kept', async () => {
    const draft = '| Customer | Revenue |\n|---|---:|\n| Alpha [[confidential: SECRETA | SECRETB |\n| SECRETC | SECRETD ]] later | 12 |\n\nAfter KEPTAFTER.\n';
    for (const [format, text] of Object.entries(await allOutputs(draft))) {
      expect(SECRET.exec(text)?.[0], format).toBeUndefined();
      for (const kept of ['Customer', 'Alpha', 'later', 'KEPTAFTER', '12']) expect(text, `${format}: ${kept}`).toContain(kept);
    }
  });

  it('the unredacted Word draft shows the whole span in brackets, every block of it', async () => {
    const xml = [...unzip((await exportDocx(crossing('paragraph', 'paragraph'), { redact: false })).bytes).values()].map((b) => b.toString('utf8')).join('\n');
    for (const w of ['SECRETA', 'SECRETB', 'SECRETC', 'SECRETE', 'SECRETF', 'SECRETG', 'SECRETH', 'SECRETI', 'KEPTAFTER']) expect(xml).toContain(w);
    expect(xml).toContain('[SECRETA the customer');
    expect(xml).toContain('SECRETI last words]');
  });
});

describe('a span whose end is in doubt refuses the export', () => {
  const cases: Array<[string, string, number, RegExp]> = [
    ['never closed', 'Dear Staff:\n\nRevenue [[confidential: SECRETA\n\nSECRETB and the rest of the letter.\n', 3, /never closed/],
    ['nested in one paragraph', 'A [[confidential: SECRETA [[confidential: SECRETB]] SECRETC]] end\n', 1, /cannot nest/],
    ['nested across paragraphs', 'A [[confidential: SECRETA\n\nB [[confidential: SECRETB]] SECRETC\n\nend]] D\n', 1, /cannot nest/],
    ['opened before a table, closed inside it', 'A [[confidential: SECRETA\n\n| a | b |\n|---|---|\n| SECRETB]] | c |\n', 1, /runs into a table/],
    ['opened in a table, closed after it', '| a | b |\n|---|---|\n| [[confidential: SECRETA | SECRETB |\n\nSECRETC]] after\n', 3, /not closed in its table/],
    ['opened in one table, closed in another', '| a |\n|---|\n| [[confidential: SECRETA |\n\n| b |\n|---|\n| SECRETB]] |\n', 3, /not closed in its table/],
    ['written in an HTML comment', 'A <!-- [[confidential: SECRETA]] --> B\n', 1, /does not read text/],
    ['hidden by a link', 'See [[confidential: SECRETA](https://example.com/) and more]] end\n', 1, /does not read text|never closed/],
    ['in an image’s alt text, not closed there', '![chart [[confidential: SECRETA]](chart.gif) SECRETB]]\n', 1, /alt text|does not read text/],
  ];
  for (const [name, body, line, message] of cases) {
    it(`${name}: no output in any format, the line where it opened`, async () => {
      const draft = `---\ncorresp: response\n---\n${body}`;
      const html = exportHtml(draft);
      const txt = exportAscii(draft);
      const docx = await exportDocx(draft);
      const unredacted = await exportDocx(draft, { redact: false });
      for (const r of [html, txt, docx, unredacted]) {
        expect(r.refused?.line).toBe(line + 3);
        expect(r.refused?.message).toMatch(message);
        expect(r.notes).toEqual([]);
      }
      expect(html.text).toBe('');
      expect(txt.text).toBe('');
      expect(docx.bytes.length).toBe(0);
    });
  }
});

describe('corresp export refuses such a draft: nothing written, exit 1, file and line named', () => {
  let dir: string;
  let io: FakeIo;
  beforeEach(() => {
    dir = tempDir();
    io = fakeIo(dir);
    writeFileSync(path.join(dir, 'open.md'), '---\ncorresp: response\n---\n\nDear Staff:\n\nRevenue [[confidential: SECRETA\n\nSECRETB.\n');
  });

  for (const [format, name] of [
    ['html', 'letter.htm'],
    ['txt', 'letter.txt'],
    ['docx', 'letter.docx'],
  ] as const) {
    it(`--format ${format}`, async () => {
      expect(await main(['export', 'open.md', '--format', format, '-o', name], io)).toBe(1);
      expect(existsSync(path.join(dir, name))).toBe(false);
      expect(io.errs).toEqual([
        expect.stringMatching(/^corresp: open\.md:7: a \[\[confidential: … span opened here is never closed with \]\]; nothing was exported/),
      ]);
      expect(io.outs).toEqual([]);
    });
  }

  it('to stdout: nothing printed', async () => {
    expect(await main(['export', 'open.md'], io)).toBe(1);
    expect(io.outs).toEqual([]);
  });

  it('an existing output is left as it was, even with --force', async () => {
    writeFileSync(path.join(dir, 'letter.htm'), 'previous');
    expect(await main(['export', 'open.md', '-o', 'letter.htm', '--force'], io)).toBe(1);
    expect(readFileSync(path.join(dir, 'letter.htm'), 'utf8')).toBe('previous');
  });

  it('--unredacted stays refused for the EDGAR formats and allowed for Word', async () => {
    writeFileSync(path.join(dir, 'ok.md'), 'Revenue [[confidential: SECRETA\n\nSECRETB]] after.\n');
    expect(await main(['export', 'ok.md', '--unredacted', '--format', 'html'], io)).toBe(2);
    expect(await main(['export', 'ok.md', '--unredacted', '--format', 'txt'], io)).toBe(2);
    expect(io.errs.at(-1)).toMatch(/--unredacted is only for --format docx/);
    expect(await main(['export', 'ok.md', '--unredacted', '-o', 'ok.docx'], io)).toBe(0);
    const xml = unzip(readFileSync(path.join(dir, 'ok.docx')))
      .get('word/document.xml')!
      .toString('utf8');
    expect(xml).toContain('SECRETB');
    expect(await main(['export', 'ok.md', '-o', 'redacted.docx'], io)).toBe(0);
    const all = [...unzip(readFileSync(path.join(dir, 'redacted.docx'))).values()].map((b) => b.toString('utf8')).join('');
    expect(SECRET.test(all)).toBe(false);
  });
});
