/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // ignoreDynamic keeps `import()` native: secretlint is ESM-only, so Jest runs with --experimental-vm-modules.
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      { jsc: { target: 'es2022' }, module: { type: 'commonjs', ignoreDynamic: true } },
    ],
  },
  // ESM-only dependencies are compiled to CommonJS for Jest.
  transformIgnorePatterns: ['/node_modules/(?!(web-tree-sitter)/)'],
  // Rebuilds build/engine.cjs, build/cli.cjs and the pages when their sources are newer (scripts/build/freshness.ts).
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 60000,
};
