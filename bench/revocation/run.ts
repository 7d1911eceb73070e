/**
 * Revocation-latency benchmark (issue "Architecture, round two", item 5): `npm run bench:revocation`.
 *
 * How long an open WebSocket outlives the revocation of its credentials: from the moment the
 * revoking mutation is sent over HTTP until the client sees its socket closed —
 *   - a revoked screen token (`revokeScreenToken`) → 4403,
 *   - a deactivated user (`updateUser(isActive: false)`) → 4403,
 *   - a user's new role (`updateUser(role)`, 信息员 ↔ 科室负责人) → 4401 (re-authenticate with the new scope),
 * on one instance, and across two instances (mutation on A, socket on B) through Redis and through
 * PostgreSQL NOTIFY. The tests (test/integration/ws-revocation.test.ts) check the close codes; the
 * figures are this benchmark's.
 *
 * A scratch embedded PostgreSQL (migrated and seeded with the demo data by the first server), the real
 * server as child processes (`node --import tsx server/src/main.ts`, NODE_ENV=production, through the
 * test helper `spawnServer`), a throw-away redis-server (test helper `startRedis`), clients over `ws`
 * with graphql-ws (test helper `connect`). The periodic re-check of open sockets runs once an hour, so
 * every close measured comes from the revocation message. Each revocation is measured alone: a fresh
 * socket, subscribed to `overdueChanged` and past its first state, then the mutation, then the close.
 * BYSTANDERS other sockets (the demo screen token) stay subscribed on the same instance throughout:
 * each revocation is checked against every open socket, and none of them may close.
 *
 * Env: REVOCATIONS (50 per kind and scenario), WARMUP (5, not counted), BYSTANDERS (100),
 * SCENARIOS (comma list of single, redis-2, notify-2; default all).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from 'graphql-ws';
import { ensureDatabase } from '../../server/src/db/database.js';
import { EmbeddedPostgres } from '../../server/src/db/embedded-postgres.js';
import { DEMO_SCREEN_TOKEN } from '../../test/helpers/constants.js';
import { startRedis } from '../../test/helpers/redis.js';
import { makeDataDir, spawnServer, type ServerProcess } from '../../test/helpers/spawn-server.js';
import { connect, subscribe } from '../../test/helpers/ws-client.js';

const REVOCATIONS = Number(process.env.REVOCATIONS ?? 50);
const WARMUP = Number(process.env.WARMUP ?? 5);
const BYSTANDERS = Number(process.env.BYSTANDERS ?? 100);
const SCENARIOS = (process.env.SCENARIOS ?? 'single,redis-2,notify-2').split(',').map((s) => s.trim());
const ADMIN_PASSWORD = 'Bench@admin-2026';
const USER_PASSWORD = 'Bench-revoke-2026!';
/** Only tells a socket that never closes from a slow one: such a revocation is reported, not timed. */
const CLOSE_TIMEOUT_MS = 15_000;
const OVERDUE = `subscription { overdueChanged { id } }`;

type Kind = 'screen token revoked' | 'user deactivated' | 'role changed';
const KINDS: { kind: Kind; code: number }[] = [
  { kind: 'screen token revoked', code: 4403 },
  { kind: 'user deactivated', code: 4403 },
  { kind: 'role changed', code: 4401 },
];

interface Sample {
  /** Mutation sent → socket closed (client side). */
  closeMs: number;
  /** Mutation sent → its HTTP response received. */
  answerMs: number;
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

const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken user { id version } } }`;
const UPDATE_USER = `mutation($i: UpdateUserInput!) { updateUser(input: $i) { id version } }`;

async function startServers(count: 1 | 2, env: Record<string, string | undefined>): Promise<ServerProcess[]> {
  const servers: ServerProcess[] = [];
  // One after the other: the first migrates and seeds, under its advisory lock; the second finds it done.
  for (let i = 0; i < count; i++) {
    const server = spawnServer(env);
    servers.push(server);
    await server.waitForReady(120_000);
  }
  return servers;
}

/** Usernames differ from one scenario to the next (one database for all). */
let measured = 0;

const urlOf = async (s: ServerProcess) => `${(await s.waitForReady()).baseUrl}/graphql`;

async function stopServers(servers: ServerProcess[]): Promise<void> {
  for (const s of servers) if (!s.exit()) s.child.kill('SIGTERM');
  await Promise.all(servers.map((s) => s.waitForExit(30_000).catch(() => s.child.kill('SIGKILL'))));
}

/** A socket on `url` with a live subscription that has delivered its first state (authenticated, registered). */
async function liveSocket(url: string, token: string): Promise<{ client: Client; closed: Promise<{ code: number; at: number }> }> {
  const c = connect(url, token);
  const closed = c.closed.then((e) => ({ code: e.code, at: performance.now() }));
  await subscribe(c.client, OVERDUE).waitFor(() => true, 30_000);
  return { client: c.client, closed };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
}

/**
 * Measures REVOCATIONS (after WARMUP) revocations of each kind: the mutation goes to `mutateUrl`,
 * the sockets are on `socketUrl`.
 */
async function measure(label: string, mutateUrl: string, socketUrl: string): Promise<string[]> {
  const admin = (await gql(mutateUrl, LOGIN, { u: 'admin', p: ADMIN_PASSWORD })).login.accessToken as string;
  const { departments } = await gql(mutateUrl, `{ departments { id code } }`, {}, admin);
  const bgs = departments.find((d: any) => d.code === 'PDS-BGS').id as string;
  const tag = `${measured++}`;
  let seq = 0;
  const createUser = async (role: string) => {
    const username = `rev${tag}x${seq++}`;
    await gql(
      mutateUrl,
      `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`,
      {
        i: { username, displayName: '吊销基准', password: USER_PASSWORD, role, departmentId: bgs },
      },
      admin,
    );
    return username;
  };

  // The user whose role flips back and forth (one account, one session: its token stays valid).
  const rescoped = (await gql(socketUrl, LOGIN, { u: await createUser('LIAISON'), p: USER_PASSWORD })).login;
  let rescopedVersion = rescoped.user.version as number;
  let rescopedRole = 'LIAISON';

  const bystanders = await Promise.all(Array.from({ length: BYSTANDERS }, () => liveSocket(socketUrl, DEMO_SCREEN_TOKEN)));
  let bystandersClosed = 0;
  for (const b of bystanders) void b.closed.then(() => bystandersClosed++);

  /** Prepares one revocation of `kind`: the token of the socket and the mutation that revokes it. */
  const prepare = async (kind: Kind): Promise<{ token: string; revoke: () => Promise<unknown> }> => {
    if (kind === 'screen token revoked') {
      const { createScreenToken } = await gql(
        mutateUrl,
        `mutation($l: String!) { createScreenToken(label: $l) { token screenToken { id } } }`,
        { l: `吊销基准 ${seq++}` },
        admin,
      );
      const id = createScreenToken.screenToken.id as string;
      return { token: createScreenToken.token, revoke: () => gql(mutateUrl, `mutation($id: ID!) { revokeScreenToken(id: $id) { id } }`, { id }, admin) };
    }
    if (kind === 'user deactivated') {
      const { login } = await gql(socketUrl, LOGIN, { u: await createUser('LIAISON'), p: USER_PASSWORD });
      return {
        token: login.accessToken,
        revoke: () => gql(mutateUrl, UPDATE_USER, { i: { id: login.user.id, version: login.user.version, isActive: false } }, admin),
      };
    }
    return {
      token: rescoped.accessToken,
      revoke: async () => {
        rescopedRole = rescopedRole === 'LIAISON' ? 'DEPARTMENT_HEAD' : 'LIAISON';
        const { updateUser } = await gql(mutateUrl, UPDATE_USER, { i: { id: rescoped.user.id, version: rescopedVersion, role: rescopedRole } }, admin);
        rescopedVersion = updateUser.version;
      },
    };
  };

  const rows: string[] = [];
  for (const { kind, code } of KINDS) {
    const samples: Sample[] = [];
    const problems: string[] = [];
    for (let i = 0; i < WARMUP + REVOCATIONS; i++) {
      const { token, revoke } = await prepare(kind);
      const socket = await liveSocket(socketUrl, token);
      const sentAt = performance.now();
      const answered = revoke().then(() => performance.now());
      let timer: NodeJS.Timeout | undefined;
      const closed = await Promise.race([socket.closed, new Promise<null>((r) => (timer = setTimeout(() => r(null), CLOSE_TIMEOUT_MS)))]);
      clearTimeout(timer);
      const answeredAt = await answered;
      await socket.client.dispose();
      if (!closed) problems.push(`still open after ${CLOSE_TIMEOUT_MS} ms`);
      else if (closed.code !== code) problems.push(`closed with ${closed.code}, not ${code}`);
      else if (i >= WARMUP) samples.push({ closeMs: closed.at - sentAt, answerMs: answeredAt - sentAt });
    }
    const close = samples.map((s) => s.closeMs).sort((a, b) => a - b);
    const answer = samples.map((s) => s.answerMs).sort((a, b) => a - b);
    // After the mutation's own response: the part that is the revocation's (broker, pass over the sockets, close frame).
    const afterAnswer = samples.map((s) => s.closeMs - s.answerMs).sort((a, b) => a - b);
    const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '—' : v.toFixed(1));
    rows.push(
      `| ${label} | ${kind} | ${code} | ${samples.length}/${REVOCATIONS} | ${ms(percentile(close, 50))} | ${ms(percentile(close, 95))} | ${ms(close.at(-1))} | ${ms(percentile(answer, 50))} | ${ms(percentile(afterAnswer, 50))} / ${ms(percentile(afterAnswer, 95))} |`,
    );
    process.stderr.write(
      `  ${label}, ${kind}: p50 ${percentile(close, 50).toFixed(1)} ms, p95 ${percentile(close, 95).toFixed(1)} ms, max ${close.at(-1)?.toFixed(1)} ms\n`,
    );
    if (problems.length) rows.push(`|  | ${kind}: **${problems.length} not timed** (${[...new Set(problems)].join('; ')}) |  |  |  |  |  |  |  |`);
  }
  // Read before disposing of them (those closes are ours).
  const closedByRevocations = bystandersClosed;
  await Promise.all(bystanders.map((b) => b.client.dispose()));
  if (closedByRevocations) rows.push(`|  | **${closedByRevocations} of ${BYSTANDERS} bystander sockets were closed** |  |  |  |  |  |  |  |`);
  return rows;
}

function machine(): string {
  const [l1, l5, l15] = os.loadavg().map((l) => l.toFixed(2));
  const free = execFileSync('free', ['-h'], { encoding: 'utf8' }).trimEnd();
  return `nproc: ${os.availableParallelism()} · load average ${l1}, ${l5}, ${l15} · cpu: ${os.cpus()[0]?.model ?? '?'} · node ${process.version}\n${free}`;
}

async function main(): Promise<void> {
  const before = machine();
  const startedAt = Date.now();
  const dir = makeDataDir('zwgk-bench-rev-');
  const pg = new EmbeddedPostgres({ dir: path.join(dir, 'pg') });
  await pg.start();
  const rows: string[] = [];
  const running: ServerProcess[] = [];
  try {
    await ensureDatabase(pg.url(), 'bench_rev');
    const base = {
      NODE_ENV: 'production',
      DATABASE_URL: pg.url('bench_rev'),
      DATA_DIR: path.join(dir, 'data'),
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO_DATA: 'true',
      ADMIN_PASSWORD,
      DEADLINE_SWEEP_SECONDS: '0',
      // The safety net must not be what closes a socket here.
      WS_AUTH_RECHECK_SECONDS: '3600',
      REDIS_URL: undefined,
    };
    for (const scenario of SCENARIOS) {
      process.stderr.write(`Scenario ${scenario}…\n`);
      if (scenario === 'single') {
        const servers = await startServers(1, base);
        running.push(...servers);
        const url = await urlOf(servers[0]!);
        rows.push(...(await measure('1 instance', url, url)));
        await stopServers(servers);
      } else if (scenario === 'redis-2' || scenario === 'notify-2') {
        const redis = scenario === 'redis-2' ? await startRedis() : undefined;
        try {
          const servers = await startServers(2, { ...base, REDIS_URL: redis?.url });
          running.push(...servers);
          const [a, b] = await Promise.all(servers.map(urlOf));
          rows.push(...(await measure(`2 instances via ${redis ? 'Redis' : 'NOTIFY'} (mutation on A, socket on B)`, a!, b!)));
          await stopServers(servers);
        } finally {
          await redis?.stop();
        }
      } else throw new Error(`unknown scenario ${scenario} (single, redis-2, notify-2)`);
    }
  } finally {
    await stopServers(running);
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nRevocation → WebSocket closed, ${REVOCATIONS} revocations per kind (after ${WARMUP} not counted), ${BYSTANDERS} bystander sockets open.`);
  console.log('Latency = revoking mutation sent (HTTP) → the client sees its socket closed (ms).\n');
  console.log('| scenario | revocation | close code | timed | p50 ms | p95 ms | max ms | mutation answered, p50 ms | closed after the answer, p50 / p95 ms |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  console.log(`\nMachine before (${new Date(startedAt).toISOString()}):\n${before}\nafter (${Math.round((Date.now() - startedAt) / 1000)} s):\n${machine()}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
