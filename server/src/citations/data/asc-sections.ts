/**
 * FASB Codification Section numbers and names. Sections are numbered the same way in every Subtopic; an "S" before
 * the number marks SEC material. Not every Subtopic has every Section.
 *
 * The list is complete: DART's Codification page gives the uniform Section numbering of every Subtopic (00 to 75,
 * with 32 "Measurement" where a Subtopic does not split initial and subsequent measurement, as 606-10-32 does), and
 * an SEC Section is an "S" before one of these numbers (lookup.ts derives those not listed here), with S99 for the
 * SEC material itself. So a number missing here is not a Section, and check.ts may say so.
 * One source of truth: this file is the table. Every row names its public source.
 * Must not: hold logic or rows without a source.
 */
import type { AscSectionRow } from './rows';

const DART = 'Deloitte DART Codification section table';
const DART_HOME = 'Deloitte DART, "Codification" landing page (dart.deloitte.com/USDART/home/codification): the Sections of every Subtopic are labeled uniformly, 00 Status to 75 XBRL Elements, with 32 Measurement and S99 SEC Material';
const FASB_606 = 'FASB ASC 606-10-32 (Measurement) as cited by the SEC staff, e.g. letters to Electronic Arts (2019: ASC 606-10-32-28 through 32-35) and Expedia (2018: ASC 606-10-32-2A)';
const PWC = "PwC 'FASB Accounting Standards Codification Quick Reference Guide' (Section 60, Relationships)";
const SOA = "SOA Financial Reporter, July 2023, 'Speaking The New Lingo' (Section 20 is the Glossary; S-sections are SEC material)";
const LEGALCLARITY = 'legalclarity.org, Accounting Standards Codification: List of Topics and Structure (15 Scope, 25 Recognition, 50 Disclosure)';
const XBRL = 'US GAAP Taxonomy references on SEC EDGAR (e.g. 942-10-S45-1, 235-10-S50-1, 235-10-S99-1)';

export const ASC_SECTIONS: readonly AscSectionRow[] = [
  { number: '00', name: 'Status', source: DART },
  { number: '05', name: 'Overview and Background', source: DART },
  { number: '10', name: 'Objectives', source: DART },
  { number: '15', name: 'Scope and Scope Exceptions', source: `${DART}; ${LEGALCLARITY}` },
  { number: '20', name: 'Glossary', source: `${DART}; ${SOA}` },
  { number: '25', name: 'Recognition', source: `${DART}; ${LEGALCLARITY}` },
  { number: '30', name: 'Initial Measurement', source: DART },
  { number: '32', name: 'Measurement', source: `${DART_HOME}; ${FASB_606}` },
  { number: '35', name: 'Subsequent Measurement', source: DART },
  { number: '40', name: 'Derecognition', source: DART },
  { number: '45', name: 'Other Presentation Matters', source: DART },
  { number: '50', name: 'Disclosure', source: `${DART}; ${LEGALCLARITY}` },
  { number: '55', name: 'Implementation Guidance and Illustrations', source: DART },
  { number: '60', name: 'Relationships', source: `${DART}; ${PWC}` },
  { number: '65', name: 'Transition and Open Effective Date Information', source: DART },
  { number: '70', name: 'Grandfathered Guidance', source: DART },
  { number: '75', name: 'XBRL Elements', source: DART },
  { number: 'S00', name: 'Status (SEC material)', source: SOA },
  { number: 'S25', name: 'Recognition (SEC material)', source: SOA },
  { number: 'S30', name: 'Initial Measurement (SEC material)', source: SOA },
  { number: 'S35', name: 'Subsequent Measurement (SEC material)', source: SOA },
  { number: 'S45', name: 'Other Presentation Matters (SEC material)', source: `${SOA}; ${XBRL}` },
  { number: 'S50', name: 'Disclosure (SEC material)', source: `${SOA}; ${XBRL}` },
  { number: 'S55', name: 'Implementation Guidance and Illustrations (SEC material)', source: SOA },
  { number: 'S99', name: 'SEC Materials', source: `${SOA}; ${XBRL}; ${DART_HOME}` },
];
