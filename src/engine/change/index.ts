export { analyzeChangeWith, type ChangeAnalysis, type ChangeInput } from './analyze-change';
export {
  changedFilesOf,
  renamesOf,
  touchesRange,
  type ChangedFile,
  type TouchedLines,
} from './changed-files';
export { newFindingsOf, fixedFindingsOf, isTouched } from './classify-findings';
export { complexityAddedIn } from './complexity-added';
