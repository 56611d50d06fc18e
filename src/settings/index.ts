export type {
  GateSettings,
  NewIssuesGate,
  PullRequestFilter,
  Settings,
  SettingsOverrides,
  ThresholdOverrides,
} from './types';
export { DEFAULT_SETTINGS, defaultSettings } from './defaults';
export { parseSettings, parseSettingsFields, parseSettingsOverrides, type SettingsFieldError } from './parse';
export { mergeSettings } from './merge';
export { ignoreMatcher } from './ignore-matcher';
export {
  resolveLayers,
  overriddenPaths,
  settingPaths,
  type SettingsLayer,
  type LayeredSettings,
} from './layers';
export { pullRequestSkipReason } from './pull-request-filter';
