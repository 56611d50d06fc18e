/**
 * Domain types of the analysis engine. The engine is pure: source text in, facts out.
 * Nothing here may import Forge, the network or the file system.
 */

/** Code Insights annotation types (Bitbucket `report_annotation.annotation_type`). */
export type FindingType = 'BUG' | 'CODE_SMELL' | 'VULNERABILITY';

/** Code Insights severities, highest first. */
export type Severity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW';

export const SEVERITIES_HIGH_FIRST: readonly Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];

/** Path used in a SkipReason that concerns the whole run rather than one file. */
export const WHOLE_RUN_PATH = '*';

/** Identifier of a language the engine parses with tree-sitter; other text files get `'text'`. */
export type LanguageId =
  | 'javascript'
  | 'typescript'
  | 'tsx'
  | 'python'
  | 'java'
  | 'go'
  | 'csharp'
  | 'ruby'
  | 'php'
  | 'rust'
  | 'c'
  | 'cpp'
  | 'kotlin'
  | 'swift'
  | 'text';

/** One source file handed to the engine. */
export interface SourceFile {
  /** Repository-relative path with forward slashes. */
  path: string;
  /** Decoded text (BOM removed, any line endings). */
  text: string;
}

/** Metrics of one function, method, lambda or closure. Lines are 1-based and inclusive. */
export interface FunctionMetrics {
  name: string;
  startLine: number;
  endLine: number;
  /** Lizard-compatible cyclomatic complexity: 1 + decision tokens. */
  cyclomatic: number;
  /** SonarSource cognitive complexity. */
  cognitive: number;
  params: number;
  /** Deepest nesting of control structures inside the function (0 when flat). */
  maxNesting: number;
  /** Length in lines (endLine - startLine + 1). */
  lines: number;
  /**
   * Lines of the function that no nested function spans: its own length. A `describe` callback holding thirty
   * `it` callbacks is a few lines of its own; each `it` is measured on its own.
   */
  ownLines: number;
  /** Number of separate chunks of nested conditional logic of depth >= 2 (CodeScene's "bumps"). */
  bumps: number;
  /** Largest count of logical operators in one branch condition. */
  maxConditionOperators: number;
  /** Line of that condition, when there is one. */
  maxConditionLine?: number;
}

/** Why a file was not (fully) analysed. Shown to users. */
/**
 * What a skip means for the verdict (docs/gate.md). Absent: set aside by design (deleted, binary, ignored,
 * generated, minified, over the size limit) or a note about a file that was analysed; the verdict stands.
 * `not-analysed`: a file Lintel meant to analyse and could not (the analyser failed on it, its content could not
 * be read, its chunk failed, time or the API budget ran out): the pull request is never shown as passed.
 * `secrets-not-scanned`: the secret scan failed on a file that was otherwise analysed: the gate fails.
 */
export type SkipKind = 'not-analysed' | 'secrets-not-scanned';

export interface SkipReason {
  path: string;
  reason: string;
  kind?: SkipKind;
}

/** Per-file facts. */
export interface FileMetrics {
  path: string;
  language: LanguageId;
  lines: number;
  codeLines: number;
  functions: FunctionMetrics[];
  /** Set when parsing was partial (syntax errors) or skipped; analysis still ran as far as it could. */
  note?: string;
  /** `not-analysed` when the note means the file's functions were not measured (its time ran out): a shortfall. */
  noteKind?: SkipKind;
}

/** One problem found in the code. Never carries a secret value. */
export interface Finding {
  ruleId: string;
  type: FindingType;
  severity: Severity;
  path: string;
  /** 1-based line the finding is anchored to. */
  line: number;
  endLine?: number;
  message: string;
  /** Stable identity that survives line shifts: hash of (rule, path, function, normalised code). */
  fingerprint: string;
  /** Enclosing function, when the finding belongs to one. */
  functionName?: string;
  /** The other place the finding is about: a clone's twin. */
  twin?: { path: string; line: number };
}
