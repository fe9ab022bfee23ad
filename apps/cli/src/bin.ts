#!/usr/bin/env node
// The `rnnkit` executable.

import { main } from './main.js';

process.exitCode = await main(process.argv, { stdout: process.stdout, stderr: process.stderr, env: process.env, argv: process.argv });
