/**
 * Bytes → text. Owns encoding detection (UTF-8 with or without BOM, UTF-16 LE/BE with BOM or plainly UTF-16,
 * Windows-1252 for old EDGAR HTML), and the judgement that a file is binary. Never throws: undecodable input still
 * yields text plus a problem saying what happened.
 */

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  readonly text: string;
  readonly encoding: Encoding;
  /** True when the bytes are not text at all (NUL bytes in a non-UTF-16 file). */
  readonly binary: boolean;
  /** Plain-language notes on what decoding had to do (invalid bytes replaced, fallback encoding…). */
  readonly notes: readonly string[];
}

export function decodeText(bytes: Uint8Array, declared?: Encoding): DecodedText {
  const notes: string[] = [];
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return utf8(bytes.subarray(3), notes);
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', binary: false, notes };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', binary: false, notes };
  }
  const sniffed = sniffUtf16(bytes);
  if (sniffed) {
    notes.push(`read as ${sniffed.toUpperCase()} without a byte-order mark`);
    return { text: new TextDecoder(sniffed).decode(bytes), encoding: sniffed, binary: false, notes };
  }
  if (looksBinary(bytes)) {
    return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', binary: true, notes: ['binary content'] };
  }
  if (declared === 'windows-1252') {
    return { text: windows1252(bytes), encoding: 'windows-1252', binary: false, notes };
  }
  return utf8(bytes, notes, declared === undefined);
}

function utf8(bytes: Uint8Array, notes: string[], allowFallback = false): DecodedText {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', binary: false, notes };
  } catch {
    if (allowFallback && mostlyLatin1(bytes)) {
      notes.push('not valid UTF-8; read as Windows-1252');
      return { text: windows1252(bytes), encoding: 'windows-1252', binary: false, notes };
    }
    notes.push('not valid UTF-8; undecodable bytes are shown as \uFFFD');
    return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', binary: false, notes };
  }
}

/** UTF-16 without a BOM: most ASCII text then has a zero in every other byte. */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const half = n / 2;
  if (oddZero > half * 0.6 && evenZero < half * 0.05) return 'utf-16le';
  if (evenZero > half * 0.6 && oddZero < half * 0.05) return 'utf-16be';
  return undefined;
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return n > 0 && control / n > 0.1;
}

/** Invalid UTF-8 made of isolated high bytes (as Windows-1252 “smart quotes” are) rather than noise. */
function mostlyLatin1(bytes: Uint8Array): boolean {
  let high = 0;
  let sequences = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b >= 0x80) {
      high++;
      if (i + 1 < bytes.length && bytes[i + 1]! >= 0x80) sequences++;
    }
  }
  return high > 0 && sequences / high < 0.3;
}

/**
 * Windows-1252 as WHATWG defines it. Reliability: Node 20's TextDecoder('windows-1252') decodes 0x80–0x9F as C1
 * control characters (ISO-8859-1; nodejs/node#56542), so an old EDGAR letter's curly quotes, dashes and bullets came
 * out as U+0093, U+0096, U+0095. Those 32 bytes are mapped here; every other byte is its own code point.
 */
export const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d,
  0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function windows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let from = 0; from < bytes.length; from += 0x2000) {
    const chunk = bytes.subarray(from, from + 0x2000);
    const units = new Uint16Array(chunk.length);
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      units[i] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b;
    }
    parts.push(String.fromCharCode(...units));
  }
  return parts.join('');
}
