import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const PLAN_QUERY = /* GraphQL */ `
  query {
    plans {
      id
      year
      sourceYear
      title
      issuer
      basisDocuments
      organization {
        name
        kind
        creditCode
      }
      workPoints {
        id
        number
        section
        title
        policyBasis
        citedDocuments
        dutyItems
        timeLimit
        dueDate
        responsibleScopes
        leadDepartments {
          name
        }
        responsibleDepartments {
          name
        }
      }
    }
  }
`;

describe('demo plans from the real documents', () => {
  it('serves the 平顶山 2021 plan, re-dated into the current year, with its 16 key-area points and their lead departments', async () => {
    const { plans } = await server.gqlOk<any>(PLAN_QUERY);
    const plan = plans.find((p: any) => p.sourceYear === 2021);
    // The demo is of the current year (Asia/Shanghai): the 2021 text re-dated, its year kept.
    const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
    expect(plan.year).toBe(year);
    expect(plan.title).toContain(`${year}年度`);
    expect(plan.title).toContain('平顶山市城市管理局');
    expect(plan.organization).toMatchObject({ name: '平顶山市城市管理局', kind: 'ORGANIZATION' });
    expect(plan.basisDocuments).toContain('国办发〔2016〕80号');
    const points = plan.workPoints;
    expect(points.map((p: any) => p.number)).toEqual([
      '二(一)',
      '二(二)',
      '二(三)',
      '二(四)',
      '二(五)',
      '二(六)',
      '二(七)',
      '二(八)',
      '二(九)',
      '二(十)',
      '二(十一)',
      '二(十二)',
      '二(十三)',
      '二(十四)',
      '二(十五)',
      '二(十六)',
    ]);
    for (const p of points) {
      expect(p.section).toBe('重点领域信息公开');
      expect(p.leadDepartments.length).toBeGreaterThan(0);
      expect(p.responsibleScopes).toEqual(['SUBORDINATE_UNITS', 'OFFICES']);
    }
    const byNumber = Object.fromEntries(points.map((p: any) => [p.number, p]));
    expect(byNumber['二(一)'].title).toBe('建议提案办理结果公开');
    expect(byNumber['二(一)'].leadDepartments.map((d: any) => d.name)).toEqual(['局办公室']);
    expect(byNumber['二(九)'].leadDepartments.map((d: any) => d.name).sort()).toEqual(['局人事科', '市政设施管理科'].sort());
    expect(byNumber['二(十)'].leadDepartments.map((d: any) => d.name).sort()).toEqual(['市容秩序管理科', '数字城管中心'].sort());
    expect(byNumber['二(三)'].citedDocuments).toEqual(['国办发〔2018〕45号', '国办发〔2018〕47号']);
    expect(byNumber['二(十一)'].dutyItems).toHaveLength(5);
    expect(byNumber['二(六)'].dueDate).toBe(`${plan.year}-04-01`);
    expect(byNumber['二(五)'].timeLimit).toContain('7个工作日内');
  });

  it('serves the 21 self-inspection requirements of 威县 as a second plan', async () => {
    const { plans } = await server.gqlOk<any>(PLAN_QUERY);
    const plan = plans.find((p: any) => p.year === 2023);
    expect(plan.organization.name).toBe('威县城市管理综合行政执法局');
    expect(plan.workPoints.map((p: any) => p.number)).toEqual(Array.from({ length: 21 }, (_, i) => String(i + 1)));
    const tasks = await server.gqlOk<any>(
      `query($id: ID!) { tasks(filter: { planId: $id }, first: 100) { totalCount nodes { status notApplicableReason selfInspection workPoint { number } } } }`,
      { id: plan.id },
    );
    expect(tasks.tasks.totalCount).toBe(21);
    const six = tasks.tasks.nodes.find((t: any) => t.workPoint.number === '6');
    expect(six).toMatchObject({ status: 'NOT_APPLICABLE', notApplicableReason: '不在我单位职能范围内。' });
    const sixteen = tasks.tasks.nodes.find((t: any) => t.workPoint.number === '16');
    expect(sixteen.selfInspection).toContain('207条');
  });
});

describe('workPoints connection', () => {
  it('pages with cursors and counts over all pages', async () => {
    const q = `query($after: String) { workPoints(first: 5, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id number } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { workPoints }: { workPoints: any } = await server.gqlOk<any>(q, { after });
      expect(workPoints.totalCount).toBe(37);
      seen.push(...workPoints.nodes.map((n: any) => n.id));
      pages++;
      if (!workPoints.pageInfo.hasNextPage) break;
      after = workPoints.pageInfo.endCursor;
    }
    expect(pages).toBe(8);
    expect(new Set(seen).size).toBe(37);
  });

  it('filters by department: a 局属单位 sees the points whose scope covers it', async () => {
    const { departments } = await server.gqlOk<any>(`{ departments { id name kind } }`);
    const center = departments.find((d: any) => d.name === '数字城管中心');
    const { workPoints } = await server.gqlOk<any>(`query($d: ID!) { workPoints(filter: { departmentId: $d }, first: 100) { totalCount } }`, { d: center.id });
    // Every 平顶山 point names 局属各单位, and 数字城管中心 leads 二(十): 16, none of 威县's.
    expect(workPoints.totalCount).toBe(16);
    const wx = departments.find((d: any) => d.name === '办公室');
    const wxPoints = await server.gqlOk<any>(`query($d: ID!) { workPoints(filter: { departmentId: $d }) { nodes { number } } }`, { d: wx.id });
    expect(wxPoints.workPoints.nodes.map((n: any) => n.number)).toEqual(['4']);
  });

  it('searches titles and 政策依据', async () => {
    const { workPoints } = await server.gqlOk<any>(`{ workPoints(filter: { search: "国办发〔2018〕123号" }) { nodes { number } } }`);
    expect(workPoints.nodes.map((n: any) => n.number)).toEqual(['二(十五)']);
  });

  it('refuses a page size outside 1–100 and a forged cursor', async () => {
    const big = await server.gql(`{ workPoints(first: 101) { totalCount } }`);
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const forged = await server.gql(`{ workPoints(after: "bm9wZQ") { totalCount } }`);
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
  });
});
