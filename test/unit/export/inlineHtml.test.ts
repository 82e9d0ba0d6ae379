/**
 * Embedded and form elements in prose (`<object>`, `<select>`, `<button>`, `<iframe>`, `<video>` …): the element is
 * dropped and the words of the paragraph kept, in every export, whether or not the element is closed.
 */
import { describe, expect, it } from 'vitest';
import { exportAscii, exportDocx, exportHtml } from '../../../server/src/features/export';
import { unzip } from './helpers';

const ELEMENTS = [
  'object data="x.swf"',
  'embed src="x.swf"',
  'select',
  'button',
  'iframe src="https://evil.example/"',
  'video src="v.mp4"',
  'audio',
  'canvas',
  'textarea',
  'applet',
  'svg',
  'map',
];

async function outputs(markdown: string): Promise<Record<string, string>> {
  const xml = unzip((await exportDocx(markdown)).bytes)
    .get('word/document.xml')!
    .toString('utf8');
  return {
    html: exportHtml(markdown).text.replace(/<[^>]*>/g, ' '),
    txt: exportAscii(markdown).text,
    docx: [...xml.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' '),
  };
}

const words = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('an embedded or form element in prose is dropped, the rest of its paragraph kept', () => {
  for (const element of ELEMENTS) {
    const name = element.split(' ')[0]!;
    it(`<${name}> left open: every later word is exported`, async () => {
      const draft = `Before the element <${element}> and every word after it stays.\n\nNext paragraph.\n`;
      for (const [format, text] of Object.entries(await outputs(draft))) {
        expect(words(text), format).toContain('Before the element and every word after it stays.');
        expect(words(text), format).toContain('Next paragraph.');
        expect(text, format).not.toContain(`<${name}`);
      }
    });

    it(`<${name}>…</${name}> closed: its content is dropped, the words after it kept`, async () => {
      const draft = `Before <${element}>INSIDE</${name}> after the element.\n`;
      for (const [format, text] of Object.entries(await outputs(draft))) {
        expect(words(text), format).toContain('Before after the element.');
        expect(text, format).not.toContain('INSIDE');
      }
    });
  }

  it('in a raw HTML block too, for an element with no end tag', async () => {
    const draft = '<div>Block <object data="x"> words after <b>bold</b></div>\n\n<p>Para <select> select words</p>\n';
    for (const [format, text] of Object.entries(await outputs(draft))) {
      expect(words(text), format).toContain('words after bold');
      expect(words(text), format).toContain('select words');
    }
  });

  it('a script is still dropped to its end, closed or not', async () => {
    for (const draft of ['A <script>alert(1)</script> after.\n', 'A <script>alert(1) after.\n', '<div>A <script>alert(1)</div>\n']) {
      for (const [format, text] of Object.entries(await outputs(draft))) expect(text, format).not.toContain('alert');
    }
  });
});
