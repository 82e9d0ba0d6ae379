// Bundles the three programs Corresp ships:
//   dist/cli.mjs       the `corresp` command (ESM, Node 20+)
//   dist/server.mjs    the language server (ESM; stdio or IPC)
//   dist/pdf-worker.mjs the worker thread both read PDFs in (ESM; loaded from beside them)
//   dist/reader-worker.mjs the worker threads both read other letters in on a cold start (ESM; beside them)
//   dist/pdfjs.mjs     pdf.js, which the others import from beside them when they first read a PDF (ESM)
//   dist/mammoth.mjs   mammoth, imported the same way when they first read a Word letter (ESM)
//   dist/docx-writer.mjs the Word export with the `docx` library, imported when they first write a .docx (ESM)
//   dist/extension.js  the VS Code extension client (CommonJS, `vscode` external)
// Type checking is separate (`npm run typecheck`). Runs on `npm install` (prepare) and `npm run build`.
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync, existsSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// Where the bundles go (dist/ unless --outdir=DIR: the benchmark builds the production bundles apart from dist/).
const outdir = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';

// Node built-ins that reach the network. The server and CLI talk over stdio/IPC and read files only; the transports
// that would open sockets (vscode-jsonrpc's pipe and socket modes) are stubbed so the bundles cannot reach them.
const NETWORK = [
  'net',
  'http',
  'https',
  'http2',
  'dns',
  'tls',
  'dgram',
  'node:net',
  'node:http',
  'node:https',
  'node:http2',
  'node:dns',
  'node:tls',
  'node:dgram',
];
const noNetwork = {
  name: 'no-network',
  setup(build) {
    const filter = new RegExp(`^(${NETWORK.map((n) => n.replace(/[:]/g, '\\:')).join('|')})$`);
    build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'no-network' }));
    build.onLoad({ filter: /.*/, namespace: 'no-network' }, (args) => ({
      contents: `const refuse = () => { throw new Error('Corresp does not use the network (${args.path})'); };
        module.exports = new Proxy({}, { get: (_t, key) => key === '__esModule' ? false : refuse });`,
      loader: 'js',
    }));
  },
};

// ESM bundles of CommonJS dependencies need `require`, `__filename` and `__dirname`.
const esmBanner = {
  js: [
    "import { createRequire as __corresp_createRequire } from 'node:module';",
    "import { fileURLToPath as __corresp_fileURLToPath } from 'node:url';",
    'const require = __corresp_createRequire(import.meta.url);',
    'const __filename = __corresp_fileURLToPath(import.meta.url);',
    "const __dirname = __corresp_fileURLToPath(new URL('.', import.meta.url));",
  ].join('\n'),
};

// The build id the analysis cache keys its entries by (server/src/workspace/analysisCache.ts): a hash of the
// server's sources and the locked dependencies, so a cache entry is never read by a build whose readers differ.
function buildId() {
  const hash = createHash('sha256');
  const visit = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory()) visit(p);
      else if (/\.(ts|json)$/.test(e.name)) hash.update(p).update(readFileSync(p));
    }
  };
  visit('server/src');
  if (existsSync('package-lock.json')) hash.update(readFileSync('package-lock.json'));
  return `${pkg.version}-${hash.digest('hex').slice(0, 16)}`;
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
  define: { CORRESP_VERSION: JSON.stringify(pkg.version), CORRESP_BUILD: JSON.stringify(buildId()) },
};

// Memory: esbuild leaves non-ASCII characters in comments and regular-expression literals (curly quotes, dashes). One
// such character makes V8 hold the whole source of the bundle as a two-byte string: 7.8 MB of source became 15.6 MB
// of heap in the server, in the CLI and in every reader worker. Escaped (\uXXXX, the same text in a comment or a
// regular expression, surrogate pairs included), the source is one byte a character: the server starts in about 7 MB
// less. The source maps' columns on those few lines (comments, mostly) are off by the escapes' length.
const asciiOutput = {
  name: 'ascii-output',
  setup(build) {
    build.onEnd(() => {
      const file = build.initialOptions.outfile;
      if (!file || !existsSync(file)) return;
      const text = readFileSync(file, 'utf8');
      if (!/[^\x00-\x7f]/.test(text)) return;
      // A character escaped as it stands (\’ in a regular expression) loses that backslash: \u2019 is the same.
      const escaped = text.replace(/(\\*)([^\x00-\x7f])/g, (_m, slashes, c) => {
        const kept = slashes.length % 2 === 1 ? slashes.slice(1) : slashes;
        return `${kept}\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
      });
      writeFileSync(file, escaped);
    });
  },
};

// Libraries most sessions never use, each in a bundle of its own, which the others import from beside them on first
// use: pdf.js (`pdf.ts`), mammoth (`parse/docx.ts`) and the Word writer with the `docx` library
// (`features/export/docx.ts`). Each module named here is one entry point below.
const APART = { './pdfjsModules': './pdfjs.mjs', './mammothModule': './mammoth.mjs', './docxWriter': './docx-writer.mjs' };
const apart = {
  name: 'apart',
  setup(build) {
    const filter = new RegExp(
      `^(?:${Object.keys(APART)
        .map((m) => m.replace(/[./]/g, '\\$&'))
        .join('|')})$`,
    );
    build.onResolve({ filter }, (args) => ({ path: APART[args.path], external: true }));
  },
};

const builds = [
  {
    ...common,
    entryPoints: ['server/src/cli/bin.ts'],
    outfile: 'dist/cli.mjs',
    format: 'esm',
    banner: { js: `#!/usr/bin/env node\n${esmBanner.js}` },
    plugins: [noNetwork],
  },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.mjs', format: 'esm', banner: esmBanner, plugins: [noNetwork] },
  { ...common, entryPoints: ['server/src/parse/pdfWorker.ts'], outfile: 'dist/pdf-worker.mjs', format: 'esm', banner: esmBanner, plugins: [noNetwork] },
  { ...common, entryPoints: ['server/src/parse/pdfjsModules.ts'], outfile: 'dist/pdfjs.mjs', format: 'esm', banner: esmBanner, plugins: [noNetwork] },
  { ...common, entryPoints: ['server/src/parse/mammothModule.ts'], outfile: 'dist/mammoth.mjs', format: 'esm', banner: esmBanner, plugins: [noNetwork] },
  {
    ...common,
    entryPoints: ['server/src/features/export/docxWriter.ts'],
    outfile: 'dist/docx-writer.mjs',
    format: 'esm',
    banner: esmBanner,
    plugins: [noNetwork],
  },
  {
    ...common,
    entryPoints: ['server/src/workspace/readerWorker.ts'],
    outfile: 'dist/reader-worker.mjs',
    format: 'esm',
    banner: esmBanner,
    plugins: [noNetwork],
  },
  // The client talks to the server over IPC (child_process.fork); vscode-jsonrpc's socket and pipe transports are stubbed.
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', format: 'cjs', external: ['vscode'], plugins: [noNetwork] },
]
  .filter((b) => existsSync(b.entryPoints[0]))
  .map((b) => ({
    ...b,
    outfile: b.outfile.replace(/^dist\//, `${outdir}/`),
    plugins: [...(b.plugins ?? []), ...(b.format === 'esm' ? [apart] : []), asciiOutput],
  }));

mkdirSync(outdir, { recursive: true });
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
