/**
 * What the benchmark calls directly: the server's own functions, bundled by test/bench/run.mjs (esbuild) into
 * test/bench/.out/corresp.mjs so the benchmark runs the same code as dist/server.mjs without going through LSP.
 */
export { MarkdownParser } from '../../server/src/parse/markdown';
export { splitChunks } from '../../server/src/parse/chunks';
export { pdfToText } from '../../server/src/parse/pdf';
export { textToBlocks } from '../../server/src/parse/plainText';
export { readLetterText, readLetterBytes, responseOf, staffLetterOf, letterKindOf } from '../../server/src/letters/read';
export { coverageOf } from '../../server/src/letters/coverage';
export { hoverAt } from '../../server/src/features/hover';
export { completionsAt } from '../../server/src/features/completion';
export { codeActionsFor } from '../../server/src/features/codeActions';
export { draftDiagnostics } from '../../server/src/features/diagnostics';
export { importLetter } from '../../server/src/features/importLetter';
export { LetterIndex, pathToUri, uriToPath } from '../../server/src/workspace/letterIndex';
export { LineIndex } from '../../server/src/text/lineIndex';
export { containment, words } from '../../server/src/letters/words';
export { exportDocx } from '../../server/src/features/export';
export { AnalysisCache, useAnalysisCache } from '../../server/src/workspace/analysisCache';
export { FsHost } from '../../server/src/workspace/fsHost';
export { analyseDocument } from '../../server/src/analysis/letter';
export { diagnosticsOf } from '../../server/src/features/diagnostics';
