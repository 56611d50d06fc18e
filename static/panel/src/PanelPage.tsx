import type { PanelState } from '../../../src/forge/resolvers/types';
import { StatusMessage } from '../../shared/StatusMessage';
import { useResolverData } from '../../shared/useResolverData';
import { Verdict } from './Verdict';

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
