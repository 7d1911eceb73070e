import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let orgId: string;
let deptIds: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer();
  const { departments } = await server.gqlOk<any>(`{ departments { id name code kind } }`);
  deptIds = Object.fromEntries(departments.map((d: any) => [d.code, d.id]));
  orgId = deptIds.PDS!;
});
afterAll(() => server?.close());

const TASK_FIELDS = `id version status progress notApplicableReason dueDate role checklist { text done } department { name } updates { note evidenceUrls progress status }`;

async function newPlanWithPoint(extra: Record<string, unknown> = {}) {
  const { createPlan } = await server.gqlOk<any>(`mutation($i: CreatePlanInput!) { createPlan(input: $i) { id } }`, {
    i: { organizationId: orgId, year: 2026, title: `测试计划 ${Math.random()}` },
  });
  const { createWorkPoint } = await server.gqlOk<any>(
    `mutation($i: CreateWorkPointInput!) { createWorkPoint(input: $i) { id dutyItems citedDocuments dueDate timeLimit } }`,
    {
      i: {
        planId: createPlan.id,
        number: '一(一)',
        section: '决策公开',
        title: '政策解读',
        policyBasis: '根据《国务院办公厅关于印发政府网站发展指引的通知》（国办发〔2017〕47号）',
        duties: '⑴在门户网站设置政策解读专栏；⑵丰富解读形式；⑶每年4月1日前发布上年度报告',
        leadDepartmentIds: [deptIds['PDS-BGS']],
        responsibleDepartmentIds: [deptIds['PDS-ZCFG']],
        responsibleScopes: ['SUBORDINATE_UNITS'],
        ...extra,
      },
    },
  );
  return { planId: createPlan.id as string, point: createWorkPoint };
}

describe('createWorkPoint', () => {
  it('extracts cited documents, ⑴⑵⑶ items and the time limit, and dates the point', async () => {
    const { point } = await newPlanWithPoint();
    expect(point.citedDocuments).toEqual(['国办发〔2017〕47号']);
    expect(point.dutyItems).toEqual(['在门户网站设置政策解读专栏', '丰富解读形式', '每年4月1日前发布上年度报告']);
    expect(point.timeLimit).toContain('每年4月1日前');
    expect(point.dueDate).toBe('2026-04-01');
  });
});

describe('breakDownWorkPoint', () => {
  it('creates one task per lead and responsible unit, scopes expanded, and nothing more on a second run', async () => {
    const { point } = await newPlanWithPoint();
    const first = await server.gqlOk<any>(
      `mutation($id: ID!) { breakDownWorkPoint(id: $id) { createdCount existingCount created { role department { code kind } checklist { text done } dueDate } } }`,
      { id: point.id },
    );
    const created = first.breakDownWorkPoint.created;
    const { departments } = await server.gqlOk<any>(`query($w: ID!) { departments(filter: { withinId: $w, kind: SUBORDINATE_UNIT }) { code } }`, { w: orgId });
    const expected = ['PDS-BGS', 'PDS-ZCFG', ...departments.map((d: any) => d.code)].sort();
    expect(created.map((t: any) => t.department.code).sort()).toEqual(expected);
    expect(first.breakDownWorkPoint.createdCount).toBe(expected.length);
    expect(created.filter((t: any) => t.role === 'LEAD').map((t: any) => t.department.code)).toEqual(['PDS-BGS']);
    expect(created[0].checklist).toEqual([
      { text: '在门户网站设置政策解读专栏', done: false },
      { text: '丰富解读形式', done: false },
      { text: '每年4月1日前发布上年度报告', done: false },
    ]);
    expect(created.every((t: any) => t.dueDate === '2026-04-01')).toBe(true);

    const again = await server.gqlOk<any>(`mutation($id: ID!) { breakDownWorkPoint(id: $id) { createdCount existingCount } }`, { id: point.id });
    expect(again.breakDownWorkPoint).toEqual({ createdCount: 0, existingCount: expected.length });
    const [{ n }] = await server.sql(`select count(*)::int as n from task where work_point_id = $1`, [point.id]);
    expect(n).toBe(expected.length);
  });

  it('is safe when two breakdowns of one point run at the same time', async () => {
    const { point } = await newPlanWithPoint();
    const q = `mutation($id: ID!) { breakDownWorkPoint(id: $id) { createdCount } }`;
    const results = await Promise.all([server.gqlOk<any>(q, { id: point.id }), server.gqlOk<any>(q, { id: point.id })]);
    const counts = results.map((r) => r.breakDownWorkPoint.createdCount).sort((a, b) => a - b);
    expect(counts[0]).toBe(0);
    const [{ n }] = await server.sql(`select count(*)::int as n from task where work_point_id = $1`, [point.id]);
    expect(n).toBe(counts[1]);
  });
});

describe('updateTaskProgress', () => {
  async function freshTask() {
    const { point } = await newPlanWithPoint();
    const r = await server.gqlOk<any>(`mutation($id: ID!) { breakDownWorkPoint(id: $id) { created { ${TASK_FIELDS} } } }`, { id: point.id });
    return r.breakDownWorkPoint.created[0];
  }
  const UPDATE = `mutation($i: UpdateTaskProgressInput!) { updateTaskProgress(input: $i) { ${TASK_FIELDS} } }`;

  it('records progress with evidence, bumps the version and keeps a history', async () => {
    const task = await freshTask();
    const { updateTaskProgress: t } = await server.gqlOk<any>(UPDATE, {
      i: {
        id: task.id,
        version: task.version,
        progress: 40,
        note: '已设置专栏',
        evidenceUrls: ['https://www.example.gov.cn/zcjd/1.html'],
        checklist: [true, false, false],
      },
    });
    expect(t).toMatchObject({ progress: 40, status: 'IN_PROGRESS', version: task.version + 1 });
    expect(t.checklist.map((c: any) => c.done)).toEqual([true, false, false]);
    expect(t.updates[0]).toMatchObject({ note: '已设置专栏', evidenceUrls: ['https://www.example.gov.cn/zcjd/1.html'], progress: 40 });

    const done = await server.gqlOk<any>(UPDATE, { i: { id: task.id, version: t.version, status: 'DONE' } });
    expect(done.updateTaskProgress).toMatchObject({ status: 'DONE', progress: 100, version: task.version + 2 });
    expect(done.updateTaskProgress.updates).toHaveLength(2);
  });

  it('refuses a stale version with STALE_VERSION and writes nothing', async () => {
    const task = await freshTask();
    await server.gqlOk(UPDATE, { i: { id: task.id, version: task.version, progress: 10 } });
    const stale = await server.gql(UPDATE, { i: { id: task.id, version: task.version, progress: 90 } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'STALE_VERSION', currentVersion: task.version + 1 });
    expect(stale.errors?.[0]?.message).toMatch(/已被他人修改/);
    const [row] = await server.sql(`select progress, version from task where id = $1`, [task.id]);
    expect(row).toEqual({ progress: 10, version: task.version + 1 });
    const [{ n }] = await server.sql(`select count(*)::int as n from task_update where task_id = $1`, [task.id]);
    expect(n).toBe(1);
  });

  it('lets only one of two concurrent updates with the same version win', async () => {
    const task = await freshTask();
    const [a, b] = await Promise.all([
      server.gql(UPDATE, { i: { id: task.id, version: task.version, progress: 30 } }),
      server.gql(UPDATE, { i: { id: task.id, version: task.version, progress: 60 } }),
    ]);
    const failures = [a, b].filter((r) => r.errors?.length);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.errors![0]!.extensions!.code).toBe('STALE_VERSION');
  });

  it('needs a reason for 不适用 and stores it', async () => {
    const task = await freshTask();
    const missing = await server.gql(UPDATE, { i: { id: task.id, version: task.version, status: 'NOT_APPLICABLE' } });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_APPLICABLE_REASON_REQUIRED' });
    const blank = await server.gql(UPDATE, { i: { id: task.id, version: task.version, status: 'NOT_APPLICABLE', notApplicableReason: '   ' } });
    expect(blank.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const ok = await server.gqlOk<any>(UPDATE, {
      i: { id: task.id, version: task.version, status: 'NOT_APPLICABLE', notApplicableReason: '不在我单位职能范围内' },
    });
    expect(ok.updateTaskProgress).toMatchObject({ status: 'NOT_APPLICABLE', notApplicableReason: '不在我单位职能范围内' });
  });

  it('refuses progress outside 0–100, a bad evidence link and a wrong checklist length, writing nothing', async () => {
    const task = await freshTask();
    for (const [input, field] of [
      [{ progress: 101 }, 'progress'],
      [{ progress: -1 }, 'progress'],
      [{ evidenceUrls: ['javascript:alert(1)'] }, 'evidenceUrls'],
      [{ checklist: [true] }, 'checklist'],
    ] as const) {
      const r = await server.gql(UPDATE, { i: { id: task.id, version: task.version, ...input } });
      expect(r.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(r.errors?.[0]?.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const [row] = await server.sql(`select progress, version from task where id = $1`, [task.id]);
    expect(row).toEqual({ progress: 0, version: task.version });
  });
});

describe('tasks connection', () => {
  it('filters by department (with sub-departments), status, work point and due range', async () => {
    const all = await server.gqlOk<any>(`{ tasks(first: 100) { totalCount } }`);
    const [{ n }] = await server.sql(`select count(*)::int as n from task`);
    expect(all.tasks.totalCount).toBe(n);

    const zd = deptIds['PDS-ZFZD'];
    const own = await server.gqlOk<any>(`query($d: ID!) { tasks(filter: { departmentId: $d }) { totalCount } }`, { d: zd });
    const tree = await server.gqlOk<any>(`query($d: ID!) { tasks(filter: { departmentId: $d, includeSubDepartments: true }) { totalCount } }`, { d: zd });
    const [{ own: sqlOwn, tree: sqlTree }] = await server.sql(
      `select count(*) filter (where d.id = $1)::int as own, count(*)::int as tree from task t join department d on d.id = t.department_id
       where d.path like (select path from department where id = $1) || '%'`,
      [zd],
    );
    expect(own.tasks.totalCount).toBe(sqlOwn);
    expect(tree.tasks.totalCount).toBe(sqlTree);
    expect(sqlTree).toBeGreaterThan(sqlOwn);

    const done = await server.gqlOk<any>(`{ tasks(filter: { status: [DONE, NOT_APPLICABLE] }, first: 100) { totalCount nodes { status } } }`);
    const [{ d }] = await server.sql(`select count(*)::int as d from task where status in ('DONE','NOT_APPLICABLE')`);
    expect(done.tasks.totalCount).toBe(d);
    expect(new Set(done.tasks.nodes.map((t: any) => t.status))).toEqual(new Set(['DONE', 'NOT_APPLICABLE']));

    // The demo plan is re-dated into the current year: its 每年4月1日前 point is due on 1 April of that year.
    const { plans } = await server.gqlOk<any>(`{ plans { year sourceYear } }`);
    const april = `${plans.find((p: any) => p.sourceYear === 2021).year}-04-01`;
    const due = await server.gqlOk<any>(`{ tasks(filter: { dueFrom: "${april}", dueTo: "${april}" }, first: 100) { totalCount nodes { dueDate } } }`);
    const [{ c }] = await server.sql(`select count(*)::int as c from task where due_date = $1`, [april]);
    expect(due.tasks.totalCount).toBe(c);
    expect(c).toBeGreaterThan(0);
    const reversed = await server.gql(`{ tasks(filter: { dueFrom: "${april.slice(0, 4)}-05-01", dueTo: "${april}" }) { totalCount } }`);
    expect(reversed.errors?.[0]?.extensions?.reason).toBe('INVALID_DUE_RANGE');
  });
});
