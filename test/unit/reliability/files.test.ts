/**
 * Files as they arrive: empty, binary, invalid UTF-8, UTF-16 with and without a byte-order mark, CRLF and CR line
 * endings (positions stay right), a 50 MB file (refused quickly, without being read), encrypted, truncated and
 * image-only PDFs, and hostile HTML (scripts and styles never read as text, nothing fetched, nothing run).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { importLetter } from '../../../server/src/features/importLetter';
import { htmlToBlocks } from '../../../server/src/parse/html';
import { pdfToText } from '../../../server/src/parse/pdf';
import { MAX_TEXT_BYTES, readLetterBytes, readLetterText, responseOf, staffLetterOf } from '../../../server/src/letters/read';
import { LineIndex } from '../../../server/src/text/lineIndex';
import { loadLetter } from '../../../server/src/workspace/files';
import { fixture, fixtureBytes, FIXTURES } from '../../helpers';
import { cleanup, cli, expectCleanFailure, tempDir } from './cliHarness';
import { analyseBytes, params, tallyAsync, withoutNetwork, writeReport } from './helpers';
import { encryptedPdf, imageOnlyPdf, textPdf } from './pdfs';

afterAll(() => {
  cleanup();
  writeReport(__filename);
});

const SEED = fixture('seeds', 'staff-letter-2017-08-16.txt');
const utf8 = (s: string) => new TextEncoder().encode(s);
const commentsOf = (name: string, bytes: Uint8Array) =>
  readLetterBytes(name, bytes).then((f) => staffLetterOf(f).comments.map((c) => ({ number: c.number, text: c.text })));

function utf16(text: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  let at = 0;
  const put = (u: number) => {
    out[at++] = order === 'le' ? u & 0xff : u >> 8;
    out[at++] = order === 'le' ? u >> 8 : u & 0xff;
  };
  if (bom) put(0xfeff);
  for (let i = 0; i < text.length; i++) put(text.charCodeAt(i));
  return out;
}

const withEol = (text: string, eol: string) => text.replace(/\r\n|\r|\n/g, eol);

describe('empty files', () => {
  for (const ext of ['txt', 'md', 'htm', 'text', 'markdown', 'html', '']) {
    it(`an empty ${ext || 'extensionless'} file is a letter with no comments`, async () => {
      const f = await readLetterBytes(`empty${ext ? `.${ext}` : ''}`, new Uint8Array());
      expect(f.blocks).toEqual([]);
      expect(f.failure).toBeUndefined();
      expect(staffLetterOf(f).comments).toEqual([]);
      expect(responseOf(f).anchors).toEqual([]);
    });
  }

  it('an empty .pdf says it is not a PDF', async () => {
    const f = await readLetterBytes('empty.pdf', new Uint8Array());
    expect(f.failure).toMatch(/not a PDF.*nothing is extractable/);
  });

  it('the CLI: comments of an empty .txt is 0 comments; of an empty .pdf a one-line failure', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'empty.txt'), '');
    fs.writeFileSync(path.join(dir, 'empty.pdf'), '');
    const txt = await cli(dir, 'comments', 'empty.txt');
    expect(txt.code).toBe(0);
    expect(txt.out).toMatch(/^empty\.txt: 0 comments/);
    expectCleanFailure(await cli(dir, 'comments', 'empty.pdf'), 'empty.pdf');
  });
});

describe('binary files', () => {
  it('random bytes never throw, give the same result twice, and NUL bytes make a binary file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.constantFrom('x.txt', 'x.md', 'x.htm', 'x.pdf', 'x', 'x.docx'), async (bytes, name) => {
        const a = await tallyAsync(`readLetterBytes(${path.extname(name) || 'none'})`, bytes.length, () => analyseBytes(name, bytes));
        expect(await analyseBytes(name, bytes)).toEqual(a);
        const f = await readLetterBytes(name, bytes);
        if (name === 'x.docx') expect(f.failure).toMatch(/^(?:not a Word document|a damaged Word document|a Word 97–2003 document)/);
        else if (name !== 'x.pdf' && bytes.includes(0) && !/UTF-16/.test(f.notes.join(' '))) expect(f.failure).toBe('a binary file, not a letter');
      }),
      params(80),
    );
  });

  const PNG = Uint8Array.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
  ]);
  for (const [name, bytes] of [
    ['a PNG named .txt', PNG],
    ['a PNG named .png', PNG],
    ['NUL bytes in a letter', utf8(`${SEED.slice(0, 500)}\u0000\u0000${SEED.slice(500)}`)],
    ['all NUL', new Uint8Array(4096)],
  ] as const) {
    it(`${name}: "a binary file, not a letter", and a one-line CLI failure`, async () => {
      const file = name.includes('.png') ? 'image.png' : 'letter.txt';
      const f = await readLetterBytes(file, bytes);
      expect(f.failure).toBe('a binary file, not a letter');
      expect(f.blocks).toEqual([]);
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, file), bytes);
      const r = await cli(dir, 'comments', file);
      expectCleanFailure(r, file);
      expect(r.err).toContain('binary');
    });
  }
});

describe('encodings', () => {
  it('invalid UTF-8 bytes are replaced, noted, and the comments still read', async () => {
    const bytes = utf8(SEED);
    const broken = new Uint8Array(bytes.length + 6);
    broken.set(bytes.subarray(0, 2000));
    broken.set([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1], 2000);
    broken.set(bytes.subarray(2000), 2006);
    const f = await readLetterBytes('seed.txt', broken);
    expect(f.failure).toBeUndefined();
    expect(f.notes.join(' ')).toMatch(/not valid UTF-8/);
    expect(staffLetterOf(f).comments.map((c) => c.number)).toEqual([1, 2, 3, 4, 5]);
  });

  it('Windows-1252 smart quotes read as Windows-1252', async () => {
    const latin = Uint8Array.from('Dear Sir:\n\n1. We note the \u0093clean-up\u0094 of receivables. Tell us why.\n', (c) => c.charCodeAt(0));
    const f = await readLetterBytes('old.txt', latin);
    expect(f.notes.join(' ')).toMatch(/Windows-1252/);
    expect(f.text).toContain('“clean-up”');
  });

  for (const [what, bytes] of [
    ['UTF-16 LE with a BOM', utf16(SEED, 'le', true)],
    ['UTF-16 BE with a BOM', utf16(SEED, 'be', true)],
    ['UTF-16 LE without a BOM', utf16(SEED, 'le', false)],
    ['UTF-16 BE without a BOM', utf16(SEED, 'be', false)],
    ['UTF-8 with a BOM', Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(SEED)])],
  ] as const) {
    it(`${what}: the same comments as UTF-8`, async () => {
      expect(await commentsOf('seed.txt', bytes)).toEqual(await commentsOf('seed.txt', utf8(SEED)));
      const f = await readLetterBytes('seed.txt', bytes);
      if (/without/.test(what)) expect(f.notes.join(' ')).toMatch(/without a byte-order mark/);
    });
  }

  it('a Markdown draft in UTF-16 keeps its front matter', async () => {
    const md = '---\nstaff-letter: ./staff.txt\ncorresp: response\n---\n\n# Comment 1\n\nDone.\n';
    for (const bytes of [utf16(md, 'le', true), utf16(md, 'be', true)]) {
      const f = await readLetterBytes('draft.md', bytes);
      expect(f.frontMatter?.data['staff-letter']).toBe('./staff.txt');
      expect(responseOf(f).anchors.map((a) => a.numbers)).toEqual([[1]]);
    }
  });
});

describe('CRLF and CR line endings: positions stay right', () => {
  const md = importLetter(readLetterText('seed.txt', SEED), { sourceName: 'seed.txt' }).markdown;
  const html = fixture('real', 'abbv-0000000000-18-013671', 'response.htm');
  const letters: Array<[string, string]> = [
    ['seed.txt', SEED],
    ['seed.md', md],
    ['response.htm', html],
  ];
  for (const [name, text] of letters) {
    it(`${name}: comments start at the same line and column with LF, CRLF and CR`, () => {
      const at = (eol: string) => {
        const t = withEol(text, eol);
        const lines = new LineIndex(t);
        const letter = staffLetterOf(readLetterText(name, t));
        return letter.comments.map((c) => ({ number: c.number, text: c.text, start: lines.positionAt(c.start), head: lines.positionAt(c.head.end) }));
      };
      const lf = at('\n');
      expect(lf.length).toBeGreaterThan(0);
      expect(at('\r\n')).toEqual(lf);
      expect(at('\r')).toEqual(lf);
    });
  }

  it('LineIndex: offset ⇄ position round trips for LF, CRLF, CR and mixed endings', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r')), { maxLength: 30 }), (parts) => {
        // Each line holds at least one character, so that a CR and the next line's LF never read as one CRLF.
        const clean = (s: string) => `x${s.replace(/[\r\n]/g, '')}`;
        const text = parts.map(([s, e]) => clean(s) + e).join('');
        const lines = new LineIndex(text);
        expect(lines.lineCount).toBe(parts.length + 1);
        let offset = 0;
        parts.forEach(([s], i) => {
          const content = clean(s);
          expect(lines.positionAt(offset)).toEqual({ line: i, character: 0 });
          expect(lines.lineText(i)).toBe(content);
          expect(lines.offsetAt({ line: i, character: content.length })).toBe(offset + content.length);
          offset += content.length + parts[i]![1].length;
        });
      }),
      params(200),
    );
  });

  it('the CLI gives the same comment lines for LF, CRLF and CR versions of a letter', async () => {
    const dir = tempDir();
    const lines: Record<string, unknown> = {};
    for (const [eol, tag] of [
      ['\n', 'lf'],
      ['\r\n', 'crlf'],
      ['\r', 'cr'],
    ] as const) {
      for (const [name, text] of [
        ['seed.txt', SEED],
        ['seed.md', md],
      ] as const) {
        const file = `${tag}-${name}`;
        fs.writeFileSync(path.join(dir, file), withEol(text, eol));
        const r = await cli(dir, 'comments', file, '--format', 'json');
        expect(r.code, r.err).toBe(0);
        lines[`${tag} ${name}`] = (JSON.parse(r.out) as { comments: Array<{ number: number; line: number }> }).comments.map((c) => [c.number, c.line]);
      }
    }
    for (const name of ['seed.txt', 'seed.md']) {
      expect(lines[`crlf ${name}`]).toEqual(lines[`lf ${name}`]);
      expect(lines[`cr ${name}`]).toEqual(lines[`lf ${name}`]);
    }
    // The seed letter's comment 1 is on line 39 of the text file.
    expect((lines['lf seed.txt'] as number[][])[0]).toEqual([1, 39]);
  });

  it('the CLI check gives the same line:column diagnostics for LF, CRLF and CR drafts', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'staff.txt'), SEED);
    const draft =
      '---\nstaff-letter: ./staff.txt\ncorresp: response\n---\n\n# Comment 1\n\n**We continue to evaluate your response to prior comment 1**\n\nResponse: TBD\n\n# Comment 9\n\nDone.\n';
    const outs: string[] = [];
    for (const [eol, tag] of [
      ['\n', 'lf'],
      ['\r\n', 'crlf'],
      ['\r', 'cr'],
    ] as const) {
      fs.writeFileSync(path.join(dir, `${tag}.md`), withEol(draft, eol));
      const r = await cli(dir, 'check', `${tag}.md`, '--format', 'json');
      expect(r.err).not.toMatch(/internal error/);
      outs.push(r.out.replaceAll(`${tag}.md`, 'draft.md'));
      // One draft at a time: two beside each other answering one staff letter would be told of each other.
      fs.rmSync(path.join(dir, `${tag}.md`));
    }
    expect(outs[1]).toBe(outs[0]);
    expect(outs[2]).toBe(outs[0]);
    expect(outs[0]).toContain('"line": 12'); // "# Comment 9" is on line 12: no such comment
  });
});

describe('a 50 MB file', () => {
  function sparse(dir: string, name: string, bytes: number): string {
    const file = path.join(dir, name);
    const fd = fs.openSync(file, 'w');
    try {
      fs.writeSync(fd, 'Dear Sir:\n\n1. We note', 0, 'utf8');
      fs.ftruncateSync(fd, bytes); // a sparse file: no 50 MB written to disk
    } finally {
      fs.closeSync(fd);
    }
    return file;
  }

  for (const [name, size] of [
    ['big.txt', 50 * 1024 * 1024],
    ['big.md', 50 * 1024 * 1024],
    ['big.htm', 50 * 1024 * 1024],
    ['big.pdf', 70 * 1024 * 1024],
    ['big.docx', 70 * 1024 * 1024],
  ] as const) {
    it(`${name}: "too large to analyse", without reading it`, async () => {
      const dir = tempDir();
      const file = sparse(dir, name, size);
      const readFile = vi.spyOn(fs.promises, 'readFile');
      const open = vi.spyOn(fs.promises, 'open');
      try {
        const f = await loadLetter(file);
        expect(f.failure).toMatch(/^too large to analyse \(\d+\.\d MB; the limit is \d+ MB\)$/);
        expect(f.blocks).toEqual([]);
        const r = await cli(dir, 'comments', name);
        expectCleanFailure(r, name);
        expect(r.err).toMatch(/too large to analyse/);
        expect(readFile).not.toHaveBeenCalled();
        expect(open).not.toHaveBeenCalled();
      } finally {
        readFile.mockRestore();
        open.mockRestore();
      }
    });
  }

  it('text and bytes over the limit handed in directly are refused before they are parsed', async () => {
    const text = 'x'.repeat(MAX_TEXT_BYTES + 1);
    expect(readLetterText('big.md', text).failure).toMatch(/too large to analyse/);
    expect((await readLetterBytes('big.txt', new Uint8Array(MAX_TEXT_BYTES + 1))).failure).toMatch(/too large to analyse/);
  });
});

describe('PDFs that hold no text', () => {
  const staffPdf = fixtureBytes('real', 'a-0000000000-16-092800', 'staff.pdf');
  const cases: Array<[string, Uint8Array, RegExp]> = [
    ['an encrypted PDF', encryptedPdf(), /encrypted and needs a password; nothing is extractable/],
    ['a PDF truncated to 1 KB', staffPdf.slice(0, 1024), /corrupt or truncated\); nothing is extractable/],
    ['a PDF truncated to half', staffPdf.slice(0, staffPdf.length >> 1), /nothing is extractable/],
    ['an image-only PDF (one page, no text operators)', imageOnlyPdf(), /no text layer \(scanned or image-only\); nothing is extractable/],
    ['"%PDF-" and garbage', Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0xff, 0x00, 0x13]), /nothing is extractable/],
    ['a file named .pdf that is not one', utf8(SEED), /not a PDF \(it does not start with %PDF\); nothing is extractable/],
  ];
  for (const [what, bytes, message] of cases) {
    it(`${what}: a clear message, and a one-line CLI failure`, async () => {
      const f = await tallyAsync('readLetterBytes(.pdf)', bytes.length, () => readLetterBytes('letter.pdf', bytes));
      expect(f.failure).toMatch(message);
      expect(f.blocks).toEqual([]);
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, 'letter.pdf'), bytes);
      const r = await cli(dir, 'comments', 'letter.pdf');
      expectCleanFailure(r, 'letter.pdf');
      expect(r.err).toMatch(message);
    });
  }

  it('a hand-made PDF with text reads back its text (the generator is sound)', async () => {
    const r = await pdfToText(textPdf([['Dear Sir:', '1. Please tell us why.'], ['Sincerely,']]));
    expect(r.failure).toBeUndefined();
    expect(r.text).toContain('1. Please tell us why.');
    expect(r.pages).toBe(2);
  });

  it('truncating a real PDF anywhere never throws and gives text or a clear failure', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: staffPdf.length }), async (cut) => {
        const f = await tallyAsync('pdfToText (truncated)', cut, () => pdfToText(staffPdf.slice(0, cut)));
        expect(f.failure === undefined ? f.text.length > 0 : /nothing is extractable/.test(f.failure)).toBe(true);
      }),
      params(12),
    );
  });

  it('random bytes after "%PDF-" never throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (tail) => {
        const bytes = Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, ...tail]);
        const f = await tallyAsync('pdfToText (random)', bytes.length, () => pdfToText(bytes));
        // A plain one-line reason (no stack, no pdf.js internals), or text.
        if (f.failure !== undefined) expect(f.failure).toMatch(/^[^\n]+; nothing is extractable$/);
        else expect(f.text.trim()).not.toBe('');
      }),
      params(20),
    );
  });
});

describe('hostile HTML', () => {
  const HOSTILE = fixture('hostile', 'hostile.htm');
  const MARKERS = [
    'SCRIPT-BODY-TEXT',
    'SCRIPT-TITLE-TEXT',
    'STYLE-BODY-TEXT',
    'SVG-SCRIPT-TEXT',
    'SCRIPT-AT-END-TEXT',
    'IFRAME-FALLBACK-TEXT',
    'NOSCRIPT-TEXT',
    'TEMPLATE-TEXT',
    'INPUT-VALUE-TEXT',
    'BUTTON-TEXT',
    'javascript:',
    'example.invalid',
    '__correspPwned',
  ];

  it("scripts, styles, frames and attributes never become text; the letter's words do", async () => {
    delete (globalThis as { __correspPwned?: string }).__correspPwned;
    const blocks = await withoutNetwork(() => htmlToBlocks(HOSTILE));
    const text = blocks.map((b) => b.text).join('\n');
    for (const m of MARKERS) expect(text).not.toContain(m);
    expect(text).toContain('Please tell us why revenue rose');
    expect(text).toContain('Provide us with your analysis of the goodwill test.');
    expect((globalThis as { __correspPwned?: string }).__correspPwned).toBeUndefined();
  });

  it('the same through readLetterBytes, the staff letter, and the CLI (comments, import): nothing fetched, nothing run', async () => {
    delete (globalThis as { __correspPwned?: string }).__correspPwned;
    const dir = tempDir();
    fs.copyFileSync(path.join(FIXTURES, 'hostile', 'hostile.htm'), path.join(dir, 'hostile.htm'));
    await withoutNetwork(async () => {
      const f = await readLetterBytes('hostile.htm', utf8(HOSTILE));
      const letter = staffLetterOf(f);
      expect(letter.comments.map((c) => c.number)).toEqual([1, 2]);
      for (const c of letter.comments) for (const m of MARKERS) expect(c.text).not.toContain(m);
      const comments = await cli(dir, 'comments', 'hostile.htm', '--format', 'json');
      expect(comments.code, comments.err).toBe(0);
      const imported = await cli(dir, 'import', 'hostile.htm');
      expect(imported.code, imported.err).toBe(0);
      for (const m of MARKERS.filter((x) => x !== 'example.invalid')) {
        expect(comments.out).not.toContain(m);
        expect(imported.out).not.toContain(m);
      }
    });
    expect((globalThis as { __correspPwned?: string }).__correspPwned).toBeUndefined();
  });

  it('the network guard itself catches a request, through named and default imports and fetch', async () => {
    const { get } = await import('node:http');
    const https = (await import('node:https')).default;
    // `get` was taken before the guard: the socket underneath is caught instead.
    await expect(withoutNetwork(() => void get('http://example.invalid/'))).rejects.toThrow(/network use: (?:http.get|net.Socket.connect)/);
    await expect(withoutNetwork(() => void https.request('https://example.invalid/'))).rejects.toThrow(/network use: https.request/);
    await expect(withoutNetwork(() => fetch('http://example.invalid/'))).rejects.toThrow(/network use: fetch/);
  });

  it('HTML nested 20,000 deep keeps its words (plain-text reading), scripts still dropped', () => {
    const deep = `${'<div>'.repeat(20_000)}<p>Dear Sir:</p><p>1. Please tell us <b>why</b>.</p><script>SCRIPT-BODY-TEXT</script><style>STYLE-BODY-TEXT</style>`;
    const text = htmlToBlocks(deep)
      .map((b) => b.text)
      .join('\n');
    expect(text).toContain('1. Please tell us why.');
    expect(text).not.toContain('SCRIPT-BODY-TEXT');
    expect(text).not.toContain('STYLE-BODY-TEXT');
  });
});
