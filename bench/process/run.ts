/**
 * Process benchmark (issue "Architecture, round two", item 5): `npx tsx bench/process/run.ts`.
 *
 * The figures test/integration/server-process.test.ts used to assert as time limits, measured here
 * instead: the real server as a user runs it (`node --import tsx server/src/main.ts`, through the test
 * helper `spawnServer`) on one scratch DATA_DIR (embedded PostgreSQL), ROUNDS times each:
 *   - Ctrl+C (SIGINT to the server): signal → process exited 0, and → its postmaster gone;
 *   - kill -9 of the server: kill → its postmaster gone (stopped by the watchdog; issue 10: ≤ 5 s);
 *   - an invalid PORT: spawn → exit 2 (no cluster start).
 * Env: ROUNDS (10).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isRunning, makeDataDir, postmasterPid, spawnServer, stopPostgresUnder, waitUntil } from '../../test/helpers/spawn-server.js';

const ROUNDS = Number(process.env.ROUNDS ?? 10);
const WAIT_MS = 60_000;

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
}

function machine(): string {
  const [l1, l5, l15] = os.loadavg().map((l) => l.toFixed(2));
  const free = execFileSync('free', ['-h'], { encoding: 'utf8' }).trimEnd();
  return `nproc: ${os.availableParallelism()} · load average ${l1}, ${l5}, ${l15} · cpu: ${os.cpus()[0]?.model ?? '?'} · node ${process.version}\n${free}`;
}

async function main(): Promise<void> {
  const before = machine();
  const startedAt = Date.now();
  const dataDir = makeDataDir('zwgk-bench-proc-');
  const env = { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', DEADLINE_SWEEP_SECONDS: '0', DATABASE_URL: undefined };
  const figures: Record<string, number[]> = {
    'Ctrl+C → exited 0': [],
    'Ctrl+C → PostgreSQL gone': [],
    'kill -9 → PostgreSQL gone (watchdog)': [],
    'invalid PORT → exit 2': [],
  };
  const problems: string[] = [];
  try {
    // The first start initialises the cluster and seeds the demo data: not timed.
    const first = spawnServer(env);
    await first.waitForReady(180_000);
    first.child.kill('SIGINT');
    await first.waitForExit(WAIT_MS);

    for (let round = 0; round < ROUNDS; round++) {
      const kinds = [['SIGINT', 'Ctrl+C'] as const, ['SIGKILL', 'kill -9'] as const];
      for (const [signal, label] of kinds) {
        const server = spawnServer(env);
        await server.waitForReady(120_000);
        const postmaster = postmasterPid(path.join(dataDir, 'pg'));
        if (!postmaster) throw new Error(`no postmaster.pid\n${server.output()}`);
        const t0 = performance.now();
        process.kill(server.pid, signal);
        const exit = await server.waitForExit(WAIT_MS);
        const exitedMs = performance.now() - t0;
        const gone = await waitUntil(() => !isRunning(postmaster), WAIT_MS, 5);
        const goneMs = performance.now() - t0;
        if (!gone) {
          problems.push(`${label}: postmaster still running after ${WAIT_MS} ms`);
          await stopPostgresUnder(dataDir);
          continue;
        }
        if (signal === 'SIGINT') {
          if (exit.code !== 0) problems.push(`Ctrl+C: exit ${JSON.stringify(exit)}`);
          figures['Ctrl+C → exited 0']!.push(exitedMs);
          figures['Ctrl+C → PostgreSQL gone']!.push(goneMs);
        } else figures['kill -9 → PostgreSQL gone (watchdog)']!.push(goneMs);
      }
      const t0 = performance.now();
      const bad = spawnServer({ ...env, PORT: 'abc' });
      const exit = await bad.waitForExit(WAIT_MS);
      if (exit.code !== 2) problems.push(`invalid PORT: exit ${JSON.stringify(exit)}`);
      else figures['invalid PORT → exit 2']!.push(performance.now() - t0);
      process.stderr.write(`  round ${round + 1}/${ROUNDS}\n`);
    }
  } finally {
    await stopPostgresUnder(dataDir);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\nThe server process (node --import tsx server/src/main.ts, embedded PostgreSQL, warm starts), ${ROUNDS} rounds:\n`);
  console.log('| measure | n | p50 ms | p95 ms | max ms |');
  console.log('|---|---|---|---|---|');
  for (const [name, values] of Object.entries(figures)) {
    const sorted = [...values].sort((a, b) => a - b);
    console.log(
      `| ${name} | ${sorted.length} | ${percentile(sorted, 50).toFixed(0)} | ${percentile(sorted, 95).toFixed(0)} | ${(sorted.at(-1) ?? NaN).toFixed(0)} |`,
    );
  }
  if (problems.length) console.log(`\nProblems: ${problems.join('; ')}`);
  console.log(`\nMachine before (${new Date(startedAt).toISOString()}):\n${before}\nafter (${Math.round((Date.now() - startedAt) / 1000)} s):\n${machine()}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
