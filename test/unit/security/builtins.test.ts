/**
 * Reading a PDF leaves Node's built-ins as they were: pdf.js's bundled polyfills must not replace JSON.stringify,
 * JSON.parse or Array.prototype.push for the whole server (which made every later publish many times slower).
 */
import { expect, it } from 'vitest';
import { pdfToText } from '../../../server/src/parse/pdf';
import { fixtureBytes } from '../../helpers';

it('keeps JSON and Array built-ins intact after pdf.js loads, and still extracts text', async () => {
  const before = { stringify: JSON.stringify, parse: JSON.parse, push: Array.prototype.push, from: Array.from };
  const pdf = await pdfToText(fixtureBytes('real', 'adsk-0000000000-18-024031', 'staff.pdf'));
  expect(pdf.text).toContain('Revenue Recognition');
  expect({ stringify: JSON.stringify, parse: JSON.parse, push: Array.prototype.push, from: Array.from }).toEqual(before);
});
