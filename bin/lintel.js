#!/usr/bin/env node
'use strict';
// Runs the prebuilt command line (build/cli.cjs with build/engine.cjs beside it). `npm install` and `npm ci` build
// both (the `prepare` script); after changing src/, run `npm run build` again.
const path = require('node:path');

const cli = path.join(__dirname, '..', 'build', 'cli.cjs');
try {
  require.resolve(cli);
} catch {
  process.stderr.write(
    `lintel: ${path.relative(process.cwd(), cli) || cli} is missing; run \`npm run build\` in ${path.dirname(__dirname)}\n`,
  );
  process.exit(2);
}
require(cli);
