/**
 * Public API of citation intelligence: find citations in a text, describe and check them, and the completion data.
 *
 * Owns: what other layers may import. Must not: add behaviour; everything here is re-exported from the file that
 * owns it. The module is pure: no IO, no editor or LSP types, never throws, linear in the text.
 */
export type * from './types';
export { findCitations } from './scan';
export { describeCitation, ascLabel } from './describe';
export { checkCitation } from './check';
export { effectiveOf, ASU_EFFECTIVE, type Effective } from './data/effective';
export {
  ascTopics,
  ascSubtopics,
  ascSections,
  regulationItems,
  citationCompletionContext,
  type CitationCompletionContext,
  type RegulationItemInfo,
  type SectionInfo,
  type SubtopicInfo,
  type TopicInfo,
} from './complete';
