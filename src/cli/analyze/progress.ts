import type { CliIo } from '../io';

/**
 * One self-overwriting status line on stderr, drawn only on a terminal so that logs and captured output
 * (CI, tests, `2> file`) never contain carriage-return noise.
 */
export function progressLine(io: CliIo): { update(text: string): void; done(): void } {
  if (!io.stderrIsTTY) return { update: () => undefined, done: () => undefined };
  let width = 0;
  return {
    update(text: string) {
      io.stderr(`\r${text.padEnd(width)}`);
      width = text.length;
    },
    done() {
      if (width > 0) io.stderr(`\r${' '.repeat(width)}\r`);
      width = 0;
    },
  };
}
