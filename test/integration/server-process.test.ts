/**
 * The real server as a user runs it (`node --import tsx server/src/main.ts`), as a child process:
 * start on a fresh DATA_DIR, Ctrl+C, warm start, kill -9 (the watchdog stops Postgres), two Ctrl+C with
 * 1,000 live subscribers, an orphan left by killing everything and its recovery, SIGTERM, config errors,
 * and DATABASE_URL mode. One data dir is reused in sequence to keep the number of cluster starts low.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isRunning,
  killAllServers,
  makeDataDir,
  postmasterPid,
  processesMentioning,
  spawnServer,
  stopPostgresUnder,
  waitUntil,
  type Ready,
  type ServerProcess,
} from '../helpers/spawn-server.js';
import { createTestDatabase } from '../helpers/test-server.js';
import type { Client } from 'graphql-ws';
import { WATCHDOG_MARKER } from '../../server/src/db/embedded-postgres.js';
import { DEMO_PASSWORD, DEMO_SCREEN_TOKEN } from '../helpers/constants.js';
import { connect, subscribe } from '../helpers/ws-client.js';

const TEST_TIMEOUT = 120_000;
/**
 * How long the tests wait for a process to exit or for PostgreSQL to be gone. Generous on purpose: it
 * only tells "never" from "slowly" on a loaded machine. The figures (how long a shutdown takes, how soon
 * the watchdog stops PostgreSQL) are bench/process/run.ts's (bench/README.md), not asserted here; a
 * shutdown that hangs ends with the server's own "Shutdown took too long" (after 20 s), which is checked.
 */
const WAIT_MS = 45_000;

const PLANS_QUERY = /* GraphQL */ `
  {
    plans {
      title
      year
      sourceYear
      workPoints {
        number
      }
    }
  }
`;

interface Plan {
  title: string;
  year: number;
  /** The demo's 2021 plan is re-dated into the current year; its original year is kept here. */
  sourceYear: number | null;
  workPoints: { number: string }[];
}

async function postGraphQL(ready: Ready, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Response> {
  return fetch(`${ready.baseUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
}

/** Signs in; the demo department head by default (plans are visible to every signed-in user). */
async function signIn(ready: Ready, proc: ServerProcess, username = 'bgs.head', password = DEMO_PASSWORD): Promise<string> {
  const res = await postGraphQL(ready, `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }`, {
    u: username,
    p: password,
  });
  const body = (await res.json()) as { data?: { login: { accessToken: string } }; errors?: unknown[] };
  expect(body.errors, `login ${username}: ${JSON.stringify(body.errors)}\n${proc.output()}`).toBeUndefined();
  return body.data!.login.accessToken;
}

async function gqlPlans(ready: Ready, proc: ServerProcess): Promise<Plan[]> {
  const res = await postGraphQL(ready, PLANS_QUERY, {}, await signIn(ready, proc));
  const text = await res.text();
  expect(res.status, `POST /graphql → ${res.status} ${text}\n${proc.output()}`).toBe(200);
  const body = JSON.parse(text) as { data?: { plans: Plan[] }; errors?: unknown[] };
  expect(body.errors, `GraphQL errors\n${proc.output()}`).toBeUndefined();
  return body.data!.plans;
}

async function expectHealthy(ready: Ready, proc: ServerProcess): Promise<void> {
  const res = await fetch(`${ready.baseUrl}/healthz`);
  const text = await res.text();
  expect(res.status, `GET /healthz → ${res.status} ${text}\n${proc.output()}`).toBe(200);
  expect(JSON.parse(text), proc.output()).toEqual({ status: 'ok' });
}

/** Sends `signal` to the node child only and expects a clean exit (code 0, "Stopped.", not forced by the server's own deadline). */
async function stopWith(proc: ServerProcess, signal: NodeJS.Signals): Promise<number> {
  const t0 = performance.now();
  process.kill(proc.pid, signal);
  const exit = await proc.waitForExit(WAIT_MS);
  const ms = Math.round(performance.now() - t0);
  expect(exit, proc.output()).toEqual({ code: 0, signal: null });
  expect(proc.stdout(), proc.output()).toContain(`${signal} received: shutting down`);
  expect(proc.stdout(), proc.output()).toMatch(/^Stopped\.$/m);
  expect(proc.stderr(), proc.output()).not.toMatch(/Shutdown took too long|Error during shutdown/);
  return ms;
}

/** Nothing of the cluster under `dataDir` runs any more. */
async function expectNoPostgres(dataDir: string, formerPostmaster: number | undefined, proc: ServerProcess): Promise<void> {
  const clusterDir = path.join(dataDir, 'pg');
  // The server waits for Postgres to exit before it prints "Stopped.", so this should hold at once;
  // the wait only guards against /proc lagging behind.
  await waitUntil(() => !fs.existsSync(path.join(clusterDir, 'postmaster.pid')) && processesMentioning(dataDir).length === 0, WAIT_MS);
  expect(fs.existsSync(path.join(clusterDir, 'postmaster.pid')), `postmaster.pid left behind\n${proc.output()}`).toBe(false);
  expect(processesMentioning(dataDir), `processes still running on ${dataDir}\n${proc.output()}`).toEqual([]);
  if (formerPostmaster !== undefined) expect(isRunning(formerPostmaster), `postmaster ${formerPostmaster} still runs\n${proc.output()}`).toBe(false);
}

const SUBSCRIBERS = 1_000;
let marker: string | undefined;

/** Records a publication with a unique title as the demo liaison; returns the title. */
async function recordMarker(ready: Ready, proc: ServerProcess, label: string): Promise<string> {
  const token = await signIn(ready, proc, 'bgs.liaison');
  const call = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const body = (await (await postGraphQL(ready, query, variables, token)).json()) as { data?: T; errors?: unknown[] };
    expect(body.errors, `${JSON.stringify(body.errors)}\n${proc.output()}`).toBeUndefined();
    return body.data!;
  };
  const { me } = await call<{ me: { department: { id: string } } }>('{ me { department { id } } }');
  const { categories } = await call<{ categories: { id: string; name: string }[] }>('{ categories { id name } }');
  const { channels } = await call<{ channels: { id: string; kind: string }[] }>('query($id: ID!) { channels(filter: { usableById: $id }) { id kind } }', {
    id: me.department.id,
  });
  const title = `进程测试 ${label} ${Date.now()}`;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  await call('mutation($input: RecordPublicationInput!) { recordPublication(input: $input) { id } }', {
    input: {
      departmentId: me.department.id,
      title,
      categoryId: categories.find((c) => c.name === '工作动态')!.id,
      channelId: channels.find((c) => c.kind === 'PORTAL_COLUMN')!.id,
      publishedOn: today,
      url: `https://example.gov.cn/process-test/${Date.now()}`,
    },
  });
  return title;
}

/** How many publications carry `title` (signed in as the demo liaison). */
async function findMarker(ready: Ready, proc: ServerProcess, title: string): Promise<number> {
  const token = await signIn(ready, proc, 'bgs.liaison');
  const res = await postGraphQL(ready, 'query($s: String!) { publications(filter: { search: $s }) { totalCount } }', { s: title }, token);
  const body = (await res.json()) as { data?: { publications: { totalCount: number } }; errors?: unknown[] };
  expect(body.errors, `${JSON.stringify(body.errors)}\n${proc.output()}`).toBeUndefined();
  return body.data!.publications.totalCount;
}

/** `count` graphql-ws clients with the demo screen token, each live on the quota board (first snapshot received). */
async function openSubscribers(ready: Ready, count: number): Promise<Client[]> {
  const period = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());
  const clients: Client[] = [];
  const live: Promise<unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const { client } = connect(`${ready.baseUrl}/graphql`, DEMO_SCREEN_TOKEN);
    clients.push(client);
    live.push(
      subscribe(client, 'subscription($p: String!) { quotaBoardChanged(period: $p) { rows { department { id } } } }', { p: period }).waitFor(
        () => true,
        60_000,
      ),
    );
  }
  await Promise.all(live);
  return clients;
}

const tempDirs: string[] = [];
const droppers: (() => Promise<void>)[] = [];
const timings: Record<string, number> = {};

function tempDir(): string {
  const dir = makeDataDir();
  tempDirs.push(dir);
  return dir;
}

afterAll(async () => {
  await killAllServers();
  for (const dir of tempDirs) await stopPostgresUnder(dir);
  for (const drop of droppers) await drop().catch(() => undefined);
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  if (Object.keys(timings).length) console.log(`server-process timings (ms, spawn → "GraphQL:"): ${JSON.stringify(timings)}`);
});

describe('the server process on an embedded PostgreSQL (one DATA_DIR, in sequence)', () => {
  let dataDir: string;
  let clusterDir: string;
  let server: ServerProcess | undefined;
  let ready: Ready | undefined;
  let postmaster: number | undefined;

  const env = () => ({ DATA_DIR: dataDir, PORT: '0', DATABASE_URL: undefined });

  beforeAll(() => {
    dataDir = tempDir();
    clusterDir = path.join(dataDir, 'pg');
  });

  it('fresh start: initialises the cluster, seeds the demo data and serves GraphQL and /healthz', { timeout: TEST_TIMEOUT }, async () => {
    server = spawnServer(env());
    ready = await server.waitForReady();
    timings.fresh = ready.ms;
    expect(ready.printedUrl, server.output()).toMatch(/^http:\/\/localhost:\d+\/graphql$/);
    expect(ready.port).toBeGreaterThan(0);
    expect(server.stdout(), server.output()).toContain(`Starting embedded PostgreSQL (data in ${dataDir})`);
    expect(server.stdout(), server.output()).toMatch(/^Demo data\b.*: .*2 plans/m);
    expect(fs.existsSync(path.join(clusterDir, 'PG_VERSION')), server.output()).toBe(true);

    await expectHealthy(ready, server);
    // First start: user admin with a generated password, printed once.
    const generated = /Created user "admin" with the generated password: (\S+)/.exec(server.stdout())?.[1];
    expect(generated, server.output()).toBeTruthy();
    await signIn(ready, server, 'admin', generated!);
    const anonymous = (await (await postGraphQL(ready, PLANS_QUERY)).json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const plans = await gqlPlans(ready, server);
    expect(plans, server.output()).toHaveLength(2);
    const pds = plans.find((p) => p.sourceYear === 2021);
    expect(pds?.title, JSON.stringify(plans)).toContain('平顶山');
    expect(pds!.workPoints).toHaveLength(16);
    expect(pds!.workPoints[0]!.number).toBe('二(一)');

    postmaster = postmasterPid(clusterDir);
    expect(postmaster && isRunning(postmaster), `no running postmaster recorded in ${clusterDir}\n${server.output()}`).toBeTruthy();
  });

  it('SIGINT (Ctrl+C): exits 0 and stops its PostgreSQL', { timeout: TEST_TIMEOUT }, async () => {
    expect(server?.exit(), 'the server of the previous test is not running').toBeUndefined();
    timings.sigintStop = await stopWith(server!, 'SIGINT');
    await expectNoPostgres(dataDir, postmaster, server!);
  });

  it('warm start on the same DATA_DIR: ready again, demo data not seeded twice', { timeout: TEST_TIMEOUT }, async () => {
    server = spawnServer(env());
    ready = await server.waitForReady();
    timings.warm = ready.ms;
    postmaster = postmasterPid(clusterDir);
    expect(postmaster && isRunning(postmaster), server.output()).toBeTruthy();
    expect(server.stdout(), server.output()).not.toMatch(/^Demo data\b/m);
    expect(server.stdout(), server.output()).not.toContain('Created user "admin"');
    expect(server.stdout(), server.output()).not.toContain('Applied ');
    await expectHealthy(ready, server);
    expect(await gqlPlans(ready, server), server.output()).toHaveLength(2);
  });

  // How soon (issue 10: within 5 s) is a figure: bench/process/run.ts measures it; not asserted here.
  it('kill -9 of the server: its watchdog stops PostgreSQL, cleanly', { timeout: TEST_TIMEOUT }, async () => {
    expect(server?.exit(), 'the server of the previous test is not running').toBeUndefined();
    marker = await recordMarker(ready!, server!, 'kill -9');
    process.kill(server!.pid, 'SIGKILL');
    const exit = await server!.waitForExit(WAIT_MS);
    expect(exit.signal, server!.output()).toBe('SIGKILL');
    const t0 = performance.now();
    // Nothing but the watchdog stops it: without one, PostgreSQL runs on until the next start.
    await waitUntil(() => !isRunning(postmaster!), WAIT_MS);
    timings.postgresGoneAfterKill9 = Math.round(performance.now() - t0);
    expect(isRunning(postmaster!), `postmaster ${postmaster} still runs ${timings.postgresGoneAfterKill9} ms after the server was killed`).toBe(false);
    await expectNoPostgres(dataDir, postmaster, server!);
  });

  it('start after kill -9: serves again and the record written before the kill is there', { timeout: TEST_TIMEOUT }, async () => {
    server = spawnServer(env());
    ready = await server.waitForReady();
    timings.afterKill9 = ready.ms;
    await expectHealthy(ready, server);
    expect(await findMarker(ready, server, marker!), server.output()).toBe(1);
    postmaster = postmasterPid(clusterDir);
    expect(postmaster && isRunning(postmaster), server.output()).toBeTruthy();
  });

  it('two Ctrl+C to the process group with 1,000 live subscribers: PostgreSQL gone, data kept', { timeout: 180_000 }, async () => {
    await stopWith(server!, 'SIGINT');
    server = spawnServer(env(), { processGroup: true });
    ready = await server.waitForReady();
    postmaster = postmasterPid(clusterDir);
    marker = await recordMarker(ready, server, 'double Ctrl+C');
    const clients = await openSubscribers(ready, SUBSCRIBERS);
    try {
      process.kill(-server.pid, 'SIGINT');
      // The second Ctrl+C once the first is being handled (the shutdown has begun), as a user presses it again.
      const proc = server;
      await waitUntil(() => /SIGINT received: shutting down/.test(proc.stdout()) || proc.exit() !== undefined, WAIT_MS, 10);
      expect(proc.stdout(), proc.output()).toContain('SIGINT received: shutting down');
      if (!server.exit()) process.kill(-server.pid, 'SIGINT');
      const t0 = performance.now();
      await server.waitForExit(WAIT_MS);
      await waitUntil(() => !isRunning(postmaster!), WAIT_MS);
      timings.postgresGoneAfterDoubleCtrlC = Math.round(performance.now() - t0);
      expect(isRunning(postmaster!), `postmaster ${postmaster} still runs\n${server.output()}`).toBe(false);
      await expectNoPostgres(dataDir, postmaster, server);
    } finally {
      for (const c of clients) void c.dispose();
    }
    server = spawnServer(env());
    ready = await server.waitForReady();
    expect(await findMarker(ready, server, marker), server.output()).toBe(1);
    postmaster = postmasterPid(clusterDir);
  });

  it('server and watchdog both killed (an OOM kill of everything): the next start stops the orphan and recovers', { timeout: TEST_TIMEOUT }, async () => {
    const watchdogs = processesMentioning(WATCHDOG_MARKER).filter((p) => p.cmdline.split(' ').includes(String(postmaster)));
    expect(watchdogs, `no watchdog for postmaster ${postmaster}`).toHaveLength(1);
    // The watchdog first, and gone before the server dies: else it could still see the server's end and stop PostgreSQL.
    const watchdog = watchdogs[0]!.pid;
    process.kill(watchdog, 'SIGKILL');
    expect(await waitUntil(() => !isRunning(watchdog), WAIT_MS), `watchdog ${watchdog} still runs`).toBe(true);
    process.kill(server!.pid, 'SIGKILL');
    await server!.waitForExit(WAIT_MS);
    // Nothing is left to stop it (no server, no watchdog of it): PostgreSQL runs on, an orphan.
    const orphan = postmaster!;
    const watching = processesMentioning(WATCHDOG_MARKER).filter((p) => p.cmdline.split(' ').includes(String(orphan)));
    expect(watching, `a watchdog still watches postmaster ${orphan}`).toEqual([]);
    expect(isRunning(orphan), `orphan postmaster ${orphan} is not running`).toBe(true);

    server = spawnServer(env());
    ready = await server.waitForReady();
    expect(isRunning(orphan), `orphan postmaster ${orphan} still runs\n${server.output()}`).toBe(false);
    await expectHealthy(ready, server);
    expect(await gqlPlans(ready, server), server.output()).toHaveLength(2);
    postmaster = postmasterPid(clusterDir);
    expect(postmaster, server.output()).not.toBe(orphan);
    timings.sigintStopAfterRecovery = await stopWith(server, 'SIGINT');
    await expectNoPostgres(dataDir, postmaster, server);
  });

  it('SIGTERM also shuts down cleanly (exit 0) and stops PostgreSQL', { timeout: TEST_TIMEOUT }, async () => {
    server = spawnServer(env());
    ready = await server.waitForReady();
    timings.warm2 = ready.ms;
    await expectHealthy(ready, server);
    postmaster = postmasterPid(clusterDir);
    expect(postmaster && isRunning(postmaster), server.output()).toBeTruthy();
    timings.sigtermStop = await stopWith(server, 'SIGTERM');
    await expectNoPostgres(dataDir, postmaster, server);
  });
});

describe('configuration errors', () => {
  it.each([
    { name: 'PORT', env: { PORT: 'abc' } },
    { name: 'DATABASE_URL', env: { PORT: '0', DATABASE_URL: 'mysql://x' } },
  ])('$name invalid: exits 2 naming the variable, without starting PostgreSQL', { timeout: TEST_TIMEOUT }, async ({ name, env }) => {
    const dataDir = tempDir();
    const proc = spawnServer({ DATA_DIR: dataDir, ...env });
    const exit = await proc.waitForExit(WAIT_MS);
    expect(exit, proc.output()).toEqual({ code: 2, signal: null });
    expect(proc.stderr(), proc.output()).toContain('Invalid configuration');
    expect(proc.stderr(), proc.output()).toMatch(new RegExp(`^\\s*- ${name}=`, 'm'));
    expect(proc.stdout(), proc.output()).not.toMatch(/Starting embedded PostgreSQL|Connecting to PostgreSQL/);
    expect(fs.readdirSync(dataDir), proc.output()).toEqual([]);
    expect(processesMentioning(dataDir)).toEqual([]);
  });
});

describe('DATABASE_URL mode', () => {
  it('serves from the given database, seeds it when empty, embeds nothing; SIGINT exits 0', { timeout: TEST_TIMEOUT }, async () => {
    const db = await createTestDatabase('empty');
    droppers.push(db.drop);
    const dataDir = tempDir();
    const proc = spawnServer({ DATA_DIR: dataDir, PORT: '0', DATABASE_URL: db.url });
    const ready = await proc.waitForReady();
    timings.databaseUrl = ready.ms;
    expect(proc.stdout(), proc.output()).toContain('Connecting to PostgreSQL (DATABASE_URL)');
    expect(proc.stdout(), proc.output()).not.toContain('Starting embedded PostgreSQL');
    expect(proc.stdout(), proc.output()).toMatch(/^Demo data\b.*: .*2 plans/m);
    await expectHealthy(ready, proc);
    const plans = await gqlPlans(ready, proc);
    expect(plans, proc.output()).toHaveLength(2);
    expect(plans.find((p) => p.sourceYear === 2021)?.workPoints).toHaveLength(16);
    expect(fs.readdirSync(dataDir), proc.output()).toEqual([]);
    expect(processesMentioning(dataDir)).toEqual([]);

    await stopWith(proc, 'SIGINT');
    expect(fs.existsSync(path.join(dataDir, 'pg')), proc.output()).toBe(false);
    expect(fs.readdirSync(dataDir), proc.output()).toEqual([]);
    await db.drop();
  });
});
