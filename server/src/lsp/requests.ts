/**
 * The custom requests between the extension and the server, as typed declarations both sides import (the client
 * bundles this file; it must import nothing but the protocol's `RequestType` and types).
 */
import { RequestType } from 'vscode-languageserver-protocol';
import type { CommitmentNode, CommitmentResponseNode, CommitmentThreadNode } from '../features/commitmentsView';
import type { PrecedentsResult } from '../features/precedentsView';

export interface Position {
  readonly line: number;
  readonly character: number;
}

/** Precedents of the staff comment at a position (a draft's anchor or answer, a staff letter's comment). */
export interface PrecedentsParams {
  readonly uri: string;
  readonly position: Position;
}
export interface PrecedentsResponse extends PrecedentsResult {
  /** The same, as a page for a webview: "Copy answer" links run `corresp.copyPrecedentAnswer`. */
  readonly html: string;
}
export const PrecedentsRequest = new RequestType<PrecedentsParams, PrecedentsResponse | null, void>('corresp/precedents');

/** The workspace's commitments: thread > response > commitment. */
export interface CommitmentItem extends CommitmentNode {
  readonly position: Position;
}
export interface CommitmentResponseItem extends Omit<CommitmentResponseNode, 'commitments'> {
  readonly commitments: readonly CommitmentItem[];
}
export interface CommitmentThreadItem extends Omit<CommitmentThreadNode, 'responses'> {
  readonly responses: readonly CommitmentResponseItem[];
}
export interface CommitmentsResponse {
  readonly threads: readonly CommitmentThreadItem[];
}
export const CommitmentsRequest = new RequestType<Record<string, never>, CommitmentsResponse, void>('corresp/commitments');
