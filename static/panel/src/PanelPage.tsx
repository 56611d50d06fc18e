import type { GateRecord, PanelState } from '../../../src/forge/resolvers/types';
import { StatusMessage } from '../../shared/StatusMessage';
import { useResolverData } from '../../shared/useResolverData';

const VERDICT_TITLES: Record<string, string> = {
  passed: 'Quality gate passed',
  failed: 'Quality gate failed',
  pending: 'Analysis in progress',
  error: 'Analysis failed',
};

function Verdict({ gate }: { gate: GateRecord }) {
  const title = VERDICT_TITLES[gate.state] ?? `Quality gate: ${gate.state}`;
  const reasons = Array.isArray(gate.reasons) ? gate.reasons.filter((r) => typeof r === 'string') : [];
  return (
    <section aria-labelledby="verdict-title">
      <h2 id="verdict-title">
        <span className={`lozenge ${gate.state}`} aria-hidden="true">
          {gate.state}
        </span>{' '}
        {title}
      </h2>
      {typeof gate.summary === 'string' && <p>{gate.summary}</p>}
      {reasons.length > 0 && (
        <ul aria-label="Reasons">
          {reasons.map((reason, i) => (
            <li key={i}>{reason}</li>
          ))}
        </ul>
      )}
      {typeof gate.headHash === 'string' && (
        <p className="muted">
          Commit <code>{gate.headHash.slice(0, 12)}</code>
          {typeof gate.analysedAt === 'string' && <> · analysed {gate.analysedAt}</>}
        </p>
      )}
    </section>
  );
}

export function PanelPage() {
  const data = useResolverData<PanelState>('getPanelState');
  return (
    <main aria-labelledby="panel-title">
      <h1 id="panel-title">Lintel</h1>
      <StatusMessage data={data} what="the quality gate" />
      {data.status === 'ready' &&
        (data.value.state === 'none' ? (
          <p role="status">Lintel has not analysed this pull request yet.</p>
        ) : (
          <Verdict gate={data.value} />
        ))}
    </main>
  );
}
