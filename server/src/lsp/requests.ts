/**
 * Corresp's own requests, declared once: the method, what it takes and what it returns. The server registers its
 * handlers with these and the extension (client/src) sends them, so the two cannot drift apart. A flat list of
 * declarations; the shapes are the features' own (positions, not offsets, where the protocol wants them).
 * Imports only types from the features and the protocol package (no server code reaches the client bundle).
 */
import { RequestType } from 'vscode-languageserver-protocol';
import type { EditorExport } from '../features/export';
import type { ImportResult } from '../features/importLetter';
import type { DraftStatus, ThreadsUpdate } from '../features/threadsView';
import type { CommitmentsUpdate, PlacedCommitment, PlacedCommitmentResponse, PlacedCommitmentThread } from '../features/commitmentsView';
import type { PrecedentsResult } from '../features/precedentsView';

export interface Position {
  readonly line: number;
  readonly character: number;
}

/** A document the request is about. */
export interface DocumentParams {
  readonly uri: string;
}

/**
 * The Comment Letters view's threads, each comment with the position to reveal. Asked with the `version` of the last
 * answer (`since`), the answer may be a `delta`: the nodes that changed or came, the ids that went, and the order of
 * every id when it changed. Asked without it (or with one the server no longer knows), every node in order.
 */
export type ThreadsResult = ThreadsUpdate;
export interface ThreadsParams {
  readonly since?: string;
}

/** Import Staff Letter…: the letter as Corresp Markdown and the URI it would be saved as. */
export type ImportLetterResult = ImportResult & { readonly uri: string };

/** New Response from Staff Letter…: the staff letter's Markdown (its text when it had to be imported) and the draft. */
export interface NewResponseResult {
  readonly staff: { readonly uri: string; readonly text?: string };
  readonly draft: { readonly uri: string; readonly text: string };
  readonly comments: number;
}

export interface ReportParams {
  /** The active document, if any. */
  readonly uri?: string;
}

export interface ReportResult {
  readonly html: string;
}

export const threadsRequest = new RequestType<ThreadsParams, ThreadsResult, void>('corresp/threads');
export const statusRequest = new RequestType<DocumentParams, DraftStatus | null, void>('corresp/status');
export const importRequest = new RequestType<DocumentParams, ImportLetterResult | null, void>('corresp/import');
export const newResponseRequest = new RequestType<DocumentParams, NewResponseResult | null, void>('corresp/newResponse');
export interface ExportParams {
  readonly uri: string;
  readonly format?: 'html' | 'txt';
}

export const exportRequest = new RequestType<ExportParams, EditorExport | null, void>('corresp/export');
export const reportRequest = new RequestType<ReportParams, ReportResult, void>('corresp/report');
/** Test builds only (CORRESP_TEST_HOOKS=1): a request that throws, to prove a failing handler leaves the server up. */
export const testThrowRequest = new RequestType<Record<string, never>, null, void>('corresp/test/throw');

/** Precedents of the staff comment at a position (a draft's anchor or answer, a staff letter's comment). */
export interface PrecedentsParams {
  readonly uri: string;
  readonly position: Position;
}
export interface PrecedentsResponse extends PrecedentsResult {
  /** The same, as a page for a webview: "Copy answer" links run `corresp.copyPrecedentAnswer`. */
  readonly html: string;
}
export const precedentsRequest = new RequestType<PrecedentsParams, PrecedentsResponse | null, void>('corresp/precedents');

/** The workspace's commitments: thread > response > commitment, whole or (naming the version held) what changed. */
export type CommitmentItem = PlacedCommitment;
export type CommitmentResponseItem = PlacedCommitmentResponse;
export type CommitmentThreadItem = PlacedCommitmentThread;
export type CommitmentsResponse = CommitmentsUpdate;
export interface CommitmentsParams {
  /** The version of the answer the editor holds: only what changed since comes back. */
  readonly since?: string;
}
export const commitmentsRequest = new RequestType<CommitmentsParams, CommitmentsResponse, void>('corresp/commitments');
