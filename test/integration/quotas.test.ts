/**
 * Quotas and the quota board: per-kind quotas with per-department overrides, overlap refused,
 * bad periods and targets, pace and status against a fixed day (asOf), roll-ups to parents,
 * per-category quotas, the 政策解读 50% rule, and scope.
 *
 * 2026-Q4 has 62 working days (Oct 18: 1–7 off, Sat 10 worked; Nov 21; Dec 23); up to and
 * including Fri 2026-11-20, 33 of them have passed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
const ids: Record<string, string> = {};
let cat: Record<string, string>;
let portal: string;
let n = 0;

const SET = `mutation($i: SetQuotaInput!) { setQuota(input: $i) { id version target periodType departmentKind fromYear toYear department { id } organization { id } category { name } } }`;
const BOARD = `query($p: String!, $a: LocalDate, $w: ID) { quotaBoard(period: $p, asOf: $a, withinId: $w) {
  period { key type label from to asOf workingDays workingDaysElapsed }
  rows { department { id name } parentId depth category { name } isOwnQuota quota { id } target published expectedByToday completion status interpretations nonTextInterpretations nonTextRatio meetsInterpretationRule
         rollup { target published expectedByToday status } }
  totals { target published expectedByToday status }
  interpretationRule onPaceThreshold atRiskThreshold } }`;

async function record(department: string, count: number, over: Record<string, unknown> = {}) {
  for (let i = 0; i < count; i++) {
    await server.gqlOk(`mutation($i: RecordPublicationInput!) { recordPublication(input: $i) { id } }`, {
      i: {
        departmentId: ids[department],
        title: `${department} 第${i}条`,
        categoryId: cat['工作动态'],
        channelId: portal,
        publishedOn: `2026-${i % 2 ? '10' : '11'}-${String(2 + (i % 18)).padStart(2, '0')}`,
        url: `https://quota.test.example/${department}/${n++}`,
        ...over,
      },
    });
  }
}

const rowOf = (board: any, name: string, category: string | null = null) =>
  board.rows.find((r: any) => r.department.name === name && (r.category?.name ?? null) === category);

beforeAll(async () => {
  server = await startTestServer();
  const { categories } = await server.gqlOk<any>(`{ categories { id name } }`);
  cat = Object.fromEntries(categories.map((c: any) => [c.name, c.id]));
  const create = async (key: string, name: string, kind: string, parent?: string) => {
    const { createDepartment } = await server.gqlOk<any>(`mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }`, {
      i: { name, code: `QT-${key}`, kind, parentId: parent ? ids[parent] : null, creditCode: parent ? null : '11130533MB1E00099Q' },
    });
    ids[key] = createDepartment.id;
  };
  await create('ORG', '指标测试局', 'ORGANIZATION');
  await create('A', '甲科', 'OFFICE', 'ORG');
  await create('B', '乙科', 'OFFICE', 'ORG');
  await create('C', '丙科', 'OFFICE', 'ORG');
  await create('U', '丁中心', 'SUBORDINATE_UNIT', 'ORG');
  await create('U1', '丁中心一所', 'SUBORDINATE_UNIT', 'U');
  const { createChannel } = await server.gqlOk<any>(
    `mutation($d: ID!) { createChannel(input: { kind: PORTAL_COLUMN, name: "门户网站", departmentId: $d }) { id } }`,
    { d: ids.ORG },
  );
  portal = createChannel.id;

  await server.gqlOk(SET, { i: { departmentKind: 'OFFICE', organizationId: ids.ORG, periodType: 'QUARTER', target: 50 } });
  await server.gqlOk(SET, { i: { departmentKind: 'SUBORDINATE_UNIT', organizationId: ids.ORG, periodType: 'QUARTER', target: 30 } });
  await server.gqlOk(SET, { i: { departmentId: ids.B, periodType: 'QUARTER', target: 20 } });

  await record('A', 27);
  await record('A', 2, { categoryId: cat['政策解读'], interpretationForm: 'TEXT' });
  await record('A', 1, { categoryId: cat['政策解读'], interpretationForm: 'CHART' });
  await record('B', 5);
  await record('C', 13);
  await record('C', 1, { categoryId: cat['政策解读'], interpretationForm: 'TEXT' });
  await record('C', 3, { categoryId: cat['政策解读'], interpretationForm: 'VIDEO' });
  await record('U1', 30);
});
afterAll(() => server?.close());

describe('setQuota', () => {
  it('refuses a second definition for the same departments, period and category', async () => {
    const again = await server.gql(SET, { i: { departmentKind: 'OFFICE', organizationId: ids.ORG, periodType: 'QUARTER', target: 40, fromYear: 2027 } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'QUOTA_OVERLAP' });
    const own = await server.gql(SET, { i: { departmentId: ids.B, periodType: 'QUARTER', target: 25 } });
    expect(own.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'QUOTA_OVERLAP' });
  });

  it('accepts what does not overlap: another period type, a category, years that do not meet', async () => {
    const year = await server.gqlOk<any>(SET, { i: { departmentKind: 'OFFICE', organizationId: ids.ORG, periodType: 'YEAR', target: 200, toYear: 2025 } });
    const later = await server.gqlOk<any>(SET, { i: { departmentKind: 'OFFICE', organizationId: ids.ORG, periodType: 'YEAR', target: 180, fromYear: 2026 } });
    expect([year.setQuota.toYear, later.setQuota.fromYear]).toEqual([2025, 2026]);
    const overlapping = await server.gql(SET, {
      i: { departmentKind: 'OFFICE', organizationId: ids.ORG, periodType: 'YEAR', target: 1, fromYear: 2025, toYear: 2025 },
    });
    expect(overlapping.errors?.[0]?.extensions).toMatchObject({ reason: 'QUOTA_OVERLAP', existingId: year.setQuota.id });
    const perCategory = await server.gqlOk<any>(SET, { i: { departmentId: ids.A, periodType: 'QUARTER', categoryId: cat['政策解读'], target: 3 } });
    expect(perCategory.setQuota.category.name).toBe('政策解读');
  });

  it('changes a quota by id and version, and deletes it', async () => {
    const { setQuota: q } = await server.gqlOk<any>(SET, { i: { departmentId: ids.C, periodType: 'MONTH', target: 10 } });
    const { setQuota: changed } = await server.gqlOk<any>(SET, { i: { id: q.id, version: q.version, departmentId: ids.C, periodType: 'MONTH', target: 12 } });
    expect(changed).toMatchObject({ id: q.id, target: 12, version: q.version + 1 });
    const stale = await server.gql(SET, { i: { id: q.id, version: q.version, departmentId: ids.C, periodType: 'MONTH', target: 13 } });
    expect(stale.errors?.[0]?.extensions?.code).toBe('STALE_VERSION');
    expect((await server.gqlOk<any>(`mutation($id: ID!) { deleteQuota(id: $id) }`, { id: q.id })).deleteQuota).toBe(q.id);
    const gone = await server.gql(`mutation($id: ID!) { deleteQuota(id: $id) }`, { id: q.id });
    expect(gone.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'QUOTA_NOT_FOUND' });
  });

  const bad: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ['a zero target', { departmentId: 'A', periodType: 'QUARTER', target: 0, fromYear: 2030 }, { code: 'BAD_USER_INPUT', field: 'target' }],
    ['a negative target', { departmentId: 'A', periodType: 'QUARTER', target: -5, fromYear: 2030 }, { code: 'BAD_USER_INPUT', field: 'target' }],
    [
      'both a department and a kind',
      { departmentId: 'A', departmentKind: 'OFFICE', periodType: 'QUARTER', target: 5 },
      { code: 'BAD_USER_INPUT', reason: 'QUOTA_SUBJECT_REQUIRED' },
    ],
    [
      'a kind without its organisation',
      { departmentKind: 'OFFICE', periodType: 'QUARTER', target: 5 },
      { code: 'BAD_USER_INPUT', reason: 'QUOTA_SUBJECT_REQUIRED' },
    ],
    [
      'a kind under an office instead of an organisation',
      { departmentKind: 'OFFICE', organizationId: 'A', periodType: 'MONTH', target: 5 },
      { reason: 'QUOTA_ORGANIZATION_MISMATCH' },
    ],
    ['an unknown department', { departmentId: '987654', periodType: 'QUARTER', target: 5 }, { code: 'NOT_FOUND', reason: 'DEPARTMENT_NOT_FOUND' }],
    ['an unknown category', { departmentId: 'A', periodType: 'MONTH', target: 5, categoryId: '987654' }, { code: 'NOT_FOUND', reason: 'CATEGORY_NOT_FOUND' }],
    ['years the wrong way round', { departmentId: 'A', periodType: 'MONTH', target: 5, fromYear: 2027, toYear: 2026 }, { reason: 'INVALID_YEAR_RANGE' }],
  ];
  for (const [name, raw, expected] of bad) {
    it(`refuses ${name}, writing nothing`, async () => {
      const i = Object.fromEntries(
        Object.entries(raw).map(([k, v]) => [k, (k === 'departmentId' || k === 'organizationId') && typeof v === 'string' && ids[v] ? ids[v] : v]),
      );
      const [before] = await server.sql(`select count(*)::int as n, coalesce(sum(version), 0)::int as v from quota`);
      const body = await server.gql(SET, { i });
      expect(body.errors?.[0]?.extensions, JSON.stringify(body.errors)).toMatchObject(expected);
      expect((await server.sql(`select count(*)::int as n, coalesce(sum(version), 0)::int as v from quota`))[0]).toEqual(before);
    });
  }
});

describe('quotaBoard', () => {
  it('refuses a period that is not one', async () => {
    for (const period of ['2026-Q5', '2026-13', '26', '2026Q4', 'Q4', '']) {
      const body = await server.gql(BOARD, { p: period });
      expect(body.errors?.[0]?.extensions, period).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_PERIOD', field: 'period' });
    }
  });

  it('shows each department against its quota and pace, the department’s own quota winning over its kind’s', async () => {
    const { quotaBoard: b } = await server.gqlOk<any>(BOARD, { p: '2026-Q4', a: '2026-11-20', w: ids.ORG });
    expect(b.period).toEqual({
      key: '2026-Q4',
      type: 'QUARTER',
      label: '2026年第四季度',
      from: '2026-10-01',
      to: '2026-12-31',
      asOf: '2026-11-20',
      workingDays: 62,
      workingDaysElapsed: 33,
    });
    expect([b.interpretationRule, b.onPaceThreshold, b.atRiskThreshold]).toEqual([0.5, 0.9, 0.6]);
    expect(b.rows.filter((r: any) => !r.category).map((r: any) => [r.department.name, r.depth])).toEqual([
      ['指标测试局', 0],
      ['甲科', 1],
      ['乙科', 1],
      ['丙科', 1],
      ['丁中心', 1],
      ['丁中心一所', 2],
    ]);
    // 50 × 33 / 62 = 26.6 expected: 26 items due.
    expect(rowOf(b, '甲科')).toMatchObject({ target: 50, published: 30, expectedByToday: 26.6, status: 'ON_PACE', isOwnQuota: false, completion: 0.6 });
    expect(rowOf(b, '丙科')).toMatchObject({ target: 50, published: 17, status: 'AT_RISK' });
    // The own quota (20) overrides the kind's (50): 20 × 33 / 62 = 10.6.
    expect(rowOf(b, '乙科')).toMatchObject({ target: 20, published: 5, expectedByToday: 10.6, status: 'BEHIND', isOwnQuota: true });
    expect(rowOf(b, '丁中心一所')).toMatchObject({ target: 30, published: 30, status: 'MET', rollup: null });
    expect(rowOf(b, '丁中心')).toMatchObject({ target: 30, published: 0, expectedByToday: 16, status: 'BEHIND' });
    // The root has no quota of its own.
    expect(rowOf(b, '指标测试局')).toMatchObject({ target: null, published: 0, status: null, expectedByToday: null });
  });

  it('rolls up to parent departments', async () => {
    const { quotaBoard: b } = await server.gqlOk<any>(BOARD, { p: '2026-Q4', a: '2026-11-20', w: ids.ORG });
    // 丁中心 + 一所: 60 to publish, 30 published, 16 + 16 expected: 30 of 32 due is on pace.
    expect(rowOf(b, '丁中心').rollup).toEqual({ target: 60, published: 30, expectedByToday: 32, status: 'ON_PACE' });
    expect(rowOf(b, '指标测试局').rollup).toMatchObject({ target: 50 + 20 + 50 + 30 + 30, published: 30 + 5 + 17 + 30 });
    expect(b.totals).toMatchObject({ target: 180, published: 82 });
  });

  it('shows a per-category quota as its own row', async () => {
    const { quotaBoard: b } = await server.gqlOk<any>(BOARD, { p: '2026-Q4', a: '2026-11-20', w: ids.ORG });
    expect(rowOf(b, '甲科', '政策解读')).toMatchObject({ target: 3, published: 3, status: 'MET', isOwnQuota: true });
    expect(b.rows.filter((r: any) => r.category).length).toBe(1);
  });

  it('gives the 政策解读 non-text ratio against the 50% rule', async () => {
    const { quotaBoard: b } = await server.gqlOk<any>(BOARD, { p: '2026-Q4', a: '2026-11-20', w: ids.ORG });
    expect(rowOf(b, '甲科')).toMatchObject({ interpretations: 3, nonTextInterpretations: 1, nonTextRatio: 0.333, meetsInterpretationRule: false });
    expect(rowOf(b, '丙科')).toMatchObject({ interpretations: 4, nonTextInterpretations: 3, nonTextRatio: 0.75, meetsInterpretationRule: true });
    expect(rowOf(b, '乙科')).toMatchObject({ interpretations: 0, nonTextRatio: null, meetsInterpretationRule: null });
  });

  it('measures pace at the given day: nothing due before the period, all of it after', async () => {
    const before = (await server.gqlOk<any>(BOARD, { p: '2026-Q4', a: '2026-09-30', w: ids.ORG })).quotaBoard;
    expect(before.period.workingDaysElapsed).toBe(0);
    expect(rowOf(before, '乙科')).toMatchObject({ expectedByToday: 0, status: 'ON_PACE' });
    const first = (await server.gqlOk<any>(BOARD, { p: '2026-Q4', a: '2026-10-08', w: ids.ORG })).quotaBoard;
    expect(first.period.workingDaysElapsed).toBe(1);
    const after = (await server.gqlOk<any>(BOARD, { p: '2026-Q4', a: '2027-01-04', w: ids.ORG })).quotaBoard;
    expect(rowOf(after, '甲科')).toMatchObject({ expectedByToday: 50, status: 'BEHIND' });
    expect(rowOf(after, '丁中心一所')).toMatchObject({ status: 'MET' });
  });

  it('answers for a month and a year from the same counts', async () => {
    const month = (await server.gqlOk<any>(BOARD, { p: '2026-10', a: '2026-11-20', w: ids.ORG })).quotaBoard;
    const year = (await server.gqlOk<any>(BOARD, { p: '2026', a: '2026-11-20', w: ids.ORG })).quotaBoard;
    const [{ oct }] = await server.sql(
      `select count(*)::int as oct from publication where department_id = $1 and published_on between '2026-10-01' and '2026-10-31'`,
      [ids.A],
    );
    expect(rowOf(month, '甲科')).toMatchObject({ published: oct, target: null });
    // The 2026 yearly quota of offices (180, from 2026 on) applies; the one ending 2025 does not.
    expect(rowOf(year, '甲科')).toMatchObject({ published: 30, target: 180 });
  });

  it('shows a department head only their subtree, rolled up within it', async () => {
    await server.gqlOk(
      `mutation($d: ID!) { createUser(input: { username: "qt.head", displayName: "丁主任", password: "Quota@2026x", role: DEPARTMENT_HEAD, departmentId: $d }) { id } }`,
      { d: ids.U },
    );
    const head = await server.login('qt.head', 'Quota@2026x');
    const { quotaBoard: b } = await server.gqlOk<any>(BOARD, { p: '2026-Q4', a: '2026-11-20' }, { token: head });
    expect(b.rows.map((r: any) => r.department.name)).toEqual(['丁中心', '丁中心一所']);
    expect(b.rows.map((r: any) => r.depth)).toEqual([0, 1]);
    expect(b.totals).toMatchObject({ target: 60, published: 30 });
    const outside = await server.gqlOk<any>(BOARD, { p: '2026-Q4', w: ids.A }, { token: head });
    expect(outside.quotaBoard.rows).toEqual([]);
  });

  it('lists the quota definitions to a department head with their organisation in full (found by graphql-fuzz)', async () => {
    // A scoped caller's list used to leave half-loaded departments behind: organization.code was null, an internal error.
    await server.gqlOk(
      `mutation($d: ID!) { createUser(input: { username: "qt.head2", displayName: "丁副主任", password: "Quota@2026x", role: DEPARTMENT_HEAD, departmentId: $d }) { id } }`,
      { d: ids.U },
    );
    const head = await server.login('qt.head2', 'Quota@2026x');
    const res = await server.gql<any>(
      `query($o: ID) { quotas(first: 100, filter: { organizationId: $o }) { nodes { organization { id code name } department { code } } } }`,
      { o: ids.ORG },
      { token: head },
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(res.data!.quotas.nodes.length).toBeGreaterThan(0);
    for (const q of res.data!.quotas.nodes) expect(q.organization).toEqual({ id: ids.ORG, code: 'QT-ORG', name: '指标测试局' });
  });

  it('lists the quota definitions, per kind and per department', async () => {
    const { quotas } = await server.gqlOk<any>(
      `query($d: ID!) { quotas(filter: { departmentId: $d, periodType: QUARTER, year: 2026 }) { nodes { target departmentKind department { id } category { name } } } }`,
      { d: ids.B },
    );
    expect(quotas.nodes.map((q: any) => q.target).sort()).toEqual([20, 50]);
  });
});
