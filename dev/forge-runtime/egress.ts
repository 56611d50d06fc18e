// Forge's egress rule, locally: a function may fetch only the hosts manifest.yml declares in
// `permissions.external.fetch.backend` (everything else goes through the Forge proxies: requestBitbucket, kvs, the
// queue, @forge/llm). `fetch` from @forge/api is the runtime's global fetch, which Node leaves unrestricted, so
// inside an invocation the global is replaced by one that refuses undeclared hosts. The runtime's own proxies reach
// the emulator with `unguardedFetch`.

/** The global fetch as it was before any runtime was installed. */
const original: typeof fetch = globalThis.fetch;

export function unguardedFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  return original(input, init);
}

/**
 * Whether `url` is covered by one of the manifest's backend entries: `https://host`, `host`, `*.domain` (any
 * subdomain) or `{ address }` objects of those (Forge's manifest reference, permissions.external.fetch).
 */
export function egressAllowed(url: URL, backends: readonly string[]): boolean {
  const host = url.hostname.toLowerCase();
  return backends.some((entry) => {
    const address = entry
      .toLowerCase()
      .replace(/^[a-z]+:\/\//, '')
      .replace(/[/:].*$/, '');
    if (address.startsWith('*.')) return host.endsWith(address.slice(1));
    return host === address;
  });
}

const toUrl = (input: string | URL | Request): URL | undefined => {
  try {
    return new URL(input instanceof Request ? input.url : String(input));
  } catch {
    return undefined;
  }
};

/**
 * The guarded global: outside an invocation (test code, the runtime itself) it is the plain fetch; inside one, a
 * request to an undeclared host is refused before anything is sent, and logged. ⚠ Forge's exact error for a refused
 * egress is unpublished; this one names the host and the manifest key to change.
 */
export function guardedFetch(deps: {
  backends: readonly string[];
  insideInvocation(): { functionKey: string } | undefined;
  refused(functionKey: string, message: string): void;
}): typeof fetch {
  return (input, init) => {
    const inv = deps.insideInvocation();
    const url = toUrl(input);
    if (inv && !(url && egressAllowed(url, deps.backends))) {
      const message =
        `Egress refused: ${url?.host ?? String(input)} is not in manifest.yml permissions.external.fetch.backend ` +
        `(declared: ${deps.backends.length > 0 ? deps.backends.join(', ') : 'none'})`;
      deps.refused(inv.functionKey, message);
      return Promise.reject(new TypeError(message));
    }
    return original(input, init);
  };
}
