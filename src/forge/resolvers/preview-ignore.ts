/**
 * "Preview" beside the ignored paths: which of the repository's files (on its main branch) the patterns the admin is
 * typing would leave out, before saving. The listing is read as the caller (read:repository:bitbucket), recursively
 * with `max_depth`, and stops at IGNORE_PREVIEW_FILES_MAX files so a huge repository costs a bounded few requests.
 */
import api, { route, routeFromAbsolute } from '@forge/api';
import { z } from 'zod';
import { ignoreMatcher } from '../../settings/ignore-matcher';
import { parseSettingsFields } from '../../settings/parse';
import { authorizedSettingsPage } from './settings-page-access';
import type { ResolverRequest } from './resolver-request';
import { ResolverInputError } from './resolverError';
import type { AccessRefused, IgnorePreview } from './types';
import { isObject } from './json-object';

export const IGNORE_PREVIEW_FILES_MAX = 2000;
/** Bitbucket's largest page of a directory listing. */
const PAGE_LENGTH = 100;
/** Deep enough for real trees; Bitbucket walks at most this many folder levels. */
const MAX_DEPTH = 30;
const IGNORED_SHOWN = 50;

const payloadSchema = z.strictObject({ patterns: z.unknown(), promptForConsent: z.boolean().optional() });

async function listFiles(
  workspaceUuid: string,
  repositoryUuid: string,
  branch: string,
): Promise<{ files: string[]; truncated: boolean }> {
  const files: string[] = [];
  let next: ReturnType<typeof route> | undefined =
    route`/2.0/repositories/${workspaceUuid}/${repositoryUuid}/src/${branch}/?max_depth=${MAX_DEPTH}&pagelen=${PAGE_LENGTH}`;
  while (next && files.length < IGNORE_PREVIEW_FILES_MAX) {
    const response = await api.asUser().requestBitbucket(next, { headers: { Accept: 'application/json' } });
    if (response.status !== 200) {
      throw new ResolverInputError(
        `Bitbucket did not list the files of ${branch} (HTTP ${response.status}); try the preview again.`,
      );
    }
    const body: unknown = await response.json();
    const values = isObject(body) && Array.isArray(body.values) ? body.values : [];
    for (const entry of values) {
      if (isObject(entry) && entry.type === 'commit_file' && typeof entry.path === 'string')
        files.push(entry.path);
    }
    const link = isObject(body) ? body.next : undefined;
    next = typeof link === 'string' ? routeFromAbsolute(link) : undefined;
  }
  return { files: files.slice(0, IGNORE_PREVIEW_FILES_MAX), truncated: next !== undefined };
}

export async function previewIgnore(request: ResolverRequest): Promise<IgnorePreview | AccessRefused> {
  const page = await authorizedSettingsPage(request);
  if ('access' in page) return page;
  if (page.level !== 'repository' || !page.repository?.mainBranch) {
    throw new ResolverInputError(
      'The preview lists a repository’s files: open it from a repository’s settings page.',
    );
  }
  const payload = payloadSchema.safeParse(request.payload);
  if (!payload.success) {
    return { ok: false, message: 'The page sent no patterns to preview; reload the page.', fieldErrors: [] };
  }
  const parsed = parseSettingsFields({ ignore: payload.data.patterns });
  if (!parsed.ok) {
    return { ok: false, message: 'Fix the patterns first.', fieldErrors: parsed.fieldErrors };
  }
  const branch = page.repository.mainBranch;
  const { files, truncated } = await listFiles(page.workspaceUuid, page.uuid, branch);
  const isIgnored = ignoreMatcher(parsed.value.ignore ?? []);
  const ignored = files.filter(isIgnored);
  return {
    ok: true,
    branch,
    filesScanned: files.length,
    truncated,
    ignoredCount: ignored.length,
    ignored: ignored.slice(0, IGNORED_SHOWN),
  };
}
