/**
 * Which build outputs are older than their sources, so a test run straight from Jest (without `npm test`'s
 * pretest build) never exercises a stale engine, CLI or page. By modification time: cheap, and errs towards building.
 */
import fs from 'node:fs';
import path from 'node:path';

export type BuildStep = 'engine' | 'cli' | 'ui';

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target)) {
    if (entry === 'node_modules' || entry === 'build') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

const mtimeOf = (file: string): number => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : -1);

/** Each step's outputs and the sources they are built from (relative to the app root). */
const STEPS: Record<BuildStep, { outputs: string[]; inputs: string[] }> = {
  engine: { outputs: ['build/engine.cjs'], inputs: ['src/engine', 'scripts/build', 'package-lock.json'] },
  cli: {
    outputs: ['build/cli.cjs', 'build/analyze-worker.cjs'],
    inputs: ['src', 'scripts/build', 'package-lock.json'],
  },
  ui: {
    outputs: [
      'static/settings/build/index.html',
      'static/panel/build/index.html',
      'static/findings/build/index.html',
    ],
    // The settings page bundles the gate profiles (the rest it imports from src/ is types only).
    inputs: ['static', 'src/forge/resolvers/types.ts', 'src/settings/gate-profiles.ts', 'package-lock.json'],
  },
};

export function staleBuildSteps(appRoot: string): BuildStep[] {
  return (Object.keys(STEPS) as BuildStep[]).filter((step) => {
    const { outputs, inputs } = STEPS[step];
    const built = Math.min(...outputs.map((o) => mtimeOf(path.join(appRoot, o))));
    return inputs.some((i) => newestMtime(path.join(appRoot, i)) > built);
  });
}
