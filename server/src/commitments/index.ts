/**
 * Commitments: what a response promises for later, hints that make the promises checkable, and whether a later
 * filing keeps them. The public face of server/src/commitments/ for features and the CLI.
 */
export type { Commitment, CommitmentAction, CommitmentTarget, ProposedDisclosure, ProposedPart, VerifyStatus, FilingLocation, FoundPassage } from './model';
export { commitmentsOf, type CommitmentSource } from './find';
export { targetIn, targetCovers, periodEndOf, type TargetContext, type FilingFacts, type TargetMatch } from './target';
export { commitmentProblems, asksForText, type HintContext } from './hints';
export { readFiling, coverOf, MAX_FILING_BYTES, type FilingDocument } from './filing';
export { filingHtmlToBlocks } from './filingHtml';
export { verifyCommitments, type CommitmentCheck, type PartResult, type VerifyInput, type VerifyOptions } from './verify';
