export { fileHealth, type FileHealth, type HealthDeduction, type HealthScoringOptions } from './file-health';
export {
  weightedHealth,
  healthBand,
  healthDelta,
  type HealthBand,
  type HealthBands,
  type WeightedScore,
} from './aggregate-health';
export * from './health-weights';
