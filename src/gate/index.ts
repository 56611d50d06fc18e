export type { ChangeFacts, FilesFacts, GateCondition, GateConditionId, GateVerdict } from './types';
export { evaluateGate, failureReasons } from './evaluate';
