/**
 * Starting points for the quality gate that the settings page offers as one-click profiles. Pure data: the page
 * bundles this file, so it may import nothing but types. A limit left out is off (docs/settings.md, "Why these
 * defaults", explains the sources quoted below).
 */
import type { GateSettings } from './types';

export type GateProfileId = 'bare-minimum' | 'recommended' | 'strict';

export interface GateProfile {
  id: GateProfileId;
  /** The button's label. */
  name: string;
  /** One line under the buttons: who the profile is for. */
  description: string;
  gate: GateSettings;
}

export const GATE_PROFILES: readonly GateProfile[] = [
  {
    id: 'bare-minimum',
    name: 'Bare minimum',
    description: 'Blocks only critical new issues and leaked secrets: for legacy code or a first install.',
    gate: {
      // CRITICAL findings (a very complex function, a hard-coded key) are wrong in any code base, legacy or not.
      newIssues: { minSeverity: 'CRITICAL', max: 0 },
      // A secret in a pull request is already leaked to everyone who can read it; no code base tolerates one.
      maxNewSecrets: 0,
    },
  },
  {
    id: 'recommended',
    name: 'Recommended',
    description:
      'No new high-severity issue or secret, and code health may not fall by more than half a point.',
    gate: {
      // Codacy's suggested pull-request gate (no new issue of the chosen severity or worse), and Lintel's default:
      // HIGH is what a reviewer would block on; MEDIUM and LOW still appear as annotations.
      newIssues: { minSeverity: 'HIGH', max: 0 },
      maxNewSecrets: 0,
      // "Hold the line": a falling score is the signal, whatever the code base's level (CodeScene's delta gate);
      // half a point lets a small refactoring settle without failing.
      maxHealthDrop: 0.5,
    },
  },
  {
    id: 'strict',
    name: 'Strict',
    description:
      'For healthy code bases: no new medium issue, health 8 or more, no decline, small additions.',
    gate: {
      newIssues: { minSeverity: 'MEDIUM', max: 0 },
      maxNewSecrets: 0,
      // CodeScene's bands put healthy code at 8 or more (docs/analysis-references.md §3).
      minHealth: 8,
      // Any decline fails: the team keeps what it has.
      maxHealthDrop: 0,
      // McCabe's original limit for one function is 10: a change may add about one such function's worth.
      maxComplexityAdded: 10,
      // CodeScene counts duplication as a smell from 10 similar lines; a change may add no more than that.
      maxDuplicatedLines: 10,
    },
  },
];
