import type { CliIo } from '../io';

/** Per-file counts arrive thousands of times a second; a terminal needs a few redraws. */
const COUNT_REDRAW_MS = 80;

export interface ProgressLine {
  update(text: string): void;
  /** "lintel: analysed 120 of 640 files…", redrawn at most every COUNT_REDRAW_MS and always at the last file. */
  count(done: number, total: number): void;
  done(): void;
}

/**
 * One self-overwriting status line on stderr, drawn only on a terminal so that logs and captured output
 * (CI, tests, `2> file`) never contain carriage-return noise.
 */
export function progressLine(io: CliIo, now: () => number = Date.now): ProgressLine {
  if (!io.stderrIsTTY) return { update: () => undefined, count: () => undefined, done: () => undefined };
  let width = 0;
  let countedAt = -Infinity;
  const update = (text: string): void => {
    io.stderr(`\r${text.padEnd(width)}`);
    width = text.length;
  };
  return {
    update,
    count(done, total) {
      if (done < total && now() - countedAt < COUNT_REDRAW_MS) return;
      countedAt = now();
      update(`lintel: analysed ${done} of ${total} files…`);
    },
    done() {
      if (width > 0) io.stderr(`\r${' '.repeat(width)}\r`);
      width = 0;
    },
  };
}
