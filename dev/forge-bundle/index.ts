export { bundleForgeFunctions, BUNDLE_INFO_FILE, type BundledFunction, type ForgeBundleInfo } from './bundle';
export { bundleInputHash, ensureForgeBundle, type EnsuredBundle } from './ensure';
