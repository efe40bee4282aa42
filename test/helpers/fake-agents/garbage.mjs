#!/usr/bin/env node
// Prints lines in no known format, then exits 0.
import { readBrief } from './stream.mjs';

await readBrief();
process.stdout.write(
  'Hello! I am not JSON.\n<html>oops</html>\n{"unterminated": \n\u0000\u0001 binary junk\n',
);
