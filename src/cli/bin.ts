#!/usr/bin/env node
/**
 * The `spikestream` executable: runs {@link main} on the process's arguments.
 * @module
 */
import { main } from './main.js';

main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`spikestream: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
