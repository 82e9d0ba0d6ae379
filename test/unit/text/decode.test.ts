/**
 * Windows-1252 decoding over all 256 bytes. decode.ts maps 0x80–0x9F itself because Node's TextDecoder('windows-1252')
 * decodes them as C1 controls (ISO-8859-1; nodejs/node#56542): on Node 20.20.2 with ICU 78.2, 27 of those 32 bytes
 * differ from the Encoding Standard. Were decode.ts to hand them to TextDecoder, the first test would fail there.
 */
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../server/src/text/decode';

// WHATWG index-windows-1252 for 0x80–0x9F, written out from the Encoding Standard (not from decode.ts's table).
const WHATWG_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

const allTextBytes = Uint8Array.from({ length: 256 - 0x20 }, (_, i) => i + 0x20);

describe('Windows-1252', () => {
  it('decodes every byte as the Encoding Standard does (curly quotes, dashes, €, ™ in old EDGAR letters)', () => {
    const { text, encoding } = decodeText(allTextBytes, 'windows-1252');
    expect(encoding).toBe('windows-1252');
    const expected = Array.from(allTextBytes, (b) => (b >= 0x80 && b <= 0x9f ? WHATWG_HIGH[b - 0x80]! : String.fromCharCode(b))).join('');
    expect(text).toBe(expected);
  });

  it('falls back to Windows-1252 for invalid UTF-8 made of lone high bytes', () => {
    const bytes = Uint8Array.from([...Buffer.from('We note your response '), 0x93, ...Buffer.from('Revenue'), 0x94, 0x2e]);
    const r = decodeText(bytes);
    expect(r.text).toBe('We note your response “Revenue”.');
    expect(r.encoding).toBe('windows-1252');
  });
});
