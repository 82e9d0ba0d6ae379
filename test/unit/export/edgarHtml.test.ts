import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EDGAR_HTML, edgarAllows, exportHtml, readDraft } from '../../../server/src/features/export';
import { CONFIDENTIAL, example, STRESS } from './drafts';
import { elementsNamed, markedSegments, norm, parseHtml, textOf, writtenElements } from './helpers';
import { params } from '../../runs';

/**
 * Tags and attributes EDGAR refuses (Arelle's EFM-htm validator `disallowedElements`, active content, external
 * references), listed here independently of the exporter's own table.
 */
const FORBIDDEN_TAGS = [
  'script',
  'style',
  'iframe',
  'frame',
  'object',
  'embed',
  'applet',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'link',
  'meta',
  'base',
  'del',
  'ins',
  's',
  'span',
  'div',
  'font',
  'tbody',
  'thead',
  'tfoot',
  'col',
  'colgroup',
  'noscript',
  'svg',
];

function checkEdgar(html: string, minElements = 6): void {
  // 1. Every tag in the text (parsed or not) is in the table.
  for (const m of html.matchAll(/<\/?([A-Za-z][A-Za-z0-9]*)/g)) {
    const tag = m[1]!.toLowerCase();
    expect(EDGAR_HTML, `tag <${tag}>`).toHaveProperty(tag);
    expect(FORBIDDEN_TAGS).not.toContain(tag);
  }
  // 2. Parsed: every written element and each of its attributes (with its value) is allowed.
  const tree = parseHtml(html);
  const elements = writtenElements(tree);
  expect(elements.length).toBeGreaterThanOrEqual(minElements);
  for (const el of elements) {
    expect(edgarAllows(el.tagName), `<${el.tagName}>`).toBe(true);
    for (const [name, value] of Object.entries(el.properties ?? {})) {
      const attr = name === 'className' ? 'class' : name.toLowerCase();
      const v = Array.isArray(value) ? value.join(' ') : String(value);
      expect(attr.startsWith('on'), `event handler ${attr}`).toBe(false);
      expect(edgarAllows(el.tagName, attr, v), `${attr}="${v}" on <${el.tagName}>`).toBe(true);
      // 3. No active content or external references in any attribute.
      expect(v).not.toMatch(/javascript:|vbscript:|data:/i);
      if (attr === 'href') expect(v).toMatch(/^https?:\/\/www\.sec\.gov\/Archives\/edgar\/data\//);
      if (attr === 'src') expect(v).toMatch(/^[a-z0-9][a-z0-9._-]*\.(?:gif|jpg)$/);
    }
  }
  // 4. The file itself is ASCII (everything else as numeric references).
  expect([...html].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
}

describe('EDGAR HTML: only the allowed elements and attributes', () => {
  it('the example response', () => {
    const { text } = exportHtml(example());
    checkEdgar(text);
    const tree = parseHtml(text);
    // Captions are paragraphs at the body's size: the top level bold, the next underlined, deeper ones italic.
    expect(elementsNamed(tree, 'h1', 'h2', 'h3', 'h4', 'h5', 'h6')).toEqual([]);
    expect(text).toContain('<P><B>Item 3. Key Information</B></P>');
    expect(text).toContain('<P><U>A. Selected Financial Data, page 3</U></P>');
    expect(text).toContain('<P><I>Goodwill, page 84</I></P>');
    expect(
      elementsNamed(tree, 'b')
        .map((b) => textOf(b))
        .join(' '),
    ).toContain('We continue to evaluate your response to prior comment 1');
    expect(elementsNamed(tree, 'li')).toHaveLength(3);
    expect(text).toContain('&#8220;Company&#8221;');
  });

  it('a hostile draft: scripts, frames, handlers, javascript: links, external images, styles, raw HTML blocks', () => {
    const { text, notes } = exportHtml(STRESS);
    checkEdgar(text);
    // Every javascript: and external address of this draft was markup or a link target: none is left, not even as text.
    expect(text).not.toMatch(/javascript:/i);
    expect(text).not.toMatch(/\son[a-z]+\s*=/i);
    for (const m of text.matchAll(/(?:https?:|ftp:|\/\/)[^\s"<>]*/gi)) expect(m[0]).toMatch(/^https?:\/\/www\.sec\.gov\/Archives\/edgar\/data\//);
    expect(text).not.toMatch(/evil\.example/);
    expect(text).not.toMatch(/alert\((?:'h'|"block script"|1|2|'cell')\)/);
    expect(text).not.toContain('inline script');
    expect(notes.some((n) => /<script>/.test(n))).toBe(true);
    expect(notes.some((n) => /javascript:alert\(2\)/.test(n))).toBe(true);
    expect(notes.some((n) => /evil\.example\/logo\.gif/.test(n))).toBe(true);
    // The words around the dropped markup stay.
    const words = norm(textOf(parseHtml(text)));
    for (const kept of [
      'Heading kept',
      'Div text kept underline',
      'Text with span and js link and md js and external and edgar',
      'Raw paragraph with italic text',
    ]) {
      expect(words).toContain(kept);
    }
    // Code stays as escaped text, never as markup.
    expect(text).toContain("<PRE>&lt;script&gt;alert('code')&lt;/script&gt;</PRE>");
    // The one allowed link and the one allowed image.
    const tree = parseHtml(text);
    expect(elementsNamed(tree, 'a').map((a) => a.properties?.href)).toEqual(['https://www.sec.gov/Archives/edgar/data/1000180/000100018017000001/a.htm']);
    expect(elementsNamed(tree, 'img').map((i) => i.properties?.src)).toEqual(['logo.jpg']);
  });

  it('any mix of Markdown and hostile HTML yields only allowed HTML (property)', () => {
    const tokens = [
      'text',
      ' ',
      '\n',
      '\n\n',
      '**',
      '*',
      '_',
      '~~',
      '`',
      '<u>',
      '</u>',
      '<s>',
      '</s>',
      '<del>',
      '</del>',
      '<ins>',
      '<b>',
      '</b>',
      '<i>',
      '<sup>',
      '<sub>',
      '<br>',
      '<script>',
      '</script>',
      'alert(1)',
      '<style>',
      '</style>',
      '<iframe src="https://evil.example/">',
      '</iframe>',
      '<img src=x onerror=alert(1)>',
      '<div onclick="x()">',
      '</div>',
      '<a href="javascript:alert(1)">',
      '</a>',
      '[link](javascript:alert(1))',
      '[ext](https://evil.example/)',
      '![img](https://evil.example/x.gif)',
      '![ok](ok.gif)',
      '\n---\n',
      '\n* * *\n',
      '<!-- pagebreak -->',
      '<!-- comment 3 -->',
      '\n| a | b |\n|---|---|\n| <u>c</u> | d |\n',
      '\n- item',
      '\n1. item',
      '\n> quote',
      '\n```\ncode <script>\n```\n',
      '[[confidential: secret]]',
      '[[confidential:',
      ']]',
      '&amp;',
      '&#0;',
      '\u0000',
      '\u2028',
      '“',
      '¥',
      '<',
      '>',
      '"',
      "'",
      '<!--',
      '-->',
      '<![CDATA[',
      '<?x ?>',
      '<p style="x" onload=y>',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 40 }), (parts) => {
        const { text, refused } = exportHtml(parts.join(''));
        // A [[confidential: left open, or one inside another, refuses the export: nothing at all is written.
        if (refused) expect(text).toBe('');
        else checkEdgar(text, 4);
        expect(text).not.toContain('secret');
      }),
      params(150),
    );
  });

  it('nested emphasis nests tags properly, and marks become B, I, U, STRIKE, SUP, SUB', () => {
    const { text } = exportHtml(STRESS);
    expect(text).toContain(
      '<B>17. Bold comment with <I>nested deep emphasis</I> and <U>under bold-under</U>, <STRIKE>struck</STRIKE>, <STRIKE>deleted</STRIKE>, <STRIKE>s-struck</STRIKE>, <U>inserted</U>, <STRIKE>old strike</STRIKE>.</B>',
    );
    expect(text).toContain('x<SUP>1</SUP> H<SUB>2</SUB>O<BR>');
    const tree = parseHtml(text);
    expect(markedSegments(tree, 'u')).toEqual(['under bold-under', 'inserted', 'kept underline', 'added', 'Goodwill', 'additions']);
    expect(markedSegments(tree, 'strike')).toEqual(['struck', 'deleted', 's-struck', 'old strike', '99']);
  });

  it('tables keep their cells, alignment and header row', () => {
    const tree = parseHtml(exportHtml(STRESS).text);
    const rows = elementsNamed(tree, 'tr').map((tr) => elementsNamed({ type: 'root', children: [tr] }, 'td', 'th').map((c) => norm(textOf(c))));
    expect(rows).toEqual([
      ['Item added', '2016'],
      ['Cash bold', '1,234'],
      ['Goodwill', '99'],
    ]);
    expect(elementsNamed(tree, 'th').map((c) => c.properties?.align)).toEqual(['left', 'right']);
  });

  it('text is escaped: literal markup in the draft stays text', () => {
    const { text } = exportHtml(STRESS);
    expect(text).toContain('Last paragraph &lt;u&gt;escaped&lt;/u&gt; &amp;');
    expect(text).toContain('5 &lt; 6 &gt; 4 &quot;quoted&quot; &#8216;smart&#8217; &#8211; &#8212; &#8230; &#165; &#21271;&#20140;.');
  });

  it('page breaks: --- and <!-- pagebreak --> become a page-breaking HR; * * * stays a separator', () => {
    const conf = exportHtml(CONFIDENTIAL).text;
    expect(conf.match(/<HR STYLE="page-break-after:always">/g)).toHaveLength(2);
    const ex = exportHtml(example()).text;
    expect(ex).not.toContain('<HR');
    expect(ex).toContain('<P ALIGN="center">* * *</P>');
  });
});

describe('confidential treatment', () => {
  it('the EDGAR copy withholds [[confidential: …]] text and marks every page', () => {
    const { text } = exportHtml(CONFIDENTIAL);
    checkEdgar(text);
    expect(text).not.toContain('41.2');
    expect(text).not.toContain('9.8');
    expect(text).toContain('revenue of [***] and [***] from the two customers');
    for (const n of [1, 2, 3])
      expect(text).toContain(`<P ALIGN="right"><B>Confidential Treatment Requested by Example Holdings, Inc.</B><BR><B>EXH-${n}</B></P>`);
    expect(text.match(/Confidential Treatment Requested by/g)).toHaveLength(3);
    expect(text.match(/FOIA Confidential Treatment Request/g)).toHaveLength(1);
    expect(text).toMatch(/\[Certain information in this letter has been omitted[^\]]*\]/);
  });

  it('the unredacted model keeps the text in brackets (Word drafts only)', () => {
    const draft = readDraft(CONFIDENTIAL, { redact: false });
    const para = draft.blocks.find((b) => b.kind === 'paragraph' && b.content.some((i) => i.kind === 'text' && i.text.includes('41.2')));
    expect(para).toBeDefined();
    const text = para!.kind === 'paragraph' ? para!.content.map((i) => (i.kind === 'text' ? i.text : '')).join('') : '';
    expect(text).toBe('Response: The Company recognized revenue of [RMB 41.2 million] and [RMB 9.8 million] from the two customers.');
    expect(draft.confidentialSpans).toBe(2);
  });

  it('an unclosed [[confidential: refuses the export, naming the line where it opened', () => {
    const { text, refused } = exportHtml('Revenue was [[confidential: RMB 41.2 million in 2016.\n\nNext paragraph.');
    expect(text).toBe('');
    expect(refused).toEqual({ line: 1, message: expect.stringMatching(/never closed with \]\]; nothing was exported/) });
  });
});

describe('front matter and comment anchors never reach the output', () => {
  it('HTML', () => {
    for (const draft of [example(), STRESS, CONFIDENTIAL]) {
      const { text } = exportHtml(draft);
      expect(text).not.toMatch(/corresp:|staff-letter|zz-unique|Frontmatter Unique|2099-12-31|confidential-treatment/);
      expect(text).not.toContain('<!--');
      expect(text).not.toMatch(/comment 1[78]\b/);
      expect(text.startsWith('<HTML>')).toBe(true);
    }
  });
});
