/**
 * Runs the real server the way a user does (`node --import tsx server/src/main.ts`) as a child
 * process, and inspects what it leaves behind (the embedded Postgres of a DATA_DIR).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Ready {
  port: number;
  /** http://127.0.0.1:<port> (the printed URL says localhost; the server listens on IPv4 by default). */
  baseUrl: string;
  /** The URL as printed on the `GraphQL:` line. */
  printedUrl: string;
  /** Milliseconds from spawn to the `GraphQL:` line. */
  ms: number;
}

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  stdout(): string;
  stderr(): string;
  /** stdout and stderr, labelled, for assertion messages. */
  output(): string;
  exit(): Exit | undefined;
  /** Resolves on the `GraphQL:` line; rejects if the process exits first or after `timeoutMs`. */
  waitForReady(timeoutMs?: number): Promise<Ready>;
  /** Resolves with the exit status; rejects after `timeoutMs`. */
  waitForExit(timeoutMs?: number): Promise<Exit>;
}

const spawned = new Set<ServerProcess>();

/** Env of a user's shell: ours, minus anything that configures the server or marks a test run. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('VITEST') || ['NODE_ENV', 'PORT', 'HOST', 'DATA_DIR', 'DATABASE_URL', 'DEMO_DATA', 'LOG_SQL', 'NODE_OPTIONS'].includes(key)) {
      delete env[key];
    }
  }
  return env;
}

/**
 * Spawns `node --import tsx server/src/main.ts` in the repository root. `undefined` values unset a variable.
 * `processGroup`: the server leads a process group of its own, as in a terminal, so that a test can
 * send Ctrl+C to the whole group (`process.kill(-pid, 'SIGINT')`).
 */
export function spawnServer(env: Record<string, string | undefined>, options: { processGroup?: boolean } = {}): ServerProcess {
  const merged = { ...baseEnv(), ...env };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  const startedAt = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO_ROOT,
    env: merged,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.processGroup ?? false,
  });
  let stdout = '';
  let stderr = '';
  let exit: Exit | undefined;
  let readyAt: number | undefined;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    stdout += chunk;
    if (readyAt === undefined && /^GraphQL: \S+/m.test(stdout)) readyAt = performance.now();
    notify();
  });
  child.stderr!.on('data', (chunk: string) => {
    stderr += chunk;
    notify();
  });
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve(exit);
      notify();
    }),
  );
  child.once('error', (e) => {
    stderr += `\n[spawn error] ${e.message}`;
    notify();
  });

  const output = () => `--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}\n--- exit ${JSON.stringify(exit ?? null)}`;

  const proc: ServerProcess = {
    child,
    pid: child.pid!,
    stdout: () => stdout,
    stderr: () => stderr,
    output,
    exit: () => exit,
    waitForReady(timeoutMs = 60_000) {
      return new Promise<Ready>((resolve, reject) => {
        const check = () => {
          const m = /^GraphQL: (http:\/\/[^\s:]+:(\d+)\/graphql)\s*$/m.exec(stdout);
          if (m && readyAt !== undefined) {
            done();
            const port = Number(m[2]);
            resolve({ port, baseUrl: `http://127.0.0.1:${port}`, printedUrl: m[1]!, ms: Math.round(readyAt - startedAt) });
          } else if (exit) {
            done();
            reject(new Error(`server exited before it was ready\n${output()}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`server not ready within ${timeoutMs} ms\n${output()}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    waitForExit(timeoutMs = 10_000) {
      return new Promise<Exit>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server did not exit within ${timeoutMs} ms\n${output()}`)), timeoutMs);
        void exited.then((e) => {
          clearTimeout(timer);
          resolve(e);
        });
      });
    },
  };
  spawned.add(proc);
  return proc;
}

/** SIGKILLs every spawned server that still runs. */
export async function killAllServers(): Promise<void> {
  await Promise.all(
    [...spawned].map(async (p) => {
      if (!p.exit()) {
        p.child.kill('SIGKILL');
        await p.waitForExit(5_000).catch(() => undefined);
      }
      spawned.delete(p);
    }),
  );
}

/** A fresh temp dir the embedded Postgres (OS user postgres when we are root) can traverse. */
export function makeDataDir(prefix = 'zwgk-proc-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** Alive and not a zombie (a zombie answers kill(pid, 0) but runs nothing). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (comm) S …: the state follows the last ')'.
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** The postmaster pid recorded in `<clusterDir>/postmaster.pid`, if the file exists. */
export function postmasterPid(clusterDir: string): number | undefined {
  const file = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(file)) return undefined;
  const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Running processes whose command line mentions `text` (e.g. a data dir), other than us. */
export function processesMentioning(text: string): { pid: number; cmdline: string }[] {
  const found: { pid: number; cmdline: string }[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    let cmdline: string;
    try {
      cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
    } catch {
      continue;
    }
    if (cmdline.includes(text) && isRunning(pid)) found.push({ pid, cmdline });
  }
  return found;
}

/** Stops Postgres processes left on a data dir (orphans after kill -9): SIGINT, then SIGKILL after 10 s. */
export async function stopPostgresUnder(dataDir: string): Promise<void> {
  const pids = new Set<number>();
  const fromFile = postmasterPid(path.join(dataDir, 'pg'));
  if (fromFile && isRunning(fromFile)) pids.add(fromFile);
  for (const p of processesMentioning(dataDir)) pids.add(p.pid);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      /* gone */
    }
  }
  const deadline = Date.now() + 10_000;
  while ([...pids].some(isRunning) && Date.now() < deadline) await sleep(50);
  for (const pid of pids) {
    if (isRunning(pid)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
}

export async function waitUntil(condition: () => boolean, timeoutMs: number, intervalMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await sleep(intervalMs);
  }
  return true;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
