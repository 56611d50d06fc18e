import { mayRecordOver } from '../../src/pipeline/record-precedence';
import type { StoredRun } from '../../src/pipeline/stored-run';

const OLD = 'a'.repeat(40);
const NEW = 'b'.repeat(40);
const RECEIVED = '2026-12-02T10:00:00.000Z';
const done = (headHash: string, analysedAt: string): StoredRun => ({ state: 'done', headHash, analysedAt });

describe('mayRecordOver: a failing run never hides a newer run', () => {
  it('keeps a newer head that is pending or was analysed after the failing job arrived', () => {
    expect(mayRecordOver({ state: 'pending', headHash: NEW }, OLD, RECEIVED)).toBe(false);
    expect(mayRecordOver(done(NEW, '2026-12-02T10:00:05.000Z'), OLD, RECEIVED)).toBe(false);
  });

  it('replaces its own head, an older verdict, an error or nothing', () => {
    expect(mayRecordOver({ state: 'pending', headHash: OLD.slice(0, 12) }, OLD, RECEIVED)).toBe(true);
    expect(mayRecordOver(done(NEW, '2026-12-02T09:59:00.000Z'), OLD, RECEIVED)).toBe(true);
    expect(mayRecordOver({ state: 'error', headHash: NEW }, OLD, RECEIVED)).toBe(true);
    expect(mayRecordOver(undefined, OLD, RECEIVED)).toBe(true);
  });

  it('lets a chunk record only on its own head', () => {
    expect(mayRecordOver(done(NEW, '2026-12-02T09:00:00.000Z'), OLD)).toBe(false);
    expect(mayRecordOver(done(OLD, '2026-12-02T09:00:00.000Z'), OLD)).toBe(true);
  });
});
