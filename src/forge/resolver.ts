import Resolver from '@forge/resolver';
import { getActivity } from './resolvers/get-activity';
import { getPanelState } from './resolvers/getPanelState';
import { getSettings } from './resolvers/get-settings';
import { previewIgnore } from './resolvers/preview-ignore';
import { resetSettings, saveSettings } from './resolvers/save-settings';
import { acceptOnlyKnownCalls } from './resolvers/guardResolverCall';
import { RESOLVER_FUNCTION_KEYS } from './resolvers/types';

// The `ui-resolver` function behind the settings pages and the PR panel. Handlers live in ./resolvers/.
const resolver = new Resolver();
resolver.define('getSettings', getSettings);
resolver.define('saveSettings', saveSettings);
resolver.define('resetSettings', resetSettings);
resolver.define('previewIgnore', previewIgnore);
resolver.define('getPanelState', getPanelState);
resolver.define('getActivity', getActivity);

export const handler = acceptOnlyKnownCalls(resolver.getDefinitions(), RESOLVER_FUNCTION_KEYS);
