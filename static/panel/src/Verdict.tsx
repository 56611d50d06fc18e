import type { GateRecord } from '../../../src/forge/resolvers/types';

const VERDICT_TITLES: Record<string, string> = {
  passed: 'Quality gate passed',
  failed: 'Quality gate failed',
  pending: 'Analysis in progress',
  error: 'Analysis failed',
};

/** `done` records carry the verdict in `passed`; the other states are shown as they are. */
function verdictOf(gate: GateRecord): string {
  if (gate.state !== 'done') return gate.state;
  return gate.passed ? 'passed' : 'failed';
}

const signed = (n: number): string => (n > 0 ? `+${n.toFixed(1)}` : n.toFixed(1));

export function Verdict({ gate }: { gate: GateRecord }) {
  const verdict = verdictOf(gate);
  const title = VERDICT_TITLES[verdict] ?? `Quality gate: ${verdict}`;
  const reasons = Array.isArray(gate.reasons) ? gate.reasons.filter((r) => typeof r === 'string') : [];
  const findings = Array.isArray(gate.findings) ? gate.findings : [];
  const health = gate.health;
  return (
    <section aria-labelledby="verdict-title">
      <h2 id="verdict-title">
        <span className={`lozenge ${verdict}`} aria-hidden="true">
          {verdict}
        </span>{' '}
        {title}
      </h2>
      {typeof gate.summary === 'string' && verdict !== 'failed' && <p>{gate.summary}</p>}
      {reasons.length > 0 && (
        <ul aria-label="Reasons">
          {reasons.map((reason, i) => (
            <li key={i}>{reason}</li>
          ))}
        </ul>
      )}
      {health && (
        <p>
          Code health {health.before.toFixed(1)} → {health.after.toFixed(1)} ({signed(health.delta)})
          {typeof gate.newIssues === 'number' && <> · {gate.newIssues} new issues</>}
          {typeof gate.fixedIssues === 'number' && <> · {gate.fixedIssues} fixed</>}
        </p>
      )}
      {findings.length > 0 && (
        <>
          <h3 id="findings-title">Top findings</h3>
          <ol aria-labelledby="findings-title" className="findings">
            {findings.map((f, i) => (
              <li key={i}>
                <span className={`severity ${f.severity.toLowerCase()}`}>{f.severity}</span>{' '}
                <code>
                  {f.path}:{f.line}
                </code>{' '}
                {f.message}
              </li>
            ))}
          </ol>
        </>
      )}
      {typeof gate.headHash === 'string' && (
        <p className="muted">
          Commit <code>{gate.headHash.slice(0, 12)}</code>
          {typeof gate.analysedAt === 'string' && (
            <> · analysed {new Date(gate.analysedAt).toLocaleString()}</>
          )}
        </p>
      )}
    </section>
  );
}
