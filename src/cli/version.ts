import pkg from '../../package.json';

/** Lintel's own version, shown by `--version` and written into JSON and SARIF reports. */
export const LINTEL_VERSION: string = pkg.version;
