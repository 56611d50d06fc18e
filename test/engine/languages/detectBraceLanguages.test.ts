import { analyzeFileMetrics, detectLanguage } from '../../../src/engine/metrics';

test.each([
  ['src/Main.java', 'java'],
  ['cmd/main.go', 'go'],
  ['App/Program.CS', 'csharp'],
  ['lib/util.c', 'c'],
  ['lib/util.h', 'cpp'],
  ['src/engine.cpp', 'cpp'],
  ['src/engine.hpp', 'cpp'],
  ['src/x.cc', 'cpp'],
  ['src/lib.rs', 'rust'],
  ['web/index.php', 'php'],
  ['app/models/user.rb', 'ruby'],
  ['Rakefile.rake', 'ruby'],
])('%s is %s', (path, language) => {
  expect(detectLanguage(path, '')).toBe(language);
});

test.each([
  ['#!/usr/bin/env ruby\nputs 1', 'ruby'],
  ['#!/usr/bin/php\n<?php echo 1;', 'php'],
])('shebang %j', (text, language) => {
  expect(detectLanguage('bin/tool', text)).toBe(language);
});

test('files of the new languages are measured, not returned as text', async () => {
  const metrics = await analyzeFileMetrics({ path: 'a.go', text: 'package a\nfunc f() {}\n' });
  expect(metrics).toMatchObject({ language: 'go', functions: [{ name: 'f', cyclomatic: 1 }] });
});
