import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/** Creating, editing, retiring and restoring plans and work points, and the breakdown after an edit. */
let server: TestServer;
let orgId: string;
let dept: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer();
  const { departments } = await server.gqlOk<any>(`{ departments { id code } }`);
  dept = Object.fromEntries(departments.map((d: any) => [d.code, d.id]));
  orgId = dept.PDS!;
});
afterAll(() => server?.close());

const POINT_FIELDS = `id version number section title policyBasis citedDocuments duties dutyItems timeLimit dueDate responsibleScopes retiredAt retiredReason
  leadDepartments { id code } responsibleDepartments { id code }`;
const TASK_FIELDS = `id version role status progress dueDate retiredAt retiredReason checklist { text done } department { code } updates { note progress }`;

async function newPlan(extra: Record<string, unknown> = {}) {
  const { createPlan } = await server.gqlOk<any>(
    `mutation($i: CreatePlanInput!) { createPlan(input: $i) { id version year title issuer basisDocuments source retiredAt } }`,
    {
      i: { organizationId: orgId, year: 2026, title: `编辑测试计划 ${Math.random().toString(36).slice(2)}`, ...extra },
    },
  );
  return createPlan;
}

async function newPoint(planId: string, extra: Record<string, unknown> = {}) {
  const { createWorkPoint } = await server.gqlOk<any>(`mutation($i: CreateWorkPointInput!) { createWorkPoint(input: $i) { ${POINT_FIELDS} } }`, {
    i: {
      planId,
      number: '一(一)',
      section: '决策公开',
      title: '重大决策预公开',
      policyBasis: '《重大行政决策程序暂行条例》（国务院令第713号）',
      duties: '⑴公开决策草案；⑵公开征求意见采纳情况',
      leadDepartmentIds: [dept['PDS-BGS']],
      responsibleDepartmentIds: [dept['PDS-ZCFG']],
      dueDate: '2026-12-31',
      ...extra,
    },
  });
  return createWorkPoint;
}

async function breakDown(id: string) {
  const { breakDownWorkPoint } = await server.gqlOk<any>(
    `mutation($id: ID!) { breakDownWorkPoint(id: $id) { createdCount existingCount created { ${TASK_FIELDS} } roleChanged { ${TASK_FIELDS} } unassigned { ${TASK_FIELDS} } restored { ${TASK_FIELDS} } } }`,
    { id },
  );
  return breakDownWorkPoint;
}

async function tasksOf(pointId: string, includeRetired = true) {
  const { workPoint } = await server.gqlOk<any>(`query($id: ID!, $r: Boolean!) { workPoint(id: $id) { tasks(includeRetired: $r) { ${TASK_FIELDS} } } }`, {
    id: pointId,
    r: includeRetired,
  });
  return workPoint.tasks as any[];
}

const UPDATE_POINT = `mutation($i: UpdateWorkPointInput!) { updateWorkPoint(input: $i) { ${POINT_FIELDS} } }`;
const UPDATE_PLAN = `mutation($i: UpdatePlanInput!) { updatePlan(input: $i) { id version year title issuer basisDocuments source } }`;
const UPDATE_TASK = `mutation($i: UpdateTaskProgressInput!) { updateTaskProgress(input: $i) { ${TASK_FIELDS} } }`;

/** Everything a refused mutation must leave as it was. */
async function snapshot(): Promise<string> {
  const tables = ['plan', 'work_point', 'work_point_lead', 'work_point_responsible', 'task', 'task_update', 'deadline', 'audit_entry'];
  const rows = await server.sql(
    tables.map((t) => `select '${t}' as t, count(*)::int as n, coalesce(sum(hashtext(${t}::text)), 0)::bigint as h from ${t}`).join(' union all '),
  );
  return JSON.stringify(rows);
}

function errorOf(body: { errors?: { extensions?: Record<string, any> }[] }) {
  expect(body.errors, 'expected an error').toBeDefined();
  return body.errors![0]!.extensions!;
}

describe('plans: create, edit, retire, restore', () => {
  it('creates a plan with its source and edits every heading field with optimistic locking and an audit entry', async () => {
    const plan = await newPlan({ issuer: '市城管局', basisDocuments: ['国办发〔2016〕80号'], source: 'https://example.gov.cn/2026.html' });
    expect(plan).toMatchObject({
      version: 1,
      issuer: '市城管局',
      basisDocuments: ['国办发〔2016〕80号'],
      source: 'https://example.gov.cn/2026.html',
      retiredAt: null,
    });

    const { updatePlan } = await server.gqlOk<any>(UPDATE_PLAN, {
      i: {
        id: plan.id,
        version: 1,
        year: 2027,
        title: '  2027年度政务公开工作要点  ',
        issuer: '市城市管理局办公室',
        basisDocuments: ['国办发〔2016〕80号', '国办发〔2019〕14号'],
        source: '',
      },
    });
    expect(updatePlan).toMatchObject({
      version: 2,
      year: 2027,
      title: '2027年度政务公开工作要点',
      issuer: '市城市管理局办公室',
      basisDocuments: ['国办发〔2016〕80号', '国办发〔2019〕14号'],
      source: null,
    });

    const { auditLog } = await server.gqlOk<any>(
      `query($id: ID!) { auditLog(filter: { operation: "updatePlan", targetId: $id }, first: 5) { nodes { targetType action changes } } }`,
      { id: plan.id },
    );
    expect(auditLog.nodes).toHaveLength(1);
    expect(auditLog.nodes[0]).toMatchObject({ targetType: 'Plan', action: 'update' });
    expect(auditLog.nodes[0].changes.year).toEqual({ before: 2026, after: 2027 });
  });

  it('refuses a stale version with STALE_VERSION and the current version, writing nothing', async () => {
    const plan = await newPlan();
    await server.gqlOk(UPDATE_PLAN, { i: { id: plan.id, version: 1, title: '第一次修改' } });
    const before = await snapshot();
    const body = await server.gql(UPDATE_PLAN, { i: { id: plan.id, version: 1, title: '迟到的修改' } });
    expect(errorOf(body)).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
    expect(await snapshot()).toBe(before);
    const { plan: now } = await server.gqlOk<any>(`query($id: ID!) { plan(id: $id) { title version } }`, { id: plan.id });
    expect(now).toEqual({ title: '第一次修改', version: 2 });
  });

  it('refuses bad input with a code and field, writing nothing', async () => {
    const plan = await newPlan();
    const point = await newPoint(plan.id);
    const cases: [string, string, Record<string, unknown>, Record<string, unknown>][] = [
      ['an empty title', UPDATE_PLAN, { i: { id: plan.id, version: 1, title: '' } }, { code: 'BAD_USER_INPUT', field: 'title' }],
      [
        'a title of spaces (blank after trimming is missing)',
        UPDATE_PLAN,
        { i: { id: plan.id, version: 1, title: ' \u3000 ' } },
        { code: 'BAD_USER_INPUT', field: 'title' },
      ],
      [
        'a year after next year (the date domain)',
        UPDATE_PLAN,
        { i: { id: plan.id, version: 1, year: new Date().getFullYear() + 2 } },
        { code: 'BAD_USER_INPUT', field: 'year' },
      ],
      [
        'a basis document of spaces',
        UPDATE_PLAN,
        { i: { id: plan.id, version: 1, basisDocuments: ['   '] } },
        { code: 'BAD_USER_INPUT', field: 'basisDocuments' },
      ],
      [
        'retiring with a reason of spaces',
        `mutation($i: RetireInput!) { retirePlan(input: $i) { id } }`,
        { i: { id: plan.id, version: 1, reason: '  \n ' } },
        { code: 'BAD_USER_INPUT', field: 'reason' },
      ],
      ['a point section of spaces', UPDATE_POINT, { i: { id: point.id, version: 1, section: '   ' } }, { code: 'BAD_USER_INPUT', field: 'section' }],
      ['a year out of range', UPDATE_PLAN, { i: { id: plan.id, version: 1, year: 1999 } }, { code: 'BAD_USER_INPUT', field: 'year' }],
      ['an empty basis document', UPDATE_PLAN, { i: { id: plan.id, version: 1, basisDocuments: [''] } }, { code: 'BAD_USER_INPUT', field: 'basisDocuments' }],
      ['an unknown plan', UPDATE_PLAN, { i: { id: '999999', version: 1, title: 'x' } }, { code: 'NOT_FOUND', reason: 'PLAN_NOT_FOUND' }],
      [
        'retiring without a reason',
        `mutation($i: RetireInput!) { retirePlan(input: $i) { id } }`,
        { i: { id: plan.id, version: 1, reason: '' } },
        { code: 'BAD_USER_INPUT', field: 'reason' },
      ],
      [
        'restoring a plan in force',
        `mutation($i: RestoreInput!) { restorePlan(input: $i) { id } }`,
        { i: { id: plan.id, version: 1 } },
        { code: 'CONFLICT', reason: 'NOT_RETIRED' },
      ],
      ['a point without a lead', UPDATE_POINT, { i: { id: point.id, version: 1, leadDepartmentIds: [] } }, { code: 'BAD_USER_INPUT', reason: 'LEAD_REQUIRED' }],
      [
        'a lead of another organisation',
        UPDATE_POINT,
        { i: { id: point.id, version: 1, leadDepartmentIds: [dept['WX-BGS'] ?? dept.WX] } },
        { code: 'BAD_USER_INPUT', reason: 'DEPARTMENT_OUTSIDE_ORGANIZATION' },
      ],
      [
        'an unknown responsible unit',
        UPDATE_POINT,
        { i: { id: point.id, version: 1, responsibleDepartmentIds: ['999999'] } },
        { code: 'NOT_FOUND', reason: 'DEPARTMENT_NOT_FOUND' },
      ],
      ['an empty point title', UPDATE_POINT, { i: { id: point.id, version: 1, title: '' } }, { code: 'BAD_USER_INPUT', field: 'title' }],
      ['a malformed due date', UPDATE_POINT, { i: { id: point.id, version: 1, dueDate: '2026-02-30' } }, { code: 'BAD_USER_INPUT' }],
      ['a stale point version', UPDATE_POINT, { i: { id: point.id, version: 7, title: '新标题' } }, { code: 'STALE_VERSION', currentVersion: 1 }],
    ];
    for (const [name, doc, variables, expected] of cases) {
      const before = await snapshot();
      const body = await server.gql(doc, variables);
      expect(errorOf(body), name).toMatchObject(expected);
      expect(await snapshot(), name).toBe(before);
    }
  });

  it('refuses a number already used in the plan (WORK_POINT_NUMBER_TAKEN), writing nothing', async () => {
    const plan = await newPlan();
    await newPoint(plan.id);
    const second = await newPoint(plan.id, { number: '一(二)' });
    const before = await snapshot();
    const body = await server.gql(UPDATE_POINT, { i: { id: second.id, version: 1, number: '一(一)' } });
    expect(errorOf(body)).toMatchObject({ code: 'CONFLICT', reason: 'WORK_POINT_NUMBER_TAKEN', field: 'number' });
    expect(await snapshot()).toBe(before);
  });

  it('retires a plan: out of the default lists and the task list, kept with its tasks; restored, it is back', async () => {
    const plan = await newPlan();
    const point = await newPoint(plan.id);
    const { created } = await breakDown(point.id);
    expect(created).toHaveLength(2);

    const { retirePlan } = await server.gqlOk<any>(`mutation($i: RetireInput!) { retirePlan(input: $i) { id version retiredAt retiredReason } }`, {
      i: { id: plan.id, version: 1, reason: '文件已废止' },
    });
    expect(retirePlan).toMatchObject({ version: 2, retiredReason: '文件已废止' });
    expect(retirePlan.retiredAt).toBeTruthy();

    const lists = await server.gqlOk<any>(
      `query($p: ID!) { plans { id } all: plans(filter: { includeRetired: true }) { id } planPage(first: 100) { nodes { id } } workPoints(filter: { planId: $p }) { totalCount } allPoints: workPoints(filter: { planId: $p, includeRetired: true }) { totalCount }
        tasks(filter: { planId: $p }) { totalCount } allTasks: tasks(filter: { planId: $p, includeRetired: true }) { totalCount } }`,
      { p: plan.id },
    );
    expect(lists.plans.map((p: any) => p.id)).not.toContain(plan.id);
    expect(lists.all.map((p: any) => p.id)).toContain(plan.id);
    expect(lists.planPage.nodes.map((p: any) => p.id)).not.toContain(plan.id);
    expect(lists.workPoints.totalCount).toBe(0);
    expect(lists.allPoints.totalCount).toBe(1);
    expect(lists.tasks.totalCount).toBe(0);
    expect(lists.allTasks.totalCount).toBe(2);
    // Its tasks' deadlines are closed (out of the overdue lists), not deleted.
    const closed = await server.sql(
      `select d.state, d.completed_on from deadline d join task t on t.id = d.subject_id and d.kind = 'TASK' where t.work_point_id = $1`,
      [point.id],
    );
    expect(closed).toHaveLength(2);
    expect(closed.every((d) => d.state === 'DONE' && d.completed_on)).toBe(true);
    // Nothing to edit in a retired plan until it is restored.
    expect(errorOf(await server.gql(UPDATE_PLAN, { i: { id: plan.id, version: 2, title: 'x' } }))).toMatchObject({ code: 'CONFLICT', reason: 'PLAN_RETIRED' });
    expect(errorOf(await server.gql(UPDATE_POINT, { i: { id: point.id, version: 1, title: 'x' } }))).toMatchObject({
      code: 'CONFLICT',
      reason: 'PLAN_RETIRED',
    });

    const { restorePlan } = await server.gqlOk<any>(`mutation($i: RestoreInput!) { restorePlan(input: $i) { version retiredAt retiredReason } }`, {
      i: { id: plan.id, version: 2 },
    });
    expect(restorePlan).toEqual({ version: 3, retiredAt: null, retiredReason: null });
    const back = await server.gqlOk<any>(`query($p: ID!) { tasks(filter: { planId: $p }) { totalCount } }`, { p: plan.id });
    expect(back.tasks.totalCount).toBe(2);
    const reopened = await server.sql(
      `select d.state, d.completed_on from deadline d join task t on t.id = d.subject_id and d.kind = 'TASK' where t.work_point_id = $1`,
      [point.id],
    );
    expect(reopened.every((d) => d.state !== 'DONE' && d.completed_on === null)).toBe(true);
  });

  it('pages plans with cursors', async () => {
    for (let i = 0; i < 3; i++) await newPlan();
    const q = `query($after: String) { planPage(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    let total: number;
    for (;;) {
      const { planPage }: { planPage: any } = await server.gqlOk<any>(q, { after });
      total = planPage.totalCount;
      seen.push(...planPage.nodes.map((n: any) => n.id));
      if (!planPage.pageInfo.hasNextPage) break;
      after = planPage.pageInfo.endCursor;
    }
    expect(total).toBeGreaterThanOrEqual(5);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });
});

describe('work points: edit, breakdown after an edit, retire, restore', () => {
  it('edits a point: text, basis, cited documents, ⑴⑵⑶ items; open tasks follow the due date and checklist, closed tasks keep theirs', async () => {
    const plan = await newPlan();
    const point = await newPoint(plan.id, { responsibleDepartmentIds: [dept['PDS-ZCFG'], dept['PDS-XZSP']] });
    const { created } = await breakDown(point.id);
    const byCode = Object.fromEntries(created.map((t: any) => [t.department.code, t]));
    // 局办公室 ticks ⑴ and reports; 行政审批科 finishes.
    await server.gqlOk(UPDATE_TASK, {
      i: { id: byCode['PDS-BGS'].id, version: byCode['PDS-BGS'].version, progress: 40, checklist: [true, false], note: '草案已公开' },
    });
    await server.gqlOk(UPDATE_TASK, { i: { id: byCode['PDS-XZSP'].id, version: byCode['PDS-XZSP'].version, status: 'DONE', note: '已完成' } });

    const { updateWorkPoint: p } = await server.gqlOk<any>(UPDATE_POINT, {
      i: {
        id: point.id,
        version: 1,
        number: '一(三)',
        section: '执行和结果公开',
        title: '重大决策预公开（修订）',
        policyBasis: '《重大行政决策程序暂行条例》（国务院令第713号）；国办发〔2019〕14号',
        duties: '⑴公开决策草案；⑵公开征求意见采纳情况；⑶公开决策执行结果',
        timeLimit: '9月底前',
        dueDate: '2026-09-30',
      },
    });
    expect(p).toMatchObject({
      version: 2,
      number: '一(三)',
      section: '执行和结果公开',
      title: '重大决策预公开（修订）',
      citedDocuments: ['国务院令第713号', '国办发〔2019〕14号'],
      dutyItems: ['公开决策草案', '公开征求意见采纳情况', '公开决策执行结果'],
      timeLimit: '9月底前',
      dueDate: '2026-09-30',
    });
    const tasks = Object.fromEntries((await tasksOf(point.id)).map((t: any) => [t.department.code, t]));
    expect(tasks['PDS-BGS']).toMatchObject({ dueDate: '2026-09-30', progress: 40 });
    expect(tasks['PDS-BGS'].checklist).toEqual([
      { text: '公开决策草案', done: true },
      { text: '公开征求意见采纳情况', done: false },
      { text: '公开决策执行结果', done: false },
    ]);
    expect(tasks['PDS-ZCFG'].dueDate).toBe('2026-09-30');
    expect(tasks['PDS-XZSP']).toMatchObject({ status: 'DONE', dueDate: '2026-12-31' });
    expect(tasks['PDS-XZSP'].checklist).toHaveLength(2);
    // The open tasks' deadlines moved and carry the new heading.
    const deadlines = await server.sql(
      `select t.department_id::text as d, dl.due_date::text as due, dl.title from deadline dl join task t on t.id = dl.subject_id and dl.kind = 'TASK' where t.work_point_id = $1`,
      [point.id],
    );
    const dl = Object.fromEntries(deadlines.map((r) => [r.d, r]));
    expect(dl[dept['PDS-BGS']!]).toMatchObject({ due: '2026-09-30', title: '一(三) 重大决策预公开（修订）' });
    expect(dl[dept['PDS-XZSP']!].due).toBe('2026-12-31');

    const { auditLog } = await server.gqlOk<any>(`{ auditLog(filter: { operation: "updateWorkPoint" }, first: 50) { nodes { targetType targetId changes } } }`);
    const own = auditLog.nodes.find((n: any) => n.targetType === 'WorkPoint' && n.targetId === point.id);
    expect(own.changes.title).toEqual({ before: '重大决策预公开', after: '重大决策预公开（修订）' });
    expect(auditLog.nodes.some((n: any) => n.targetType === 'Task' && n.changes.dueDate)).toBe(true);
  });

  it('breakdown after an edit adds the new units’ tasks, updates roles and keeps the progress of removed units (never deletes)', async () => {
    const plan = await newPlan();
    const point = await newPoint(plan.id);
    const first = await breakDown(point.id);
    const zcfg = first.created.find((t: any) => t.department.code === 'PDS-ZCFG');
    await server.gqlOk(UPDATE_TASK, { i: { id: zcfg.id, version: zcfg.version, progress: 60, note: '已完成草案起草' } });

    // 政策法规科 leaves, 行政审批科 joins, 政策法规科's colleague 局办公室 stays lead, 人事科 becomes a co-lead, 局属各单位 are added by scope.
    const { updateWorkPoint } = await server.gqlOk<any>(UPDATE_POINT, {
      i: {
        id: point.id,
        version: 1,
        leadDepartmentIds: [dept['PDS-BGS'], dept['PDS-RS']],
        responsibleDepartmentIds: [dept['PDS-XZSP']],
        responsibleScopes: ['SUBORDINATE_UNITS'],
      },
    });
    expect(updateWorkPoint.leadDepartments.map((d: any) => d.code).sort()).toEqual(['PDS-BGS', 'PDS-RS']);
    expect(updateWorkPoint.responsibleScopes).toEqual(['SUBORDINATE_UNITS']);
    const { auditLog } = await server.gqlOk<any>(
      `{ auditLog(filter: { operation: "updateWorkPoint", targetType: "WorkPoint" }, first: 100) { nodes { targetId changes } } }`,
    );
    const entry = auditLog.nodes.find((n: any) => n.targetId === point.id);
    expect(entry, 'the unit change is in the audit trail').toBeDefined();
    expect(JSON.stringify(entry.changes)).toContain('SUBORDINATE_UNITS');

    const second = await breakDown(point.id);
    const { departments } = await server.gqlOk<any>(`query($w: ID!) { departments(filter: { withinId: $w, kind: SUBORDINATE_UNIT }) { code } }`, { w: orgId });
    expect(second.created.map((t: any) => t.department.code).sort()).toEqual(['PDS-RS', 'PDS-XZSP', ...departments.map((d: any) => d.code)].sort());
    expect(second.created.find((t: any) => t.department.code === 'PDS-RS').role).toBe('LEAD');
    expect(second.unassigned.map((t: any) => t.department.code)).toEqual(['PDS-ZCFG']);
    expect(second.unassigned[0]).toMatchObject({ progress: 60, retiredReason: expect.stringContaining('不在') });
    expect(second.unassigned[0].retiredAt).toBeTruthy();
    expect(second.unassigned[0].updates[0]).toMatchObject({ note: '已完成草案起草', progress: 60 });
    expect(second.existingCount).toBe(2);

    // Still in the database with its update; out of the default lists; no more progress on it.
    const [{ n }] = await server.sql(`select count(*)::int as n from task_update where task_id = $1`, [zcfg.id]);
    expect(n).toBe(1);
    const lists = await server.gqlOk<any>(
      `query($w: ID!) { tasks(filter: { workPointId: $w }, first: 100) { nodes { id } } all: tasks(filter: { workPointId: $w, includeRetired: true }, first: 100) { nodes { id } } }`,
      { w: point.id },
    );
    expect(lists.tasks.nodes.map((t: any) => t.id)).not.toContain(zcfg.id);
    expect(lists.all.nodes.map((t: any) => t.id)).toContain(zcfg.id);
    expect((await tasksOf(point.id, false)).map((t) => t.id)).not.toContain(zcfg.id);
    const refused = await server.gql(UPDATE_TASK, { i: { id: zcfg.id, version: second.unassigned[0].version, progress: 70 } });
    expect(errorOf(refused)).toMatchObject({ code: 'CONFLICT', reason: 'TASK_RETIRED' });
    const [deadline] = await server.sql(`select state from deadline where kind = 'TASK' and subject_id = $1`, [zcfg.id]);
    expect(deadline.state).toBe('DONE');

    // A third run changes nothing.
    const third = await breakDown(point.id);
    expect([third.createdCount, third.unassigned.length, third.roleChanged.length, third.restored.length]).toEqual([0, 0, 0, 0]);

    // 政策法规科 back, as lead this time; 局办公室 demoted to cooperating (a named responsible unit).
    await server.gqlOk(UPDATE_POINT, {
      i: { id: point.id, version: 2, leadDepartmentIds: [dept['PDS-ZCFG'], dept['PDS-RS']], responsibleDepartmentIds: [dept['PDS-XZSP'], dept['PDS-BGS']] },
    });
    const fourth = await breakDown(point.id);
    expect(fourth.createdCount).toBe(0);
    expect(fourth.restored.map((t: any) => t.department.code)).toEqual(['PDS-ZCFG']);
    expect(fourth.restored[0]).toMatchObject({ progress: 60, retiredAt: null, role: 'LEAD' });
    expect(fourth.roleChanged.map((t: any) => [t.department.code, t.role]).sort()).toEqual([
      ['PDS-BGS', 'COOPERATING'],
      ['PDS-ZCFG', 'LEAD'],
    ]);
    const [reopened] = await server.sql(`select state from deadline where kind = 'TASK' and subject_id = $1`, [zcfg.id]);
    expect(reopened.state).not.toBe('DONE');
  });

  it('retires a point with its tasks out of the lists; breakdown and edits wait for the restore', async () => {
    const plan = await newPlan();
    const point = await newPoint(plan.id);
    await breakDown(point.id);
    const { retireWorkPoint } = await server.gqlOk<any>(`mutation($i: RetireInput!) { retireWorkPoint(input: $i) { version retiredAt retiredReason } }`, {
      i: { id: point.id, version: 1, reason: '并入一(二)' },
    });
    expect(retireWorkPoint).toMatchObject({ version: 2, retiredReason: '并入一(二)' });

    const lists = await server.gqlOk<any>(
      `query($p: ID!) { plan(id: $p) { workPoints { id } all: workPoints(includeRetired: true) { id } } tasks(filter: { planId: $p }) { totalCount } }`,
      { p: plan.id },
    );
    expect(lists.plan.workPoints).toEqual([]);
    expect(lists.plan.all.map((w: any) => w.id)).toEqual([point.id]);
    expect(lists.tasks.totalCount).toBe(0);
    expect(await tasksOf(point.id)).toHaveLength(2);

    const before = await snapshot();
    expect(errorOf(await server.gql(`mutation($id: ID!) { breakDownWorkPoint(id: $id) { createdCount } }`, { id: point.id }))).toMatchObject({
      code: 'CONFLICT',
      reason: 'WORK_POINT_RETIRED',
    });
    expect(errorOf(await server.gql(UPDATE_POINT, { i: { id: point.id, version: 2, title: 'x' } }))).toMatchObject({
      code: 'CONFLICT',
      reason: 'WORK_POINT_RETIRED',
    });
    expect(
      errorOf(await server.gql(`mutation($i: RetireInput!) { retireWorkPoint(input: $i) { id } }`, { i: { id: point.id, version: 2, reason: '再次' } })),
    ).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_RETIRED' });
    expect(await snapshot()).toBe(before);

    const { restoreWorkPoint } = await server.gqlOk<any>(`mutation($i: RestoreInput!) { restoreWorkPoint(input: $i) { version retiredAt } }`, {
      i: { id: point.id, version: 2 },
    });
    expect(restoreWorkPoint).toEqual({ version: 3, retiredAt: null });
    const back = await server.gqlOk<any>(`query($p: ID!) { tasks(filter: { planId: $p }) { totalCount } }`, { p: plan.id });
    expect(back.tasks.totalCount).toBe(2);
  });

  it('refuses a new point in a retired plan (PLAN_RETIRED)', async () => {
    const plan = await newPlan();
    await server.gqlOk(`mutation($i: RetireInput!) { retirePlan(input: $i) { id } }`, { i: { id: plan.id, version: 1, reason: '作废' } });
    const before = await snapshot();
    const body = await server.gql(`mutation($i: CreateWorkPointInput!) { createWorkPoint(input: $i) { id } }`, {
      i: { planId: plan.id, number: '一', section: '测试', title: '测试', leadDepartmentIds: [dept['PDS-BGS']] },
    });
    expect(errorOf(body)).toMatchObject({ code: 'CONFLICT', reason: 'PLAN_RETIRED' });
    expect(await snapshot()).toBe(before);
  });

  it('pages the work points of a plan, retired ones left out by default', async () => {
    const plan = await newPlan();
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) ids.push((await newPoint(plan.id, { number: `一(${i})` })).id);
    await server.gqlOk(`mutation($i: RetireInput!) { retireWorkPoint(input: $i) { id } }`, { i: { id: ids[2], version: 1, reason: '删除重复' } });
    const q = `query($p: ID!, $after: String) { workPoints(filter: { planId: $p }, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { workPoints }: { workPoints: any } = await server.gqlOk<any>(q, { p: plan.id, after });
      expect(workPoints.totalCount).toBe(4);
      seen.push(...workPoints.nodes.map((n: any) => n.id));
      if (!workPoints.pageInfo.hasNextPage) break;
      after = workPoints.pageInfo.endCursor;
    }
    expect(seen).toEqual(ids.filter((_, i) => i !== 2));
  });
});
