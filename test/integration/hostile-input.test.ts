/**
 * Hostile requests: query depth/alias/cost/token bombs, oversized bodies, CSRF-style simple
 * requests and mutations over GET, SQL-looking strings in every text field, and what a
 * production server lets out (no introspection, no stack traces, masked internal errors).
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUERY_LIMITS } from '../../server/src/graphql/hardening.js';
import { DEMO_PASSWORD } from '../helpers/constants.js';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let deptIds: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer();
  const { departments } = await server.gqlOk<any>(`{ departments { id code } }`);
  deptIds = Object.fromEntries(departments.map((d: any) => [d.code, d.id]));
});
afterAll(() => server?.close());

const CHINESE = /[\u4e00-\u9fa5]/;

/** A raw POST, for when the status code or the exact body matters. */
async function post(target: TestServer, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(target.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${target.adminToken}`, ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, text, json: safeJson(text) as GraphQLResponse<any> | null, contentType: res.headers.get('content-type') ?? '' };
}
function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
const departmentCount = async () => (await server.sql(`select count(*)::int as n from department`))[0].n as number;

function expectValidationRefusal(res: GraphQLResponse<any>, reason: string, { only = true } = {}) {
  expect(res.data ?? null).toBeNull();
  expect(res.errors, JSON.stringify(res)).toBeDefined();
  if (only) expect(res.errors).toHaveLength(1);
  for (const e of res.errors!) expect(e.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  const hit = res.errors!.find((e) => e.extensions?.reason === reason);
  expect(hit, JSON.stringify(res.errors)).toBeDefined();
  expect(hit!.message).toMatch(CHINESE);
}

describe('query bombs', () => {
  it('a depth bomb of nested lists is refused before execution (QUERY_TOO_DEEP)', async () => {
    const res = await server.gql<any>(`{ departments { ${'children { '.repeat(15)} id ${'} '.repeat(15)} } }`);
    // Nested lists are also far too costly; the depth must be among the reasons given.
    expectValidationRefusal(res, 'QUERY_TOO_DEEP', { only: false });
    expect(res.errors!.find((e) => e.extensions?.reason === 'QUERY_TOO_DEEP')!.message).toContain(`上限 ${QUERY_LIMITS.maxDepth} 层`);
  });

  it('a depth bomb without lists gives exactly one error, QUERY_TOO_DEEP; the limit itself passes', async () => {
    const chain = (n: number) => `query($id: ID!) { department(id: $id) { ${'parent { '.repeat(n)} id ${'} '.repeat(n)} } }`;
    const deep = await server.gql<any>(chain(15), { id: deptIds['PDS-ZFZD-1'] });
    expectValidationRefusal(deep, 'QUERY_TOO_DEEP');
    // department + n parents + id = n + 2 levels.
    const ok = await server.gql<any>(chain(QUERY_LIMITS.maxDepth - 2), { id: deptIds['PDS-ZFZD-1'] });
    expect(ok.errors).toBeUndefined();
    // PDS-ZFZD-1 → PDS-ZFZD → PDS → (none).
    expect(ok.data!.department.parent.parent).toEqual({ parent: null });
    const over = await server.gql<any>(chain(QUERY_LIMITS.maxDepth - 1), { id: deptIds['PDS-ZFZD-1'] });
    expectValidationRefusal(over, 'QUERY_TOO_DEEP');
  });

  it('fragments do not hide depth', async () => {
    const fragments = Array.from({ length: 14 }, (_, i) => `fragment F${i} on Department { parent { ${i < 13 ? `...F${i + 1}` : 'id'} } }`).join('\n');
    const res = await server.gql<any>(`query($id: ID!) { department(id: $id) { ...F0 } }\n${fragments}`, { id: deptIds['PDS-ZFZD-1'] });
    expectValidationRefusal(res, 'QUERY_TOO_DEEP');
    const inline = await server.gql<any>(`query($id: ID!) { department(id: $id) { ${'... on Department { parent { '.repeat(14)} id ${'} } '.repeat(14)} } }`, {
      id: deptIds['PDS-ZFZD-1'],
    });
    expectValidationRefusal(inline, 'QUERY_TOO_DEEP');
  });

  it('an alias bomb is refused (TOO_MANY_ALIASES); the limit itself passes', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: plans { id }`).join(' ')} }`;
    expectValidationRefusal(await server.gql<any>(aliases(100)), 'TOO_MANY_ALIASES');
    const ok = await server.gql<any>(aliases(QUERY_LIMITS.maxAliases));
    expect(ok.errors).toBeUndefined();
    expect(Object.keys(ok.data!)).toHaveLength(QUERY_LIMITS.maxAliases);
    expectValidationRefusal(await server.gql<any>(aliases(QUERY_LIMITS.maxAliases + 1)), 'TOO_MANY_ALIASES');
  });

  it('a cost bomb within the depth and alias limits is refused (QUERY_TOO_COSTLY); a cheaper one runs', async () => {
    // plans ×10 → workPoints ×10 → tasks ×10 → department → children ×10 → children ×10 → id:
    // 1 + 10·(1 + 10·(1 + 10·(1 + (1 + 10·(1 + 10·1))))) = 112 111 > maxCost, depth 7.
    const costly = `{ plans { workPoints { tasks { department { children { children { id } } } } } } }`;
    expect(QUERY_LIMITS.maxCost).toBeLessThan(112_111);
    const res = await server.gql<any>(costly);
    expectValidationRefusal(res, 'QUERY_TOO_COSTLY');
    expect(res.errors![0]!.message).toContain('112111');
    // tasks(first: 100) → nodes → workPoint → tasks ×10 → department → children ×10 → id: 12 301.
    const cheaper = await server.gql<any>(`{ tasks(first: 100) { nodes { workPoint { tasks { department { children { id } } } } } } }`);
    expect(cheaper.errors).toBeUndefined();
    expect(cheaper.data!.tasks.nodes).toHaveLength(100);
    // A page size given by a variable counts as the largest page: the same query with a literal
    // first: 1 costs 1 124 and runs, with $n = 1 it is assumed to be 100 and refused.
    const nested = `nodes { workPoint { tasks { department { children { children { id } } } } } }`;
    const literal = await server.gql<any>(`{ tasks(first: 1) { ${nested} } }`);
    expect(literal.errors).toBeUndefined();
    expect(literal.data!.tasks.nodes).toHaveLength(1);
    const byVariable = await server.gql<any>(`query($n: Int) { tasks(first: $n) { ${nested} } }`, { n: 1 });
    expectValidationRefusal(byVariable, 'QUERY_TOO_COSTLY');
  });

  it('a query over the token limit fails to parse and does not run (mutation included)', async () => {
    const before = await departmentCount();
    const padding = '__typename '.repeat(QUERY_LIMITS.maxTokens + 100);
    const res = await post(
      server,
      JSON.stringify({
        query: `mutation { createDepartment(input: { name: "令牌炸弹", code: "TOKEN-BOMB", kind: OFFICE, parentId: "${deptIds.PDS}" }) { id ${padding} } }`,
      }),
    );
    expect(res.status).toBe(400);
    expect(res.json?.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(res.json?.errors?.[0]?.message).toMatch(/5000 tokens/);
    expect(res.json?.data ?? null).toBeNull();
    expect(await departmentCount()).toBe(before);
    expect(await server.sql(`select id from department where code = 'TOKEN-BOMB'`)).toEqual([]);
  });

  it('batched requests are refused', async () => {
    const before = await departmentCount();
    const one = { query: `mutation { createDepartment(input: { name: "批量", code: "BATCH-1", kind: OFFICE, parentId: "${deptIds.PDS}" }) { id } }` };
    const res = await post(server, JSON.stringify([one, one]));
    expect(res.status).toBe(400);
    expect(res.json?.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(await departmentCount()).toBe(before);
  });

  it('aliased login attempts in one request try one password at most', async () => {
    const [user] = await server.sql(`select id, failed_logins from app_user where username = 'bgs.liaison'`);
    const [{ n: sessions }] = await server.sql(`select count(*)::int as n from auth_session where user_id = $1`, [user.id]);
    const guesses = Array.from({ length: 30 }, (_, i) => `g${i}: login(username: "bgs.liaison", password: "Wrong-${i}-pw") { accessToken }`);
    const query = `mutation { ${guesses.join(' ')} right: login(username: "bgs.liaison", password: "${DEMO_PASSWORD}") { accessToken } }`;
    const res = await server.gql<any>(query, {}, { token: null });
    expect(res.data ?? null).toBeNull();
    expect(JSON.stringify(res)).not.toMatch(/accessToken":"/);
    // Mutations run one after another and the first failure (non-null field) ends the request.
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({ path: ['g0'], extensions: { code: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS' } });
    const [after] = await server.sql(`select failed_logins from app_user where id = $1`, [user.id]);
    expect(after.failed_logins).toBe(user.failed_logins + 1);
    const [{ n: sessionsAfter }] = await server.sql(`select count(*)::int as n from auth_session where user_id = $1`, [user.id]);
    expect(sessionsAfter).toBe(sessions);
  });
});

describe('oversized bodies', () => {
  it('a 10 MB JSON body gets 413 with a JSON error, and the server still answers', async () => {
    const body = JSON.stringify({ query: '{ plans { id } }', variables: { filler: 'a'.repeat(10 * 1024 * 1024) } });
    const res = await post(server, body);
    expect(res.status).toBe(413);
    expect(res.contentType).toMatch(/application\/json/);
    expect(res.json?.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.json?.errors?.[0]?.message).toMatch(CHINESE);
    expect(res.text).not.toMatch(/stack|at .*\.js/);
    const after = await server.gql<any>(`{ plans { id } }`);
    expect(after.errors).toBeUndefined();
    expect(after.data!.plans.length).toBeGreaterThan(0);
  });

  it('a body just over the limit without a content-length (chunked) is refused too', async () => {
    const chunk = new TextEncoder().encode(`{"query":"{ plans { id } }","variables":{"x":"${'b'.repeat(256 * 1024)}`);
    const tail = new TextEncoder().encode('"}}');
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent < 6) {
          controller.enqueue(sent === 0 ? chunk : new TextEncoder().encode('b'.repeat(256 * 1024)));
          sent++;
        } else {
          controller.enqueue(tail);
          controller.close();
        }
      },
    });
    let status: number | undefined;
    try {
      const res = await fetch(server.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminToken}` },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      status = res.status;
      await res.text();
    } catch {
      // The server may close the connection while we are still sending: refused either way.
      status = -1;
    }
    expect(status === 413 || status === -1).toBe(true);
    expect((await server.gql<any>(`{ plans { id } }`)).errors).toBeUndefined();
  });
});

describe('CSRF and GET', () => {
  const mutation = (code: string) =>
    `mutation { createDepartment(input: { name: "跨站请求", code: "${code}", kind: OFFICE, parentId: "${deptIds.PDS}" }) { id } }`;

  it('simple requests a browser form could send are refused and run nothing', async () => {
    const cases: [string, string][] = [
      ['text/plain', JSON.stringify({ query: mutation('CSRF-1') })],
      ['text/plain;charset=UTF-8', JSON.stringify({ query: mutation('CSRF-2') })],
      ['application/x-www-form-urlencoded', `query=${encodeURIComponent(mutation('CSRF-3'))}`],
      ['multipart/form-data; boundary=xyz', `--xyz\r\nContent-Disposition: form-data; name="query"\r\n\r\n${mutation('CSRF-4')}\r\n--xyz--\r\n`],
    ];
    for (const [contentType, body] of cases) {
      const res = await post(server, body, { 'content-type': contentType });
      expect(res.status, contentType).toBe(400);
      expect(res.json?.data ?? null).toBeNull();
      expect(res.json?.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    }
    expect(await server.sql(`select code from department where code like 'CSRF-%'`)).toEqual([]);
    // The same mutation as a proper JSON request does run (control).
    const ok = await post(server, JSON.stringify({ query: mutation('CSRF-OK') }));
    expect(ok.status).toBe(200);
    expect(await server.sql(`select code from department where code = 'CSRF-OK'`)).toEqual([{ code: 'CSRF-OK' }]);
  });

  it('a mutation over GET is refused, with or without a preflight header', async () => {
    for (const [code, headers] of [
      ['GET-1', {}],
      ['GET-2', { 'apollo-require-preflight': 'true' }],
      ['GET-3', { 'content-type': 'application/json' }],
    ] as const) {
      const res = await fetch(`${server.graphqlUrl}?query=${encodeURIComponent(mutation(code))}`, {
        headers: { authorization: `Bearer ${server.adminToken}`, ...headers },
      });
      expect(res.status, code).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      const body = (await res.json()) as GraphQLResponse;
      expect(body.data ?? null).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    }
    expect(await server.sql(`select code from department where code like 'GET-%'`)).toEqual([]);
  });
});

describe('SQL-looking strings', () => {
  const HOSTILE = [`'; DROP TABLE task; --`, `" OR 1=1 --`, `\\'); DELETE FROM department; --`, `$$; select pg_sleep(5); $$`];
  const TABLES = [
    'department',
    'plan',
    'work_point',
    'work_point_lead',
    'work_point_responsible',
    'task',
    'task_update',
    'app_user',
    'screen_token',
    'auth_session',
    'audit_entry',
    'server_secret',
    'mikro_orm_migrations',
  ];

  async function counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const t of TABLES) out[t] = (await server.sql(`select count(*)::int as n from "${t}"`))[0].n;
    return out;
  }

  /**
   * What the server sends to PostgreSQL, read at the driver: the `pg` module the ORM loads (the
   * server runs in this process), its Client.query spied on: statement texts and bound values.
   */
  const sent: { text: string; values: unknown[] }[] = [];
  let restoreQuery: (() => void) | undefined;
  beforeAll(() => {
    const ormPg = createRequire(new URL('../../node_modules/@mikro-orm/postgresql/package.json', import.meta.url))('pg') as typeof import('pg');
    const original = ormPg.Client.prototype.query;
    ormPg.Client.prototype.query = function (this: unknown, config: unknown, values?: unknown, ...rest: unknown[]) {
      const text = typeof config === 'string' ? config : ((config as { text?: string } | null)?.text ?? '');
      const bound = Array.isArray(values) ? values : ((config as { values?: unknown[] } | null)?.values ?? []);
      sent.push({ text, values: bound });
      return (original as (...args: unknown[]) => unknown).call(this, config, values, ...rest);
    } as typeof original;
    restoreQuery = () => (ormPg.Client.prototype.query = original);
  });
  afterAll(() => restoreQuery?.());

  /**
   * A statement split as PostgreSQL reads it: its string literals ('…' with '' inside, E'…' with
   * backslash escapes, $tag$…$tag$), decoded, and the rest — the code — with each literal left as ''.
   * (The ORM inlines values into some statements, escaped, rather than binding them.)
   */
  function lexSql(text: string): { code: string; literals: string[] } {
    let code = '';
    const literals: string[] = [];
    let i = 0;
    while (i < text.length) {
      const c = text[i]!;
      const before = text[i - 1] ?? ' ';
      const dollar = c === '$' && !/\w/.test(before) ? /^\$([A-Za-z_]\w*)?\$/.exec(text.slice(i)) : null;
      if (c === '"') {
        // A quoted identifier: code, copied as it is.
        const end = text.indexOf('"', i + 1);
        code += text.slice(i, end < 0 ? text.length : end + 1);
        i = end < 0 ? text.length : end + 1;
      } else if (c === "'" || ((c === 'E' || c === 'e') && text[i + 1] === "'" && !/\w/.test(before))) {
        const escapes = c !== "'";
        let value = '';
        for (i += escapes ? 2 : 1; i < text.length;) {
          const d = text[i]!;
          if (d === "'" && text[i + 1] === "'") {
            value += "'";
            i += 2;
          } else if (d === "'") {
            i++;
            break;
          } else if (escapes && d === '\\') {
            value += text[i + 1] ?? '';
            i += 2;
          } else {
            value += d;
            i++;
          }
        }
        literals.push(value);
        code += "''";
      } else if (dollar) {
        const end = text.indexOf(dollar[0], i + dollar[0].length);
        literals.push(text.slice(i + dollar[0].length, end < 0 ? text.length : end));
        code += "''";
        i = end < 0 ? text.length : end + dollar[0].length;
      } else {
        code += c;
        i++;
      }
    }
    return { code, literals };
  }
  /** What the hostile strings would add to a statement's code, were one spliced in unquoted. */
  const INJECTED = /pg_sleep|drop\s+table|delete\s+from\s+department|\bor\s+1\s*=\s*1|--|;/i;

  /**
   * Runs the request; any error must be one of the allowed codes, and no hostile string may have
   * reached PostgreSQL as SQL: only as a bound value or inside a string literal, never in a statement's
   * code. (This used to be a time limit below the 5 s of `pg_sleep(5)`, which a loaded machine could
   * break and an injection that does not sleep would pass.)
   */
  async function call(query: string, variables: Record<string, unknown>, allowed: string[] = [], token?: string | null) {
    const from = sent.length;
    const res = await server.gql<any>(query, variables, { token });
    const asSql = sent.slice(from).filter(({ text }) => INJECTED.test(lexSql(text).code));
    expect(asSql, `${query}: SQL code from a hostile string`).toEqual([]);
    for (const e of res.errors ?? []) {
      expect(allowed, `${query} ${JSON.stringify(e)}`).toContain(e.extensions?.code);
      // The message may quote the input back; nothing else in it may look like SQL.
      const own = HOSTILE.reduce((m, h) => m.replaceAll(h, ''), e.message);
      expect(own).not.toMatch(/syntax error|relation|column|select |insert |delete |drop /i);
    }
    return res;
  }

  it('are stored verbatim or refused harmlessly in every text field, and every table survives', async () => {
    const before = await counts();
    for (const [i, s] of HOSTILE.entries()) {
      const dept = await call(`mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { id name } }`, {
        i: { name: s, code: `SQLI-${i}`, kind: 'OFFICE', parentId: deptIds.PDS },
      });
      expect(dept.data!.createDepartment.name).toBe(s);
      expect((await call(`query($id: ID!) { department(id: $id) { name } }`, { id: dept.data!.createDepartment.id })).data!.department.name).toBe(s);
      // Not a valid code: refused as input.
      const badCode = await call(
        `mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }`,
        { i: { name: 'x', code: s, kind: 'OFFICE', parentId: deptIds.PDS } },
        ['BAD_USER_INPUT'],
      );
      expect(badCode.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

      const plan = await call(`mutation($i: CreatePlanInput!) { createPlan(input: $i) { id } }`, {
        i: { organizationId: deptIds.PDS, year: 2026, title: s, issuer: s },
      });
      const planId = plan.data!.createPlan.id;
      expect((await call(`query($id: ID!) { plan(id: $id) { title issuer } }`, { id: planId })).data!.plan).toEqual({ title: s, issuer: s });

      const wp = await call(`mutation($i: CreateWorkPointInput!) { createWorkPoint(input: $i) { id } }`, {
        i: { planId, number: `S${i}`, section: s, title: s, policyBasis: s, duties: s, timeLimit: s, leadDepartmentIds: [deptIds['PDS-BGS']] },
      });
      const wpId = wp.data!.createWorkPoint.id;
      const readWp = await call(`query($id: ID!) { workPoint(id: $id) { section title policyBasis duties timeLimit } }`, { id: wpId });
      expect(readWp.data!.workPoint).toEqual({ section: s, title: s, policyBasis: s, duties: s, timeLimit: s });

      const broken = await call(`mutation($id: ID!) { breakDownWorkPoint(id: $id) { created { id version } } }`, { id: wpId });
      const task = broken.data!.breakDownWorkPoint.created[0];
      await call(`mutation($i: UpdateTaskProgressInput!) { updateTaskProgress(input: $i) { id } }`, {
        i: { id: task.id, version: task.version, status: 'NOT_APPLICABLE', note: s, notApplicableReason: s, selfInspection: s },
      });
      const readTask = await call(`query($id: ID!) { task(id: $id) { status notApplicableReason selfInspection updates { note } } }`, { id: task.id });
      expect(readTask.data!.task).toEqual({ status: 'NOT_APPLICABLE', notApplicableReason: s, selfInspection: s, updates: [{ note: s }] });

      const user = await call(`mutation($i: CreateUserInput!) { createUser(input: $i) { id displayName } }`, {
        i: { username: `sqli.user${i}`, displayName: s, password: 'Passw0rd!x', role: 'LIAISON', departmentId: deptIds['PDS-BGS'] },
      });
      expect(user.data!.createUser.displayName).toBe(s);
      const badName = await call(
        `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`,
        { i: { username: s, displayName: 'x', password: 'Passw0rd!x', role: 'ADMIN' } },
        ['BAD_USER_INPUT'],
      );
      expect(badName.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

      const screen = await call(`mutation($l: String!) { createScreenToken(label: $l) { screenToken { id label } } }`, { l: s });
      expect(screen.data!.createScreenToken.screenToken.label).toBe(s);
      const { screenTokens } = (await call(`{ screenTokens { id label } }`, {})).data!;
      expect(screenTokens.find((t: any) => t.id === screen.data!.createScreenToken.screenToken.id).label).toBe(s);

      const audit = await call(`query($s: String) { auditLog(filter: { operation: $s, targetType: $s }) { totalCount } }`, { s });
      expect(audit.data!.auditLog.totalCount).toBe(0);
      const auditOp = await call(`query($s: String) { auditLog(filter: { operation: $s }) { totalCount } }`, { s });
      expect(auditOp.data!.auditLog.totalCount).toBe(0);

      // Search matches the text literally: exactly the points that contain it.
      const search = await call(`query($s: String) { workPoints(filter: { search: $s }, first: 100) { totalCount nodes { id } } }`, { s });
      const [{ n }] = await server.sql(
        `select count(*)::int as n from work_point where strpos(lower(title), lower($1)) > 0 or strpos(lower(number), lower($1)) > 0
           or strpos(lower(policy_basis), lower($1)) > 0 or strpos(lower(duties), lower($1)) > 0`,
        [s],
      );
      expect(n).toBeGreaterThanOrEqual(1);
      expect(search.data!.workPoints.totalCount).toBe(n);
      expect(search.data!.workPoints.nodes.map((p: any) => p.id)).toContain(wpId);
      const section = await call(`query($s: String) { workPoints(filter: { section: $s }) { totalCount } }`, { s });
      expect(section.data!.workPoints.totalCount).toBe(1);

      for (const [u, p] of [
        [s, 'whatever'],
        ['admin', s],
      ]) {
        const login = await call(
          `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }`,
          { u, p },
          ['UNAUTHENTICATED'],
          null,
        );
        expect(login.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS' });
      }
      const byId = await call(`query($id: ID!) { task(id: $id) { id } }`, { id: s }, ['NOT_FOUND']);
      expect(byId.data?.task ?? null).toBeNull();
    }
    // LIKE wildcards are literal too.
    for (const w of ['%', '_']) {
      const res = await call(`query($s: String) { workPoints(filter: { search: $s }) { totalCount } }`, { s: w });
      const [{ n }] = await server.sql(`select count(*)::int as n from work_point where strpos(title || number || policy_basis || duties, $1) > 0`, [w]);
      expect(res.data!.workPoints.totalCount).toBe(n);
    }

    const after = await counts();
    const k = HOSTILE.length;
    expect(after).toEqual({
      ...before,
      department: before.department! + k,
      plan: before.plan! + k,
      work_point: before.work_point! + k,
      work_point_lead: before.work_point_lead! + k,
      task: before.task! + k,
      task_update: before.task_update! + k,
      app_user: before.app_user! + k,
      screen_token: before.screen_token! + k,
      audit_entry: after.audit_entry,
    });
    expect(after.audit_entry).toBeGreaterThan(before.audit_entry!);
    const [{ n: tables }] = await server.sql(
      `select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name = any($1)`,
      [TABLES],
    );
    expect(tables).toBe(TABLES.length);
    // The spy saw the server's statements: every hostile string went to PostgreSQL, as data.
    for (const h of HOSTILE) {
      const asData = sent.some(({ text, values }) => values.includes(h) || lexSql(text).literals.some((l) => l.includes(h)));
      expect(asData, `${h} never sent to PostgreSQL (neither bound nor in a literal)`).toBe(true);
    }
  });

  it('a NUL byte in a text field is refused as bad input, not an internal error', async () => {
    const before = await departmentCount();
    // All requests first, assertions after: the server must stay healthy whatever the outcome.
    const name = await server.gql<any>(`mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }`, {
      i: { name: 'a\u0000b', code: 'NUL-1', kind: 'OFFICE', parentId: deptIds.PDS },
    });
    const search = await server.gql<any>(`query($s: String) { workPoints(filter: { search: $s }) { totalCount nodes { id } } }`, { s: 'a\u0000b' });
    const login = await server.gql<any>(`mutation($u: String!) { login(username: $u, password: "x") { accessToken } }`, { u: 'admin\u0000' }, { token: null });
    const health = await Promise.all([
      server.gql<any>(`{ plans { id } }`),
      server.gql<any>(`query($s: String) { workPoints(filter: { search: $s }, first: 1) { totalCount nodes { id } } }`, { s: '公开' }),
      server.gql<any>(`{ tasks(first: 1) { totalCount nodes { id } } }`),
    ]);
    for (const h of health) expect(h.errors, JSON.stringify(h.errors)).toBeUndefined();
    expect(await departmentCount()).toBe(before);
    expect(name.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(search.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(login.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS' });
  });
});

describe('production mode', () => {
  let prod: TestServer;
  beforeAll(async () => {
    prod = await startTestServer({ env: { NODE_ENV: 'production' } });
  });
  afterAll(() => prod?.close());

  it('refuses introspection (the development server allows it: control)', async () => {
    expect(prod.config.isProduction).toBe(true);
    for (const query of [`{ __schema { types { name } } }`, `{ __type(name: "Task") { fields { name } } }`]) {
      const res = await prod.gql<any>(query);
      expect(res.data ?? null, query).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors?.[0]?.message).toMatch(/introspection/i);
    }
    const dev = await server.gql<any>(`{ __schema { types { name } } }`);
    expect(dev.data?.__schema?.types?.length).toBeGreaterThan(10);
  });

  it('never sends a stack trace (the development server does: control)', async () => {
    const { id: taskId } = (await prod.sql(`select id from task order by id limit 1`))[0];
    const responses = [
      await post(prod, JSON.stringify({ query: '{ plans { id ' })), // parse error
      await post(prod, JSON.stringify({ query: '{ noSuchField }' })), // validation error
      await post(prod, JSON.stringify({ query: `{ departments { ${'children { '.repeat(15)} id ${'} '.repeat(15)} } }` })), // limits
      await post(prod, JSON.stringify({ query: `{ ${'__typename '.repeat(6000)} }` })), // token limit
      await post(prod, JSON.stringify({ query: '{ me { name } }' }), { authorization: 'Bearer forged.token' }), // auth
      await post(prod, JSON.stringify({ query: '{ me { name } }' }), { authorization: '' }), // anonymous
      await post(prod, JSON.stringify({ query: `mutation { updateTaskProgress(input: { id: "${taskId}", version: 0, progress: 1 }) { id } }` })), // stale
      await post(prod, JSON.stringify({ query: `mutation { updateTaskProgress(input: { id: "${taskId}", version: 1, progress: 500 }) { id } }` })), // validation
      await post(prod, JSON.stringify({ query: `mutation { breakDownWorkPoint(id: "999999") { createdCount } }` })), // not found
      await post(prod, JSON.stringify({ query: '{ tasks(first: "x") { totalCount } }' })), // bad variable type
      await post(prod, JSON.stringify({ query: 'query($n: Int!) { tasks(first: $n) { totalCount } }', variables: { n: 'x' } })),
      await post(prod, JSON.stringify([{ query: '{ plans { id } }' }])), // batching
      await post(prod, JSON.stringify({ query: '{ plans { id } }' }), { 'content-type': 'text/plain' }), // CSRF
      await post(prod, '{"query": '), // malformed JSON
      await post(prod, JSON.stringify({ query: '{ plans { id } }', variables: { x: 'a'.repeat(2 * 1024 * 1024) } })), // too large
    ];
    for (const res of responses) {
      expect(res.json?.errors?.length, res.text.slice(0, 300)).toBeGreaterThan(0);
      expect(res.text).not.toMatch(/stacktrace|\bat .+\.(ts|js):\d+|node_modules|\/work\//);
    }
    const dev = await post(server, JSON.stringify({ query: '{ plans { id ' }));
    expect(dev.text).toContain('stacktrace');
  });

  it('masks an internal error: generic Chinese message with an error id, no SQL', async () => {
    // Break the database under the server: the query then fails with a message full of SQL.
    await prod.sql(`alter table plan rename to plan_hidden`);
    try {
      const res = await post(prod, JSON.stringify({ query: '{ plans { id title } }' }));
      expect(res.json?.data ?? null).toBeNull();
      expect(res.json?.errors).toHaveLength(1);
      const error = res.json!.errors![0]!;
      expect(error.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error.extensions?.errorId).toMatch(/^[0-9a-f-]{36}$/);
      expect(error.message).toMatch(CHINESE);
      expect(error.message).toContain(error.extensions!.errorId);
      expect(Object.keys(error.extensions!).sort()).toEqual(['code', 'errorId']);
      expect(res.text).not.toMatch(/plan_hidden|relation|select|"plan"|postgres|stacktrace|\.ts:\d+/i);
    } finally {
      await prod.sql(`alter table plan_hidden rename to plan`);
    }
    expect((await prod.gql<any>(`{ plans { id } }`)).errors).toBeUndefined();
  });
});
