// One way for every test to get a Chromium: the one npm installs (@sparticuz/chromium, Linux x64, no system
// packages), else a system Chromium. `npm install && npm test` must pass on a machine with only Node and npm.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium as playwrightChromium, type Browser } from 'playwright-core';

/**
 * Flags that keep Chromium quiet on a closed network: no update checks, no sync, no QUIC probes, no
 * first-run work. Without them it tries to reach Google's servers and the tests wait on timeouts.
 */
const QUIET_CHROMIUM_ARGS = [
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-domain-reliability',
  '--no-pings',
];

/**
 * Both the npm and a system Chromium start with these, so both behave like a user's browser. The sandbox needs
 * user namespaces that containers and root (as in CI) do not have; it guards the machine, not page behaviour.
 */
const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', ...QUIET_CHROMIUM_ARGS];

const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const SYSTEM_CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome'];

const INSTALL_HINT =
  'Chromium is needed for the Custom UI browser tests. `npm install` brings one (@sparticuz/chromium) for ' +
  'Linux x64; elsewhere install Chromium (Debian/Ubuntu: `apt-get install chromium`, macOS: ' +
  '`brew install --cask chromium`) or set CHROMIUM_PATH to a Chromium or Chrome executable.';

/** Where tests save screenshots: gitignored (`.tmp/`), kept after the run so a person can look at them. */
export function screenshotPath(name: string): string {
  const dir = path.resolve(__dirname, '../../.tmp/screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

interface Candidate {
  source: string;
  launch(): Promise<Browser>;
}

/**
 * Launches headless Chromium. Order: CHROMIUM_PATH if set (an explicit choice wins), the npm Chromium on
 * Linux x64, then a system Chromium. Throws one error listing every attempt and what to install.
 */
export async function launchBrowser(): Promise<Browser> {
  const failures: string[] = [];
  for (const candidate of candidates()) {
    try {
      return await candidate.launch();
    } catch (error) {
      failures.push(`- ${candidate.source}: ${reason(error)}`);
    }
  }
  throw new Error(`No Chromium could be started.\n${failures.join('\n')}\n${INSTALL_HINT}`);
}

function* candidates(): Generator<Candidate> {
  const override = process.env.CHROMIUM_PATH;
  if (override) {
    yield { source: `CHROMIUM_PATH=${override}`, launch: () => launchSystem(override) };
    return; // an explicit path that fails must not be papered over by another browser
  }
  if (process.platform === 'linux' && process.arch === 'x64') {
    yield { source: '@sparticuz/chromium (npm)', launch: launchNpmChromium };
  } else {
    yield {
      source: '@sparticuz/chromium (npm)',
      launch: () =>
        Promise.reject(new Error(`ships Linux x64 only; this is ${process.platform} ${process.arch}`)),
    };
  }
  const system = [...new Set([...SYSTEM_CHROMIUM_PATHS, ...SYSTEM_CHROMIUM_NAMES.map(onPath)])].filter(
    (file): file is string => file !== undefined && isExecutable(file),
  );
  for (const executable of system) yield { source: executable, launch: () => launchSystem(executable) };
  if (system.length === 0) {
    yield {
      source: `system Chromium (${SYSTEM_CHROMIUM_PATHS.join(', ')}, or ${SYSTEM_CHROMIUM_NAMES.join('/')} on PATH)`,
      launch: () => Promise.reject(new Error('none found')),
    };
  }
}

function launchSystem(executablePath: string): Promise<Browser> {
  return playwrightChromium.launch({
    executablePath,
    headless: true,
    args: BROWSER_ARGS,
  });
}

async function launchNpmChromium(): Promise<Browser> {
  // The package is ESM-only; a native dynamic import keeps it out of Jest's CommonJS transform.
  const { default: npmChromium, inflate } = await import('@sparticuz/chromium');
  const { executablePath, libraryPath } = await withUnpackLock(async () => ({
    executablePath: await npmChromium.executablePath(),
    // The NSS libraries the binary links against, built for Amazon Linux 2023 (glibc 2.34+). With them the
    // binary needs nothing from the system; Debian and Ubuntu images without libnss3 can run it.
    libraryPath: path.join(await inflate(path.join(npmBinDir(), 'al2023.tar.br')), 'lib'),
  }));
  // Not npmChromium.args: those are for AWS Lambda and loosen the browser (--disable-web-security,
  // --allow-running-insecure-content, no site isolation), which would hide a page that breaks the same-origin
  // rules Bitbucket's browsers keep; --single-process also ends the browser when its last page closes.
  const args = BROWSER_ARGS;
  const fontConfig = writeFontConfig();
  const env = (libraries: string | undefined): Record<string, string> => ({
    ...stringEnv(),
    FONTCONFIG_FILE: fontConfig,
    ...(libraries ? { LD_LIBRARY_PATH: libraries } : {}),
  });
  try {
    return await playwrightChromium.launch({ executablePath, args, headless: true, env: env(libraryPath) });
  } catch (bundled) {
    // An older glibc than the bundled libraries need: the system's own NSS may still do.
    try {
      return await playwrightChromium.launch({ executablePath, args, headless: true, env: env(undefined) });
    } catch {
      throw new Error(
        `${reason(bundled)}\n  (if an earlier unpack was interrupted, delete ${executablePath} and run again)`,
      );
    }
  }
}

/**
 * executablePath() unpacks Open Sans to /tmp/fonts, so text renders on a machine with no fonts at all. Open
 * Sans has no arrows or box glyphs, so the system's fonts (if any) stay available for the characters it lacks.
 */
function writeFontConfig(): string {
  const file = path.join(os.tmpdir(), 'lintel-chromium-fonts.conf');
  const config = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    `  <dir>${path.join(os.tmpdir(), 'fonts')}</dir>`,
    `  <cachedir>${path.join(os.tmpdir(), 'fonts-cache')}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
  // Written aside and renamed, so a worker launching at the same moment never reads half a file.
  const partial = `${file}.${process.pid}`;
  fs.writeFileSync(partial, config);
  fs.renameSync(partial, file);
  return file;
}

function npmBinDir(): string {
  return path.join(path.dirname(require.resolve('@sparticuz/chromium')), '..', 'bin');
}

/**
 * @sparticuz/chromium unpacks to /tmp/chromium and treats an existing file as finished, so two Jest workers
 * unpacking at once would let one launch a half-written binary. A lock directory (mkdir is atomic) makes the
 * others wait; a lock left by a killed process is taken over after it has been idle for a minute.
 */
async function withUnpackLock<T>(work: () => Promise<T>): Promise<T> {
  const lock = path.join(os.tmpdir(), 'lintel-chromium-unpack.lock');
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (lockIsStale(lock)) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

function lockIsStale(lock: string): boolean {
  try {
    return Date.now() - fs.statSync(lock).mtimeMs > 60_000;
  } catch {
    return false; // released between our mkdir and stat: try again
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, name);
    if (dir && isExecutable(file)) return file;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function stringEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** Playwright's first line, plus what the browser itself printed to stderr (a missing library, a crash). */
function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split('\n');
  const callLog = lines.indexOf('Call log:'); // repeats the browser log with escape codes
  const browserLog = callLog === -1 ? lines : lines.slice(0, callLog);
  const stderr = browserLog
    .filter((line) => /^\[pid=\d+\]\[err\]/.test(line))
    .map((line) => line.replace(/^\[pid=\d+\]\[err\]\s*/, ''))
    .filter((line) => line.trim() !== '')
    .slice(0, 3);
  return [lines[0] ?? text, ...stderr.map((line) => `  ${line}`)].join('\n');
}
