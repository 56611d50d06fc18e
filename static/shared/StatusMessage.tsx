import type { ResolverData } from './useResolverData';

/** The loading and error states every page shares; both are announced to screen readers. */
export function StatusMessage({ data, what }: { data: ResolverData<unknown>; what: string }) {
  if (data.status === 'loading') return <p role="status">Loading {what}…</p>;
  if (data.status === 'error') {
    return (
      <p role="alert" className="error">
        Could not load {what}: {data.message}
      </p>
    );
  }
  return null;
}
