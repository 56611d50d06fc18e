import { router } from '@forge/bridge';

/**
 * Bitbucket pages open through the host, as Forge asks of Custom UI (a page in its iframe cannot navigate the tab
 * itself): a path on bitbucket.org opens without Forge's "leaving Bitbucket" prompt, so that is what is sent.
 */
function hostLocation(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.hostname === 'bitbucket.org' ? `${parsed.pathname}${parsed.search}${parsed.hash}` : url;
  } catch {
    return url;
  }
}

/** A link into the pull request (a finding's line in the diff); a real `<a>`, so its address shows and it is a link to screen readers. */
export function BitbucketLink({ url, children }: { url: string; children: React.ReactNode }) {
  return (
    <a
      href={url}
      onClick={(event) => {
        event.preventDefault();
        router.navigate(hostLocation(url)).catch((error: unknown) => {
          console.warn(
            `Lintel: Bitbucket did not open ${url} (${error instanceof Error ? error.message : String(error)}).`,
          );
        });
      }}
    >
      {children}
    </a>
  );
}
