/**
 * The client asks each endpoint for what it serves: JSON for JSON, `text/plain` for a diff, any type for a raw
 * file (Bitbucket types it by name: `.ts` is video/mp2t). The emulator answers a wrong `Accept` with 406, as
 * Bitbucket can; the negative control is the transport as it was, asking every endpoint for JSON.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, createGitRepository, type Emulator } from '../../dev/bitbucket-emulator';
import { BitbucketApi } from '../../src/bitbucket/api';
import { BitbucketClient, systemClock } from '../../src/bitbucket/client';
import { BitbucketError } from '../../src/bitbucket/errors';
import { HttpTransport } from '../../src/bitbucket/http-transport';
import type { ApiRequest, Transport } from '../../src/bitbucket/types';

describe('Accept headers against an emulator that refuses the wrong one', () => {
  let emulator: Emulator;
  let workDir: string;
  let http: HttpTransport;
  const repo = { workspace: 'acme', repository: 'shop' };
  let head: string;
  let base: string;

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-accept-'));
    const fixture = await createGitRepository(path.join(workDir, 'shop'), [
      { branch: 'main', message: 'base', files: { 'a.ts': 'export const a = 1;\n' } },
      { branch: 'feature', from: 'main', message: 'change', files: { 'a.ts': 'export const a = 2;\n' } },
    ]);
    emulator = await startEmulator();
    const token = emulator.addUser({ displayName: 'Lintel', app: true }).token;
    emulator.addWorkspace({ slug: 'acme' });
    emulator.addRepository({ workspace: 'acme', slug: 'shop', gitDir: fixture.gitDir });
    head = await fixture.head('feature');
    base = await fixture.head('main');
    http = new HttpTransport(emulator.baseUrl, token);
  });

  afterAll(async () => {
    await emulator.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  afterEach(() => {
    emulator.violations.length = 0;
  });

  const recordingApi = (inner: Transport) => {
    const sent: ApiRequest[] = [];
    const transport: Transport = {
      description: inner.description,
      send: (request) => {
        sent.push(request);
        return inner.send(request);
      },
    };
    return { api: new BitbucketApi(new BitbucketClient(transport, { clock: systemClock() })), sent };
  };

  it('reads the diff, the diffstat, a raw .ts file and a commit without a 406', async () => {
    const { api, sent } = recordingApi(http);
    expect(await api.diff(repo, head, base)).toContain('+export const a = 2;');
    expect(await api.diff(repo, head, base, { paths: ['a.ts'], context: 1_048_576 })).toContain(
      '+export const a = 2;',
    );
    expect((await api.diffstat(repo, head, base)).map((e) => e.new?.path)).toEqual(['a.ts']);
    expect(await api.fileAt(repo, head, 'a.ts')).toBe('export const a = 2;\n');
    expect(await api.fullHash(repo, head.slice(0, 12))).toBe(head);
    expect(emulator.violations).toEqual([]);
    expect(sent.map((r) => r.accept)).toEqual([
      'text/plain',
      'text/plain',
      'application/json',
      '*/*',
      'application/json',
    ]);
  });

  it('a client asking every endpoint for JSON is refused on the diff and the raw file (negative control)', async () => {
    // The transport before this change: it sent `Accept: application/json` whatever the endpoint.
    const jsonOnly: Transport = {
      description: http.description,
      send: (request) => http.send({ ...request, accept: 'application/json' }),
    };
    const { api } = recordingApi(jsonOnly);
    await expect(api.diff(repo, head, base)).rejects.toMatchObject({ status: 406 });
    await expect(api.fileAt(repo, head, 'a.ts')).rejects.toBeInstanceOf(BitbucketError);
    expect(emulator.violations.map((v) => v.status)).toEqual([406, 406]);
  });
});
