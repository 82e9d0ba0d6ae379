import { describe, expect, it } from 'vitest';
import { exportDocx } from '../../../server/src/features/export';
import { CONFIDENTIAL, example, STRESS } from './drafts';
import { unzip } from './helpers';

/** The paragraphs of word/document.xml as { style, runs: [{ props, text }] }. */
function paragraphs(xml: string) {
  return [...xml.matchAll(/<w:p\b[^>]*>([\s\S]*?)<\/w:p>/g)].map((p) => {
    const body = p[1]!;
    const style = /<w:pStyle w:val="([^"]+)"/.exec(body)?.[1];
    const runs = [...body.matchAll(/<w:r\b[^>]*>([\s\S]*?)<\/w:r>/g)].map((r) => ({
      props: /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(r[1]!)?.[1] ?? '',
      text: [...r[1]!.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
    }));
    return { style, runs, text: runs.map((r) => r.text).join('') };
  });
}

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('Word export', () => {
  it('opens as a zip with the parts Word needs', async () => {
    const { bytes } = await exportDocx(example());
    expect(bytes[0]).toBe(0x50); // PK
    expect(bytes[1]).toBe(0x4b);
    const files = unzip(bytes);
    for (const part of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml']) expect(files.has(part), part).toBe(true);
  });

  it('keeps headings, bold comments, lists and the separator of the example', async () => {
    const xml = unzip((await exportDocx(example())).bytes)
      .get('word/document.xml')!
      .toString('utf8');
    const paras = paragraphs(xml);
    const heading = paras.find((p) => unescape(p.text) === 'Item 3. Key Information');
    // Captions ranked from the draft's highest level: ### is Heading 1, ##### Heading 3.
    expect(heading?.style).toBe('Heading1');
    expect(paras.find((p) => p.text === 'Goodwill, page 84')?.style).toBe('Heading3');
    const comment = paras.find((p) => p.text.startsWith('1. We continue to evaluate'));
    expect(comment).toBeDefined();
    expect(comment!.runs.every((r) => /<w:b\/>/.test(r.props))).toBe(true);
    const response = paras.find((p) => p.text.startsWith('Response: The Company respectfully advises'));
    expect(response!.runs.some((r) => /<w:b\/>/.test(r.props))).toBe(false);
    expect(xml).toMatch(/<w:numPr>/); // bullets
    expect(paras.some((p) => p.text === '* * *')).toBe(true);
    expect(xml).toContain('“Company”');
  });

  it('underline and strike runs, tables and page breaks', async () => {
    const xml = unzip((await exportDocx(STRESS)).bytes)
      .get('word/document.xml')!
      .toString('utf8');
    const runs = paragraphs(xml).flatMap((p) => p.runs);
    const underlined = runs.filter((r) => /<w:u w:val="single"\/>/.test(r.props)).map((r) => r.text);
    expect(underlined).toEqual(expect.arrayContaining(['under bold-under', 'inserted', 'kept underline', 'added', 'Goodwill', 'additions']));
    const struck = runs.filter((r) => /<w:strike\/>/.test(r.props)).map((r) => r.text);
    expect(struck).toEqual(expect.arrayContaining(['struck', 'deleted', 's-struck', 'old strike', '99']));
    expect(xml.match(/<w:tbl>/g)).toHaveLength(1);
    const cells = [...xml.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => [...c[1]!.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
    expect(cells).toEqual(['Item added', '2016', 'Cash bold', '1,234', 'Goodwill', '99']);
    expect(xml.match(/<w:br w:type="page"\/>/g)).toHaveLength(1);
    expect(xml).not.toMatch(/evil\.example|javascript:|alert\("block script"\)/);
  });

  it('confidential treatment: legend and number in the page header, redacted by default, unredacted on request', async () => {
    const redacted = unzip((await exportDocx(CONFIDENTIAL)).bytes);
    const doc = redacted.get('word/document.xml')!.toString('utf8');
    expect(doc).toContain('FOIA Confidential Treatment Request');
    expect(doc).not.toContain('41.2');
    expect(doc).toContain('[***]');
    const header = [...redacted.entries()].find(([name]) => /^word\/header\d*\.xml$/.test(name))?.[1].toString('utf8') ?? '';
    expect(header).toContain('Confidential Treatment Requested by Example Holdings, Inc.');
    expect(header).toContain('EXH-');
    expect(header).toMatch(/PAGE/);
    const unredacted = unzip((await exportDocx(CONFIDENTIAL, { redact: false })).bytes)
      .get('word/document.xml')!
      .toString('utf8');
    expect(
      unescape(
        paragraphs(unredacted)
          .map((p) => p.text)
          .join('\n'),
      ),
    ).toContain('revenue of [RMB 41.2 million] and [RMB 9.8 million]');
  });

  it('no front matter or comment anchors', async () => {
    for (const draft of [example(), STRESS, CONFIDENTIAL]) {
      const files = unzip((await exportDocx(draft)).bytes);
      const xml = [...files.entries()]
        .filter(([n]) => n.startsWith('word/'))
        .map(([, b]) => b.toString('utf8'))
        .join('\n');
      expect(xml).not.toMatch(/corresp:|staff-letter|zz-unique|Frontmatter Unique|2099-12-31|confidential-treatment/);
      expect(xml).not.toContain('&lt;!--');
      expect(xml).not.toMatch(/comment 1[78]\b/);
    }
  });
});

describe('Word export: characters XML 1.0 forbids', () => {
  /** What no XML 1.0 document may hold, raw or as a character reference. */
  const FORBIDDEN =
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|&#(?:x0*(?:[0-8bce-f]|1[0-9a-f]|fff[ef])|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]|6553[45]));/i;

  it('U+FFFE, U+FFFF, NUL and other C0 controls never reach the document; the words around them stay', async () => {
    const draft = [
      '# Head\uffffing',
      '',
      'Revenue\ufffe was \u0000up\u0001 \u000b12%\uffff in 2016 \ud800 lone.',
      '',
      '| a\uffff | b\u0007 |',
      '|---|---|',
      '| c\ufffe | d |',
      '',
      '```',
      'code\uffff\u0002',
      '```',
      '',
      '<!-- confidential-treatment: Acme\uffff Inc. -->',
      '',
      '- item\ufffe one',
    ].join('\n');
    const files = unzip((await exportDocx(draft, { title: 'Title\uffff' })).bytes);
    for (const [name, bytes] of files) {
      if (!/\.(?:xml|rels)$/.test(name)) continue;
      const xml = bytes.toString('utf8');
      expect(FORBIDDEN.exec(xml)?.[0], name).toBeUndefined();
    }
    const text = unescape(
      paragraphs(files.get('word/document.xml')!.toString('utf8'))
        .map((p) => p.text)
        .join('\n'),
    );
    for (const words of ['Head\ufffding', 'Revenue\ufffd was \ufffdup 12%\ufffd in 2016 \ufffd lone.', 'code\ufffd', 'item\ufffd one'])
      expect(text).toContain(words);
  });
});
