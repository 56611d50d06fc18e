'use strict';
// Preloaded (`node --require bench/peak-rss.cjs <script>`) into both sides of bench/cli.ts: writes this process's
// peak resident set size — every thread's, workers included — to the file named by LINTEL_BENCH_RSS_FILE at exit.
const { writeFileSync } = require('node:fs');

const target = process.env.LINTEL_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
}
