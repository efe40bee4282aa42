#!/usr/bin/env node
// A stream that ends early: a session and some text, exit 0, but no final result.
import { init, readBrief, text } from './stream.mjs';

await readBrief();
init();
text('Working on it...');
