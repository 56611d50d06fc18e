export type {
  ChangeFacts,
  FilesFacts,
  GateCondition,
  GateConditionId,
  GateOutcome,
  GateVerdict,
  NotAnalysed,
} from './types';
export { evaluateGate, failureReasons } from './evaluate';
export { gateOutcome, judgeCoverage, notAnalysedText, shortfallsOf } from './coverage';
