// The registry this project installs from holds only this machine's platform packages, so
// `npm install` leaves the agent CLIs' other-platform optional packages out of
// package-lock.json, and `npm ci` then refuses the lock as out of sync. This adds each
// missing one as an optional entry with its os, cpu and libc (read from its name), which
// `npm ci` skips on a platform it does not fit. Run it after changing a dependency.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const entries = lock.packages;
const osNames = { darwin: 'darwin', linux: 'linux', windows: 'win32', win32: 'win32' };

function platformOf(name) {
  const m = /-(darwin|linux|windows|win32)-(arm64|x64)(.*)$/.exec(name);
  if (!m) return undefined;
  const entry = { os: [osNames[m[1]]], cpu: [m[2]] };
  if (m[3].includes('musl')) entry.libc = ['musl'];
  else if (m[1] === 'linux') entry.libc = ['glibc'];
  return entry;
}

let added = 0;
for (const [at, pkg] of Object.entries(entries)) {
  for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    if (entries[`${at}/node_modules/${name}`] || entries[`node_modules/${name}`]) continue;
    const platform = platformOf(name);
    if (!platform) continue;
    entries[`node_modules/${name}`] = { version, dev: pkg.dev === true, optional: true, ...platform };
    added++;
  }
}
const keys = Object.keys(entries).sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1));
lock.packages = Object.fromEntries(keys.map((k) => [k, entries[k]]));
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`${added} platform package(s) added to package-lock.json`);
