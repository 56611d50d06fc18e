export { fnv1a64 } from './fnv1a64';
export { normaliseCode } from './normalise-code';
export { fingerprintsFor, identityKey, type FingerprintSubject } from './assign-fingerprints';
