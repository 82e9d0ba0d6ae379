/**
 * mammoth (Word → HTML) and what it brings (jszip, xmldom, underscore, pako, lop …), in one import that `docx.ts`
 * makes when it first reads a Word file. The bundles load it from dist/mammoth.mjs, beside them (esbuild.mjs), as
 * they load pdf.js: a session that reads no Word letter never has V8 read its source.
 */
import mammoth from 'mammoth';

export { mammoth };
