// Forge's egress rule in the local runtime: inside a function, `fetch` from @forge/api reaches only the hosts
// manifest.yml declares in permissions.external.fetch.backend (the fixture app declares 127.0.0.1); anything else is
// refused before a byte is sent, and logged. The Forge proxies (requestBitbucket, kvs, queue, llm) are unaffected.
import type { ForgeRuntime } from '../../../dev/forge-runtime';
import { egressAllowed } from '../../../dev/forge-runtime/egress';
import { fixtureRuntime, startStubBitbucket, type StubBitbucket } from './helpers';

let bitbucket: StubBitbucket;
let runtime: ForgeRuntime;

beforeAll(async () => {
  bitbucket = await startStubBitbucket();
  runtime = fixtureRuntime(bitbucket.baseUrl);
  runtime.install();
});
afterAll(async () => {
  runtime.uninstall();
  await bitbucket.close();
});

test('a declared host is fetched; an undeclared one is refused, named in the error and the log, and never reached', async () => {
  const declared = await runtime.invokeFunction('egress-probe', { url: `${bitbucket.baseUrl}/2.0/ping` });
  expect(declared).toMatchObject({ ok: true, value: { status: 200 } });
  const reached = bitbucket.requests.length;

  // Same server, other name: `localhost` is not in the manifest, so nothing may leave.
  const undeclaredUrl = bitbucket.baseUrl.replace('127.0.0.1', 'localhost');
  const refused = await runtime.invokeFunction('egress-probe', { url: `${undeclaredUrl}/2.0/ping` });
  expect(refused).toMatchObject({
    ok: true,
    value: { error: { message: expect.stringContaining('Egress refused: localhost:') } },
  });
  expect(bitbucket.requests).toHaveLength(reached);
  expect(runtime.logs.filter((l) => l.level === 'error').map((l) => l.message)).toContainEqual(
    expect.stringMatching(
      /^Egress refused: localhost:\d+ is not in manifest\.yml permissions\.external\.fetch\.backend \(declared: 127\.0\.0\.1\)$/,
    ),
  );
});

test('the Forge proxy still reaches Bitbucket, and code outside a function fetches freely', async () => {
  const viaProxy = await runtime.invokeFunction('bb-probe', { path: '/2.0/user' });
  expect(viaProxy).toMatchObject({ ok: true, value: { status: 200 } });
  const outside = await fetch(`${bitbucket.baseUrl.replace('127.0.0.1', 'localhost')}/2.0/ping`);
  expect(outside.status).toBe(200);
});

test('backend entries match as Forge documents them: host, URL, wildcard subdomain, nothing else', () => {
  const backends = ['api.example.com', 'https://hooks.example.org/path', '*.cdn.example.net'];
  const allowed = (url: string) => egressAllowed(new URL(url), backends);
  expect(allowed('https://api.example.com/v1')).toBe(true);
  expect(allowed('https://hooks.example.org/other')).toBe(true);
  expect(allowed('https://eu.cdn.example.net/x')).toBe(true);
  expect(allowed('https://cdn.example.net/x')).toBe(false);
  expect(allowed('https://evil-api.example.com/')).toBe(false);
  expect(allowed('https://api.example.com.evil.io/')).toBe(false);
  expect(egressAllowed(new URL('https://api.example.com/'), [])).toBe(false);
});
