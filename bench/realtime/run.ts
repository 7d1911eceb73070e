/**
 * Realtime benchmark (issue "Realtime"): `npm run bench:realtime` — prints a Markdown table.
 *
 * A scratch embedded PostgreSQL with the demo data; the real server as child processes; the load
 * generator (bench/realtime/load.ts) in its own process: SUBSCRIBERS subscribers to
 * quotaBoardChanged for the current quarter, RATE recorded publications per second for SECONDS s.
 * Env: SUBSCRIBERS (5000), RATE (4), SECONDS (60), SCENARIOS (comma list, default all).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDatabase } from '../../server/src/db/database.js';
import { EmbeddedPostgres } from '../../server/src/db/embedded-postgres.js';
import { shanghaiDate } from '../../server/src/time/calendar-date.js';
import { startRedis } from '../../test/helpers/redis.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SUBSCRIBERS = Number(process.env.SUBSCRIBERS ?? 5000);
const RATE = Number(process.env.RATE ?? 4);
const SECONDS = Number(process.env.SECONDS ?? 60);
const ADMIN_PASSWORD = 'Bench@admin-2026';
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

interface Server {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

function startServer(env: Record<string, string>): Promise<Server> {
  return new Promise((resolve, reject) => {
    // The compiled server, as in production (tsx's compiler would add ~100 MB to the RSS measured).
    const child = spawn(process.execPath, ['dist/server/src/main.js'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', DEMO_DATA: 'true', ADMIN_PASSWORD, DEADLINE_SWEEP_SECONDS: '0', PORT: '0', HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /GraphQL: http:\/\/[^:]+:(\d+)\/graphql/.exec(out);
      if (m) {
        child.stdout!.off('data', onData);
        resolve({
          child,
          url: `http://127.0.0.1:${m[1]}/graphql`,
          stop: () =>
            new Promise((r) => {
              if (child.exitCode !== null) return r();
              child.once('exit', () => r());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before ready:\n${out}`)));
  });
}

async function gql(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<any> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as any;
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

function cpuMs(pid: number): number {
  if (!fs.existsSync(`/proc/${pid}/stat`)) return NaN; // the process has exited
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

interface LoadOptions {
  subUrl: string;
  mutUrl: string;
  subscribers: number;
  mode: 'latency' | 'throughput' | 'hold';
  seconds?: number;
  concurrency?: number;
  watch: number[];
  onSubscribed?: () => void;
}

/** Runs the load generator; samples the watched server pids' CPU during the mutation phase and RSS once subscribed. */
function runLoad(fixture: Fixture, o: LoadOptions): Promise<{ result: any; cpuMs: number; rssMb: number[] }> {
  return new Promise((resolve, reject) => {
    const args = {
      subUrl: o.subUrl,
      mutUrl: o.mutUrl,
      token: fixture.token,
      subscribers: o.subscribers,
      rate: RATE,
      seconds: o.seconds ?? SECONDS,
      period: fixture.period,
      departmentId: fixture.departmentId,
      categoryId: fixture.categoryId,
      channelId: fixture.channelId,
      today: fixture.today,
      mode: o.mode,
      concurrency: o.concurrency ?? 8,
    };
    const child = spawn(process.execPath, ['--import', 'tsx', '--max-old-space-size=4096', 'bench/realtime/load.ts', JSON.stringify(args)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffer = '';
    let cpuStart = 0;
    let rss: number[] = [];
    let result: any;
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
        if (line.phase === 'subscribed') {
          rss = o.watch.map(rssMb);
          process.stderr.write(`  ${o.subscribers} subscribed in ${line.ms} ms; RSS ${rss.map((r) => r.toFixed(0)).join(' + ')} MB\n`);
        }
        if (line.phase === 'mutating' || (line.phase === 'subscribed' && o.mode === 'throughput')) cpuStart = o.watch.reduce((s, p) => s + cpuMs(p), 0);
        if (line.phase === 'subscribed' && o.onSubscribed) o.onSubscribed();
        if (line.phase === 'result' || line.phase === 'throughput' || line.phase === 'held')
          result = { ...line, cpuMs: o.watch.reduce((s, p) => s + cpuMs(p), 0) - cpuStart };
        if (line.phase === 'error') reject(new Error(line.message));
      }
    });
    child.once('exit', (code) => (result ? resolve({ result, cpuMs: result.cpuMs, rssMb: rss }) : reject(new Error(`load generator exited ${code}`))));
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
}

/** Opens the wall screen and times each recorded publication until the frame that shows it. */
async function measurePixels(base: string, fixture: Fixture, count: number): Promise<number[]> {
  const { chromium } = await import('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-pixel-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1920, height: 1080 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await context.newPage();
    await page.goto(`${base}/screen?token=zst_demo-wall-screen-2026`);
    await page.waitForFunction('window.__lastBoardUpdate !== undefined', undefined, { timeout: 60_000 });
    const latencies: number[] = [];
    for (let k = 0; k < count; k++) {
      const before = await page.evaluate<number>('window.__lastBoardUpdate.published');
      // A string, not a function: tsx's compiled helpers (__name) do not exist in the page.
      const waiting = page.evaluate<number>(`new Promise((resolve) => {
        const check = (e) => {
          if (e.detail.published > ${before}) {
            window.removeEventListener('zwgk:board-update', check);
            resolve(e.detail.at);
          }
        };
        window.addEventListener('zwgk:board-update', check);
        setTimeout(() => resolve(NaN), 10000);
      })`);
      const sentAt = Date.now();
      await gql(
        `${base}/graphql`,
        `mutation($i: RecordPublicationInput!) { recordPublication(input: $i) { id } }`,
        {
          i: {
            departmentId: fixture.departmentId,
            categoryId: fixture.categoryId,
            channelId: fixture.channelId,
            publishedOn: fixture.today,
            title: `像素测试 ${k}`,
            url: `https://bench.example/pixel/${Date.now()}-${k}`,
          },
        },
        fixture.token,
      );
      const shownAt = await waiting;
      if (!Number.isNaN(shownAt)) latencies.push(shownAt - sentAt);
      await new Promise((r) => setTimeout(r, 1000));
    }
    return latencies.sort((a, b) => a - b);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

interface Fixture {
  token: string;
  period: string;
  departmentId: string;
  categoryId: string;
  channelId: string;
  today: string;
}

async function main(): Promise<void> {
  const scenarios = (process.env.SCENARIOS ?? 'shared,per-subscriber,notify-2,redis-2,throughput').split(',');
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-bench-rt-'));
  fs.chmodSync(dir, 0o755);
  const pg = new EmbeddedPostgres({ dir: path.join(dir, 'pg') });
  await pg.start();
  const rows: string[] = [];
  const stopAll: (() => Promise<void>)[] = [];
  try {
    await ensureDatabase(pg.url(), 'bench_rt');
    const DATABASE_URL = pg.url('bench_rt');
    const base = { DATABASE_URL, DATA_DIR: path.join(dir, 'data') };

    // Seed once (the first server migrates and loads the demo data), and read the fixture.
    const seedServer = await startServer(base);
    const { login } = await gql(seedServer.url, `mutation($p: String!) { login(username: "admin", password: $p) { accessToken } }`, { p: ADMIN_PASSWORD });
    const token = login.accessToken as string;
    const { departments, categories, channels } = await gql(
      seedServer.url,
      `{ departments { id code } categories { id name } channels { id kind } }`,
      {},
      token,
    );
    const today = shanghaiDate();
    const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
    const fixture: Fixture = {
      token,
      period: `${today.slice(0, 4)}-Q${q}`,
      departmentId: departments.find((d: any) => d.code === 'PDS-BGS').id,
      categoryId: categories.find((c: any) => c.name === '工作动态')?.id ?? categories[0].id,
      channelId: channels.find((c: any) => c.kind === 'PORTAL_COLUMN')?.id ?? channels[0].id,
      today,
    };
    await seedServer.stop();

    const latencyRow = (name: string, r: { result: any; cpuMs: number; rssMb: number[] }) =>
      `| ${name} | ${SUBSCRIBERS} | ${r.result.mutations} | ${r.result.deliveredPct.toFixed(1)}% | ${r.result.p50.toFixed(0)} | ${r.result.p95.toFixed(0)} | ${r.result.p99.toFixed(0)} | ${r.result.messages} | ${((r.cpuMs * 1000) / Math.max(1, r.result.messages)).toFixed(1)} | ${r.rssMb.map((m) => m.toFixed(0)).join(' + ')} |`;

    for (const scenario of scenarios) {
      process.stderr.write(`Scenario ${scenario}…\n`);
      if (scenario === 'shared' || scenario === 'per-subscriber') {
        const a = await startServer({ ...base, LIVE_FANOUT: scenario });
        stopAll.push(a.stop);
        const r = await runLoad(fixture, { subUrl: a.url, mutUrl: a.url, subscribers: SUBSCRIBERS, mode: 'latency', watch: [a.child.pid!] });
        rows.push(latencyRow(`1 instance, ${scenario}`, r));
        await a.stop();
      } else if (scenario === 'notify-2' || scenario === 'redis-2') {
        const redis = scenario === 'redis-2' ? await startRedis() : undefined;
        const env = { ...base, ...(redis ? { REDIS_URL: redis.url } : {}) };
        const a = await startServer(env);
        const b = await startServer(env);
        stopAll.push(a.stop, b.stop);
        const r = await runLoad(fixture, { subUrl: b.url, mutUrl: a.url, subscribers: SUBSCRIBERS, mode: 'latency', watch: [a.child.pid!, b.child.pid!] });
        rows.push(latencyRow(`2 instances via ${redis ? 'Redis' : 'NOTIFY'} (subscribers on B, mutations on A)`, r));
        await Promise.all([a.stop(), b.stop()]);
        await redis?.stop();
      } else if (scenario === 'pixel') {
        // Mutation-to-pixel on the wall screen (issue 7) while 5,000 other subscribers are connected.
        execFileSync(process.execPath, ['dashboard/scripts/ensure-built.mjs'], { cwd: ROOT, stdio: 'inherit' });
        const a = await startServer(base);
        stopAll.push(a.stop);
        let subscribed!: () => void;
        const ready = new Promise<void>((r) => (subscribed = r));
        const held = runLoad(fixture, {
          subUrl: a.url,
          mutUrl: a.url,
          subscribers: SUBSCRIBERS,
          mode: 'hold',
          seconds: 150,
          watch: [a.child.pid!],
          onSubscribed: subscribed,
        });
        await ready;
        const latencies = await measurePixels(a.url.replace(/\/graphql$/, ''), fixture, 60);
        process.stderr.write(`  pixel latencies (ms): ${latencies.map((l) => l.toFixed(0)).join(' ')}\n`);
        rows.push(
          `\nMutation-to-pixel on the wall screen (Chromium, /screen with the demo screen token) with ${SUBSCRIBERS} other subscribers connected, 60 publications 1 s apart: p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms (${latencies.length}/60 seen).`,
        );
        await a.stop();
        await held.catch(() => undefined);
      } else if (scenario === 'throughput') {
        const a = await startServer(base);
        stopAll.push(a.stop);
        const none = await runLoad(fixture, { subUrl: a.url, mutUrl: a.url, subscribers: 0, mode: 'throughput', seconds: 15, watch: [a.child.pid!] });
        const loaded = await runLoad(fixture, {
          subUrl: a.url,
          mutUrl: a.url,
          subscribers: SUBSCRIBERS,
          mode: 'throughput',
          seconds: 15,
          watch: [a.child.pid!],
        });
        rows.push(
          `\nRecording throughput (8 concurrent clients, 15 s): ${none.result.perSecond.toFixed(1)}/s with no subscriber, ${loaded.result.perSecond.toFixed(1)}/s with ${SUBSCRIBERS} subscribers connected → ${(loaded.result.perSecond / none.result.perSecond).toFixed(2)}×`,
        );
        await a.stop();
      }
    }
  } finally {
    await Promise.all(stopAll.map((s) => s().catch(() => undefined)));
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\n${RATE} publications/s for ${SECONDS} s; latency = mutation sent → the LAST subscriber received its effect (ms).\n`);
  console.log(
    '| scenario | subscribers | mutations | delivered to all | p50 | p95 | p99 | messages delivered | server CPU µs / message | server RSS MB (at N subscribers) |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
