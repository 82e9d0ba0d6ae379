/**
 * The peer: vscode-markdown-languageservice (the library behind VS Code's own Markdown diagnostics) computing its
 * diagnostics on the same files. It needs an IMdParser that returns markdown-it tokens; markdown-it is not a direct
 * dependency of this project (today it resolves only because @vscode/vsce depends on it), so it is loaded
 * dynamically and the peer is skipped, with a reason, when it cannot be resolved.
 *
 * The adapter does what VS Code's Markdown language server does: markdown-it with `html: true`, and a token cache
 * keyed by (uri, version), so one diagnostics pass tokenizes a document once.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';

const NONE = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
const ALL_CHECKS = {
  validateReferences: 'warning',
  validateFragmentLinks: 'warning',
  validateFileLinks: 'warning',
  validateMarkdownFileLinkFragments: 'warning',
  validateUnusedLinkDefinitions: 'warning',
  validateDuplicateLinkDefinitions: 'warning',
  ignoreLinks: [],
};

/** Loads the peer; returns `{ skipped: reason }` when markdown-it or the service cannot be loaded. */
export async function loadPeer() {
  let md;
  let MarkdownIt;
  try {
    MarkdownIt = (await import('markdown-it')).default;
  } catch {
    return { skipped: 'peer skipped: markdown-it missing (npm i -D markdown-it@14.1.0)' };
  }
  try {
    md = await import('vscode-markdown-languageservice');
  } catch (e) {
    return { skipped: `peer skipped: vscode-markdown-languageservice could not be loaded (${e.message})` };
  }
  const engine = MarkdownIt({ html: true });
  const version = (await import('markdown-it/package.json', { with: { type: 'json' } }).catch(() => ({ default: {} }))).default.version;
  return { md, engine, markdownItVersion: version ?? 'unknown' };
}

/**
 * An in-memory workspace of `files` (absolute path → text) and a language service over it. `diagnostics(path,
 * text)` sets that document's text (a new version) and computes its diagnostics.
 */
export function peerWorkspace(peer, root, files) {
  const { md, engine } = peer;
  const docs = new Map();
  let version = 1;
  const emitter = () => {
    const listeners = new Set();
    const event = (fn, thisArg) => {
      const l = thisArg ? fn.bind(thisArg) : fn;
      listeners.add(l);
      return { dispose: () => listeners.delete(l) };
    };
    return {
      event,
      fire: (x) => {
        for (const l of [...listeners]) l(x);
      },
    };
  };
  const changed = emitter();
  const created = emitter();
  const deleted = emitter();
  /** Sets a document's text as an editor would: a new version, and the change event the service's caches listen to. */
  const put = (file, text) => {
    const uri = URI.file(file).toString();
    const existed = docs.has(uri);
    const doc = TextDocument.create(uri, 'markdown', version++, text);
    docs.set(uri, doc);
    (existed ? changed : created).fire(doc);
    return doc;
  };
  for (const [file, text] of files) put(file, text);
  const tokenCache = new Map();
  const parser = {
    slugifier: md.githubSlugifier,
    async tokenize(doc) {
      const hit = tokenCache.get(doc.uri);
      if (hit && hit.version === doc.version) return hit.tokens;
      const tokens = engine.parse(doc.getText(), {});
      tokenCache.set(doc.uri, { version: doc.version, tokens });
      return tokens;
    },
  };
  const workspace = {
    get workspaceFolders() {
      return [URI.file(root)];
    },
    onDidChangeMarkdownDocument: changed.event,
    onDidCreateMarkdownDocument: created.event,
    onDidDeleteMarkdownDocument: deleted.event,
    async getAllMarkdownDocuments() {
      return docs.values();
    },
    hasMarkdownDocument: (u) => docs.has(u.toString()),
    async openMarkdownDocument(u) {
      return docs.get(u.toString());
    },
    async stat(u) {
      return docs.has(u.toString()) ? { isDirectory: false } : undefined;
    },
    async readDirectory() {
      return [];
    },
  };
  const service = md.createLanguageService({ workspace, parser, logger: { level: md.LogLevel.Off, log() {} } });
  return {
    service,
    async diagnostics(file, text) {
      const doc = put(file, text);
      return service.computeDiagnostics(doc, ALL_CHECKS, NONE);
    },
    dispose: () => service.dispose(),
  };
}
