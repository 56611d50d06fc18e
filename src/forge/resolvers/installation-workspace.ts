import { ResolverInputError } from './resolverError';

/**
 * The workspace Lintel is installed in, from the resolver context's `installContext`
 * (`ari:cloud:bitbucket::workspace/<uuid>`). Forge sets it on the server, so unlike `extension` the page cannot
 * change it: it is the workspace every access check and Bitbucket path uses.
 */

const INSTALL_CONTEXT =
  /^ari:cloud:bitbucket::workspace\/\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

/** Brace-wrapped lowercase workspace UUID, the form Bitbucket paths and events use. */
export function installationWorkspaceFrom(context: unknown): string {
  const installContext =
    typeof context === 'object' && context !== null
      ? (context as { installContext?: unknown }).installContext
      : undefined;
  const match = typeof installContext === 'string' ? INSTALL_CONTEXT.exec(installContext) : null;
  if (!match?.[1]) {
    throw new ResolverInputError(
      `The resolver context has no Bitbucket installContext (expected ari:cloud:bitbucket::workspace/<uuid>, ` +
        `got ${JSON.stringify(installContext)}): Lintel cannot tell which workspace it is installed in.`,
    );
  }
  return normalUuid(match[1]);
}

/** Brace-wrapped lowercase, the form Bitbucket answers with and storage keys are built from. */
export function normalUuid(uuid: string): string {
  return `{${uuid.replace(/[{}]/g, '').toLowerCase()}}`;
}

/** Bitbucket UUIDs compare case-insensitively and with or without braces. */
export function sameUuid(a: string, b: string): boolean {
  return normalUuid(a) === normalUuid(b);
}
