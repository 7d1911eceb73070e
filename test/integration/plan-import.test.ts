/**
 * Importing the plans offices receive (issue 15, first part through the API): a 任务分工 table pasted as text or
 * as HTML from a web page is previewed without storing anything, its unit names matched to departments (办公室 →
 * 局办公室) or listed for a person to map, then imported all or nothing with the mapping; a scope in the 牵头 column
 * lands in `leadScopes` and the breakdown gives those departments LEAD tasks; the same document twice is refused.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let orgId: string;
beforeAll(async () => {
  server = await startTestServer();
  const [{ id }] = await server.sql(`select id::text from department where code = 'PDS'`);
  orgId = id;
}, 60_000);
afterAll(() => server?.close());

const TABLE = [
  '序号\t工作任务\t具体要求\t牵头单位\t责任单位\t完成时限',
  '1\t政策文件公开\t及时公开本局制发的规范性文件，做好政策解读\t办公室\t政策法规科、数字城管中心\t年底前',
  '2\t执法信息公开\t公示行政处罚决定\t各科室\t城市管理综合执法支队\t持续推进',
  '3\t网站留言办理\t5个工作日内答复网站留言\t局行政审批科\t花卉管理所\t6月底前',
].join('\n');

const HTML = `<table>
<tr><th>序号</th><th>工作任务</th><th>具体要求</th><th>牵头单位</th><th>责任单位</th><th>完成时限</th></tr>
<tr><td>1</td><td>政策文件公开</td><td>及时公开本局制发的规范性文件，做好政策解读</td><td>办公室</td><td>政策法规科、数字城管中心</td><td>年底前</td></tr>
<tr><td>2</td><td>执法信息公开</td><td>公示行政处罚决定</td><td>各科室</td><td>城市管理综合执法支队</td><td>持续推进</td></tr>
<tr><td>3</td><td>网站留言办理</td><td>5个工作日内答复网站留言</td><td>局行政审批科</td><td>花卉管理所</td><td>6月底前</td></tr>
</table>`;

const PREVIEW = `query($i: ImportPlanInput!) { previewPlanImport(input: $i) {
  layout year points { number title leadNames leadScopes responsibleNames responsibleScopes timeLimit dueDate ongoing source }
  units { name how department { code } } unmappedNames warnings { message source } tasksPerDepartment { department { code } count } duplicateOfPlanId } }`;

const counts = async () => (await server.sql(`select (select count(*) from plan)::int as plans, (select count(*) from work_point)::int as points`))[0];

describe('a 任务分工 table', () => {
  it('is previewed without storing anything: points, units matched or not, due dates and ongoing work', async () => {
    const before = await counts();
    const { previewPlanImport: p } = await server.gqlOk<any>(PREVIEW, {
      i: { organizationId: orgId, text: TABLE, year: 2027, title: '2027年政务公开任务分工' },
    });
    expect(p.layout).toBe('TABLE');
    expect(p.points).toHaveLength(3);
    expect(p.points[0]).toMatchObject({
      title: '政策文件公开',
      leadNames: ['办公室'],
      responsibleNames: ['政策法规科', '数字城管中心'],
      timeLimit: '年底前',
      dueDate: '2027-12-31',
      ongoing: false,
    });
    expect(p.points[1]).toMatchObject({ leadNames: [], leadScopes: ['OFFICES'], dueDate: null, ongoing: true });
    expect(p.points[2]).toMatchObject({ dueDate: '2027-06-30' });
    const unit = (name: string) => p.units.find((u: any) => u.name === name);
    expect(unit('办公室').department.code).toBe('PDS-BGS');
    expect(unit('政策法规科').department.code).toBe('PDS-ZCFG');
    expect(unit('局行政审批科')).toMatchObject({ how: 'exact', department: { code: 'PDS-XZSP' } });
    expect(p.unmappedNames).toEqual(['花卉管理所']);
    expect(p.tasksPerDepartment.find((t: any) => t.department.code === 'PDS-BGS').count).toBe(2); // its own point and 各科室
    expect(p.duplicateOfPlanId).toBeNull();
    expect(await counts()).toEqual(before);
  });

  it('reads the same from HTML copied from a web page', async () => {
    const text = await server.gqlOk<any>(PREVIEW, { i: { organizationId: orgId, text: TABLE, year: 2027 } });
    const html = await server.gqlOk<any>(PREVIEW, { i: { organizationId: orgId, text: HTML, year: 2027 } });
    const strip = (p: any) => p.previewPlanImport.points.map(({ source: _source, ...rest }: any) => rest);
    expect(strip(html)).toEqual(strip(text));
  });

  it('is refused while a name is unmapped, imported all or nothing with the mapping, and refused the second time', async () => {
    const before = await counts();
    const refused = await server.gql(`mutation($i: ImportPlanInput!) { importPlan(input: $i) { id } }`, {
      i: { organizationId: orgId, text: TABLE, year: 2027 },
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_DEPARTMENTS', names: ['花卉管理所'] });
    expect(await counts()).toEqual(before);

    const [{ id: gardens }] = await server.sql(`select id::text from department where code = 'PDS-YLLH'`);
    const { importPlan: plan } = await server.gqlOk<any>(
      `mutation($i: ImportPlanInput!) { importPlan(input: $i) { id year workPoints { id title dueDate timeLimit leadScopes leadDepartments { code } responsibleDepartments { code } } } }`,
      { i: { organizationId: orgId, text: TABLE, year: 2027, title: '2027年政务公开任务分工', unitMapping: [{ name: '花卉管理所', departmentId: gardens }] } },
    );
    expect(plan.workPoints.map((w: any) => w.title)).toEqual(['政策文件公开', '执法信息公开', '网站留言办理']);
    expect(plan.workPoints[2].responsibleDepartments.map((d: any) => d.code)).toEqual(['PDS-YLLH']);
    expect(plan.workPoints[1]).toMatchObject({ leadScopes: ['OFFICES'], dueDate: null, timeLimit: '持续推进', leadDepartments: [] });

    // 各科室 in the 牵头 column: every office leads.
    const { breakDownWorkPoint } = await server.gqlOk<any>(`mutation($id: ID!) { breakDownWorkPoint(id: $id) { created { role department { kind } } } }`, {
      id: plan.workPoints[1].id,
    });
    const leads = breakDownWorkPoint.created.filter((t: any) => t.role === 'LEAD');
    expect(leads.length).toBeGreaterThan(3);
    expect(leads.every((t: any) => t.department.kind === 'OFFICE')).toBe(true);

    const again = await server.gql(`mutation($i: ImportPlanInput!) { importPlan(input: $i) { id } }`, {
      i: { organizationId: orgId, text: TABLE, year: 2027, unitMapping: [{ name: '花卉管理所', departmentId: gardens }] },
    });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_PLAN_IMPORT', planId: plan.id });
    const { previewPlanImport } = await server.gqlOk<any>(PREVIEW, { i: { organizationId: orgId, text: TABLE, year: 2027 } });
    expect(previewPlanImport.duplicateOfPlanId).toBe(plan.id);

    // The stored fingerprint follows an edit: a point retitled by hand is no longer the document's, and back again.
    const retitle = async (title: string) => {
      const { workPoint } = await server.gqlOk<any>(`query($id: ID!) { workPoint(id: $id) { version } }`, { id: plan.workPoints[0].id });
      await server.gqlOk(`mutation($i: UpdateWorkPointInput!) { updateWorkPoint(input: $i) { id } }`, {
        i: { id: plan.workPoints[0].id, version: workPoint.version, title },
      });
      return (await server.gqlOk<any>(PREVIEW, { i: { organizationId: orgId, text: TABLE, year: 2027 } })).previewPlanImport.duplicateOfPlanId;
    };
    expect(await retitle('政策文件公开（修订）')).toBeNull();
    expect(await retitle('政策文件公开')).toBe(plan.id);
    // Another year's plan is not looked at.
    expect((await server.gqlOk<any>(PREVIEW, { i: { organizationId: orgId, text: TABLE, year: 2028 } })).previewPlanImport.duplicateOfPlanId).toBeNull();
  });

  it('is broken down whole (breakDownPlan) into the tasks the preview announced, once, all or nothing', async () => {
    const [{ id: gardens }] = await server.sql(`select id::text from department where code = 'PDS-YLLH'`);
    const input = { organizationId: orgId, text: TABLE, year: 2026, unitMapping: [{ name: '花卉管理所', departmentId: gardens }] };
    const { previewPlanImport } = await server.gqlOk<any>(PREVIEW, { i: input });
    const { importPlan: plan } = await server.gqlOk<any>(`mutation($i: ImportPlanInput!) { importPlan(input: $i) { id } }`, { i: input });
    const BREAK = `mutation($id: ID!) { breakDownPlan(id: $id) { plan { id } createdCount existingCount points { workPoint { number } created { department { code } } } } }`;
    const { breakDownPlan: first } = await server.gqlOk<any>(BREAK, { id: plan.id });
    expect(first.plan.id).toBe(plan.id);
    expect(first.points.map((p: any) => p.workPoint.number)).toEqual(['1', '2', '3']);
    const perDepartment = new Map<string, number>();
    for (const p of first.points) for (const t of p.created) perDepartment.set(t.department.code, (perDepartment.get(t.department.code) ?? 0) + 1);
    expect(Object.fromEntries(perDepartment)).toEqual(Object.fromEntries(previewPlanImport.tasksPerDepartment.map((t: any) => [t.department.code, t.count])));
    expect(first.createdCount).toBe([...perDepartment.values()].reduce((a, b) => a + b, 0));
    const { breakDownPlan: again } = await server.gqlOk<any>(BREAK, { id: plan.id });
    expect(again).toMatchObject({ createdCount: 0, existingCount: first.createdCount });

    const { plan: withVersion } = await server.gqlOk<any>(`query($id: ID!) { plan(id: $id) { version } }`, { id: plan.id });
    await server.gqlOk(`mutation($i: RetireInput!) { retirePlan(input: $i) { id } }`, { i: { id: plan.id, version: withVersion.version, reason: '测试停用' } });
    const refused = await server.gql(BREAK, { id: plan.id });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PLAN_RETIRED' });
  });

  it('the migration that added stored fingerprints computes those of the points stored before, as the entity does', async () => {
    const before = await server.sql(`select id, fingerprint from work_point order by id`);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((r: any) => /^[0-9a-f]{32}$/.test(r.fingerprint))).toBe(true);
    const migration = 'Migration20261201025636_work_point_fingerprint';
    await server.orm.migrator.down({ migrations: [migration] });
    await server.orm.migrator.up({ migrations: [migration] });
    expect(await server.sql(`select id, fingerprint from work_point order by id`)).toEqual(before);
  });

  it('a table without a recognisable header, or empty text, says so and stores nothing', async () => {
    const before = await counts();
    const noHeader = await server.gql(`query($i: ImportPlanInput!) { previewPlanImport(input: $i) { layout } }`, {
      i: { organizationId: orgId, text: '甲\t乙\t丙\n1\t2\t3\n4\t5\t6' },
    });
    expect(noHeader.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_WORK_POINTS_FOUND' });
    const blank = await server.gql(`mutation($i: ImportPlanInput!) { importPlan(input: $i) { id } }`, { i: { organizationId: orgId, text: '   ' } });
    expect(blank.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await counts()).toEqual(before);
  });
});

describe('a recurring time limit (每季度)', () => {
  const QUARTERLY = ['序号\t工作任务\t具体要求\t牵头单位\t完成时限', '1\t季度公开情况报送\t每季度报送政务公开工作进展\t办公室\t每季度'].join('\n');
  const TASK = `query($id: ID!) { task(id: $id) { id version dueDate } }`;
  const periods = async (taskId: string) =>
    server.sql(
      `select occasion, due_date::text as due, completed_on::text as done, title from deadline where kind = 'TASK' and subject_id = $1 order by occasion`,
      [taskId],
    );
  const report = async (taskId: string, status = 'IN_PROGRESS', progress = 30) => {
    const { task } = await server.gqlOk<any>(TASK, { id: taskId });
    await server.gqlOk(`mutation($i: UpdateTaskProgressInput!) { updateTaskProgress(input: $i) { id } }`, {
      i: { id: taskId, version: task.version, status, progress, note: '本季度已报送' },
    });
  };

  it('gives each quarter its own deadline, each met by a progress report; an edit of the limit reshapes them', async () => {
    const input = { organizationId: orgId, text: QUARTERLY, year: 2026, title: '季度报送' };
    const { previewPlanImport } = await server.gqlOk<any>(
      `query($i: ImportPlanInput!) { previewPlanImport(input: $i) { points { dueDate periodDueDates } } }`,
      {
        i: input,
      },
    );
    expect(previewPlanImport.points[0]).toEqual({ dueDate: '2026-03-31', periodDueDates: ['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31'] });
    const { importPlan: plan } = await server.gqlOk<any>(
      `mutation($i: ImportPlanInput!) { importPlan(input: $i) { id workPoints { id version periodDueDates } } }`,
      {
        i: input,
      },
    );
    expect(plan.workPoints[0].periodDueDates).toHaveLength(4);
    const { breakDownPlan } = await server.gqlOk<any>(`mutation($id: ID!) { breakDownPlan(id: $id) { points { created { id dueDate } } } }`, {
      id: plan.id,
    });
    const [task] = breakDownPlan.points[0].created;
    expect(task.dueDate).toBe('2026-03-31');
    const first = await periods(task.id);
    expect(first.map((d: any) => [d.occasion, d.due, d.done])).toEqual([
      ['2026-03-31', '2026-03-31', null],
      ['2026-06-30', '2026-06-30', null],
      ['2026-09-30', '2026-09-30', null],
      ['2026-12-31', '2026-12-31', null],
    ]);
    expect(first[1].title).toBe('1 季度公开情况报送（第2期/共4期，6月30日前）');

    // One report (made today, after every quarter of 2026 opened) meets the oldest quarter, late; the task is next due at the second.
    const [{ today }] = await server.sql(`select (now() at time zone 'Asia/Shanghai')::date::text as today`);
    await report(task.id);
    expect((await periods(task.id)).map((d: any) => d.done)).toEqual([today, null, null, null]);
    expect((await server.gqlOk<any>(TASK, { id: task.id })).task.dueDate).toBe('2026-06-30');

    // 每半年 instead: two periods, the report already made meets the first.
    await server.gqlOk(`mutation($i: UpdateWorkPointInput!) { updateWorkPoint(input: $i) { id } }`, {
      i: { id: plan.workPoints[0].id, version: plan.workPoints[0].version, timeLimit: '每半年' },
    });
    expect((await periods(task.id)).map((d: any) => [d.occasion, d.done])).toEqual([
      ['2026-06-30', today],
      ['2026-12-31', null],
    ]);
    // 已完成 closes what is left.
    await report(task.id, 'DONE', 100);
    expect((await periods(task.id)).map((d: any) => d.done)).toEqual([today, today]);
  });
});

describe('a plan document as a file', () => {
  const upload = async (body: Buffer, filename: string) => {
    const form = new FormData();
    form.append('file', new Blob([body]), filename);
    return fetch(`${server.url}/api/plans/document-text`, { method: 'POST', body: form, headers: { authorization: `Bearer ${server.adminToken}` } });
  };

  it('an .xlsx of the same table previews to the same points as the pasted text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('任务分工');
    for (const line of TABLE.split('\n')) sheet.addRow(line.split('\t'));
    const res = await upload(Buffer.from(await workbook.xlsx.writeBuffer()), '任务分工.xlsx');
    expect(res.status).toBe(200);
    const { text } = (await res.json()) as { text: string };
    const fromFile = await server.gqlOk<any>(PREVIEW, { i: { organizationId: orgId, text, year: 2027 } });
    const pasted = await server.gqlOk<any>(PREVIEW, { i: { organizationId: orgId, text: TABLE, year: 2027 } });
    const strip = (p: any) => p.previewPlanImport.points.map(({ source: _source, ...rest }: any) => rest);
    expect(strip(fromFile)).toEqual(strip(pasted));
  });

  it('a file that is not what its name claims, and one too large, are refused with what is wrong', async () => {
    const pdf = await upload(Buffer.from('%PDF-1.7 not a workbook'), '任务分工.xlsx');
    expect(pdf.status).toBe(400);
    const body = (await pdf.json()) as any;
    expect(body.errors[0].extensions.reason).toBe('INVALID_FILE');
    expect(body.errors[0].message).toContain('PDF');
    const big = await upload(Buffer.alloc(20 * 1024 * 1024, 0x41), '任务分工.docx');
    expect(big.status).toBe(413);
    const liaison = await server.gqlOk<any>(`mutation { login(username: "bgs.liaison", password: "Demo@2026") { accessToken } }`, {}, { token: null });
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('工作任务')]), 'a.txt');
    const refused = await fetch(`${server.url}/api/plans/document-text`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${liaison.login.accessToken}` },
    });
    expect(refused.status).toBe(403);
  });
});
