/**
 * The annual report (issue 14) against a real database: table 三 counted from the 依申请公开 register
 * equals a direct count of the register (random registers across three years), tables 二 and 四 from
 * their registers, every figure traceable to its entries, the workflow (errors block, 定稿 freezes,
 * 退回 with a reason, 公开 records the ledger entry and meets the deadline), the import of seeds 001 and
 * 003 reproducing their tables number for number in the stored report and its .docx, and a malformed
 * import refused with nothing stored.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocx } from '../../server/src/modules/annual-report/export/docx-read.js';
import { TABLE3_APPLICANT_COLUMNS, TABLE3_DATA_ROWS, TABLE3_RESULT_LEAVES } from '../../server/src/modules/annual-report/format.js';
import { DEMO_PASSWORD } from '../helpers/constants.js';
import { RequestOutcome } from '../../server/src/modules/requests/request-enums.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const SEEDS = path.resolve(import.meta.dirname, '../../seeds/reference');
const seed001 = fs.readFileSync(path.join(SEEDS, 'yuanjiang-cgzf-2023-annual-report.txt'), 'utf8');
const seed003 = fs.readFileSync(path.join(SEEDS, 'anpeng-2022-annual-report.txt'), 'utf8');

/** GraphQL names of the outcomes (the enum's keys), by their table-三 row id (its values). */
const OUTCOME_KEY: Record<string, string> = Object.fromEntries(Object.entries(RequestOutcome).map(([key, value]) => [value, key]));
const APPLICANT_TYPES = ['NATURAL_PERSON', 'COMMERCIAL_ENTERPRISE', 'RESEARCH_INSTITUTION', 'PUBLIC_WELFARE_ORG', 'LEGAL_SERVICE_ORG', 'OTHER_ORG'];
const TYPE_COLUMN: Record<string, string> = Object.fromEntries(APPLICANT_TYPES.map((t, i) => [t, TABLE3_APPLICANT_COLUMNS[i]!]));

let server: TestServer;
let orgId: string;
let officeId: string;
let unitId: string;
let portalChannelId: string;

const FIGURES = `figures { table row column value source note registerValue }`;

beforeAll(async () => {
  server = await startTestServer();
  const create = async (name: string, code: string, kind: string, parentId?: string) =>
    (await server.gqlOk<any>(`mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }`, { i: { name, code, kind, parentId } }))
      .createDepartment.id as string;
  orgId = await create('年报测试局', 'NB', 'ORGANIZATION');
  officeId = await create('年报测试局办公室', 'NB-BGS', 'OFFICE', orgId);
  unitId = await create('年报测试执法大队', 'NB-ZFDD', 'SUBORDINATE_UNIT', orgId);
  const { createChannel } = await server.gqlOk<any>(
    `mutation($d: ID!) { createChannel(input: { kind: PORTAL_COLUMN, name: "门户网站·年报", departmentId: $d, url: "https://nb.example.gov.cn/" }) { id } }`,
    { d: orgId },
  );
  portalChannelId = createChannel.id;
}, 60_000);
afterAll(() => server?.close());

interface Application {
  departmentId: string;
  applicantType: string;
  receivedOn: string;
  replied: { on: string; outcome: string } | null;
}

/** Random applications received 2024…2026, some answered in the year after, some still open. */
const applicationArb = fc
  .record({
    dept: fc.constantFrom('office', 'unit'),
    type: fc.constantFrom(...APPLICANT_TYPES),
    received: fc.date({ min: new Date('2024-01-02T00:00:00Z'), max: new Date('2026-10-30T00:00:00Z'), noInvalidDate: true }),
    answerAfterDays: fc.option(fc.integer({ min: 0, max: 60 }), { freq: 4 }),
    outcome: fc.constantFrom(...TABLE3_RESULT_LEAVES),
  })
  .map((a): Application => {
    const receivedOn = a.received.toISOString().slice(0, 10);
    const repliedDate = a.answerAfterDays == null ? null : new Date(a.received.getTime() + a.answerAfterDays * 86_400_000).toISOString().slice(0, 10);
    return {
      departmentId: a.dept,
      applicantType: a.type,
      receivedOn,
      replied: repliedDate && repliedDate <= '2026-11-20' ? { on: repliedDate, outcome: a.outcome } : null,
    };
  });

async function registerApplications(apps: Application[]): Promise<void> {
  for (const [i, a] of apps.entries()) {
    const { registerInformationRequest: r } = await server.gqlOk<any>(
      `mutation($i: RegisterInformationRequestInput!) { registerInformationRequest(input: $i) { id version } }`,
      {
        i: {
          departmentId: a.departmentId === 'office' ? officeId : unitId,
          applicantType: a.applicantType,
          applicantName: `申请人${i}`,
          channel: 'ONLINE',
          receivedOn: a.receivedOn,
          content: `年报测试申请${i}`,
        },
      },
    );
    if (a.replied) {
      await server.gqlOk(`mutation($i: ReplyToRequestInput!) { replyToInformationRequest(input: $i) { id } }`, {
        i: { id: r.id, version: r.version, on: a.replied.on, outcome: OUTCOME_KEY[a.replied.outcome] },
      });
    }
  }
}

/** Table 三 counted straight from the register's rows, in JS (an independent formulation of the rules). */
async function directTable3(year: number, organizationId = orgId): Promise<Map<string, number>> {
  const rows = await server.sql(
    `select r.applicant_type, r.received_on::text as received, r.replied_on::text as replied, r.outcome
       from information_request r join department d on d.id = r.department_id join department o on o.id = $1 where d.path like o.path || '%'`,
    [organizationId],
  );
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const counts = new Map<string, number>();
  const add = (row: string, column: string) => {
    for (const c of [column, 'total']) counts.set(`${row}.${c}`, (counts.get(`${row}.${c}`) ?? 0) + 1);
  };
  for (const r of rows) {
    const column = TYPE_COLUMN[r.applicant_type]!;
    if (r.received >= start && r.received <= end) add('newReceived', column);
    if (r.received < start && (!r.replied || r.replied >= start)) add('carriedOver', column);
    if (r.replied && r.replied >= start && r.replied <= end) {
      add(r.outcome, column);
      add('resultsTotal', column);
    }
    if (r.received <= end && (!r.replied || r.replied > end)) add('carriedForward', column);
  }
  return counts;
}

async function reportOf(year: number): Promise<any> {
  const { createAnnualReport } = await server.gqlOk<any>(
    `mutation($o: ID!, $y: Int!) { createAnnualReport(input: { organizationId: $o, year: $y }) { id version status dueDate ${FIGURES} findings { rule severity message cells { table row column } } } }`,
    { o: orgId, y: year },
  );
  return createAnnualReport;
}

const figure = (report: any, table: string, row: string, column: string): number =>
  report.figures.find((f: any) => f.table === table && f.row === row && f.column === column).value;

describe('table 三 from the 依申请公开 register', () => {
  it('equals a direct count of the register, for every cell, in each of three years', async () => {
    const apps = fc.sample(applicationArb, { numRuns: 45, seed: Number(process.env.FUZZ_SEED ?? 14) });
    await registerApplications(apps);
    for (const year of [2024, 2025]) {
      const report = await reportOf(year);
      const direct = await directTable3(year);
      for (const row of TABLE3_DATA_ROWS) {
        for (const column of [...TABLE3_APPLICANT_COLUMNS, 'total']) {
          expect(figure(report, 'table3', row, column), `${year} ${row}.${column}`).toBe(direct.get(`${row}.${column}`) ?? 0);
        }
      }
      // Counted from one register by one rule: no arithmetic error can appear.
      expect(report.findings.filter((f: any) => f.severity === 'ERROR' && f.rule.startsWith('T3'))).toEqual([]);
      expect(report.dueDate).toBe(`${year + 1}-01-31`);
    }
    // The carry chain holds between the two stored years.
    const { annualReports } = await server.gqlOk<any>(`query($o: ID!) { annualReports(organizationId: $o) { year ${FIGURES} findings { rule } } }`, {
      o: orgId,
    });
    const [y2025, y2024] = annualReports;
    expect(figure(y2025, 'table3', 'carriedOver', 'total')).toBe(figure(y2024, 'table3', 'carriedForward', 'total'));
    expect(y2025.findings.map((f: any) => f.rule)).not.toContain('T3-CARRY-CHAIN');
  });

  it('lists the applications behind a figure, as many as it counts', async () => {
    const { annualReports } = await server.gqlOk<any>(`query($o: ID!) { annualReports(organizationId: $o) { id year ${FIGURES} } }`, { o: orgId });
    const report = annualReports.find((r: any) => r.year === 2025);
    for (const [row, column] of [
      ['newReceived', 'total'],
      ['carriedOver', 'naturalPerson'],
      ['resultsTotal', 'total'],
      ['carriedForward', 'total'],
    ] as const) {
      const { annualReportCellEntries: e } = await server.gqlOk<any>(
        `query($id: ID!, $r: String!, $c: String!) { annualReportCellEntries(reportId: $id, table: "table3", row: $r, column: $c, first: 500) { totalCount entries { kind id title date } } }`,
        { id: report.id, r: row, c: column },
      );
      expect(e.totalCount, `${row}.${column}`).toBe(figure(report, 'table3', row, column));
      expect(e.entries).toHaveLength(Math.min(e.totalCount, 500));
      for (const entry of e.entries) expect(entry.kind).toBe('APPLICATION');
    }
  });
});

describe('tables 二 and 四 from their registers', () => {
  it('counts cases, documents, penalty decisions and entered yearly figures', async () => {
    const reg = async (kind: string, receivedOn: string, concluded?: { on: string; outcome: string }) => {
      const { registerLegalCase: c } = await server.gqlOk<any>(`mutation($i: RegisterLegalCaseInput!) { registerLegalCase(input: $i) { id version } }`, {
        i: { departmentId: officeId, kind, subject: `不服答复${receivedOn}`, receivedOn },
      });
      if (concluded) {
        await server.gqlOk(`mutation($i: ConcludeLegalCaseInput!) { concludeLegalCase(input: $i) { id } }`, {
          i: { id: c.id, version: c.version, concludedOn: concluded.on, outcome: concluded.outcome },
        });
      }
    };
    await reg('REVIEW', '2023-03-01', { on: '2023-05-01', outcome: 'MAINTAINED' });
    await reg('REVIEW', '2023-04-01', { on: '2023-06-01', outcome: 'CORRECTED' });
    await reg('REVIEW', '2023-11-20', { on: '2024-02-01', outcome: 'MAINTAINED' }); // concluded after 31 Dec: 尚未审结 in 2023
    await reg('LITIGATION_DIRECT', '2023-06-01', { on: '2023-09-01', outcome: 'OTHER' });
    await reg('LITIGATION_AFTER_REVIEW', '2023-07-01');
    await reg('REVIEW', '2024-01-05'); // another year

    const doc = async (number: string, issuedOn: string, repealedOn?: string, kind = 'NORMATIVE_DOCUMENT') => {
      const { registerNormativeDocument: d } = await server.gqlOk<any>(
        `mutation($i: RegisterNormativeDocumentInput!) { registerNormativeDocument(input: $i) { id version } }`,
        { i: { departmentId: orgId, kind, documentNumber: number, title: `文件${number}`, issuedOn } },
      );
      if (repealedOn) {
        await server.gqlOk(`mutation($i: RepealNormativeDocumentInput!) { repealNormativeDocument(input: $i) { id } }`, {
          i: { id: d.id, version: d.version, repealedOn, repealNote: '清理' },
        });
      }
    };
    await doc('NB〔2021〕1号', '2021-03-01');
    await doc('NB〔2022〕2号', '2022-03-01', '2023-08-01');
    await doc('NB〔2023〕3号', '2023-02-01');
    await doc('NB〔2023〕4号', '2023-05-01', '2023-12-31');
    await doc('NB〔2024〕5号', '2024-01-10');
    for (const on of ['2023-01-09', '2023-06-30', '2023-12-31', '2024-01-01']) {
      await server.gqlOk(
        `mutation($d: ID!, $on: LocalDate!) { registerDuty(input: { kind: PENALTY, departmentId: $d, title: "处罚", eventOn: $on }) { id } }`,
        {
          d: unitId,
          on,
        },
      );
    }
    await server.gqlOk(
      `mutation($o: ID!) { setAnnualStatistic(input: { organizationId: $o, year: 2023, item: ADMINISTRATIVE_FEES, value: 31.42, source: "财务系统" }) { id } }`,
      { o: orgId },
    );
    await server.gqlOk(
      `mutation($o: ID!) { setAnnualStatistic(input: { organizationId: $o, year: 2023, item: ADMINISTRATIVE_LICENSING, value: 98, source: "审批系统导出" }) { id } }`,
      { o: orgId },
    );

    const report = await reportOf(2023);
    const t4 = (c: string) => figure(report, 'table4', 'count', c);
    expect([t4('review_maintained'), t4('review_corrected'), t4('review_other'), t4('review_pending'), t4('review_total')]).toEqual([1, 1, 0, 1, 3]);
    expect([t4('litDirect_other'), t4('litDirect_total'), t4('litAfterReview_pending'), t4('litAfterReview_total')]).toEqual([1, 1, 1, 1]);
    const t2 = (r: string, c: string) => figure(report, 'table2', r, c);
    expect([t2('normativeDocuments', 'madeThisYear'), t2('normativeDocuments', 'repealedThisYear'), t2('normativeDocuments', 'currentlyValid')]).toEqual([
      2, 2, 2,
    ]);
    expect(t2('administrativePenalty', 'decisionsThisYear')).toBe(3);
    expect(t2('administrativeFees', 'feeAmount')).toBe(31.42);
    expect(t2('administrativeLicensing', 'decisionsThisYear')).toBe(98);
    const licensing = report.figures.find((f: any) => f.row === 'administrativeLicensing');
    expect(licensing).toMatchObject({ source: 'STATISTIC', note: '审批系统导出' });
    // 行政强制 has neither register nor entry: 0, with a warning that says so.
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        rule: 'T2-NOT-ENTERED',
        severity: 'WARNING',
        cells: [{ table: 'table2', row: 'administrativeCoercion', column: 'decisionsThisYear' }],
      }),
    );
    expect(report.findings.filter((f: any) => f.severity === 'ERROR')).toEqual([]);
  });
});

describe('workflow', () => {
  const STEP = (name: string, extra = '') =>
    `mutation($id: ID!, $v: Int!) { ${name}(input: { id: $id, version: $v${extra} }) { id version status ${FIGURES} publication { id indexNumber } deadline { state completedOn } } }`;

  it('errors block review; 定稿 freezes the figures; editing needs 退回 with a reason; 公开 records the ledger entry and meets the deadline', async () => {
    const { annualReports } = await server.gqlOk<any>(`query($o: ID!) { annualReports(organizationId: $o) { id year version } }`, { o: orgId });
    let report = annualReports.find((r: any) => r.year === 2025);

    // A figure entered that breaks 一 + 二 = 三 + 四: the checks name the cell, and review is refused.
    const newTotal = 1000;
    const { setAnnualReportCells: broken } = await server.gqlOk<any>(
      `mutation($id: ID!, $v: Int!, $n: Float!) { setAnnualReportCells(input: { id: $id, version: $v, reason: "测试", cells: [{ table: "table3", row: "newReceived", column: "total", value: $n }] }) { id version findings { rule severity cells { table row column } } } }`,
      { id: report.id, v: report.version, n: newTotal },
    );
    const identity = broken.findings.find((f: any) => f.rule === 'T3-IDENTITY');
    expect(identity?.severity).toBe('ERROR');
    expect(identity.cells).toContainEqual({ table: 'table3', row: 'newReceived', column: 'total' });
    const refused = await server.gql(STEP('submitAnnualReportForReview'), { id: report.id, v: broken.version });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ANNUAL_REPORT_HAS_ERRORS' });

    const { setAnnualReportCells: fixed } = await server.gqlOk<any>(
      `mutation($id: ID!, $v: Int!) { setAnnualReportCells(input: { id: $id, version: $v, reason: "撤销", cells: [{ table: "table3", row: "newReceived", column: "total", value: null }] }) { id version } }`,
      { id: report.id, v: broken.version },
    );
    report = (await server.gqlOk<any>(STEP('submitAnnualReportForReview'), { id: report.id, v: fixed.version })).submitAnnualReportForReview;
    expect(report.status).toBe('IN_REVIEW');
    report = (await server.gqlOk<any>(STEP('approveAnnualReport'), { id: report.id, v: report.version })).approveAnnualReport;
    expect(report.status).toBe('FINALIZED');
    const frozen = figure(report, 'table3', 'newReceived', 'total');

    // A late registration does not move an approved report …
    await registerApplications([{ departmentId: 'office', applicantType: 'NATURAL_PERSON', receivedOn: '2025-06-02', replied: null }]);
    const { annualReport: after } = await server.gqlOk<any>(`query($id: ID!) { annualReport(id: $id) { version ${FIGURES} } }`, { id: report.id });
    expect(figure(after, 'table3', 'newReceived', 'total')).toBe(frozen);
    // … and the text cannot be edited until it is returned, with a reason.
    const locked = await server.gql(`mutation($id: ID!, $v: Int!) { updateAnnualReportText(input: { id: $id, version: $v, problems: "改" }) { id } }`, {
      id: report.id,
      v: after.version,
    });
    expect(locked.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ANNUAL_REPORT_LOCKED' });
    const noReason = await server.gql(`mutation($id: ID!, $v: Int!) { returnAnnualReport(input: { id: $id, version: $v, reason: "  " }) { id } }`, {
      id: report.id,
      v: after.version,
    });
    expect(noReason.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    report = (await server.gqlOk<any>(STEP('returnAnnualReport', ', reason: "补登一件申请"'), { id: report.id, v: after.version })).returnAnnualReport;
    expect(report.status).toBe('DRAFT');
    expect(figure(report, 'table3', 'newReceived', 'total')).toBe(frozen + 1);

    report = (await server.gqlOk<any>(STEP('submitAnnualReportForReview'), { id: report.id, v: report.version })).submitAnnualReportForReview;
    report = (await server.gqlOk<any>(STEP('approveAnnualReport'), { id: report.id, v: report.version })).approveAnnualReport;
    const early = await server.gql(STEP('submitAnnualReport', ', submittedOn: "2025-12-30"'), { id: report.id, v: report.version });
    expect(early.errors?.[0]?.extensions?.reason).toBe('SUBMITTED_BEFORE_YEAR_END');
    report = (await server.gqlOk<any>(STEP('submitAnnualReport', ', submittedOn: "2026-01-20"'), { id: report.id, v: report.version })).submitAnnualReport;
    expect(report.status).toBe('SUBMITTED');
    const { publishAnnualReport: published } = await server.gqlOk<any>(
      `mutation($id: ID!, $v: Int!, $c: ID!) { publishAnnualReport(input: { id: $id, version: $v, publishedOn: "2026-01-25", channelId: $c, url: "https://nb.example.gov.cn/nb/2025.html" }) { status publishedOn publication { id indexNumber title } deadline { state completedOn dueDate } history { from to actor reason } } }`,
      { id: report.id, v: report.version, c: portalChannelId },
    );
    expect(published.status).toBe('PUBLISHED');
    expect(published.publication.title).toBe('年报测试局2025年政府信息公开工作年度报告');
    expect(published.publication.indexNumber).toBeTruthy();
    const [{ category }] = await server.sql(`select c.name as category from publication p join category c on c.id = p.category_id where p.id = $1`, [
      published.publication.id,
    ]);
    expect(category).toBe('年报');
    expect(published.deadline).toMatchObject({ state: 'DONE', completedOn: '2026-01-25', dueDate: '2026-01-31' });
    expect(published.history.map((h: any) => h.to)).toEqual(['DRAFT', 'IN_REVIEW', 'FINALIZED', 'DRAFT', 'IN_REVIEW', 'FINALIZED', 'SUBMITTED', 'PUBLISHED']);
    expect(published.history[3]).toMatchObject({ from: 'FINALIZED', reason: '补登一件申请' });
  });

  it('an open report is a deadline on the overdue lists, due 31 January', async () => {
    const { annualReports } = await server.gqlOk<any>(`query($o: ID!) { annualReports(organizationId: $o) { year deadline { kind dueDate state } } }`, {
      o: orgId,
    });
    const r2024 = annualReports.find((r: any) => r.year === 2024);
    expect(r2024.deadline).toMatchObject({ kind: 'ANNUAL_REPORT', dueDate: '2025-01-31' });
    expect(['OVERDUE', 'LONG_OVERDUE']).toContain(r2024.deadline.state);
    const { overdueItems } = await server.gqlOk<any>(`query($d: ID!) { overdueItems(filter: { departmentId: $d }) { kind title } }`, { d: orgId });
    expect(overdueItems).toContainEqual(expect.objectContaining({ kind: 'ANNUAL_REPORT', title: '2024年政府信息公开工作年度报告' }));
  });
});

describe('published reports: check, import, export', () => {
  it('checkAnnualReportText reads seed 001 as it is (traditional characters, pinyin) and names the table-四 sums that fail', async () => {
    const { checkAnnualReportText: r } = await server.gqlOk<any>(
      `query($t: String!) { checkAnnualReportText(text: $t) { year organizationName cells { table row column value } findings { rule severity cells { table row column } } unreadable } }`,
      { t: seed001 },
    );
    expect(r.year).toBe(2023);
    expect(r.cells).toHaveLength(10 + 175 + 15);
    expect(r.cells).toContainEqual({ table: 'table2', row: 'administrativePenalty', column: 'decisionsThisYear', value: 38665 });
    expect(r.unreadable).toEqual([]);
    const t4 = r.findings.filter((f: any) => f.rule === 'T4-GROUP-SUM');
    expect(t4.length).toBeGreaterThan(0);
    expect(t4[0].severity).toBe('ERROR');
  });

  it.each([
    ['001', seed001, 2023],
    ['003', seed003, 2022],
  ])('importing seed %s reproduces its tables number for number, in the stored report and in its .docx', async (_name, text, year) => {
    const { checkAnnualReportText: reading } = await server.gqlOk<any>(
      `query($t: String!) { checkAnnualReportText(text: $t) { cells { table row column value } } }`,
      {
        t: text,
      },
    );
    const { createDepartment } = await server.gqlOk<any>(`mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }`, {
      i: { name: `导入测试单位${year}`, code: `IMPORT-${year}`, kind: 'ORGANIZATION' },
    });
    const { importAnnualReport: report } = await server.gqlOk<any>(
      `mutation($o: ID!, $t: String!) { importAnnualReport(input: { organizationId: $o, text: $t }) { id year status overview problems enteredCellCount ${FIGURES} } }`,
      { o: createDepartment.id, t: text },
    );
    expect(report.year).toBe(year);
    expect(report.enteredCellCount).toBe(reading.cells.length);
    for (const cell of reading.cells) {
      expect(figure(report, cell.table, cell.row, cell.column), `${cell.table}.${cell.row}.${cell.column}`).toBe(cell.value);
    }
    expect(report.problems.length).toBeGreaterThan(20);

    const res = await fetch(`${server.url}/api/annual-reports/${report.id}/report.docx`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    expect(res.status).toBe(200);
    const docx = readDocx(Buffer.from(await res.arrayBuffer()));
    const cellsText = docx.tables.flatMap((t) => t.rows.flat()).join('|');
    // Every non-zero figure of the report is printed in a table cell.
    for (const cell of reading.cells.filter((c: any) => c.value !== 0)) expect(cellsText, `${cell.row}.${cell.column}`).toContain(String(cell.value));
    expect(docx.paragraphs.some((p) => p.includes('五、存在的主要问题及改进情况'))).toBe(true);
  });

  it('a report in Word (.docx) reads back into the same figures: export, upload as text, import', async () => {
    const [{ id }] = await server.sql(`select id::text from annual_report where organization_id = $1 and year = 2023`, [orgId]);
    const { annualReport: original } = await server.gqlOk<any>(`query($id: ID!) { annualReport(id: $id) { ${FIGURES} } }`, { id });
    const docx = await fetch(`${server.url}/api/annual-reports/${id}/report.docx`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    const upload = new FormData();
    upload.append('file', new Blob([await docx.arrayBuffer()]), 'report.docx');
    const res = await fetch(`${server.url}/api/annual-reports/docx-text`, {
      method: 'POST',
      body: upload,
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    expect(res.status).toBe(200);
    const { text } = (await res.json()) as { text: string };
    const { createDepartment } = await server.gqlOk<any>(
      `mutation { createDepartment(input: { name: "Word导入单位", code: "DOCX-IMPORT", kind: ORGANIZATION }) { id } }`,
    );
    const { importAnnualReport: imported } = await server.gqlOk<any>(
      `mutation($o: ID!, $t: String!) { importAnnualReport(input: { organizationId: $o, text: $t }) { year enteredCellCount ${FIGURES} } }`,
      { o: createDepartment.id, t: text },
    );
    expect(imported.year).toBe(2023);
    expect(imported.enteredCellCount).toBe(200);
    for (const f of original.figures) expect(figure(imported, f.table, f.row, f.column), `${f.table}.${f.row}.${f.column}`).toBe(f.value);

    const notDocx = await fetch(`${server.url}/api/annual-reports/docx-text`, {
      method: 'POST',
      body: 'not a zip',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/octet-stream' },
    });
    expect(notDocx.status).toBe(400);
  });

  it('a malformed import says what it could not read and stores nothing', async () => {
    const before = await server.sql(`select count(*)::int as n from annual_report`);
    const garbage = await server.gql(
      `mutation($o: ID!) { importAnnualReport(input: { organizationId: $o, year: 2020, text: "这不是一份年报\\n只有几行字" }) { id } }`,
      {
        o: orgId,
      },
    );
    expect(garbage.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REPORT_UNREADABLE' });
    // One figure of table 三 that is not a number: the import names it and stores nothing.
    const row = '1 |\n1 |\n0 |\n0 |\n0 |\n0 |\n2 |';
    expect(seed001).toContain(row);
    const cut = await server.gql(`mutation($o: ID!, $t: String!) { importAnnualReport(input: { organizationId: $o, year: 2019, text: $t }) { id } }`, {
      o: orgId,
      t: seed001.replace(row, '1 |\n1 |\n0 |\n零点五 |\n0 |\n0 |\n2 |'),
    });
    expect(cut.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REPORT_UNREADABLE' });
    expect(cut.errors?.[0]?.message).toMatch(/第\d+行|行|列/);
    expect(await server.sql(`select count(*)::int as n from annual_report`)).toEqual(before);
  });

  it('exports are read like the report: a liaison is refused', async () => {
    const { annualReports } = await server.gqlOk<any>(`query($o: ID!) { annualReports(organizationId: $o) { id } }`, { o: orgId });
    const { login } = await server.gqlOk<any>(
      `mutation($p: String!) { login(username: "bgs.liaison", password: $p) { accessToken } }`,
      { p: DEMO_PASSWORD },
      { token: null },
    );
    const res = await fetch(`${server.url}/api/annual-reports/${annualReports[0].id}/tables.xlsx`, {
      headers: { authorization: `Bearer ${login.accessToken}` },
    });
    expect(res.status).toBe(403);
    const ok = await fetch(`${server.url}/api/annual-reports/${annualReports[0].id}/tables.xlsx`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('spreadsheetml');
  });
});

describe('the demo organisation', () => {
  it("last year's report comes from its registers (table 三 = a direct count), is on time, and its .docx reads back with every value", async () => {
    const [{ id: pds }] = await server.sql(`select id::text from department where code = 'PDS'`);
    const year = Number((await server.sql(`select to_char(now() at time zone 'Asia/Shanghai', 'YYYY') as y`))[0].y) - 1;
    const { annualReports } = await server.gqlOk<any>(
      `query($o: ID!) { annualReports(organizationId: $o) { id year status ${FIGURES} findings { rule severity message } deadline { state } } }`,
      { o: pds },
    );
    const report = annualReports.find((r: any) => r.year === year);
    expect(['FINALIZED', 'PUBLISHED']).toContain(report.status);
    expect(['DONE', 'ON_TRACK', 'DUE_SOON']).toContain(report.deadline.state);
    expect(report.findings.filter((f: any) => f.severity === 'ERROR')).toEqual([]);
    const direct = await directTable3(year, pds);
    expect(direct.get('newReceived.total') ?? 0).toBeGreaterThan(5);
    for (const row of TABLE3_DATA_ROWS) {
      for (const column of [...TABLE3_APPLICANT_COLUMNS, 'total'])
        expect(figure(report, 'table3', row, column), `${row}.${column}`).toBe(direct.get(`${row}.${column}`) ?? 0);
    }
    expect(annualReports.find((r: any) => r.year === year + 1)?.status).toBe('DRAFT');

    const res = await fetch(`${server.url}/api/annual-reports/${report.id}/report.docx`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    const docx = readDocx(Buffer.from(await res.arrayBuffer()));
    const [t2, t3, t4] = docx.tables;
    // Table 三: each data row's seven figures under its label, in column order.
    const t3Rows = t3!.rows.map((r) => r.filter((c) => c !== ''));
    for (const row of TABLE3_DATA_ROWS) {
      const expected = [...TABLE3_APPLICANT_COLUMNS, 'total'].map((c) => String(figure(report, 'table3', row, c)));
      expect(
        t3Rows.some((r) => r.slice(-7).join(',') === expected.join(',')),
        row,
      ).toBe(true);
    }
    expect(t4!.rows.at(-1)!.filter((c) => c !== '')).toEqual(
      ['review', 'litDirect', 'litAfterReview'].flatMap((g) =>
        ['maintained', 'corrected', 'other', 'pending', 'total'].map((o) => String(figure(report, 'table4', 'count', `${g}_${o}`))),
      ),
    );
    expect(t2!.rows.flat()).toContain(String(figure(report, 'table2', 'administrativeLicensing', 'decisionsThisYear')));
  });
});

describe("this year's draft", () => {
  it('keeps its narrative equal to the ledger: a new publication moves the total and its category together (live fields)', async () => {
    const [{ id: pds }] = await server.sql(`select id::text from department where code = 'PDS'`);
    const year = Number((await server.sql(`select to_char(now() at time zone 'Asia/Shanghai', 'YYYY') as y`))[0].y);
    const read = async () =>
      (
        await server.gqlOk<any>(
          `query($o: ID!) { annualReports(organizationId: $o) { year text { overview } findings { rule severity } liveFields { name value } } }`,
          { o: pds },
        )
      ).annualReports.find((r: any) => r.year === year);
    const before = await read();
    expect(before.findings.filter((f: any) => f.severity === 'ERROR')).toEqual([]);
    const total = before.liveFields.find((f: any) => f.name === '主动公开信息数').value;
    const news = before.liveFields.find((f: any) => f.name === '分类·工作动态').value;
    expect(before.text.overview).toContain(`全年主动公开政府信息${total}条`);
    expect(before.text.overview).toContain(`工作动态${news}条`);

    const [{ category }] = await server.sql(`select id::text as category from category where name = '工作动态'`);
    const [{ office, channel }] = await server.sql(
      `select d.id::text as office, c.id::text as channel from department d join channel c on c.department_id = $1 and c.kind = 'PORTAL_COLUMN' where d.code = 'PDS-BGS' limit 1`,
      [pds],
    );
    const today = (await server.sql(`select to_char(now() at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as d`))[0].d;
    await server.gqlOk(`mutation($i: RecordPublicationInput!) { recordPublication(input: $i) { id } }`, {
      i: {
        departmentId: office,
        title: '年报草稿测试信息',
        categoryId: category,
        channelId: channel,
        publishedOn: today,
        url: 'https://pds.zwgk.example/test/draft-live.html',
      },
    });
    const after = await read();
    expect(after.text.overview).toContain(`全年主动公开政府信息${total + 1}条`);
    expect(after.text.overview).toContain(`工作动态${news + 1}条`);
    expect(after.findings.filter((f: any) => f.rule === 'TEXT-BREAKDOWN-SUM')).toEqual([]);
  });
});
