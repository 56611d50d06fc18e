/**
 * An error whose message is meant for the person looking at the page. The Forge platform turns a thrown
 * resolver error into a rejected `invoke()` in the browser, so the message must say what was wrong.
 */
export class ResolverInputError extends Error {
  override readonly name = 'ResolverInputError';
}
