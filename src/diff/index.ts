export { parseUnifiedDiff } from './parseUnifiedDiff';
export { addedLines, forwardApply, reverseApply } from './applyPatch';
export { gitBlobId, wholeFileOf, type WholeFile } from './full-context';
export {
  DiffParseError,
  PatchMismatchError,
  type DiffLine,
  type DiffLineKind,
  type FileDiff,
  type FileDiffStatus,
  type Hunk,
} from './types';
