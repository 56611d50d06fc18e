// The browser launcher every Chromium test uses: on Linux x64 it must need nothing but `npm install`, and when
// no Chromium can start it must say what to install instead of failing somewhere inside Playwright.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { launchBrowser } from './browser';

/** A local server answering every request with `body` (no CORS headers). */
async function serve(body: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end(body),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const savedPath = process.env.CHROMIUM_PATH;
afterEach(() => {
  if (savedPath === undefined) delete process.env.CHROMIUM_PATH;
  else process.env.CHROMIUM_PATH = savedPath;
});

test('on Linux x64 the tests run on the Chromium that npm installed, so no system package is needed', async () => {
  delete process.env.CHROMIUM_PATH;
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.setContent('<h1>Lintel</h1>');
    expect(await page.getByRole('heading', { name: 'Lintel' }).textContent()).toBe('Lintel');
    await page.close();
    if (process.platform === 'linux' && process.arch === 'x64') {
      const manifest = path.join(path.dirname(require.resolve('@sparticuz/chromium')), '..', 'package.json');
      const npmMajor = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version.split(
        '.',
      )[0];
      expect(browser.version().split('.')[0]).toBe(npmMajor);
    }
  } finally {
    await browser.close();
  }
});

test("the browser keeps the same-origin rules a user's browser keeps (no --disable-web-security)", async () => {
  delete process.env.CHROMIUM_PATH;
  const page = await serve('<p>page</p>');
  const other = await serve('secret of another origin');
  const browser = await launchBrowser();
  try {
    const tab = await browser.newPage();
    await tab.goto(page.url);
    // A page reading another origin without CORS headers must be refused, as it would be in Bitbucket.
    const outcome = await tab.evaluate(
      (url) =>
        fetch(url).then(
          (response) => response.text(),
          (error: Error) => `refused: ${error.name}`,
        ),
      other.url,
    );
    expect(outcome).toBe('refused: TypeError');
  } finally {
    await browser.close();
    await page.close();
    await other.close();
  }
});

test('a CHROMIUM_PATH that cannot start fails with that path and what to install', async () => {
  process.env.CHROMIUM_PATH = '/nonexistent/chromium';
  const failure = launchBrowser();
  await expect(failure).rejects.toThrow('CHROMIUM_PATH=/nonexistent/chromium');
  await expect(failure).rejects.toThrow(/apt-get install chromium.*or set CHROMIUM_PATH/s);
});
