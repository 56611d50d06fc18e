import { Stack } from '@atlaskit/primitives/compiled/stack';
import SectionMessage from '@atlaskit/section-message';
import type { SettingsFileView } from '../../../src/forge/resolvers/types';
import { overriddenCount } from './settings-draft';

/** What the repository's `.lintel.yml` does to this page: applied values win, a broken file is ignored. */
function SettingsFileNotice({ file }: { file: SettingsFileView }) {
  if (file.status === 'applied') {
    const count = overriddenCount(file.overrides ?? {});
    return (
      <SectionMessage appearance="information" title="Settings as code: .lintel.yml applies">
        <p>
          <code>.lintel.yml</code> on {file.branch} sets {count} {count === 1 ? 'value' : 'values'}. For pull
          requests into a branch, the file on that branch wins over this page; those values are marked
          &ldquo;from .lintel.yml&rdquo; and are changed in the file.
        </p>
      </SectionMessage>
    );
  }
  if (file.status === 'invalid' || file.status === 'unreadable') {
    return (
      <SectionMessage appearance="warning" title="Settings as code: .lintel.yml is ignored">
        <p>
          <code>.lintel.yml</code> on {file.branch}{' '}
          {file.status === 'invalid' ? 'is not valid' : 'could not be read'}, so pull requests get this
          page&rsquo;s settings. Fix the file to use it:
        </p>
        <ul aria-label=".lintel.yml errors">
          {(file.errors ?? []).map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      </SectionMessage>
    );
  }
  return (
    <SectionMessage appearance="discovery" title="Settings as code">
      <p>
        Add <code>.lintel.yml</code> to the {file.branch} branch to keep these settings with the code: what it
        sets wins over this page, read from each pull request&rsquo;s destination branch so a pull request
        cannot weaken its own gate.
      </p>
    </SectionMessage>
  );
}

export function Notices({ notices, file }: { notices: string[]; file: SettingsFileView | undefined }) {
  if (notices.length === 0 && !file) return null;
  return (
    <Stack space="space.150">
      {notices.map((notice) => (
        <SectionMessage key={notice} appearance="information">
          <p>{notice}</p>
        </SectionMessage>
      ))}
      {file && <SettingsFileNotice file={file} />}
    </Stack>
  );
}
