import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let orgId: string;
let officeId: string;
let planId: string;
beforeAll(async () => {
  server = await startTestServer();
  const { departments } = await server.gqlOk<any>(`{ departments { id code } }`);
  orgId = departments.find((d: any) => d.code === 'PDS').id;
  officeId = departments.find((d: any) => d.code === 'PDS-BGS').id;
  const { plans } = await server.gqlOk<any>(`{ plans { id sourceYear } }`);
  planId = plans.find((p: any) => p.sourceYear === 2021).id;
});
afterAll(() => server?.close());

/** Row counts of every table we write, to prove that a refused mutation wrote nothing. */
async function snapshot() {
  const [row] = await server.sql(
    `select (select count(*) from plan)::int as plans, (select count(*) from work_point)::int as points,
            (select count(*) from task)::int as tasks, (select count(*) from task_update)::int as updates,
            (select count(*) from department)::int as departments, (select coalesce(sum(version), 0) from task)::int as task_versions`,
  );
  return row;
}

const CREATE_POINT = `mutation($i: CreateWorkPointInput!) { createWorkPoint(input: $i) { id } }`;
const pointInput = (over: Record<string, unknown> = {}) => ({
  planId,
  number: `九(${Math.floor(Math.random() * 1e6)})`,
  section: '测试',
  title: '测试条目',
  leadDepartmentIds: [officeId],
  ...over,
});

describe('bad input gets a coded error in Chinese and writes nothing', () => {
  const cases: [string, string, () => Promise<Record<string, unknown>> | Record<string, unknown>, Record<string, unknown>][] = [
    [
      'an empty plan title',
      `mutation($i: CreatePlanInput!) { createPlan(input: $i) { id } }`,
      async () => ({ i: { organizationId: '0', year: 2026, title: '' } }),
      { code: 'BAD_USER_INPUT', field: 'title' },
    ],
    ['an empty work-point title', CREATE_POINT, async () => ({ i: pointInput({ title: '' }) }), { code: 'BAD_USER_INPUT', field: 'title' }],
    [
      'a plan for an unknown organisation',
      `mutation($i: CreatePlanInput!) { createPlan(input: $i) { id } }`,
      async () => ({ i: { organizationId: '999999', year: 2026, title: '计划' } }),
      { code: 'NOT_FOUND', reason: 'DEPARTMENT_NOT_FOUND' },
    ],
    [
      'a plan for an office instead of an organisation',
      `mutation($i: CreatePlanInput!) { createPlan(input: $i) { id } }`,
      async () => ({ i: { organizationId: 'OFFICE', year: 2026, title: '计划' } }),
      { code: 'BAD_USER_INPUT', reason: 'NOT_AN_ORGANIZATION' },
    ],
    [
      'a year out of range',
      `mutation($i: CreatePlanInput!) { createPlan(input: $i) { id } }`,
      async () => ({ i: { organizationId: 'ORG', year: 1800, title: '计划' } }),
      { code: 'BAD_USER_INPUT', field: 'year' },
    ],
    ['a work point in an unknown plan', CREATE_POINT, async () => ({ i: pointInput({ planId: '424242' }) }), { code: 'NOT_FOUND', reason: 'PLAN_NOT_FOUND' }],
    [
      'a work point with an unknown lead',
      CREATE_POINT,
      async () => ({ i: pointInput({ leadDepartmentIds: ['424242'] }) }),
      { code: 'NOT_FOUND', reason: 'DEPARTMENT_NOT_FOUND' },
    ],
    [
      'a work point with no lead',
      CREATE_POINT,
      async () => ({ i: pointInput({ leadDepartmentIds: [] }) }),
      { code: 'BAD_USER_INPUT', reason: 'LEAD_REQUIRED' },
    ],
    [
      'a work point whose lead is in another organisation',
      CREATE_POINT,
      async () => ({ i: pointInput({ leadDepartmentIds: ['WX-BGS'] }) }),
      { code: 'BAD_USER_INPUT', reason: 'DEPARTMENT_OUTSIDE_ORGANIZATION' },
    ],
    [
      'a work point with a number already used',
      CREATE_POINT,
      async () => ({ i: pointInput({ number: '二(一)' }) }),
      { code: 'CONFLICT', reason: 'WORK_POINT_NUMBER_TAKEN' },
    ],
    ['a date that is not a date (variable)', CREATE_POINT, async () => ({ i: pointInput({ dueDate: '2026-02-30' }) }), { code: 'BAD_USER_INPUT' }],
    ['a date in the wrong format', CREATE_POINT, async () => ({ i: pointInput({ dueDate: '2026/03/01' }) }), { code: 'BAD_USER_INPUT' }],
    // JavaScript reads it, PostgreSQL has no year 0: it used to fail in the database (found by graphql-fuzz).
    [
      'an instant in the year 0',
      `query($t: DateTime) { auditLog(first: 1, filter: { to: $t }) { totalCount } }`,
      async () => ({ t: '0000-01-01T00:00:00Z' }),
      { code: 'BAD_USER_INPUT', reason: 'INVALID_DATE_TIME' },
    ],
    [
      'breaking down an unknown work point',
      `mutation { breakDownWorkPoint(id: "31337") { createdCount } }`,
      async () => ({}),
      { code: 'NOT_FOUND', reason: 'WORK_POINT_NOT_FOUND' },
    ],
    ['breaking down a malformed id', `mutation { breakDownWorkPoint(id: "abc") { createdCount } }`, async () => ({}), { code: 'NOT_FOUND' }],
    [
      'updating an unknown task',
      `mutation { updateTaskProgress(input: { id: "99999", version: 1, progress: 5 }) { id } }`,
      async () => ({}),
      { code: 'NOT_FOUND', reason: 'TASK_NOT_FOUND' },
    ],
    [
      'an importPlan text without any work point',
      `mutation($i: ImportPlanInput!) { importPlan(input: $i) { id } }`,
      async () => ({ i: { organizationId: 'ORG', format: 'WORK_PLAN', text: '这是一段没有任何条目的文字。' } }),
      { code: 'BAD_USER_INPUT', reason: 'NO_WORK_POINTS_FOUND' },
    ],
  ];

  for (const [name, query, rawVariables, expected] of cases) {
    it(name, async () => {
      const variables = JSON.parse(
        JSON.stringify(await rawVariables())
          .replaceAll('"ORG"', JSON.stringify(orgId))
          .replaceAll('"OFFICE"', JSON.stringify(officeId))
          .replaceAll('"WX-BGS"', JSON.stringify(await wxOfficeId())),
      );
      const before = await snapshot();
      const res = await server.gql(query, variables);
      expect(res.errors, JSON.stringify(res)).toHaveLength(1);
      expect(res.errors![0]!.extensions).toMatchObject(expected);
      expect(res.errors![0]!.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(res.errors![0]!.message).not.toMatch(/select|insert|update |violat|stack/i);
      expect(await snapshot()).toEqual(before);
    });
  }

  it('more than 50 bad variable values: every error is coded, the last says checking stopped (found by graphql-fuzz)', async () => {
    const res = await server.gql(`query($k: [DutyKind!]) { duties(filter: { kinds: $k }) { totalCount } }`, { k: Array.from({ length: 60 }, () => 1) });
    expect(res.errors!.length).toBeGreaterThan(50);
    expect(res.errors!.map((e) => e.extensions?.code)).toEqual(res.errors!.map(() => 'BAD_USER_INPUT'));
    expect(res.errors!.at(-1)!.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_INPUT_ERRORS' });
    expect(res.errors!.at(-1)!.message).toMatch(/输入错误过多/);
  });

  it('a date literal that is not a date is refused in the query text too', async () => {
    const res = await server.gql(`{ tasks(filter: { dueFrom: "2021-13-01" }) { totalCount } }`);
    expect(res.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    expect(res.errors?.[0]?.message).toContain('不是有效日期');
  });

  it('an importPlan naming unknown departments is refused as a whole, naming them', async () => {
    const before = await snapshot();
    const text = `某局2026年度政务公开工作要点\n二、重点领域信息公开\n(一)测试条目\n1.政策依据:根据国办发〔2018〕45号。\n2.职责分工:公开目录。\n牵头科室:局办公室、不存在的科\n责任单位:机关各科室`;
    const res = await server.gql(`mutation($i: ImportPlanInput!) { importPlan(input: $i) { id } }`, {
      i: { organizationId: orgId, format: 'WORK_PLAN', text },
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_DEPARTMENTS', names: ['不存在的科'] });
    expect(await snapshot()).toEqual(before);
    const ok = await server.gqlOk<any>(`mutation($i: ImportPlanInput!) { importPlan(input: $i) { year workPoints { number leadDepartments { name } } } }`, {
      i: { organizationId: orgId, format: 'WORK_PLAN', text, createMissingDepartments: true },
    });
    expect(ok.importPlan.year).toBe(2026);
    expect(ok.importPlan.workPoints[0].leadDepartments.map((d: any) => d.name)).toEqual(['局办公室', '不存在的科']);
  });
});

let wxOffice: string | undefined;
async function wxOfficeId(): Promise<string> {
  if (!wxOffice) {
    const { departments } = await server.gqlOk<any>(`{ departments { id code } }`);
    wxOffice = departments.find((d: any) => d.code === 'WX-BGS').id;
  }
  return wxOffice!;
}
