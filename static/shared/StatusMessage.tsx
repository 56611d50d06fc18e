import type { AccessRefused } from '../../src/forge/resolvers/types';
import type { ResolverData } from './useResolverData';

/** First use: the user has not yet let Lintel act as them. Says why it asks and how to allow it. */
function ConsentRequest({ refusal, allowAccess }: { refusal: AccessRefused; allowAccess: () => void }) {
  return (
    <section role="alert" aria-labelledby="consent-title" className="consent">
      <h2 id="consent-title">Lintel needs your permission</h2>
      <p>{refusal.message}</p>
      <p>
        Select <strong>Allow access</strong>, then approve the request Bitbucket shows. Bitbucket asks each
        person once; you can withdraw the access later in your Atlassian account settings.
      </p>
      <button type="button" onClick={allowAccess}>
        Allow access
      </button>
    </section>
  );
}

/** The loading, refused and error states every page shares; all are announced to screen readers. */
export function StatusMessage({ data, what }: { data: ResolverData<unknown>; what: string }) {
  if (data.status === 'loading') return <p role="status">Loading {what}…</p>;
  if (data.status === 'refused') {
    if (data.refusal.reason === 'needs-consent')
      return <ConsentRequest refusal={data.refusal} allowAccess={data.allowAccess} />;
    return (
      <p role="alert" className="error">
        {data.refusal.message}
      </p>
    );
  }
  if (data.status === 'error') {
    return (
      <p role="alert" className="error">
        Could not load {what}: {data.message}
      </p>
    );
  }
  return null;
}
