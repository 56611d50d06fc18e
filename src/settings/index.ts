export type { GateSettings, NewIssuesGate, Settings, SettingsOverrides, ThresholdOverrides } from './types';
export { DEFAULT_SETTINGS, defaultSettings } from './defaults';
export { parseSettings, parseSettingsOverrides } from './parse';
export { mergeSettings } from './merge';
export { ignoreMatcher } from './ignore-matcher';
