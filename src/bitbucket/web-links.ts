/**
 * Links into a pull request's pages on bitbucket.org, built from its `links.html.href` (the API gives no diff-line
 * link). Bitbucket's diff tab anchors a head-side line as `#L<path>T<line>` ("T" the new side, "F" the old one), as
 * links copied from a pull request's diff read: `…/pull-requests/12/diff#Lsrc/app.tsT286`. A leaf: the panel's
 * resolver builds these links without loading the publisher.
 */
/** A URL Bitbucket will accept as a report link or status url: absolute http(s) and not a local address. */
export function publicUrl(href: string | undefined): string | undefined {
  if (!href) return undefined;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const local =
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\./.test(host) ||
    host === '::1' ||
    host === '0.0.0.0';
  return local ? undefined : url.toString();
}

/** A path as it goes into the anchor: slashes kept, everything that could end the URL or a markdown link escaped. */
function anchorPath(path: string): string {
  return path
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(
        /[()'!*]/g,
        (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join('/');
}

/** The pull request's page without a trailing slash, when Bitbucket gave a usable one. */
function pullRequestPage(htmlUrl: string | undefined): string | undefined {
  const page = publicUrl(htmlUrl);
  if (!page) return undefined;
  const url = new URL(page);
  url.hash = '';
  url.search = '';
  return url.toString().replace(/\/+$/, '');
}

/** The pull request's diff tab, where Code Insights annotations show beside the lines. */
export function pullRequestDiffUrl(htmlUrl: string | undefined): string | undefined {
  const page = pullRequestPage(htmlUrl);
  return page ? `${page}/diff` : undefined;
}

/**
 * One line in the pull request's diff: on the head side (`new`, where new findings are) or the base side (`old`,
 * where fixed ones were). Undefined without a usable pull-request page or line.
 */
export function diffLineUrl(
  htmlUrl: string | undefined,
  path: string,
  line: number,
  side: 'new' | 'old' = 'new',
): string | undefined {
  const diff = pullRequestDiffUrl(htmlUrl);
  if (!diff || path === '' || !Number.isSafeInteger(line) || line < 0) return undefined;
  // Line 0 is a file-level finding: the file's own anchor in the diff.
  if (line === 0) return `${diff}#chg-${anchorPath(path)}`;
  return `${diff}#L${anchorPath(path)}${side === 'new' ? 'T' : 'F'}${line}`;
}
