/**
 * The command line never passes code it could not parse: with the prebuilt engine's JavaScript grammar damaged (as a
 * broken build or install would leave it), `lintel analyze` stops with exit code 3 and says why, instead of reading
 * the file as plain text and printing "PASSED".
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { removeDir, tempDir, writeFiles } from './run-bin';

const BUILD = path.resolve(__dirname, '../../build');
const JAVASCRIPT_GRAMMAR = '"@vscode/tree-sitter-wasm/wasm/tree-sitter-javascript.wasm":{bytes:';

let dir: string;
beforeAll(() => {
  dir = tempDir();
  fs.mkdirSync(path.join(dir, 'build'));
  fs.copyFileSync(path.join(BUILD, 'cli.cjs'), path.join(dir, 'build/cli.cjs'));
  const engine = fs.readFileSync(path.join(BUILD, 'engine.cjs'), 'utf8');
  const at = engine.indexOf(JAVASCRIPT_GRAMMAR) + JAVASCRIPT_GRAMMAR.length;
  expect(at).toBeGreaterThan(JAVASCRIPT_GRAMMAR.length);
  fs.writeFileSync(path.join(dir, 'build/engine.cjs'), `${engine.slice(0, at)}1${engine.slice(at)}`);
  writeFiles(dir, { 'src/app.js': 'export function add(a, b) {\n  return a + b;\n}\n' });
});
afterAll(() => removeDir(dir));

const run = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(dir, 'build/cli.cjs'), ...args], { cwd: dir, encoding: 'utf8' });

it('stops with exit code 3 and names the grammar when the engine cannot parse', () => {
  const result = run('analyze', 'src/app.js');
  expect(result.status).toBe(3);
  expect(result.stderr).toMatch(/analysis engine cannot run: .*tree-sitter-javascript\.wasm.*damaged/);
  expect(result.stderr).toMatch(/Nothing was analysed/);
  expect(result.stdout).not.toMatch(/PASSED/);
});

it('still analyses files of a language whose grammar is intact', () => {
  writeFiles(dir, { 'lib/tool.py': 'def add(a, b):\n    return a + b\n' });
  const result = run('analyze', 'lib/tool.py');
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/Quality gate: PASSED/);
});
