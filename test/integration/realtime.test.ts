import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_SCREEN_TOKEN, TEST_ADMIN_PASSWORD } from '../helpers/constants.js';
import { twoInstancesOnOneDatabase } from '../helpers/two-instances.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { connect, subscribe } from '../helpers/ws-client.js';

const TASKS = `subscription($f: TaskFilter) { taskChanged(filter: $f) { id progress version department { code } } }`;
const OVERDUE = `subscription { overdueChanged { id kind department { code } } }`;

let server: TestServer;
let dept: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer();
  const { departments } = await server.gqlOk<any>(`{ departments { id code } }`);
  dept = Object.fromEntries(departments.map((d: any) => [d.code, d.id]));
});
afterAll(() => server?.close());

async function officeTask(s: { sql: TestServer['sql'] } = server): Promise<{ id: number; version: number }> {
  const [t] = await s.sql(`select id, version from task where department_id = $1 order by id limit 1`, [dept['PDS-BGS']]);
  return t;
}

describe('WebSocket authentication at connect', () => {
  it('closes 4401 without a token, 4401 with a forged one, 4403 with a revoked screen token, and acknowledges a valid one', async () => {
    const none = connect(server.graphqlUrl, null);
    expect((await none.closed).code).toBe(4401);
    const forged = connect(server.graphqlUrl, `${server.adminToken.slice(0, -2)}xx`);
    expect((await forged.closed).code).toBe(4401);

    const { createScreenToken } = await server.gqlOk<any>(`mutation { createScreenToken(label: "待吊销大屏") { token screenToken { id } } }`);
    await server.gqlOk(`mutation($id: ID!) { revokeScreenToken(id: $id) { id } }`, { id: createScreenToken.screenToken.id });
    const revoked = connect(server.graphqlUrl, createScreenToken.token);
    expect((await revoked.closed).code).toBe(4403);

    const ok = connect(server.graphqlUrl, DEMO_SCREEN_TOKEN);
    const me = await new Promise<any>((resolve, reject) => ok.client.subscribe({ query: `{ me { role } }` }, { next: resolve, error: reject, complete: () => undefined }));
    expect(me.data.me.role).toBe('SCREEN');
    await ok.client.dispose();
  });

  it('a screen token cannot mutate over the socket either', async () => {
    const screen = connect(server.graphqlUrl, DEMO_SCREEN_TOKEN);
    const task = await officeTask();
    const result = await new Promise<any>((resolve, reject) =>
      screen.client.subscribe(
        { query: `mutation($i: UpdateTaskProgressInput!) { updateTaskProgress(input: $i) { id } }`, variables: { i: { id: String(task.id), version: task.version, progress: 77 } } },
        { next: resolve, error: (e) => resolve({ errors: e }), complete: () => undefined },
      ),
    );
    expect(JSON.stringify(result.errors)).toContain('FORBIDDEN');
    expect((await officeTask()).version).toBe(task.version);
    await screen.client.dispose();
  });
});

describe('live subscriptions on one instance', () => {
  it('start with the current state, scoped: a liaison sees only their department', async () => {
    const token = await server.login('zfzd1.liaison', DEMO_PASSWORD);
    const { client } = connect(server.graphqlUrl, token);
    const tasks = subscribe<any>(client, TASKS);
    const first = await tasks.waitFor(() => true);
    const [{ n }] = await server.sql(`select count(*)::int as n from task where department_id = $1`, [dept['PDS-ZFZD-1']]);
    expect(first.taskChanged).toHaveLength(n);
    expect(first.taskChanged.every((t: any) => t.department.code === 'PDS-ZFZD-1')).toBe(true);
    const overdue = subscribe<any>(client, OVERDUE);
    const items = (await overdue.waitFor(() => true)).overdueChanged;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i: any) => i.department.code === 'PDS-ZFZD-1')).toBe(true);
    await client.dispose();
  });

  it('sees nothing of another department’s changes, and its own within the coalescing window', async () => {
    const head = await server.login('bgs.head', DEMO_PASSWORD);
    const other = await server.login('zfzd1.liaison', DEMO_PASSWORD);
    const a = connect(server.graphqlUrl, head);
    const b = connect(server.graphqlUrl, other);
    const mine = subscribe<any>(a.client, TASKS);
    const theirs = subscribe<any>(b.client, TASKS);
    await Promise.all([mine.waitFor(() => true), theirs.waitFor(() => true)]);
    const task = await officeTask();
    const t0 = Date.now();
    await server.gqlOk(`mutation($i: UpdateTaskProgressInput!) { updateTaskProgress(input: $i) { id } }`, { i: { id: String(task.id), version: task.version, progress: 42 } });
    const seen = await mine.waitFor((d) => d.taskChanged.some((t: any) => Number(t.id) === task.id && t.progress === 42));
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(seen.taskChanged.every((t: any) => t.department.code === 'PDS-BGS')).toBe(true);
    expect(theirs.messages.flatMap((m: any) => m.taskChanged).some((t: any) => Number(t.id) === task.id)).toBe(false);
    await Promise.all([a.client.dispose(), b.client.dispose()]);
  });

  it('coalesces a burst of 5 mutations and ends on the state the database holds', async () => {
    const { client } = connect(server.graphqlUrl, server.adminToken);
    const live = subscribe<any>(client, TASKS, { f: { departmentId: dept['PDS-BGS'] } });
    await live.waitFor(() => true);
    const before = live.messages.length;
    const task = await officeTask();
    let version = task.version;
    for (const progress of [11, 22, 33, 44, 55]) {
      const r = await server.gqlOk<any>(`mutation($i: UpdateTaskProgressInput!) { updateTaskProgress(input: $i) { version } }`, { i: { id: String(task.id), version, progress } });
      version = r.updateTaskProgress.version;
    }
    const [row] = await server.sql(`select progress, version from task where id = $1`, [task.id]);
    const last = await live.waitFor((d) => d.taskChanged.some((t: any) => Number(t.id) === task.id && t.version === row.version));
    expect(last.taskChanged.find((t: any) => Number(t.id) === task.id)).toMatchObject({ progress: row.progress, version: row.version });
    expect(row.progress).toBe(55);
    // At most one push per 100 ms: five sequential mutations (each tens of ms) need fewer than five pushes.
    expect(live.messages.length - before).toBeLessThanOrEqual(5);
    await client.dispose();
  });

  it('shares one execution per scope: subscribers with the same scope form one group', async () => {
    const clients = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const c = connect(server.graphqlUrl, DEMO_SCREEN_TOKEN);
        const s = subscribe<any>(c.client, OVERDUE);
        await s.waitFor(() => true);
        return c;
      }),
    );
    // The hub is in this process: its groups are visible through the test server.
    const stats = server.app.hub.stats;
    expect(stats.subscribers).toBeGreaterThanOrEqual(6);
    expect(stats.groups).toBeLessThan(stats.subscribers);
    await Promise.all(clients.map((c) => c.client.dispose()));
  });
});

/** Two server processes on one database; the same checks for PostgreSQL NOTIFY and for Redis. */
describe.each([
  { broker: 'postgres' as const },
  { broker: 'redis' as const },
])('across two instances ($broker)', ({ broker }) => {
  const two = twoInstancesOnOneDatabase(broker);
  const gqlTo = two.gqlTo;
  const login = async (url: string) => (await gqlTo(url, `mutation($p: String!) { login(username: "admin", password: $p) { accessToken } }`, { p: TEST_ADMIN_PASSWORD })).login.accessToken as string;
  async function sqlTask() {
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: two.databaseUrl });
    await c.connect();
    const r = await c.query(`select t.id, t.version, t.progress from task t join department d on d.id = t.department_id where d.code = 'PDS-BGS' order by t.id limit 1`);
    await c.end();
    return r.rows[0] as { id: number; version: number; progress: number };
  }
  const UPDATE = `mutation($i: UpdateTaskProgressInput!) { updateTaskProgress(input: $i) { version } }`;

  it('a mutation on A reaches a subscriber on B', async () => {
    const token = await login(two.urlA);
    const { client } = connect(two.urlB, token);
    const live = subscribe<any>(client, TASKS, { f: { departmentId: dept['PDS-BGS'] } });
    await live.waitFor(() => true);
    const task = await sqlTask();
    await gqlTo(two.urlA, UPDATE, { i: { id: String(task.id), version: task.version, progress: 61 } }, token);
    await live.waitFor((d) => d.taskChanged.some((t: any) => Number(t.id) === task.id && t.progress === 61), 5_000);
    await client.dispose();
  });

  it('recovers from a lost subscription connection: the first message after recovery is the current state', async () => {
    const token = await login(two.urlA);
    const { client } = connect(two.urlB, token);
    const live = subscribe<any>(client, TASKS, { f: { departmentId: dept['PDS-BGS'] } });
    await live.waitFor(() => true);
    // Cut B's (and A's) subscription connections to the broker, then change data while they are down.
    if (broker === 'postgres') {
      const pg = (await import('pg')).default;
      const c = new pg.Client({ connectionString: two.databaseUrl });
      await c.connect();
      const killed = await c.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'LISTEN%'`);
      expect(killed.rowCount).toBeGreaterThanOrEqual(2);
      await c.end();
    } else {
      const r = new Redis(two.redisUrl!);
      const killed = Number(await r.call('CLIENT', 'KILL', 'TYPE', 'pubsub'));
      expect(killed).toBeGreaterThanOrEqual(2);
      r.disconnect();
    }
    const task = await sqlTask();
    await gqlTo(two.urlA, UPDATE, { i: { id: String(task.id), version: task.version, progress: 73 } }, token);
    const after = live.messages.length;
    const recovered = await live.waitFor((d) => d.taskChanged.some((t: any) => Number(t.id) === task.id && t.progress === 73), 15_000);
    expect(live.messages.indexOf(recovered)).toBeGreaterThanOrEqual(after);
    const current = await sqlTask();
    expect(recovered.taskChanged.find((t: any) => Number(t.id) === task.id)).toMatchObject({ progress: current.progress, version: current.version });
    // And the live path works again afterwards.
    await gqlTo(two.urlA, UPDATE, { i: { id: String(task.id), version: current.version, progress: 74 } }, token);
    await live.waitFor((d) => d.taskChanged.some((t: any) => Number(t.id) === task.id && t.progress === 74), 10_000);
    await client.dispose();
  });
});
