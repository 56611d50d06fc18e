/**
 * A grammar that cannot be loaded fails the run visibly. The bundled consumer is copied and one inlined grammar
 * damaged (its recorded size no longer matches), as a broken deploy would leave it; the pull request must end with
 * a STOPPED status naming the grammar — never a PASSED gate over files read as plain text.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSampleRepository } from '../../dev/demo/sample-repo';
import { bundledFunctionsDir } from '../support/forge-app';
import { startSamplePullRequest, type SamplePullRequest } from '../support/sample-pull-request';

const TYPESCRIPT_GRAMMAR = '"@vscode/tree-sitter-wasm/wasm/tree-sitter-typescript.wasm":{bytes:';

let workDir: string;
let damagedDir: string;
let world: SamplePullRequest;

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-damaged-'));
  damagedDir = path.join(workDir, 'functions');
  fs.cpSync(bundledFunctionsDir(), damagedDir, { recursive: true });
  const consumer = path.join(damagedDir, 'forge/consumer.cjs');
  const code = fs.readFileSync(consumer, 'utf8');
  const at = code.indexOf(TYPESCRIPT_GRAMMAR);
  expect(at).toBeGreaterThan(0);
  const sizeAt = at + TYPESCRIPT_GRAMMAR.length;
  const size = /^\d+/.exec(code.slice(sizeAt))![0];
  fs.writeFileSync(
    consumer,
    code.slice(0, sizeAt) + String(Number(size) + 1) + code.slice(sizeAt + size.length),
  );
  world = await startSamplePullRequest(await createSampleRepository(path.join(workDir, 'repo')));
});

afterAll(async () => {
  await world.emulator.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

it('ends with STOPPED naming the grammar, and publishes no verdict', async () => {
  const runtime = world.runtime({ functionsDir: damagedDir });
  try {
    await runtime.fireProductEvent(world.created());
    await runtime.idle();
  } finally {
    runtime.uninstall();
  }
  const { statuses, reports, summaries } = world.published();
  expect(statuses.map((s) => s.state)).toEqual(['STOPPED']);
  expect(String(statuses[0]?.description)).toMatch(/grammar.*tree-sitter-typescript\.wasm.*damaged/);
  expect(reports.filter((r) => r.result === 'PASSED')).toEqual([]);
  expect(summaries.some((c) => /passed/i.test(String((c.content as { raw: string }).raw)))).toBe(false);
  expect(world.emulator.violations).toEqual([]);
});
