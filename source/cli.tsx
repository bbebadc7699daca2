#!/usr/bin/env node
import './runtime-env.js';
import process from 'node:process';
import {EXIT_CODES} from './errors.js';
import {processIo} from './io.js';
import {main} from './main.js';

const code = await main(process.argv.slice(2), processIo());
// A call that did its work lets its output drain; a failed one ends now, whatever is still pending.
if (code === EXIT_CODES.ok || code === EXIT_CODES.partialSources) process.exitCode = code;
else process.exit(code);
