#!/usr/bin/env node
/**
 * `npm start`'s prestart: builds the dashboard only when dashboard/dist is missing or older than
 * its sources, so a fresh `npm install && npm start` works and a warm start stays fast.
 * Also used by the browser tests' global setup.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DASHBOARD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = path.resolve(DASHBOARD, '..');
const BUILT = path.join(DASHBOARD, 'dist', 'index.html');
const SOURCES = [path.join(DASHBOARD, 'src'), path.join(DASHBOARD, 'index.html'), path.join(DASHBOARD, 'vite.config.ts'), path.join(ROOT, 'package-lock.json')];

function newestMtime(entry) {
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) {
    if (child.endsWith('.test.ts')) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

/** Why the dashboard needs a build, or null when dashboard/dist is up to date. */
export function staleReason() {
  if (!fs.existsSync(BUILT)) return 'dashboard/dist is missing';
  const built = fs.statSync(BUILT).mtimeMs;
  const newest = Math.max(...SOURCES.map(newestMtime));
  return newest > built ? 'dashboard sources changed since the last build' : null;
}

/** Builds with vite (no type check: `npm run build:dashboard` and `npm test` do that). */
export function ensureDashboardBuilt({ quiet = false } = {}) {
  const reason = staleReason();
  if (!reason) return false;
  if (!quiet) console.log(`Building the dashboard (${reason}) …`);
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', path.join(DASHBOARD, 'vite.config.ts'), '--logLevel', quiet ? 'error' : 'warn'], {
    cwd: ROOT,
    stdio: quiet ? 'pipe' : 'inherit',
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`Building the dashboard failed (exit ${result.status}).\n${result.stdout ?? ''}${result.stderr ?? ''}`);
  }
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    ensureDashboardBuilt();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
