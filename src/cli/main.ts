/**
 * Entry point of the `lintel` command (bin/lintel.js requires this file): runs the command line of this
 * process and sets the exit code without calling process.exit, so buffered output is fully written.
 */
import { enableCompileCache } from './compile-cache';
import { processIo } from './io';
import { runCli } from './run';

enableCompileCache();

void runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
