import { Section } from './section';
import { LinesField } from './lines-field';
import { NumberField } from './number-field';
import { SwitchField } from './switch-field';

/** Which pull requests Lintel analyses at all, and how many inline comments it may post on one. */
export function PullRequestsSection() {
  return (
    <Section id="pull-requests" title="Which pull requests">
      <SwitchField
        path="pullRequests.enabled"
        help="Off: Lintel leaves every pull request here alone (no status, report or comment); its panel says it is switched off."
      />
      <LinesField
        path="pullRequests.targetBranches"
        rows={3}
        help={
          <>
            Destination branches to analyse, one glob per line (<code>main</code>, <code>release/*</code>).
            Empty: every branch.
          </>
        }
      />
      <SwitchField
        path="pullRequests.skipDrafts"
        help="Drafts get no status, report or comment until they are marked ready for review."
      />
      <NumberField
        path="inlineCommentLimit"
        help="At most this many inline comments per pull request, counting those already posted (0: none). The report keeps every finding."
      />
    </Section>
  );
}
