/**
 * The kept quota boards (modules/quotas/quota-board-cache.ts): a board is answered from the
 * instance's cache between changes — shown by changing a count behind the app's back, which the
 * next query does not see — and a committed change is visible to the next query on the same
 * instance at once, and on another instance as soon as the broker brings the invalidation. Viewers
 * of different scopes never get each other's board.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../server/src/time/calendar-date.js';
import { DEMO_PASSWORD, TEST_ADMIN_PASSWORD } from '../helpers/constants.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { twoInstancesOnOneDatabase } from '../helpers/two-instances.js';

const BOARD = `query($p: String!, $w: ID) { quotaBoard(period: $p, withinId: $w) { period { asOf } rows { department { id name } category { id } target published } totals { published } } }`;
const RECORD = `mutation($i: RecordPublicationInput!) { recordPublication(input: $i) { id } }`;
let n = 0;

const settle = () => new Promise((r) => setTimeout(r, 500));

type Gql = (query: string, variables?: Record<string, unknown>, token?: string) => Promise<any>;

interface Fixture {
  dept: Record<string, string>;
  portalId: string;
  categoryId: string;
}

async function fixture(gql: Gql): Promise<Fixture> {
  const { departments } = await gql(`{ departments { id code } }`);
  const { categories } = await gql(`{ categories { id name } }`);
  const { channels } = await gql(`{ channels { id name department { code } } }`);
  return {
    dept: Object.fromEntries(departments.map((d: any) => [d.code, d.id])),
    categoryId: categories.find((c: any) => c.name === '工作动态').id,
    portalId: channels.find((c: any) => c.name === '门户网站·政务公开' && c.department.code === 'PDS').id,
  };
}

const today = () => shanghaiDate();
const month = () => today().slice(0, 7);

function recordIn(gql: Gql, f: Fixture, code: string, token?: string) {
  return gql(
    RECORD,
    {
      i: {
        departmentId: f.dept[code],
        title: `缓存测试 ${n}`,
        categoryId: f.categoryId,
        channelId: f.portalId,
        publishedOn: today(),
        url: `https://board-cache.test.example/${Date.now().toString(36)}/${n++}.html`,
      },
    },
    token,
  );
}

const publishedOf = (data: any, departmentId: string): number | undefined =>
  data.quotaBoard.rows.find((r: any) => r.department.id === departmentId && !r.category)?.published;

/** Changes the all-categories count of a department behind the app's back (no invalidation announced). */
const bumpSql = (departmentId: string, by: number) =>
  `update publication_count set count = count + ${by} where department_id = ${Number(departmentId)} and period_key = '${month()}' and category_id is null`;

describe('on one instance', () => {
  let server: TestServer;
  let f: Fixture;
  const gql: Gql = (query, variables, token) => server.gqlOk(query, variables, token === undefined ? {} : { token });

  beforeAll(async () => {
    server = await startTestServer();
    f = await fixture(gql);
  });
  afterAll(() => server?.close());

  it('answers from the kept board, and shows a publication recorded through GraphQL to the very next query', async () => {
    const bgs = f.dept['PDS-BGS']!;
    await recordIn(gql, f, 'PDS-BGS');
    // The broker echoes the invalidation back to this instance too (it clears the kept boards once more): let it arrive first.
    await settle();
    const before = publishedOf(await gql(BOARD, { p: month() }), bgs)!;
    expect(before).toBeGreaterThan(0);
    await server.sql(bumpSql(bgs, 1000));
    try {
      // Nothing announced the change: the board kept from the previous query answers.
      expect(publishedOf(await gql(BOARD, { p: month() }), bgs)).toBe(before);
      await recordIn(gql, f, 'PDS-BGS');
      // The mutation's invalidation clears the kept boards before its response: recomputed from the counts.
      expect(publishedOf(await gql(BOARD, { p: month() }), bgs)).toBe(before + 1000 + 1);
    } finally {
      await server.sql(bumpSql(bgs, -1000));
    }
    await recordIn(gql, f, 'PDS-BGS');
    expect(publishedOf(await gql(BOARD, { p: month() }), bgs)).toBe(before + 2);
  });

  it('shows a changed quota to the next query', async () => {
    const bgs = f.dept['PDS-BGS']!;
    const row = () => gql(BOARD, { p: month() }).then((d) => d.quotaBoard.rows.find((r: any) => r.department.id === bgs && !r.category));
    await row();
    await gql(`mutation($i: SetQuotaInput!) { setQuota(input: $i) { id } }`, { i: { departmentId: bgs, periodType: 'MONTH', target: 77 } });
    expect((await row()).target).toBe(77);
  });

  it('never hands one scope’s board to another', async () => {
    const [bgsHead, zfzdHead, zfzd1Liaison] = await Promise.all(['bgs.head', 'zfzd.head', 'zfzd1.liaison'].map((u) => server.login(u, DEMO_PASSWORD)));
    const names = async (token?: string, within?: string) =>
      ((await gql(BOARD, { p: month(), w: within ?? null }, token)).quotaBoard.rows as any[]).filter((r) => !r.category).map((r) => r.department.id);
    const zfzd = [f.dept['PDS-ZFZD'], f.dept['PDS-ZFZD-1'], f.dept['PDS-ZFZD-2']];
    // Each twice, interleaved: the second answers come from the cache.
    for (let round = 0; round < 2; round++) {
      const all = await names();
      expect(all.length).toBeGreaterThan(10);
      expect(await names(bgsHead)).toEqual([f.dept['PDS-BGS']]);
      expect(await names(zfzdHead)).toEqual(zfzd);
      expect(await names(zfzd1Liaison)).toEqual([f.dept['PDS-ZFZD-1']]);
      expect(await names(undefined, f.dept['PDS-ZFZD'])).toEqual(zfzd);
      // A scoped viewer asking for a subtree outside its scope sees nothing, whatever another viewer's board holds.
      expect(await names(bgsHead, f.dept['PDS-ZFZD'])).toEqual([]);
      expect(await names()).toEqual(all);
    }
  });
});

/** Two server processes on one database; the same check for PostgreSQL NOTIFY and for Redis. */
describe.each([{ broker: 'postgres' as const }, { broker: 'redis' as const }])('across two instances ($broker)', ({ broker }) => {
  const two = twoInstancesOnOneDatabase(broker);
  async function sql(text: string) {
    const c = new pg.Client({ connectionString: two.databaseUrl });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  }

  it('a publication recorded on A reaches the board kept on B', async () => {
    const login = async (url: string) =>
      (await two.gqlTo(url, `mutation($p: String!) { login(username: "admin", password: $p) { accessToken } }`, { p: TEST_ADMIN_PASSWORD })).login
        .accessToken as string;
    const [tokenA, tokenB] = [await login(two.urlA), await login(two.urlB)];
    const onA: Gql = (q, v) => two.gqlTo(two.urlA, q, v, tokenA);
    const onB: Gql = (q, v) => two.gqlTo(two.urlB, q, v, tokenB);
    const f = await fixture(onA);
    const bgs = f.dept['PDS-BGS']!;
    await recordIn(onA, f, 'PDS-BGS');
    // Let A's invalidation reach B before B keeps its board.
    await settle();
    const before = publishedOf(await onB(BOARD, { p: month() }), bgs)!;
    await sql(bumpSql(bgs, 1000));
    try {
      expect(publishedOf(await onB(BOARD, { p: month() }), bgs)).toBe(before);
      await recordIn(onA, f, 'PDS-BGS');
      const deadline = Date.now() + 10_000;
      let seen = before;
      while (Date.now() < deadline && seen !== before + 1001) {
        await new Promise((r) => setTimeout(r, 50));
        seen = publishedOf(await onB(BOARD, { p: month() }), bgs)!;
      }
      expect(seen).toBe(before + 1001);
    } finally {
      await sql(bumpSql(bgs, -1000));
    }
  });
});
