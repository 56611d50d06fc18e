import type { Severity } from '../engine/types';

/** A rule as settings see it: what can be switched off and which thresholds can be set (src/engine/rules). */
export interface RuleCatalogEntry {
  id: string;
  title: string;
  defaultSeverity: Severity;
  thresholds: Record<string, { default: number; description: string }>;
}
