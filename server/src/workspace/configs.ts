/**
 * The configuration in force for each folder of letters, read once and kept until a configuration file changes:
 * the nearest .corresp.yaml walking up to the workspace folder that holds it (the editor) or to the repository root
 * (the CLI). One store for the server and the CLI, so both apply a team's settings to a letter alike. IO through
 * `findConfig`; what the settings mean is the analysis layer's business.
 */
import * as path from 'node:path';
import type { AnalysisSettings } from '../analysis/settings';
import { analysisSettingsOf, DEFAULT_CONFIG, findConfig, type CorrespConfig, type FoundConfig } from './config';

export interface ConfigStoreOptions {
  /** The editor's workspace folders: the walk up stops at the one holding the letter. */
  readonly folders?: () => readonly string[];
  /** False in an untrusted workspace: only literal placeholders are taken. */
  readonly trusted?: () => boolean;
  /** The diagnostic codes `severities` may name. */
  readonly codes?: readonly string[];
  /** Called once for each configuration file read (to show its problems). */
  readonly onRead?: (found: FoundConfig) => void;
}

const DEFAULT_SETTINGS = analysisSettingsOf(DEFAULT_CONFIG);

export class ConfigStore {
  private readonly found = new Map<string, Promise<FoundConfig>>();
  /** The settings of each configuration read (one object per configuration, so caches keyed by it keep hitting). */
  private readonly settings = new WeakMap<CorrespConfig, AnalysisSettings>();

  constructor(private readonly options: ConfigStoreOptions = {}) {}

  /** The configuration that applies to letters in `dir`. */
  forFolder(dir: string): Promise<FoundConfig> {
    let found = this.found.get(dir);
    if (!found) {
      // In the editor the walk stops at the workspace folder (or at the letter's own folder outside every one).
      const folders = this.options.folders?.();
      const stopAt = folders ? (folders.find((f) => !path.relative(f, dir).startsWith('..')) ?? dir) : undefined;
      found = findConfig(dir, {
        ...(stopAt ? { stopAt } : {}),
        ...(this.options.trusted?.() === false ? { trusted: false } : {}),
        ...(this.options.codes ? { codes: this.options.codes } : {}),
      });
      this.found.set(dir, found);
      if (this.options.onRead) void found.then(this.options.onRead);
    }
    return found;
  }

  /** The configuration that applies to a letter file (by path). */
  forFile(file: string): Promise<FoundConfig> {
    return this.forFolder(path.dirname(file));
  }

  /** The analysis settings for a letter file: its configuration's (the defaults when it has none). */
  async settingsFor(file: string): Promise<AnalysisSettings> {
    return this.settingsOf((await this.forFile(file)).config);
  }

  settingsOf(config: CorrespConfig): AnalysisSettings {
    if (config === DEFAULT_CONFIG) return DEFAULT_SETTINGS;
    let settings = this.settings.get(config);
    if (!settings) {
      settings = analysisSettingsOf(config);
      this.settings.set(config, settings);
    }
    return settings;
  }

  /** A configuration file changed: read them all again when next asked. */
  clear(): void {
    this.found.clear();
  }
}
