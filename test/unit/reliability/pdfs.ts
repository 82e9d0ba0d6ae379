/**
 * Minimal hand-written PDFs for the file tests: a page of text, a page with no text operators (as a scan is), and
 * an encrypted document (a Standard security handler whose password is not empty). Built at test time, with a
 * correct cross-reference table, so that pdf.js reads them as it reads real files.
 */

interface Obj {
  readonly body: string;
}

function build(objects: readonly Obj[], trailerExtra = ''): Uint8Array {
  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o.body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`;
  // Latin-1: one byte per character, as the offsets above count them.
  return Uint8Array.from(out, (c) => c.charCodeAt(0) & 0xff);
}

function stream(content: string): Obj {
  return { body: `<< /Length ${content.length} >>\nstream\n${content}\nendstream` };
}

/** One page per entry of `pages`, each a list of lines drawn top-down in Helvetica 12. */
export function textPdf(pages: readonly (readonly string[])[]): Uint8Array {
  const objects: Obj[] = [];
  objects.push({ body: '<< /Type /Catalog /Pages 2 0 R >>' });
  const kids = pages.map((_, i) => `${4 + i * 2} 0 R`).join(' ');
  objects.push({ body: `<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>` });
  objects.push({ body: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>' });
  pages.forEach((lines, i) => {
    objects.push({ body: `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + i * 2} 0 R >>` });
    const ops = lines.map((l, k) => `BT /F1 12 Tf 72 ${720 - k * 16} Td (${l.replace(/[\\()]/g, (c) => `\\${c}`)}) Tj ET`).join('\n');
    objects.push(stream(ops));
  });
  return build(objects);
}

/** One page that only draws (a filled rectangle and a line): no text operators, as a scanned letter has none. */
export function imageOnlyPdf(): Uint8Array {
  return build([
    { body: '<< /Type /Catalog /Pages 2 0 R >>' },
    { body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
    { body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>' },
    stream('q 0.5 g 72 600 468 120 re f Q\n72 500 m 540 500 l S'),
  ]);
}

/** A document with an /Encrypt dictionary (Standard handler, revision 2) whose user password is not empty. */
export function encryptedPdf(): Uint8Array {
  const hex32 = (seed: number) => Array.from({ length: 32 }, (_, i) => ((seed * 31 + i * 17) & 0xff).toString(16).padStart(2, '0')).join('');
  return build(
    [
      { body: '<< /Type /Catalog /Pages 2 0 R >>' },
      { body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
      { body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>' },
      stream('BT /F1 12 Tf 72 720 Td (secret) Tj ET'),
      { body: `<< /Filter /Standard /V 1 /R 2 /O <${hex32(7)}> /U <${hex32(11)}> /P -44 >>` },
    ],
    `/Encrypt 5 0 R /ID [<${hex32(3).slice(0, 32)}> <${hex32(3).slice(0, 32)}>] `,
  );
}

/**
 * Hostile PDFs, a few hundred bytes each, built in the test. `nestedFormsPdf`: `depth` form XObjects, each drawing
 * the next twice (2^depth draws of the innermost text). `nestedSavesPdf`: `n` nested `q` (graphics-state saves)
 * around one line of text. `inflationPdf`: a content stream of `bytes` zero bytes, Flate-compressed (a thousand to one).
 */
export function nestedFormsPdf(depth: number): Uint8Array {
  const objects: Obj[] = [];
  objects.push({ body: '<< /Type /Catalog /Pages 2 0 R >>' });
  objects.push({ body: '<< /Type /Pages /Kids [4 0 R] /Count 1 >>' });
  objects.push({ body: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>' });
  objects.push({
    body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> /XObject << /X0 6 0 R >> >> /Contents 5 0 R >>',
  });
  objects.push(stream('BT /F1 12 Tf 72 720 Td (Dear Sir) Tj ET /X0 Do'));
  for (let k = 0; k < depth; k++) {
    const next = k + 1 < depth ? `/XObject << /X${k + 1} ${7 + k} 0 R >>` : '';
    const content = k + 1 < depth ? `q /X${k + 1} Do Q q /X${k + 1} Do Q` : 'BT /F1 12 Tf 72 700 Td (leaf) Tj ET';
    objects.push({
      body: `<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> ${next} >> /Length ${content.length} >>\nstream\n${content}\nendstream`,
    });
  }
  return build(objects);
}

export function nestedSavesPdf(n: number, deflate?: (b: Uint8Array) => Uint8Array): Uint8Array {
  const content = `${'q '.repeat(n)}BT /F1 12 Tf 72 720 Td (Dear Sir) Tj ET ${'Q '.repeat(n)}`;
  const objects: Obj[] = [
    { body: '<< /Type /Catalog /Pages 2 0 R >>' },
    { body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
    { body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>' },
    { body: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>' },
  ];
  if (!deflate) return build([...objects, stream(content)]);
  return withPacked(objects, deflate(Uint8Array.from(content, (c) => c.charCodeAt(0))), '/FlateDecode');
}

/** `objects`, then one stream object holding `packed` (binary) under `filter`. */
function withPacked(objects: readonly Obj[], packed: Uint8Array, filter: string): Uint8Array {
  const marker = '/MARKER >>\nstream\n';
  const head = build([...objects, { body: `<< /Length ${packed.length} /Filter ${filter} ${marker}${'\u0000'.repeat(packed.length)}\nendstream` }]);
  const text = Array.from(head, (b) => String.fromCharCode(b)).join('');
  const at = text.indexOf(marker) + marker.length;
  // The placeholder bytes become the packed stream (same length: the offsets stay right); the marker key is a space.
  head.set(packed, at);
  head.set(
    Uint8Array.from(' '.repeat('/MARKER'.length), (c) => c.charCodeAt(0)),
    at - marker.length,
  );
  return head;
}

export function inflationPdf(bytes: number, deflate: (b: Uint8Array) => Uint8Array, hex = false): Uint8Array {
  const packed = deflate(new Uint8Array(bytes));
  const objects: Obj[] = [
    { body: '<< /Type /Catalog /Pages 2 0 R >>' },
    { body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
    { body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents [5 0 R 6 0 R] >>' },
    { body: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>' },
    stream('BT /F1 12 Tf 72 720 Td (Dear Sir) Tj ET'),
  ];
  if (!hex) return withPacked(objects, packed, '/FlateDecode');
  const ascii = Uint8Array.from(`${Buffer.from(packed).toString('hex')}>`, (c) => c.charCodeAt(0));
  return withPacked(objects, ascii, '[/ASCIIHexDecode /FlateDecode]');
}
