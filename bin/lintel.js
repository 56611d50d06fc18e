#!/usr/bin/env node
'use strict';
// Runs the TypeScript CLI straight from the checkout: `npx lintel` works after `npm ci`, no build step.
require('tsx/cjs');
require('../src/cli/main.ts');
