import { BEST_HEALTH, DEFAULT_HEALTH_BANDS } from './health-weights';

export interface WeightedScore {
  score: number;
  /** Code lines of the file: big files weigh more. */
  codeLines: number;
}

/**
 * Health of several files: their scores averaged with code lines as weights, as CodeScene does
 * (2.0 at 5,000 LoC plus two 10s at 100 and 10 LoC ≈ 2.2, not 7.33). With no files there is nothing
 * unhealthy, so the result is 10; when every file is empty, each counts equally.
 */
export function weightedHealth(scores: readonly WeightedScore[]): number {
  if (scores.length === 0) return BEST_HEALTH;
  const totalLines = scores.reduce((sum, s) => sum + Math.max(0, s.codeLines), 0);
  const raw =
    totalLines > 0
      ? scores.reduce((sum, s) => sum + s.score * Math.max(0, s.codeLines), 0) / totalLines
      : scores.reduce((sum, s) => sum + s.score, 0) / scores.length;
  return Math.round(raw * 100) / 100;
}

export type HealthBand = 'green' | 'yellow' | 'red';

export interface HealthBands {
  /** Lowest Green score (default 8). */
  green: number;
  /** Lowest Yellow score (default 4); below it is Red. */
  yellow: number;
}

export function healthBand(score: number, bands: Partial<HealthBands> = {}): HealthBand {
  const green = bands.green ?? DEFAULT_HEALTH_BANDS.green;
  const yellow = bands.yellow ?? DEFAULT_HEALTH_BANDS.yellow;
  if (score >= green) return 'green';
  if (score >= yellow) return 'yellow';
  return 'red';
}

/** Before → after of a change, with the difference rounded like the scores. */
export function healthDelta(before: number, after: number): { before: number; after: number; delta: number } {
  return { before, after, delta: Math.round((after - before) * 100) / 100 };
}
