import { detectLanguage } from '../../../src/engine/metrics';

test.each([
  ['src/a.ts', 'typescript'],
  ['src/A.TSX', 'tsx'],
  ['lib/x.mjs', 'javascript'],
  ['tool.py', 'python'],
  ['README.md', 'text'],
  ['Makefile', 'text'],
  ['.eslintrc', 'text'],
])('%s is %s', (path, language) => {
  expect(detectLanguage(path, '')).toBe(language);
});

test.each([
  ['#!/usr/bin/env node\nconsole.log(1)', 'javascript'],
  ['\uFEFF#!/usr/bin/python3.12\nprint(1)', 'python'],
  ['#!/usr/bin/env -S node --no-warnings\n', 'javascript'],
  ['#!/bin/sh\necho', 'text'],
  ['no shebang', 'text'],
])('shebang %j', (text, language) => {
  expect(detectLanguage('bin/tool', text)).toBe(language);
});
