/** One likely secret in a file. Never carries the secret value: only a short redacted prefix. */
export interface SecretHit {
  /** `lintel/<rule>` for our own patterns, `secretlint/<rule>` for secretlint's recommended preset. */
  ruleId: string;
  /** 1-based line where the secret starts. */
  line: number;
  /** 1-based column (UTF-16 code units) where the secret starts. */
  column: number;
  /** 1-based line where the secret ends (private keys span many lines). */
  endLine: number;
  /** What was found, with the redacted preview; safe to publish. */
  message: string;
  /** At most a few leading characters of the secret followed by "…". */
  preview: string;
}

/** A match before redaction; internal to the secrets scanner. */
export interface SecretCandidate {
  ruleId: string;
  /** Human name of the kind of secret, e.g. "GitHub token". */
  label: string;
  /** Offsets of the reported span in the file text (end exclusive). */
  start: number;
  end: number;
  /** The secret value itself, used only to check that nothing printable contains it. */
  secret: string;
  /** Lower wins when two candidates overlap: provider-specific rules beat generic ones. */
  priority: number;
  /** Preview to show instead of the default redacted prefix (must not contain the secret). */
  preview?: string;
}
