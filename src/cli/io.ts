/** The process edges a command may touch, passed in so commands can be driven from tests without a process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Progress lines are drawn only on a terminal; piped or captured stderr stays clean. */
  stderrIsTTY: boolean;
  cwd: string;
  /** Environment variables (e.g. BITBUCKET_TOKEN); defaults to none, so tests choose what a command sees. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Exit codes of every command (docs/cli.md). */
export const EXIT = {
  /** The analysis ran and the quality gate passed. */
  passed: 0,
  /** The analysis ran and the quality gate failed. */
  gateFailed: 1,
  /** Bad usage or input (unknown option, missing path, unreadable settings, unknown revision). */
  usageOrInput: 2,
  /** The run could not finish (e.g. Bitbucket kept failing); what was published says so. */
  incomplete: 3,
} as const;

/**
 * A problem the user can fix: shown as one message without a stack trace, exit code 2.
 * `showUsageHint` adds "Run 'lintel <cmd> --help'" for mistakes in the command line itself.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly showUsageHint = false,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTTY: process.stderr.isTTY === true,
    cwd: process.cwd(),
    env: process.env,
  };
}
