/**
 * A repository for large-pull-request tests: `main` holds `count` tiny modules, and each feature branch rewrites
 * every one of them with a function of six parameters (one MEDIUM finding per file, on a changed line). Branches get
 * different texts so each has its own head commit (reports and statuses are per commit).
 */
import path from 'node:path';
import { createGitRepository, type GitFixture } from '../../dev/bitbucket-emulator/git-fixture';

export const modulePath = (i: number): string => `pkg/d${Math.floor(i / 50)}/module${i}.js`;

const baseText = (i: number): string => `export const value${i} = ${i};\n`;

const headText = (i: number, branch: string): string =>
  `export const value${i} = ${i};\n` +
  `export function combine${i}(a, b, c, d, e, f) {\n  return [a, b, c, d, e, f, '${branch}'].join(',');\n}\n`;

export async function createLargeRepository(
  dir: string,
  count: number,
  branches: readonly string[],
): Promise<GitFixture> {
  const base: Record<string, string> = {};
  for (let i = 0; i < count; i++) base[modulePath(i)] = baseText(i);
  return createGitRepository(path.join(dir, 'repo'), [
    { branch: 'main', message: 'base', files: base },
    ...branches.map((branch) => {
      const files: Record<string, string> = {};
      for (let i = 0; i < count; i++) files[modulePath(i)] = headText(i, branch);
      return { branch, from: 'main', message: `rewrite on ${branch}`, files };
    }),
  ]);
}
