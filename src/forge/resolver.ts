import Resolver from '@forge/resolver';
import { dismissFinding, restoreFinding } from './resolvers/dismiss-finding';
import { getActivity } from './resolvers/get-activity';
import { getPanelState } from './resolvers/get-panel-state';
import { getSettings } from './resolvers/get-settings';
import { previewIgnore } from './resolvers/preview-ignore';
import { reanalyzePullRequest } from './resolvers/reanalyze';
import { resetSettings, saveSettings } from './resolvers/save-settings';
import { acceptOnlyKnownCalls } from './resolvers/guardResolverCall';
import { RESOLVER_FUNCTION_KEYS } from './resolvers/types';

// The `ui-resolver` function behind the settings pages, the PR panel and the findings dialog. Handlers live in
// ./resolvers/.
const resolver = new Resolver();
resolver.define('getSettings', getSettings);
resolver.define('saveSettings', saveSettings);
resolver.define('resetSettings', resetSettings);
resolver.define('previewIgnore', previewIgnore);
resolver.define('getPanelState', getPanelState);
resolver.define('getActivity', getActivity);
resolver.define('reanalyzePullRequest', reanalyzePullRequest);
resolver.define('dismissFinding', dismissFinding);
resolver.define('restoreFinding', restoreFinding);

export const handler = acceptOnlyKnownCalls(resolver.getDefinitions(), RESOLVER_FUNCTION_KEYS);
