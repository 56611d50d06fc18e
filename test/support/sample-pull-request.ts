/**
 * The demo's sample repository (dev/demo/sample-repo.ts) as a local app (./local-app.ts) with its one pull request
 * open: a tangled function, a copy-pasted block and a hard-coded credential, next to a clean change.
 */
import type { EmulatorPullRequest } from '../../dev/bitbucket-emulator';
import type { SampleRepository } from '../../dev/demo/sample-repo';
import { startLocalApp, type LocalApp } from './local-app';

export interface SamplePullRequest extends Omit<LocalApp, 'created' | 'published'> {
  pr: EmulatorPullRequest;
  created(extra?: Record<string, unknown>): ReturnType<LocalApp['created']>;
  published(): ReturnType<LocalApp['published']>;
}

export async function startSamplePullRequest(sample: SampleRepository): Promise<SamplePullRequest> {
  const app = await startLocalApp(sample.gitDir);
  const pr = app.openPullRequest(sample.featureBranch, sample.mainBranch);
  return { ...app, pr, created: (extra) => app.created(pr, extra), published: () => app.published(pr) };
}
