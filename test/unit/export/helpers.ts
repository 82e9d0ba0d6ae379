/**
 * Helpers for the export tests: a fake CLI Io, a zip reader on node:zlib (for .docx), and walking exported HTML
 * with rehype-parse.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import type { Element, Nodes, Root } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import type { Io } from '../../../server/src/cli/io';

export interface FakeIo extends Io {
  readonly outs: string[];
  readonly errs: string[];
}

export function fakeIo(cwd: string): FakeIo {
  const outs: string[] = [];
  const errs: string[] = [];
  return { outs, errs, out: (t) => outs.push(t), err: (t) => errs.push(t), version: 'test', today: '2024-01-02', cwd };
}

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'corresp-export-'));
}

/** The entries of a zip archive (stored or deflated), read through its central directory. */
export function unzip(bytes: Uint8Array): Map<string, Buffer> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    if (buf.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataStart, dataStart + compressed);
    out.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const htmlParser = unified().use(rehypeParse, { fragment: false });

export function parseHtml(html: string): Root {
  return htmlParser.parse(html) as Root;
}

/** Every element written in the source (elements the parser implied, such as TBODY, have no position). */
export function writtenElements(tree: Root): Element[] {
  const out: Element[] = [];
  const visit = (node: Nodes) => {
    if (node.type === 'element' && node.position) out.push(node);
    if ('children' in node) for (const c of node.children) visit(c as Nodes);
  };
  visit(tree);
  return out;
}

export function textOf(node: Nodes): string {
  if (node.type === 'text') return node.value;
  if ('children' in node) return node.children.map((c) => textOf(c as Nodes)).join('');
  return '';
}

export function elementsNamed(tree: Root, ...names: string[]): Element[] {
  const out: Element[] = [];
  const visit = (node: Nodes) => {
    if (node.type === 'element' && names.includes(node.tagName)) out.push(node);
    if ('children' in node) for (const c of node.children) visit(c as Nodes);
  };
  visit(tree);
  return out;
}

/** Text under an element with the given tag as ancestor, in maximal runs (adjacent elements join up). */
export function markedSegments(tree: Root, tag: string): string[] {
  const segments: string[] = [];
  let current: string | undefined;
  const visit = (node: Nodes, inside: boolean) => {
    if (node.type === 'text') {
      if (inside) current = (current ?? '') + node.value;
      else if (node.value.length > 0) {
        if (current !== undefined) segments.push(current);
        current = undefined;
      }
      return;
    }
    if (node.type === 'element') {
      const here = inside || node.tagName === tag;
      const block = ['p', 'td', 'th', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'br', 'hr'].includes(node.tagName);
      if (block && current !== undefined) {
        segments.push(current);
        current = undefined;
      }
      for (const c of node.children) visit(c as Nodes, here);
      if (block && current !== undefined) {
        segments.push(current);
        current = undefined;
      }
      return;
    }
    if ('children' in node) for (const c of node.children) visit(c as Nodes, inside);
  };
  visit(tree, false);
  if (current !== undefined) segments.push(current);
  return segments.map(norm).filter((s) => s.length > 0);
}

export function norm(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
