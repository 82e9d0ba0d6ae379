/**
 * What a PDF will cost to read, judged from its bytes before pdf.js is given them, in one linear pass: how many
 * bytes its streams inflate to, how many content-stream operators will run (a form XObject drawn twice runs twice:
 * nested forms multiply), and how deep graphics states nest. pdf.js has no budget of its own and never yields while
 * it works: a few-KB PDF of nested forms took minutes, 20,000 nested `q` 35 s, and a 1 MB stream inflated to 1 GiB.
 * Pure (no IO); never throws. pdf.ts adds the page count and a wall-clock budget (its worker is stopped).
 *
 * What it reads: every `obj … stream … endstream` of the file. Filter chains of FlateDecode, ASCIIHexDecode,
 * ASCII85Decode and RunLengthDecode are decoded (Flate stopped at the budget); LZW is measured without being
 * decoded; images, fonts and other filters (DCT, JPX, CCITT, JBIG2, encrypted data) are not content and are not
 * counted. Object streams are decoded too, for the `/XObject` names they define. Where it cannot see (an encrypted
 * file's streams), pdf.ts's wall-clock and memory budgets still hold.
 */
import { constants, inflateSync } from 'node:zlib';

export interface PdfBudget {
  /** Most pages read. */
  readonly pages: number;
  /** Most content-stream operators run, counting each use of a form XObject (see FORM_COST). */
  readonly operators: number;
  /** Most bytes the file's content streams inflate to. */
  readonly inflatedBytes: number;
  /** Deepest nesting of graphics states (`q`). */
  readonly nesting: number;
  /** Most milliseconds of work (enforced by stopping the worker that reads the PDF). */
  readonly ms: number;
  /** Most megabytes of JavaScript heap for that worker. */
  readonly heapMb: number;
}

/** Far above any real letter (a 30-page letter: about 300,000 operators, a few MB inflated, nesting under 20). */
export const PDF_BUDGET: PdfBudget = {
  pages: 500,
  operators: 5_000_000,
  inflatedBytes: 128 * 1024 * 1024,
  nesting: 500,
  ms: 30_000,
  heapMb: 1024,
};

/** What drawing a form XObject costs pdf.js beyond its operators (resources, state), in operators: about 0.4 ms. */
export const FORM_COST = 200;

interface Stream {
  readonly obj: number | undefined;
  readonly form: boolean;
  readonly ops: number;
  /** Names drawn with `Do`, in order. */
  readonly draws: readonly string[];
  readonly maxDepth: number;
  readonly netDepth: number;
  /** `/XObject << /Name n 0 R >>` of its own dictionary. */
  readonly xobjects: ReadonlyMap<string, number> | undefined;
}

const MB = 1024 * 1024;

function describeBytes(n: number): string {
  return n >= MB ? `${Math.round(n / MB)} MB` : `${Math.round(n / 1024)} KB`;
}

/** Why the PDF is too costly to read under `budget` ("more than 5,000,000 operators"), or undefined. */
export function pdfCostProblem(bytes: Uint8Array, budget: PdfBudget = PDF_BUDGET): string | undefined {
  try {
    return costProblem(bytes, budget);
  } catch {
    return undefined; // pdf.js will say what is wrong with a file this cannot read; its other budgets still hold
  }
}

function costProblem(bytes: Uint8Array, budget: PdfBudget): string | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buf.toString('latin1');
  const streams: Stream[] = [];
  const names = new Map<string, Set<number>>();
  let inflated = 0;
  const defineNames = (dictText: string) => {
    for (const [name, obj] of xobjectNames(dictText)) {
      let set = names.get(name);
      if (!set) names.set(name, (set = new Set()));
      set.add(obj);
    }
  };
  defineNames(text);
  // Every scan below moves forward only (the object headers with the streams, each dictionary after the previous
  // stream's end): linear in the file, however it is crafted.
  const re = /\bstream(?:\r\n|\r|\n)/g;
  const objRe = /(?<!\d)(\d{1,10})\s{1,8}\d{1,5}\s{1,8}obj\b/g;
  let pending = objRe.exec(text);
  let lastObj: { at: number; num: number } | undefined;
  let prevEnd = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    while (pending && pending.index < m.index) {
      lastObj = { at: pending.index, num: Number(pending[1]) };
      pending = objRe.exec(text);
    }
    const start = m.index + m[0].length;
    const own = lastObj && lastObj.at >= prevEnd ? lastObj : undefined;
    const dictStart = Math.max(prevEnd, own ? own.at : m.index - 4096);
    const dict = text.slice(dictStart, m.index);
    let end = text.indexOf('endstream', start);
    if (end < 0) end = text.length;
    re.lastIndex = end;
    prevEnd = end;
    if (/\/Subtype\s*\/Image\b|\/Length[123]\b|\/Subtype\s*\/(?:Type1C|CIDFontType0C|OpenType)\b/.test(dict)) continue;
    const decoded = decode(buf.subarray(start, end), filtersOf(dict), budget.inflatedBytes - inflated);
    if (decoded === 'too large' || (typeof decoded === 'number' && inflated + decoded > budget.inflatedBytes)) {
      return `more than ${describeBytes(budget.inflatedBytes)} of compressed content`;
    }
    if (typeof decoded === 'number' || decoded === undefined) {
      if (typeof decoded === 'number') inflated += decoded;
      continue;
    }
    inflated += decoded.length;
    const content = decoded.toString('latin1');
    if (/\/Type\s*\/ObjStm\b/.test(dict)) {
      defineNames(content);
      continue;
    }
    const ops = operators(content);
    streams.push({
      obj: own?.num,
      form: /\/Subtype\s*\/Form\b/.test(dict),
      ...ops,
      xobjects: /\/XObject\s*<</.test(dict) ? new Map(xobjectNames(dict)) : undefined,
    });
  }

  let nesting = 0;
  let carried = 0;
  for (const s of streams) {
    nesting = Math.max(nesting, s.maxDepth);
    carried += Math.max(0, s.netDepth);
  }
  if (nesting + carried > budget.nesting) return `graphics states nested more than ${budget.nesting.toLocaleString('en-US')} deep`;

  // Operators run: each stream once, and each form as often as it is drawn (memoized; a cycle counts once).
  const forms = new Map<number, Stream>();
  for (const s of streams) if (s.form && s.obj !== undefined) forms.set(s.obj, s);
  const memo = new Map<number, number>();
  const visiting = new Set<number>();
  const cost = (s: Stream, depth: number): number => {
    if (depth > 256) return Infinity;
    let total = s.ops;
    for (const name of s.draws) {
      const targets = s.xobjects?.has(name) ? [s.xobjects.get(name)!] : [...(names.get(name) ?? [])];
      let most = 0;
      for (const obj of targets) {
        const form = forms.get(obj);
        if (!form || visiting.has(obj)) continue;
        let c = memo.get(obj);
        if (c === undefined) {
          visiting.add(obj);
          c = cost(form, depth + 1);
          visiting.delete(obj);
          memo.set(obj, c);
        }
        most = Math.max(most, c);
      }
      total += most > 0 ? FORM_COST + most : 0;
      if (total > budget.operators) return total;
    }
    return total;
  };
  let operatorsRun = 0;
  for (const s of streams) {
    if (s.form) continue;
    operatorsRun += cost(s, 0);
    if (operatorsRun > budget.operators) return `more than ${budget.operators.toLocaleString('en-US')} operators`;
  }
  return undefined;
}

/** `/XObject << /Name 12 0 R … >>` entries anywhere in `text` (one forward pass; the dictionaries read never overlap). */
function xobjectNames(text: string): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  let gt = -1;
  let bodyEnd = 0;
  for (let at = text.indexOf('/XObject'); at >= 0; at = text.indexOf('/XObject', at + 8)) {
    if (at < bodyEnd) continue;
    let i = at + 8;
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text.charCodeAt(i) !== 60 || text.charCodeAt(i + 1) !== 60) continue;
    if (gt < i + 2) gt = text.indexOf('>', i + 2);
    if (gt < 0) break;
    if (gt - i > 65_536) continue;
    const body = text.slice(i + 2, gt);
    bodyEnd = gt;
    const entry = /\/([^\s/<>[\]()%]+)\s+(\d+)\s+\d+\s+R/g;
    for (let e = entry.exec(body); e !== null; e = entry.exec(body)) out.push([e[1]!, Number(e[2])]);
  }
  return out;
}

function filtersOf(dict: string): string[] {
  const m = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/.exec(dict);
  if (!m) return [];
  return [...m[1]!.matchAll(/\/([A-Za-z0-9]+)/g)].map((f) => f[1]!);
}

/**
 * The stream decoded through its filters: the bytes, the number of bytes it decodes to (LZW: measured, not decoded),
 * 'too large' past `room` bytes, or undefined when it cannot be decoded here (not content, or encrypted).
 */
function decode(data: Buffer, filters: readonly string[], room: number): Buffer | number | 'too large' | undefined {
  let cur = data;
  for (const filter of filters) {
    switch (filter) {
      case 'FlateDecode':
      case 'Fl':
        try {
          cur = inflateSync(cur, { maxOutputLength: Math.max(1, room), finishFlush: constants.Z_SYNC_FLUSH });
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) return 'too large';
          return undefined;
        }
        break;
      case 'ASCIIHexDecode':
      case 'AHx':
        cur = Buffer.from(
          cur
            .toString('latin1')
            .replace(/>[\s\S]*$/, '')
            .replace(/[^0-9a-fA-F]/g, ''),
          'hex',
        );
        break;
      case 'ASCII85Decode':
      case 'A85':
        cur = ascii85(cur);
        break;
      case 'RunLengthDecode':
      case 'RL': {
        const n = runLengthSize(cur);
        if (n > room) return 'too large';
        cur = runLength(cur);
        break;
      }
      case 'LZWDecode':
      case 'LZW':
        return lzwSize(cur);
      default:
        return undefined;
    }
  }
  return cur;
}

function ascii85(data: Buffer): Buffer {
  const s = data
    .toString('latin1')
    .replace(/~>[\s\S]*$/, '')
    .replace(/^<~/, '')
    .replace(/\s+/g, '');
  const out: number[] = [];
  let group: number[] = [];
  const flush = (n: number) => {
    while (group.length < 5) group.push(84);
    let v = 0;
    for (const c of group) v = v * 85 + c;
    const b = [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
    out.push(...b.slice(0, n));
    group = [];
  };
  for (const ch of s) {
    if (ch === 'z' && group.length === 0) {
      out.push(0, 0, 0, 0);
      continue;
    }
    const c = ch.charCodeAt(0) - 33;
    if (c < 0 || c > 84) continue;
    group.push(c);
    if (group.length === 5) flush(4);
  }
  if (group.length > 1) flush(group.length - 1);
  return Buffer.from(out);
}

function runLengthSize(data: Buffer): number {
  let n = 0;
  for (let i = 0; i < data.length;) {
    const len = data[i]!;
    if (len === 128) break;
    if (len < 128) {
      n += len + 1;
      i += len + 2;
    } else {
      n += 257 - len;
      i += 2;
    }
  }
  return n;
}

function runLength(data: Buffer): Buffer {
  const out = Buffer.alloc(runLengthSize(data));
  let o = 0;
  for (let i = 0; i < data.length;) {
    const len = data[i]!;
    if (len === 128) break;
    if (len < 128) {
      data.copy(out, o, i + 1, i + 2 + len);
      o += len + 1;
      i += len + 2;
    } else {
      out.fill(data[i + 1] ?? 0, o, o + 257 - len);
      o += 257 - len;
      i += 2;
    }
  }
  return out.subarray(0, o);
}

/** How many bytes an LZW stream decodes to (PDF's LZW: 9–12-bit codes, 256 clear, 257 end), without decoding it. */
function lzwSize(data: Buffer): number {
  const lengths = new Int32Array(4096);
  for (let i = 0; i < 256; i++) lengths[i] = 1;
  let next = 258;
  let width = 9;
  let prev = -1;
  let total = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < data.length; i++) {
    acc = ((acc << 8) | data[i]!) >>> 0;
    bits += 8;
    while (bits >= width) {
      const code = (acc >>> (bits - width)) & ((1 << width) - 1);
      bits -= width;
      if (code === 256) {
        next = 258;
        width = 9;
        prev = -1;
        continue;
      }
      if (code === 257) return total;
      const len = code < next ? lengths[code]! : prev >= 0 ? lengths[prev]! + 1 : 1;
      total += len;
      if (prev >= 0 && next < 4096) lengths[next++] = lengths[prev]! + 1;
      prev = code;
      // EarlyChange (the default): the width grows one code early.
      if (next + 1 >= 1 << width && width < 12) width++;
    }
  }
  return total;
}

/**
 * Operators of a content stream (one linear pass): how many, the names drawn with `Do`, and how deep `q` nests.
 * Strings, names, numbers, arrays, dictionaries and inline image data are skipped.
 */
function operators(s: string): { ops: number; draws: string[]; maxDepth: number; netDepth: number } {
  let ops = 0;
  let depth = 0;
  let maxDepth = 0;
  let lastName = '';
  const draws: string[] = [];
  const n = s.length;
  let i = 0;
  const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 0;
  const isDelim = (c: number) => c === 40 || c === 41 || c === 60 || c === 62 || c === 91 || c === 93 || c === 123 || c === 125 || c === 47 || c === 37;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isSpace(c)) {
      i++;
    } else if (c === 37) {
      // % comment
      while (i < n && s.charCodeAt(i) !== 10 && s.charCodeAt(i) !== 13) i++;
    } else if (c === 40) {
      // (literal string), balanced parentheses, backslash escapes
      let level = 0;
      for (; i < n; i++) {
        const d = s.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 40) level++;
        else if (d === 41 && --level === 0) {
          i++;
          break;
        }
      }
    } else if (c === 60) {
      if (s.charCodeAt(i + 1) === 60) i += 2;
      else {
        const close = s.indexOf('>', i);
        i = close < 0 ? n : close + 1;
      }
    } else if (c === 47) {
      let j = i + 1;
      while (j < n && !isSpace(s.charCodeAt(j)) && !isDelim(s.charCodeAt(j))) j++;
      lastName = s.slice(i + 1, j);
      i = j;
    } else if (isDelim(c)) {
      i++;
    } else {
      let j = i;
      while (j < n && !isSpace(s.charCodeAt(j)) && !isDelim(s.charCodeAt(j))) j++;
      const token = s.slice(i, j);
      i = j;
      if (/^[-+.\d]/.test(token) || token === 'true' || token === 'false' || token === 'null') continue;
      ops++;
      if (token === 'q') maxDepth = Math.max(maxDepth, ++depth);
      else if (token === 'Q') depth = Math.max(0, depth - 1);
      else if (token === 'Do') draws.push(lastName);
      else if (token === 'BI') {
        // Inline image: its data runs from ID to EI.
        const id = s.indexOf('ID', i);
        const ei = /\sEI(?:\s|$)/g;
        ei.lastIndex = id + 2;
        const found = id < 0 ? null : ei.exec(s);
        i = found ? found.index + 3 : n;
      }
    }
  }
  return { ops, draws, maxDepth, netDepth: depth };
}
