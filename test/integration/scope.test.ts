/**
 * Department scoping (no IDOR): what department heads and liaisons may see and change, checked
 * against the database, through every path that reaches tasks (list, single, filters, nested
 * work points and plans, audit trail, users) and every admin-only mutation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../helpers/constants.js';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let deptIds: Record<string, string>;
let tokens: Record<'bgsHead' | 'bgsLiaison' | 'zfzdHead' | 'zfzd1Liaison', string>;
beforeAll(async () => {
  server = await startTestServer();
  const { departments } = await server.gqlOk<any>(`{ departments { id code } }`);
  deptIds = Object.fromEntries(departments.map((d: any) => [d.code, d.id]));
  const [bgsHead, bgsLiaison, zfzdHead, zfzd1Liaison] = await Promise.all(
    ['bgs.head', 'bgs.liaison', 'zfzd.head', 'zfzd1.liaison'].map((u) => server.login(u, DEMO_PASSWORD)),
  );
  tokens = { bgsHead: bgsHead!, bgsLiaison: bgsLiaison!, zfzdHead: zfzdHead!, zfzd1Liaison: zfzd1Liaison! };
});
afterAll(() => server?.close());

const TASKS = `query($f: TaskFilter, $after: String) { tasks(first: 100, filter: $f, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id department { code } } } }`;
const UPDATE = `mutation($i: UpdateTaskProgressInput!) { updateTaskProgress(input: $i) { id progress version } }`;

/** Every task the token can list, following the pages. */
async function allTasks(token: string, filter?: Record<string, unknown>) {
  const nodes: { id: string; department: { code: string } }[] = [];
  let after: string | null = null;
  let totalCount: number;
  for (;;) {
    const res: GraphQLResponse<any> = await server.gql<any>(TASKS, { f: filter ?? null, after }, { token });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    nodes.push(...res.data!.tasks.nodes);
    totalCount = res.data!.tasks.totalCount;
    if (!res.data!.tasks.pageInfo.hasNextPage) break;
    after = res.data!.tasks.pageInfo.endCursor;
  }
  return { nodes, totalCount };
}

/** Ids of the tasks in a department's subtree (path LIKE) or of exactly that department. */
async function taskIdsOf(code: string, subtree: boolean): Promise<string[]> {
  const rows = subtree
    ? await server.sql(
        `select t.id from task t join department d on d.id = t.department_id
          where d.path like (select path from department where code = $1) || '%' order by t.id`,
        [code],
      )
    : await server.sql(`select t.id from task t join department d on d.id = t.department_id where d.code = $1 order by t.id`, [code]);
  return rows.map((r) => String(r.id));
}

async function taskOf(code: string) {
  const [row] = await server.sql(
    `select t.id, t.version, t.progress from task t join department d on d.id = t.department_id where d.code = $1 order by t.id limit 1`,
    [code],
  );
  return { id: String(row.id), version: row.version as number, progress: row.progress as number };
}

async function snapshot() {
  const [row] = await server.sql(
    `select (select count(*) from department)::int as departments, (select coalesce(sum(version), 0) from department)::int as department_versions,
            (select count(*) from plan)::int as plans, (select count(*) from work_point)::int as points,
            (select count(*) from task)::int as tasks, (select coalesce(sum(version), 0) from task)::int as task_versions,
            (select count(*) from task_update)::int as updates, (select count(*) from app_user)::int as users,
            (select coalesce(sum(version), 0) from app_user)::int as user_versions, (select count(*) from screen_token)::int as screens,
            (select count(*) from audit_entry)::int as audit`,
  );
  return row;
}

function expectForbidden(res: GraphQLResponse<any>, label = '') {
  expect(res.errors?.[0]?.extensions?.code, `${label} ${JSON.stringify(res)}`).toBe('FORBIDDEN');
  expect(res.errors![0]!.message).toMatch(/[\u4e00-\u9fa5]/);
  expect(res.data ?? null, label).toBeNull();
}

describe('task lists are limited to the caller’s departments', () => {
  it('bgs.head sees exactly the tasks of 局办公室', async () => {
    const expected = await taskIdsOf('PDS-BGS', true);
    expect(expected.length).toBeGreaterThan(0);
    const { nodes, totalCount } = await allTasks(tokens.bgsHead);
    expect(totalCount).toBe(expected.length);
    expect(nodes.map((n) => n.id).sort()).toEqual([...expected].sort());
    expect(new Set(nodes.map((n) => n.department.code))).toEqual(new Set(['PDS-BGS']));
  });

  it('zfzd.head sees the tasks of PDS-ZFZD and its sub-units, sub-units included', async () => {
    const expected = await taskIdsOf('PDS-ZFZD', true);
    const { nodes, totalCount } = await allTasks(tokens.zfzdHead);
    expect(totalCount).toBe(expected.length);
    expect(nodes.map((n) => n.id).sort()).toEqual([...expected].sort());
    expect(new Set(nodes.map((n) => n.department.code))).toEqual(new Set(['PDS-ZFZD', 'PDS-ZFZD-1', 'PDS-ZFZD-2']));
  });

  it('zfzd1.liaison sees only the tasks of PDS-ZFZD-1', async () => {
    const expected = await taskIdsOf('PDS-ZFZD-1', false);
    const { nodes, totalCount } = await allTasks(tokens.zfzd1Liaison);
    expect(totalCount).toBe(expected.length);
    expect(nodes.map((n) => n.id).sort()).toEqual([...expected].sort());
    expect(new Set(nodes.map((n) => n.department.code))).toEqual(new Set(['PDS-ZFZD-1']));
  });

  it('a department head may filter by a sub-unit; the scope still applies to the other filters', async () => {
    const own = await allTasks(tokens.zfzdHead, { departmentId: deptIds['PDS-ZFZD-1'] });
    expect(own.totalCount).toBe((await taskIdsOf('PDS-ZFZD-1', false)).length);
    const [{ plan_id: planId }] = await server.sql(
      `select w.plan_id from task t join work_point w on w.id = t.work_point_id join department d on d.id = t.department_id where d.code = 'PDS-BGS' limit 1`,
    );
    const byPlan = await allTasks(tokens.bgsHead, { planId: String(planId) });
    expect(byPlan.totalCount).toBeGreaterThan(0);
    expect(new Set(byPlan.nodes.map((n) => n.department.code))).toEqual(new Set(['PDS-BGS']));
    const [{ n }] = await server.sql(`select count(*)::int as n from task t join work_point w on w.id = t.work_point_id where w.plan_id = $1`, [planId]);
    expect(n).toBeGreaterThan(byPlan.totalCount);
  });
});

describe('bgs.head cannot reach other departments’ tasks', () => {
  it('task(id) of a 执法支队 task is null, not the data (own task: control)', async () => {
    const other = await taskOf('PDS-ZFZD-1');
    const res = await server.gql<any>(
      `query($id: ID!) { task(id: $id) { id progress status notApplicableReason updates { note } } }`,
      { id: other.id },
      { token: tokens.bgsHead },
    );
    expect(res).toEqual({ data: { task: null } });
    const own = await taskOf('PDS-BGS');
    const mine = await server.gql<any>(`query($id: ID!) { task(id: $id) { id } }`, { id: own.id }, { token: tokens.bgsHead });
    expect(mine).toEqual({ data: { task: { id: own.id } } });
  });

  it('filtering tasks by another department is FORBIDDEN', async () => {
    for (const filter of [
      { departmentId: deptIds['PDS-ZFZD'] },
      { departmentId: deptIds['PDS-ZFZD'], includeSubDepartments: true },
      { departmentId: deptIds.PDS, includeSubDepartments: true },
      { departmentId: deptIds['WX-BGS'] },
    ]) {
      expectForbidden(await server.gql<any>(TASKS, { f: filter }, { token: tokens.bgsHead }), JSON.stringify(filter));
    }
    // A liaison may not widen to the parent either.
    expectForbidden(await server.gql<any>(TASKS, { f: { departmentId: deptIds['PDS-ZFZD'], includeSubDepartments: true } }, { token: tokens.zfzd1Liaison }));
    expectForbidden(await server.gql<any>(TASKS, { f: { departmentId: deptIds['PDS-ZFZD-2'] } }, { token: tokens.zfzd1Liaison }));
  });

  it('updateTaskProgress on another department’s task (right version) is FORBIDDEN and changes nothing', async () => {
    const other = await taskOf('PDS-ZFZD');
    const before = await snapshot();
    for (const token of [tokens.bgsHead, tokens.bgsLiaison, tokens.zfzd1Liaison]) {
      const res = await server.gql<any>(
        UPDATE,
        { i: { id: other.id, version: other.version, progress: (other.progress + 13) % 100, note: '越权修改' } },
        { token },
      );
      expectForbidden(res);
    }
    const [row] = await server.sql(`select version, progress from task where id = $1`, [other.id]);
    expect(row).toEqual({ version: other.version, progress: other.progress });
    expect(await snapshot()).toEqual(before);
  });

  it('workPoint(id) { tasks } and plan { workPoints { tasks } } show only own tasks', async () => {
    const [{ wp }] = await server.sql(
      `select t.work_point_id as wp from task t join department d on d.id = t.department_id
        group by t.work_point_id having bool_or(d.code = 'PDS-BGS') and bool_or(d.code <> 'PDS-BGS') limit 1`,
    );
    const [{ own, total }] = await server.sql(
      `select count(*) filter (where d.code = 'PDS-BGS')::int as own, count(*)::int as total
         from task t join department d on d.id = t.department_id where t.work_point_id = $1`,
      [wp],
    );
    expect(total).toBeGreaterThan(own);
    const res = await server.gql<any>(
      `query($id: ID!) { workPoint(id: $id) { tasks { id department { code } } } }`,
      { id: String(wp) },
      { token: tokens.bgsHead },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.workPoint.tasks).toHaveLength(own);
    expect(new Set(res.data!.workPoint.tasks.map((t: any) => t.department.code))).toEqual(new Set(['PDS-BGS']));
    // The admin sees them all (control).
    const admin = await server.gqlOk<any>(`query($id: ID!) { workPoint(id: $id) { tasks { id } } }`, { id: String(wp) });
    expect(admin.workPoint.tasks).toHaveLength(total);

    const plans = await server.gql<any>(`{ plans { workPoints { tasks { department { code } } } } }`, {}, { token: tokens.bgsHead });
    expect(plans.errors).toBeUndefined();
    const codes = plans.data!.plans.flatMap((p: any) => p.workPoints.flatMap((w: any) => w.tasks.map((t: any) => t.department.code)));
    expect(codes.length).toBe((await taskIdsOf('PDS-BGS', false)).length);
    expect(new Set(codes)).toEqual(new Set(['PDS-BGS']));

    // Through a task of one's own, back up to its work point and down to the siblings.
    const nested = await server.gql<any>(
      `{ tasks(first: 100) { nodes { workPoint { tasks { department { code } } plan { workPoints { tasks { department { code } } } } } } } }`,
      {},
      { token: tokens.bgsHead },
    );
    expect(nested.errors).toBeUndefined();
    expect(JSON.stringify(nested.data)).not.toMatch(/"code":"(?!PDS-BGS")/);
  });

  it('users lists only the accounts of the head’s departments; a liaison may not list users', async () => {
    const bgs = await server.gql<any>(`{ users { username department { code } } }`, {}, { token: tokens.bgsHead });
    expect(bgs.errors).toBeUndefined();
    const expected = await server.sql(
      `select u.username from app_user u join department d on d.id = u.department_id where d.path like (select path from department where code = 'PDS-BGS') || '%' order by 1`,
    );
    expect(bgs.data!.users.map((u: any) => u.username).sort()).toEqual(expected.map((r) => r.username).sort());
    expect(new Set(bgs.data!.users.map((u: any) => u.department.code))).toEqual(new Set(['PDS-BGS']));
    const zfzd = await server.gqlOk<any>(`{ users { username } }`, {}, { token: tokens.zfzdHead });
    expect(zfzd.users.map((u: any) => u.username).sort()).toEqual(['zfzd.head', 'zfzd1.liaison']);
    expectForbidden(await server.gql<any>(`{ users { username } }`, {}, { token: tokens.bgsLiaison }));
  });
});

describe('auditLog is scoped too', () => {
  it('a head sees only entries about departments in scope; a liaison is FORBIDDEN', async () => {
    // One change inside and one outside 局办公室.
    const own = await taskOf('PDS-BGS');
    const other = await taskOf('PDS-ZFZD-2');
    await server.gqlOk(UPDATE, { i: { id: own.id, version: own.version, progress: 21, note: '本单位' } }, { token: tokens.bgsLiaison });
    await server.gqlOk(UPDATE, { i: { id: other.id, version: other.version, progress: 22, note: '外单位' } });

    const res = await server.gql<any>(`{ auditLog(first: 100) { totalCount nodes { id targetType targetId operation } } }`, {}, { token: tokens.bgsHead });
    expect(res.errors).toBeUndefined();
    const [{ n }] = await server.sql(
      `select count(*)::int as n from audit_entry a join department d on d.id = a.department_id
        where d.path like (select path from department where code = 'PDS-BGS') || '%'`,
    );
    expect(res.data!.auditLog.totalCount).toBe(n);
    const ids = res.data!.auditLog.nodes.map((e: any) => Number(e.id));
    const rows = await server.sql(`select a.id, d.code from audit_entry a left join department d on d.id = a.department_id where a.id = any($1)`, [ids]);
    expect(rows).toHaveLength(ids.length);
    expect(new Set(rows.map((r) => r.code))).toEqual(new Set(['PDS-BGS']));
    expect(res.data!.auditLog.nodes.some((e: any) => e.targetType === 'Task' && e.targetId === own.id)).toBe(true);
    expect(res.data!.auditLog.nodes.some((e: any) => e.targetId === other.id && e.targetType === 'Task')).toBe(false);

    // zfzd.head sees the sub-unit's entry.
    const zfzd = await server.gqlOk<any>(
      `query($id: ID!) { auditLog(filter: { targetType: "Task", targetId: $id }) { totalCount } }`,
      { id: other.id },
      { token: tokens.zfzdHead },
    );
    expect(zfzd.auditLog.totalCount).toBe(1);
    const hidden = await server.gqlOk<any>(
      `query($id: ID!) { auditLog(filter: { targetType: "Task", targetId: $id }) { totalCount nodes { id } } }`,
      { id: other.id },
      { token: tokens.bgsHead },
    );
    expect(hidden.auditLog).toEqual({ totalCount: 0, nodes: [] });

    expectForbidden(
      await server.gql<any>(`query($d: ID!) { auditLog(filter: { departmentId: $d }) { totalCount } }`, { d: deptIds['PDS-ZFZD'] }, { token: tokens.bgsHead }),
    );
    expectForbidden(await server.gql<any>(`{ auditLog { totalCount } }`, {}, { token: tokens.bgsLiaison }));
    expectForbidden(await server.gql<any>(`{ auditLog { totalCount } }`, {}, { token: tokens.zfzd1Liaison }));
  });
});

describe('writers within scope', () => {
  it('a liaison updates a task of their own department', async () => {
    const own = await taskOf('PDS-BGS');
    const res = await server.gql<any>(UPDATE, { i: { id: own.id, version: own.version, progress: 33 } }, { token: tokens.bgsLiaison });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateTaskProgress).toEqual({ id: own.id, progress: 33, version: own.version + 1 });
    const [row] = await server.sql(`select progress, version from task where id = $1`, [own.id]);
    expect(row).toEqual({ progress: 33, version: own.version + 1 });
  });

  it('a department head updates a task of a sub-unit (zfzd.head on PDS-ZFZD-1)', async () => {
    const sub = await taskOf('PDS-ZFZD-1');
    const res = await server.gql<any>(UPDATE, { i: { id: sub.id, version: sub.version, progress: 44 } }, { token: tokens.zfzdHead });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateTaskProgress).toEqual({ id: sub.id, progress: 44, version: sub.version + 1 });
  });

  it('a sub-unit liaison may not update the parent unit’s task', async () => {
    const parent = await taskOf('PDS-ZFZD');
    const before = await snapshot();
    expectForbidden(await server.gql<any>(UPDATE, { i: { id: parent.id, version: parent.version, progress: 5 } }, { token: tokens.zfzd1Liaison }));
    expect(await snapshot()).toEqual(before);
  });
});

describe('admin-only operations', () => {
  it('are FORBIDDEN to a department head and write nothing', async () => {
    const [{ id: wpId }] = await server.sql(`select id from work_point order by id limit 1`);
    const [{ id: planId }] = await server.sql(`select p.id from plan p join department d on d.id = p.organization_id where d.code = 'PDS' limit 1`);
    const [{ id: headId, version: headVersion }] = await server.sql(`select id, version from app_user where username = 'bgs.head'`);
    const [{ version: deptVersion }] = await server.sql(`select version from department where code = 'PDS-BGS'`);
    const calls: [string, Record<string, unknown>][] = [
      [
        `mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }`,
        { i: { name: '越权科', code: 'NOPE-1', kind: 'OFFICE', parentId: deptIds.PDS } },
      ],
      [`mutation($i: UpdateDepartmentInput!) { updateDepartment(input: $i) { id } }`, { i: { id: deptIds['PDS-BGS'], version: deptVersion, name: '改名' } }],
      [`mutation($i: CreatePlanInput!) { createPlan(input: $i) { id } }`, { i: { organizationId: deptIds.PDS, year: 2026, title: '越权计划' } }],
      [
        `mutation($i: CreateWorkPointInput!) { createWorkPoint(input: $i) { id } }`,
        { i: { planId: String(planId), number: '九(九)', section: '测试', title: '越权', leadDepartmentIds: [deptIds['PDS-BGS']] } },
      ],
      [
        `mutation($i: ImportPlanInput!) { importPlan(input: $i) { id } }`,
        {
          i: {
            organizationId: deptIds.PDS,
            format: 'WORK_PLAN',
            text: '某局2026年度政务公开工作要点\n二、重点领域信息公开\n(一)测试条目\n1.政策依据:根据国办发〔2018〕45号。\n2.职责分工:公开目录。\n牵头科室:局办公室\n责任单位:机关各科室',
          },
        },
      ],
      [`mutation($id: ID!) { breakDownWorkPoint(id: $id) { createdCount } }`, { id: String(wpId) }],
      [
        `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`,
        { i: { username: 'sneaky.admin', displayName: '越权', password: 'Passw0rd!x', role: 'ADMIN' } },
      ],
      // Promoting oneself is the classic one.
      [`mutation($i: UpdateUserInput!) { updateUser(input: $i) { id } }`, { i: { id: String(headId), version: headVersion, role: 'ADMIN' } }],
      [`mutation($l: String!) { createScreenToken(label: $l) { token } }`, { l: '越权大屏' }],
      [`mutation { revokeScreenToken(id: "1") { id } }`, {}],
    ];
    const before = await snapshot();
    for (const token of [tokens.bgsHead, tokens.zfzd1Liaison]) {
      for (const [query, variables] of calls) {
        const res = await server.gql<any>(query, variables, { token });
        expectForbidden(res, query);
        expect(res.errors![0]!.extensions).toMatchObject({ reason: 'ROLE_FORBIDDEN' });
      }
    }
    expect(await snapshot()).toEqual(before);
    const [{ role }] = await server.sql(`select role from app_user where id = $1`, [headId]);
    expect(role).toBe('DEPARTMENT_HEAD');
    const [{ revoked_at }] = await server.sql(`select revoked_at from screen_token where id = 1`);
    expect(revoked_at).toBeNull();
    expectForbidden(await server.gql<any>(`{ screenTokens { id } }`, {}, { token: tokens.bgsHead }));
  });

  it('anonymous callers get UNAUTHENTICATED for every non-public operation', async () => {
    for (const q of [
      `{ tasks { totalCount } }`,
      `{ me { name } }`,
      `{ plans { id } }`,
      `{ departments { id } }`,
      `mutation { createPlan(input: { organizationId: "1", year: 2026, title: "x" }) { id } }`,
    ]) {
      const res = await server.gql<any>(q, {}, { token: null });
      expect(res.errors?.[0]?.extensions?.code, q).toBe('UNAUTHENTICATED');
      expect(res.data ?? null).toBeNull();
    }
  });
});
