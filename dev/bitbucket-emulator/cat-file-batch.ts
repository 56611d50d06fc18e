/**
 * One long-lived `git cat-file --batch` process per repository: reading many files or commits costs one
 * line of stdin each instead of one process spawn each.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface GitObject {
  sha: string;
  type: 'blob' | 'tree' | 'commit' | 'tag';
  content: Buffer;
}

interface Pending {
  resolve(value: GitObject | null): void;
  reject(error: Error): void;
}

export class CatFileBatch {
  private process: ChildProcessWithoutNullStreams | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  private readonly pending: Pending[] = [];
  private closed = false;

  constructor(
    private readonly gitDir: string,
    private readonly env?: NodeJS.ProcessEnv,
  ) {}

  /** Reads any object git can name (`<rev>^{commit}`, `<commit>:<path>`); null when it does not exist. */
  read(objectName: string): Promise<GitObject | null> {
    if (this.closed) return Promise.reject(new Error('git object reader is closed'));
    // cat-file reads one name per line; a newline would desynchronise every later answer.
    if (objectName.includes('\n') || objectName.includes('\r') || objectName === '')
      return Promise.resolve(null);
    const child = this.ensureProcess();
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      child.stdin.write(`${objectName}\n`);
    });
  }

  close(): void {
    this.closed = true;
    this.process?.stdin.end();
    this.process?.kill();
    this.process = undefined;
  }

  private ensureProcess(): ChildProcessWithoutNullStreams {
    if (this.process) return this.process;
    const child = spawn('git', ['--git-dir', this.gitDir, 'cat-file', '--batch'], {
      stdio: 'pipe',
      ...(this.env ? { env: this.env } : {}),
    });
    child.stdout.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
    child.stderr.resume();
    const fail = (error: Error): void => {
      if (this.process === child) this.process = undefined;
      this.buffer = Buffer.alloc(0);
      for (const waiter of this.pending.splice(0)) waiter.reject(error);
    };
    child.on('error', fail);
    child.on('exit', (code) =>
      fail(new Error(`git cat-file exited with code ${String(code)} for ${this.gitDir}`)),
    );
    child.stdin.on('error', fail);
    this.process = child;
    return child;
  }

  private drain(): void {
    for (;;) {
      const waiter = this.pending[0];
      if (!waiter) return;
      const newline = this.buffer.indexOf(0x0a);
      if (newline < 0) return;
      const header = this.buffer.subarray(0, newline).toString('utf8');
      const parts = header.split(' ');
      if (parts.length !== 3) {
        // "<name> missing" or "<name> ambiguous": the object cannot be named unambiguously.
        this.buffer = this.buffer.subarray(newline + 1);
        this.pending.shift();
        waiter.resolve(null);
        continue;
      }
      const size = Number(parts[2]);
      const end = newline + 1 + size;
      if (this.buffer.length < end + 1) return;
      const content = Buffer.from(this.buffer.subarray(newline + 1, end));
      this.buffer = this.buffer.subarray(end + 1);
      this.pending.shift();
      waiter.resolve({ sha: parts[0] ?? '', type: parts[1] as GitObject['type'], content });
    }
  }
}
