import Resolver from '@forge/resolver';
import { getPanelState } from './resolvers/getPanelState';
import { getSettings } from './resolvers/getSettings';
import { acceptOnlyKnownCalls } from './resolvers/guardResolverCall';
import { RESOLVER_FUNCTION_KEYS } from './resolvers/types';

// The `ui-resolver` function behind the settings pages and the PR panel. Handlers live in ./resolvers/.
const resolver = new Resolver();
resolver.define('getSettings', getSettings);
resolver.define('getPanelState', getPanelState);

export const handler = acceptOnlyKnownCalls(resolver.getDefinitions(), RESOLVER_FUNCTION_KEYS);
