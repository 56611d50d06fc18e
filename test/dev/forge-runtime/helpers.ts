// Shared setup for the forge-runtime tests: a tiny Bitbucket stand-in on 127.0.0.1 (real HTTP) and a
// runtime over the fixture app in test/fixtures/forge-app.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { createForgeRuntime, type ForgeRuntime, type ForgeRuntimeOptions } from '../../../dev/forge-runtime';

export const FIXTURE_APP = path.resolve(__dirname, '../../fixtures/forge-app');
export const APP_TOKEN = 'app-token-123';
export const WORKSPACE_ID = '{4c16a397-8e48-479c-8ca2-442e46c90570}';

export interface SeenRequest {
  method: string;
  url: string;
  authorization?: string;
  contentType?: string;
  body: string;
}

export interface StubBitbucket {
  baseUrl: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** Answers /2.0/redirect with a 302, everything else with a JSON echo of the request. */
export async function startStubBitbucket(): Promise<StubBitbucket> {
  const requests: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen: SeenRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        body: Buffer.concat(chunks).toString('utf8'),
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}),
      };
      requests.push(seen);
      if (req.url?.startsWith('/2.0/redirect')) {
        res.writeHead(302, {
          location: `http://127.0.0.1:${(server.address() as AddressInfo).port}/2.0/target`,
        });
        res.end();
        return;
      }
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ echo: seen }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function fixtureRuntime(baseUrl: string, extra: Partial<ForgeRuntimeOptions> = {}): ForgeRuntime {
  return createForgeRuntime({
    appRoot: FIXTURE_APP,
    bitbucket: { baseUrl, appToken: APP_TOKEN },
    installationContext: { workspaceId: WORKSPACE_ID },
    ...extra,
  });
}
