/**
 * Live subscriptions over graphql-ws: authentication at connect, scoping, coalescing, grouping, and
 * delivery across two instances (NOTIFY and Redis) with recovery from a lost broker connection.
 *
 * Every wait is on a condition (a message, a close, a counter), never on a fixed sleep; timeouts
 * only detect a hang. How fast a change reaches a screen is a figure of the realtime benchmark
 * (`npm run bench:realtime`, bench/README.md), not of these tests.
 */
import { Redis } from 'ioredis';
import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_SCREEN_TOKEN, TEST_ADMIN_PASSWORD } from '../helpers/constants.js';
import { twoInstancesOnOneDatabase } from '../helpers/two-instances.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { connect, subscribe } from '../helpers/ws-client.js';

const TASKS = `subscription($f: TaskFilter) { taskChanged(filter: $f) { id progress version department { code } } }`;
const OVERDUE = `subscription { overdueChanged { id kind department { code } } }`;
const UPDATE = `mutation($i: UpdateTaskProgressInput!) { updateTaskProgress(input: $i) { version } }`;

/** The task's row in a taskChanged payload, if the payload has it. */
const taskIn = (payload: any, id: number) => payload.taskChanged.find((t: any) => Number(t.id) === id) as { progress: number; version: number } | undefined;

/** Polls a condition (every 20 ms) until it holds; fails after `timeoutMs` (a hang, not a slow machine). */
async function until(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Sockets a test opened: closed after each test, passed or failed, so that none outlives its test. */
const opened: Client[] = [];
function open(url: string, token: string | null) {
  const c = connect(url, token);
  opened.push(c.client);
  return c;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.dispose()));
});

/**
 * The server's coalescing window (100 ms by default): far longer than a burst of five mutations
 * takes (a few hundred ms on a loaded machine), so that the coalescing test's count of pushes does
 * not depend on the machine's speed. The other tests wait on conditions and do not depend on it.
 */
const WINDOW_MS = 1_000;

let server: TestServer;
let dept: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer({ env: { LIVE_COALESCE_MS: String(WINDOW_MS) } });
  const { departments } = await server.gqlOk<any>(`{ departments { id code } }`);
  dept = Object.fromEntries(departments.map((d: any) => [d.code, d.id]));
});
afterAll(() => server?.close());

async function firstTaskOf(code: string): Promise<{ id: number; version: number }> {
  const [t] = await server.sql(`select t.id, t.version from task t join department d on d.id = t.department_id where d.code = $1 order by t.id limit 1`, [
    code,
  ]);
  return t;
}

describe('WebSocket authentication at connect', () => {
  it('closes 4401 without a token, 4401 with a forged one, 4403 with a revoked screen token, and acknowledges a valid one', async () => {
    const none = open(server.graphqlUrl, null);
    expect((await none.closed).code).toBe(4401);
    const forged = open(server.graphqlUrl, `${server.adminToken.slice(0, -2)}xx`);
    expect((await forged.closed).code).toBe(4401);

    const { createScreenToken } = await server.gqlOk<any>(`mutation { createScreenToken(label: "待吊销大屏") { token screenToken { id } } }`);
    await server.gqlOk(`mutation($id: ID!) { revokeScreenToken(id: $id) { id } }`, { id: createScreenToken.screenToken.id });
    const revoked = open(server.graphqlUrl, createScreenToken.token);
    expect((await revoked.closed).code).toBe(4403);

    const ok = open(server.graphqlUrl, DEMO_SCREEN_TOKEN);
    const me = await new Promise<any>((resolve, reject) =>
      ok.client.subscribe({ query: `{ me { role } }` }, { next: resolve, error: reject, complete: () => undefined }),
    );
    expect(me.data.me.role).toBe('SCREEN');
  });

  it('a screen token cannot mutate over the socket either', async () => {
    const screen = open(server.graphqlUrl, DEMO_SCREEN_TOKEN);
    const task = await firstTaskOf('PDS-BGS');
    const result = await new Promise<any>((resolve) =>
      screen.client.subscribe(
        {
          query: `mutation($i: UpdateTaskProgressInput!) { updateTaskProgress(input: $i) { id } }`,
          variables: { i: { id: String(task.id), version: task.version, progress: 77 } },
        },
        { next: resolve, error: (e) => resolve({ errors: e }), complete: () => undefined },
      ),
    );
    expect(JSON.stringify(result.errors)).toContain('FORBIDDEN');
    expect((await firstTaskOf('PDS-BGS')).version).toBe(task.version);
  });
});

describe('live subscriptions on one instance', () => {
  it('start with the current state, scoped: a liaison sees only their department', async () => {
    const token = await server.login('zfzd1.liaison', DEMO_PASSWORD);
    const { client } = open(server.graphqlUrl, token);
    const tasks = subscribe<any>(client, TASKS);
    const first = await tasks.waitFor(() => true);
    const [{ n }] = await server.sql(`select count(*)::int as n from task where department_id = $1`, [dept['PDS-ZFZD-1']]);
    expect(first.taskChanged).toHaveLength(n);
    expect(first.taskChanged.every((t: any) => t.department.code === 'PDS-ZFZD-1')).toBe(true);
    const overdue = subscribe<any>(client, OVERDUE);
    const items = (await overdue.waitFor(() => true)).overdueChanged;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i: any) => i.department.code === 'PDS-ZFZD-1')).toBe(true);
  });

  it('sees its own department’s change and nothing of another department’s', async () => {
    const mine = subscribe<any>(open(server.graphqlUrl, await server.login('bgs.head', DEMO_PASSWORD)).client, TASKS);
    const theirs = subscribe<any>(open(server.graphqlUrl, await server.login('zfzd1.liaison', DEMO_PASSWORD)).client, TASKS);
    await Promise.all([mine.waitFor(() => true), theirs.waitFor(() => true)]);
    const office = await firstTaskOf('PDS-BGS');
    const since = mine.mark();
    await server.gqlOk(UPDATE, { i: { id: String(office.id), version: office.version, progress: 42 } });
    const seen = await mine.waitFor((d) => taskIn(d, office.id)?.progress === 42, { since });
    expect(seen.taskChanged.every((t: any) => t.department.code === 'PDS-BGS')).toBe(true);

    // Marker: a later change in the other department. Once it has reached `theirs`, anything the
    // first change sent to that socket has arrived too (a socket delivers in order).
    const far = await firstTaskOf('PDS-ZFZD-1');
    const mark = theirs.mark();
    await server.gqlOk(UPDATE, { i: { id: String(far.id), version: far.version, progress: 43 } });
    await theirs.waitFor((d) => taskIn(d, far.id)?.progress === 43, { since: mark });
    expect(theirs.messages.every((m: any) => m.taskChanged.every((t: any) => t.department.code === 'PDS-ZFZD-1'))).toBe(true);
    expect(theirs.messages.some((m: any) => taskIn(m, office.id))).toBe(false);
  });

  it('groups subscribers by scope: one execution per group, whatever the number of sockets', async () => {
    // Sockets of earlier tests are closed in afterEach; wait until the hub has let go of them.
    const hub = server.app.hub;
    await until('the hub to drop earlier subscribers', () => hub.stats.subscribers === 0);
    const liaison = await server.login('bgs.liaison', DEMO_PASSWORD);
    const tokens = [DEMO_SCREEN_TOKEN, DEMO_SCREEN_TOKEN, DEMO_SCREEN_TOKEN, DEMO_SCREEN_TOKEN, liaison, liaison];
    await Promise.all(tokens.map((t) => subscribe<any>(open(server.graphqlUrl, t).client, OVERDUE).waitFor(() => true)));
    // Four screens (whole organisation) share one group, two sockets of 局办公室's liaison another.
    expect(hub.stats).toMatchObject({ groups: 2, subscribers: 6 });
  });
});

describe('coalescing', () => {
  it('a burst of 5 mutations makes at most one push per window it spans (+1), and the last of them carries the final state', async () => {
    const task = await firstTaskOf('PDS-BGS');
    const live = subscribe<any>(open(server.graphqlUrl, server.adminToken).client, TASKS, { f: { departmentId: dept['PDS-BGS'] } });
    await live.waitFor(() => true);
    // The group has just run (its first state): from now on it runs at most once per window.
    const start = performance.now();
    const since = live.mark();
    let version = task.version;
    for (const progress of [11, 22, 33, 44, 55])
      version = (await server.gqlOk<any>(UPDATE, { i: { id: String(task.id), version, progress } })).updateTaskProgress.version;
    const burstMs = performance.now() - start;
    const [row] = await server.sql(`select progress, version from task where id = $1`, [task.id]);
    expect(row).toEqual({ progress: 55, version });
    await live.waitFor((d) => taskIn(d, task.id)?.version === version, { since });

    // Marker: one more, distinguishable change. Everything before it on the socket is the burst's.
    await server.gqlOk(UPDATE, { i: { id: String(task.id), version, progress: 66 } });
    const marker = await live.waitFor((d) => taskIn(d, task.id)?.progress === 66, { since });
    const pushes = live.messages.slice(since, live.messages.indexOf(marker)).map((m) => taskIn(m, task.id)!);

    // One push per window begun during the burst, plus one for a change that lands while a push is
    // being computed: 2 when the burst fits in one window (it does, by far, unless the machine stalls;
    // then more windows, and as many pushes as mutations, are right: no fixed "fewer than 5" here).
    expect(pushes.length).toBeLessThanOrEqual(1 + Math.ceil(burstMs / WINDOW_MS));
    // The latest state always last, and never an older state after a newer one.
    expect(pushes.at(-1)).toMatchObject({ progress: 55, version });
    const versions = pushes.map((p) => p.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
  });
});

/** Two server processes on one database; the same checks for PostgreSQL NOTIFY and for Redis. */
describe.each([{ broker: 'postgres' as const }, { broker: 'redis' as const }])('across two instances ($broker)', ({ broker }) => {
  const two = twoInstancesOnOneDatabase(broker);
  const gqlTo = two.gqlTo;
  const login = async (url: string) =>
    (await gqlTo(url, `mutation($p: String!) { login(username: "admin", password: $p) { accessToken } }`, { p: TEST_ADMIN_PASSWORD })).login
      .accessToken as string;
  async function sql(text: string, params: unknown[] = []) {
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: two.databaseUrl });
    await c.connect();
    try {
      return await c.query(text, params);
    } finally {
      await c.end();
    }
  }
  const sqlTask = async () =>
    (await sql(`select t.id, t.version, t.progress from task t join department d on d.id = t.department_id where d.code = 'PDS-BGS' order by t.id limit 1`))
      .rows[0] as { id: number; version: number; progress: number };

  it('a mutation on A reaches a subscriber on B', async () => {
    const token = await login(two.urlA);
    const live = subscribe<any>(open(two.urlB, token).client, TASKS, { f: { departmentId: dept['PDS-BGS'] } });
    await live.waitFor(() => true);
    const task = await sqlTask();
    const since = live.mark();
    await gqlTo(two.urlA, UPDATE, { i: { id: String(task.id), version: task.version, progress: 61 } }, token);
    await live.waitFor((d) => taskIn(d, task.id)?.progress === 61, { since });
  });

  it('recovers from a lost broker connection: the first message after recovery is the current state', async () => {
    const token = await login(two.urlA);
    const live = subscribe<any>(open(two.urlB, token).client, TASKS, { f: { departmentId: dept['PDS-BGS'] } });
    await live.waitFor(() => true);
    // A change behind the app's back: no broker message announces it, only a resync can show it.
    const before = await sqlTask();
    const changed = (await sql(`update task set progress = 73, version = version + 1 where id = $1 returning progress, version`, [before.id])).rows[0];
    const cut = live.mark();
    // Cut both instances' subscription connections to the broker; on reconnecting they recompute every live subscription.
    if (broker === 'postgres') {
      const killed = await sql(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'LISTEN%'`);
      expect(killed.rowCount).toBeGreaterThanOrEqual(2);
    } else {
      const r = new Redis(two.redisUrl!);
      const killed = Number(await r.call('CLIENT', 'KILL', 'TYPE', 'pubsub'));
      expect(killed).toBeGreaterThanOrEqual(2);
      r.disconnect();
    }
    const recovered = await live.waitFor((d) => taskIn(d, before.id)?.progress === 73, { since: cut, timeoutMs: 15_000 });
    expect(live.messages[cut]).toBe(recovered);
    expect(taskIn(recovered, before.id)).toMatchObject(changed);

    // And the live path works again afterwards.
    const since = live.mark();
    await gqlTo(two.urlA, UPDATE, { i: { id: String(before.id), version: changed.version, progress: 74 } }, token);
    await live.waitFor((d) => taskIn(d, before.id)?.progress === 74, { since });
  });
});
