import { progressLine } from '../../src/cli/analyze/progress';
import type { CliIo } from '../../src/cli/io';

function terminal(): { io: CliIo; written: string[] } {
  const written: string[] = [];
  return {
    written,
    io: { stdout: () => undefined, stderr: (t) => void written.push(t), stderrIsTTY: true, cwd: '/' },
  };
}

describe('the progress line of long runs', () => {
  it('counts files done of the total, redrawing a few times a second and always at the last file', () => {
    const { io, written } = terminal();
    let clock = 1000;
    const progress = progressLine(io, () => clock);
    for (let done = 1; done <= 500; done++) {
      progress.count(done, 500);
      clock += 1; // 500 files in half a second
    }
    const drawn = written.map((t) => t.trim());
    expect(drawn[0]).toBe('lintel: analysed 1 of 500 files…');
    expect(drawn.at(-1)).toBe('lintel: analysed 500 of 500 files…');
    // One redraw per 80 ms plus the last: a terminal is not flooded with 500 lines.
    expect(drawn.length).toBeLessThanOrEqual(8);
    expect(drawn.length).toBeGreaterThanOrEqual(6);
  });

  it('writes nothing when stderr is not a terminal', () => {
    const { io, written } = terminal();
    const progress = progressLine({ ...io, stderrIsTTY: false });
    progress.count(1, 2);
    progress.done();
    expect(written).toEqual([]);
  });
});
