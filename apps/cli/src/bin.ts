#!/usr/bin/env node
// The `rnnkit` executable.

import { main } from './main.js';

// A reader that stops early (`rnnkit predict … | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
});

process.exitCode = await main(process.argv, { stdout: process.stdout, stderr: process.stderr, env: process.env, argv: process.argv });
