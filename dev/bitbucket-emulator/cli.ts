/**
 * Starts the emulator on an existing git repository for manual use:
 *   npx tsx dev/bitbucket-emulator/cli.ts --repo DIR --workspace ws --slug repo [--port 8080]
 *     [--pr SOURCE:DESTINATION]...
 * Prints the base URL and a token, then serves until interrupted.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator } from './index';

const USAGE =
  'usage: tsx dev/bitbucket-emulator/cli.ts --repo DIR --workspace WS --slug REPO [--port N] [--main-branch main] [--pr SOURCE:DESTINATION]...';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      repo: { type: 'string' },
      workspace: { type: 'string', default: 'workspace' },
      slug: { type: 'string' },
      port: { type: 'string', default: '0' },
      'main-branch': { type: 'string', default: 'main' },
      pr: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.repo) throw new Error(`--repo is required\n${USAGE}`);
  const repoDir = path.resolve(values.repo);
  const gitDir = existsSync(path.join(repoDir, '.git')) ? path.join(repoDir, '.git') : repoDir;
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be an integer between 0 and 65535, got "${values.port}"`);
  const slug = values.slug ?? path.basename(repoDir).replace(/\.git$/, '');
  const emulator = await startEmulator({ port });
  const user = emulator.addUser({ displayName: 'Local Developer', nickname: 'local' });
  emulator.addWorkspace({ slug: values.workspace });
  emulator.addRepository({ workspace: values.workspace, slug, gitDir, mainBranch: values['main-branch'] });
  const prs = values.pr.map((spec) => {
    const [source, destination] = spec.split(':');
    if (!source || !destination) throw new Error(`--pr must look like SOURCE:DESTINATION, got "${spec}"`);
    return emulator.createPullRequest({
      workspace: values.workspace,
      repo: slug,
      title: `${source} → ${destination}`,
      sourceBranch: source,
      destinationBranch: destination,
      author: user,
    });
  });
  process.stdout.write(
    `Bitbucket emulator: ${emulator.baseUrl}/2.0/repositories/${values.workspace}/${slug}\n`,
  );
  process.stdout.write(`Base URL: ${emulator.baseUrl}\nToken:    ${user.token}\n`);
  for (const pr of prs)
    process.stdout.write(
      `Pull request #${pr.id}: ${pr.sourceBranch} (${pr.sourceShortHash}) → ${pr.destinationBranch}\n`,
    );
  process.stdout.write(`Try: curl -H "Authorization: Bearer ${user.token}" ${emulator.baseUrl}/2.0/user\n`);
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
