/**
 * A team's settings as the analysis of a letter takes them: severities per diagnostic code (or code family),
 * extra placeholder patterns, due-date rules (the response time when a letter sets none, firm holidays) and the
 * due-soon warning. The workspace reads them from .corresp.yaml (`analysisSettingsOf`); the editor lays the
 * user's own severities on top. Plain data.
 */
import type { DueRules } from '../letters/due';
import type { Severity } from '../letters/model';

export type SeveritySetting = Severity | 'off';

export interface AnalysisSettings {
  readonly severities?: Readonly<Record<string, SeveritySetting>>;
  /** Extra placeholder patterns (global regular expressions): they decide what counts as answered. */
  readonly placeholders?: readonly RegExp[];
  readonly due?: DueRules;
  /** Report response.due-soon this many calendar days before the due date (none when undefined). */
  readonly warnDaysBefore?: number;
}

/** The settings with someone's own severities laid over the team's (the editor user's `corresp.severities`). */
export function withSeverities(settings: AnalysisSettings, own: Readonly<Record<string, SeveritySetting>>): AnalysisSettings {
  if (Object.keys(own).length === 0) return settings;
  return { ...settings, severities: { ...settings.severities, ...own } };
}
