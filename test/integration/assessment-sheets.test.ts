/**
 * Issue 17: the score sheet's life (自评 → 复核 → 定稿, 退回, 重新打开) on the demo bureau's set, who may do what, the
 * audit trail, bad input refused with its code and nothing written, the 自查报告 (.docx) read back with its evidence
 * links, and the live ranking moving when one publication is recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocx } from '../../server/src/modules/annual-report/export/docx-read.js';
import { readDocxHyperlinks } from '../../server/src/modules/assessment/export/docx-links.js';
import { DEMO_PASSWORD } from '../helpers/constants.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { connect, subscribe } from '../helpers/ws-client.js';

let server: TestServer;
let dept: Record<string, string>;
let zfzdHead: string;
let zfzd1Liaison: string;
let bgsHead: string;
const YEAR = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4);

const ENTRY = `mutation($i: SetAssessmentEntryInput!) { setAssessmentEntry(input: $i) { id side points reason evidence { title url } } }`;
const SHEET = `query($i: AssessmentSheetRef!) { assessmentSheet(input: $i) {
  state version returnedReason reportUrl findings { code text written }
  score { total selfTotal differences rank frozen items { code points selfPoints differs pending basis } }
  entries { itemCode side points reason } } }`;
const STEP = (name: string) => `mutation($i: AssessmentSheetStepInput!) { ${name}(input: $i) { state returnedReason score { total frozen } } }`;
const SCORES = `query($o: ID!, $p: String!) { assessmentScores(organizationId: $o, period: $p) { department { id } total rank items { code points } } }`;

const ref = () => ({ organizationId: dept['PDS']!, period: YEAR, departmentId: dept['PDS-ZFZD']! });
const code = (e: any) => e?.errors?.[0]?.extensions;
const counts = async () =>
  (
    await server.sql(
      `select (select count(*) from assessment_entry)::int as entries, (select count(*) from assessment_set)::int as sets, (select coalesce(sum(version), 0) from assessment_sheet)::int as sheets`,
    )
  )[0];

beforeAll(async () => {
  // Links in the 自查报告 are absolute with the dashboard's public address.
  server = await startTestServer({ env: { PUBLIC_URL: 'https://zwgk.example.gov.cn' } });
  const { departments } = await server.gqlOk<any>(`{ departments { id code } }`);
  dept = Object.fromEntries(departments.map((d: any) => [d.code, d.id]));
  [zfzdHead, zfzd1Liaison, bgsHead] = await Promise.all([
    server.login('zfzd.head', DEMO_PASSWORD),
    server.login('zfzd1.liaison', DEMO_PASSWORD),
    server.login('bgs.head', DEMO_PASSWORD),
  ]);
}, 60_000);
afterAll(async () => {
  await server?.close();
});

describe('bad input', () => {
  it('is refused with a code a person can act on, and nothing is written', async () => {
    const before = await counts();
    const item = { code: '1', group: '主动公开', title: '机构信息', maxPoints: 4, rule: 'MANUAL' };
    const save = (items: unknown[], period = '2031') =>
      server.gql(`mutation($i: SaveAssessmentSetInput!) { saveAssessmentSet(input: $i) { id } }`, {
        i: { organizationId: dept['PDS'], period, title: '测试', items },
      });
    expect(code(await save([item, { ...item, title: '重复' }]))).toMatchObject({ reason: 'INVALID_ASSESSMENT_SET', field: 'items.1.code' });
    expect(code(await save([item, { ...item, code: '2', rule: 'VETO', maxPoints: 0, vetoes: ['9'] }]))).toMatchObject({ field: 'items.1.vetoes' });
    expect(code(await save([{ ...item, rule: 'VETO', maxPoints: 2, vetoes: ['1'] }]))).toMatchObject({ field: 'items.0.maxPoints' });
    expect(code(await save([{ ...item, rule: 'PUBLICATION_QUOTA' }]))).toMatchObject({ field: 'items.0.perQuarter' });
    expect(code(await save([{ ...item, rule: 'DEADLINES_ON_TIME', deadlineKinds: ['APPLICATION'], scoring: 'PER_LATE' }]))).toMatchObject({
      field: 'items.0.deduction',
    });
    expect(code(await save([item], '2031-Q1'))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(code(await save([{ ...item, maxPoints: -1 }]))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(code(await server.gql(SCORES, { o: dept['PDS'], p: '2026-Q3' }))).toMatchObject({ reason: 'INVALID_PERIOD' });
    expect(code(await server.gql(SCORES, { o: dept['PDS-BGS'], p: YEAR }))).toMatchObject({ reason: 'NOT_AN_ORGANIZATION' });
    const noSet = await server.gql(SCORES, { o: dept['PDS'], p: '2030' });
    expect(code(noSet)).toMatchObject({ reason: 'NO_ASSESSMENT_SET' });
    expect(noSet.errors?.[0]?.message).toContain('尚未设置2030年的考核指标体系');
    // An entry: unknown item, points over the item's maximum, an evidence link that is not a web address, a unit that is not the bureau's.
    const entry = (i: Record<string, unknown>) => server.gql(ENTRY, { i: { ...ref(), side: 'SELF', ...i } }, { token: zfzdHead });
    expect(code(await entry({ itemCode: '99', points: 1 }))).toMatchObject({ reason: 'UNKNOWN_ITEM' });
    expect(code(await entry({ itemCode: '1', points: 4.5 }))).toMatchObject({ reason: 'POINTS_OUT_OF_RANGE' });
    expect(code(await entry({ itemCode: '1' }))).toMatchObject({ reason: 'POINTS_REQUIRED' });
    expect(code(await entry({ itemCode: '1', points: 4, evidence: [{ title: '截图', url: 'javascript:alert(1)' }] }))).toMatchObject({
      reason: 'INVALID_EVIDENCE_URL',
      field: 'evidence.0.url',
    });
    expect(code(await entry({ itemCode: '20', occurrences: [{ label: '乱码', count: 1 }] }))).toMatchObject({ reason: 'UNKNOWN_OCCURRENCE' });
    expect(code(await entry({ itemCode: '21' }))).toMatchObject({ reason: 'VETO_REQUIRED' });
    expect(code(await server.gql(ENTRY, { i: { ...ref(), departmentId: dept['PDS-ZFZD-1'], side: 'SELF', itemCode: '1', points: 1 } }))).toMatchObject({
      reason: 'NOT_AN_ASSESSED_UNIT',
    });
    expect(await counts()).toEqual(before);
  });
});

describe('a score sheet', () => {
  it('自评 by the unit, 复核 by the office with differences shown, 退回, 定稿 frozen, 重新打开 — each step audited', async () => {
    // A liaison of a sub-department does not write the unit's sheet; another unit's head neither.
    expect(code(await server.gql(ENTRY, { i: { ...ref(), side: 'SELF', itemCode: '1', points: 4 } }, { token: zfzd1Liaison }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(code(await server.gql(ENTRY, { i: { ...ref(), side: 'SELF', itemCode: '1', points: 4 } }, { token: bgsHead }))).toMatchObject({ code: 'FORBIDDEN' });
    // Nor may the unit score as the office.
    expect(code(await server.gql(ENTRY, { i: { ...ref(), side: 'REVIEW', itemCode: '1', points: 4, reason: '自己复核' } }, { token: zfzdHead }))).toMatchObject(
      {
        code: 'FORBIDDEN',
      },
    );

    await server.gqlOk(
      ENTRY,
      {
        i: {
          ...ref(),
          side: 'SELF',
          itemCode: '1',
          points: 4,
          reason: '已公开',
          evidence: [{ title: '机构职能栏目', url: 'https://cg.example.gov.cn/jgzn/' }],
        },
      },
      { token: zfzdHead },
    );
    await server.gqlOk(
      `mutation($i: SetAssessmentFindingInput!) { setAssessmentFinding(input: $i) }`,
      { i: { ...ref(), itemCode: '1', finding: '已在“机构职能”栏目公开，随调整更新。' } },
      { token: zfzdHead },
    );
    const submitted = await server.gqlOk<any>(STEP('submitAssessmentSheet'), { i: ref() }, { token: zfzdHead });
    expect(submitted.submitAssessmentSheet.state).toBe('REVIEWING');
    // Submitted: the unit's 自评 is closed.
    expect(code(await server.gql(ENTRY, { i: { ...ref(), side: 'SELF', itemCode: '2', points: 4 } }, { token: zfzdHead }))).toMatchObject({
      reason: 'ASSESSMENT_SHEET_STEP',
    });

    // The office scores item 1 lower: the difference is shown.
    await server.gqlOk(ENTRY, { i: { ...ref(), side: 'REVIEW', itemCode: '1', points: 2, reason: '负责人信息未更新' } });
    let { assessmentSheet: sheet } = await server.gqlOk<any>(SHEET, { i: ref() });
    const one = sheet.score.items.find((i: any) => i.code === '1');
    expect(one).toMatchObject({ points: 2, selfPoints: 4, differs: true, pending: false });
    expect(sheet.score.differences).toBe(1);
    expect(sheet.score.selfTotal - sheet.score.total).toBeCloseTo(2, 5);
    expect(sheet.findings.find((f: any) => f.code === '1')).toMatchObject({ written: true, text: '已在“机构职能”栏目公开，随调整更新。' });
    expect(sheet.findings.find((f: any) => f.code === '16')).toMatchObject({ written: false });

    expect(code(await server.gql(STEP('returnAssessmentSheet'), { i: ref() }))).toMatchObject({ reason: 'REASON_REQUIRED' });
    const returned = await server.gqlOk<any>(STEP('returnAssessmentSheet'), { i: { ...ref(), reason: '请补充佐证材料' } });
    expect(returned.returnAssessmentSheet).toMatchObject({ state: 'SELF_ASSESSING', returnedReason: '请补充佐证材料' });
    await server.gqlOk(STEP('submitAssessmentSheet'), { i: ref() }, { token: zfzdHead });

    const final = await server.gqlOk<any>(STEP('finalizeAssessmentSheet'), { i: ref() });
    expect(final.finalizeAssessmentSheet).toMatchObject({ state: 'FINAL', score: { frozen: true } });
    expect(code(await server.gql(ENTRY, { i: { ...ref(), side: 'REVIEW', itemCode: '2', points: 3, reason: '补扣' } }))).toMatchObject({
      reason: 'ASSESSMENT_SHEET_STEP',
    });
    // A set with a final sheet is not replaced.
    const { assessmentSet: set } = await server.gqlOk<any>(
      `query($o: ID!, $p: String!) { assessmentSet(organizationId: $o, period: $p) { id version title items { code group title maxPoints rule } } }`,
      { o: dept['PDS'], p: YEAR },
    );
    const replace = await server.gql(`mutation($i: SaveAssessmentSetInput!) { saveAssessmentSet(input: $i) { id } }`, {
      i: { organizationId: dept['PDS'], period: YEAR, title: set.title, items: set.items.filter((i: any) => i.rule === 'MANUAL'), version: set.version },
    });
    expect(code(replace)).toMatchObject({ code: 'CONFLICT', reason: 'ASSESSMENT_SET_IN_USE' });

    await server.gqlOk(STEP('reopenAssessmentSheet'), { i: { ...ref(), reason: '数据更正' } });
    ({ assessmentSheet: sheet } = await server.gqlOk<any>(SHEET, { i: ref() }));
    expect(sheet).toMatchObject({ state: 'REVIEWING', returnedReason: '数据更正', score: { frozen: false } });

    // The trail: who did each step, with the values.
    const trail = await server.sql(
      `select operation, target_type, actor_name, changes from audit_entry where target_type in ('AssessmentEntry', 'AssessmentSheet') order by id`,
    );
    const ops = trail.map((t: any) => t.operation);
    for (const op of [
      'setAssessmentEntry',
      'setAssessmentFinding',
      'submitAssessmentSheet',
      'returnAssessmentSheet',
      'finalizeAssessmentSheet',
      'reopenAssessmentSheet',
    ])
      expect(ops, op).toContain(op);
    const review = trail.find((t: any) => t.target_type === 'AssessmentEntry' && t.changes.side?.after === 'REVIEW');
    expect(review.changes).toMatchObject({ points: { after: 2 }, reason: { after: '负责人信息未更新' } });
    expect(trail.find((t: any) => t.operation === 'returnAssessmentSheet').changes.state).toMatchObject({ before: 'REVIEWING', after: 'SELF_ASSESSING' });
  });

  it('the 自查报告 (.docx) reads back with every item, the unit’s own text and its evidence links; another unit’s head gets none', async () => {
    const { assessmentSheet: sheet } = await server.gqlOk<any>(SHEET, { i: ref() }, { token: zfzdHead });
    const { assessmentSet: set } = await server.gqlOk<any>(
      `query($o: ID!, $p: String!) { assessmentSet(organizationId: $o, period: $p) { items { code title } } }`,
      {
        o: dept['PDS'],
        p: YEAR,
      },
    );
    const res = await fetch(`${server.url}${sheet.reportUrl}`, { headers: { authorization: `Bearer ${zfzdHead}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('城市管理综合执法支队'));
    const file = Buffer.from(await res.arrayBuffer());
    const text = readDocx(file).paragraphs.join('\n');
    let at = 0;
    for (const item of set.items) {
      const found = text.indexOf(`${item.code}、${item.title}`, at);
      expect(found, `item ${item.code} in order`).toBeGreaterThanOrEqual(at);
      at = found;
    }
    expect(text).toContain('自查情况：已在“机构职能”栏目公开，随调整更新。');
    // 16: written from the data.
    expect(text).toMatch(/自查情况：\d{4}年公开发布\d+条|自查情况：已按要求\d{4}年公开发布\d+条/);
    const links = readDocxHyperlinks(file);
    expect(links).toContainEqual(expect.objectContaining({ target: 'https://cg.example.gov.cn/jgzn/' }));
    expect(links.some((l) => l.target.startsWith(`https://zwgk.example.gov.cn/admin/publications?department=${dept['PDS-ZFZD']}&from=`))).toBe(true);

    const other = await fetch(`${server.url}${sheet.reportUrl}`, { headers: { authorization: `Bearer ${bgsHead}` } });
    expect(other.status).toBe(403);
  });

  it('a unit outside your scope shows its total and rank only', async () => {
    const { assessmentScores } = await server.gqlOk<any>(SCORES, { o: dept['PDS'], p: YEAR }, { token: bgsHead });
    const own = assessmentScores.find((s: any) => s.department.id === dept['PDS-BGS']);
    const other = assessmentScores.find((s: any) => s.department.id === dept['PDS-ZFZD']);
    expect(own.items).toHaveLength(21);
    expect(other.items).toEqual([]);
    expect(other.total).toBeGreaterThan(0);
  });
});

describe('live', () => {
  it('one publication recorded by a sub-department moves its unit’s score on the live ranking', async () => {
    const { client } = connect(server.graphqlUrl, server.adminToken);
    const live = subscribe<any>(
      client,
      `subscription($o: ID!, $p: String!) { assessmentScoresChanged(organizationId: $o, period: $p) { department { id } total items { code points } } }`,
      {
        o: dept['PDS'],
        p: YEAR,
      },
    );
    try {
      const first = await live.waitFor(() => true);
      const unitOf = (data: any) => data.assessmentScoresChanged.find((s: any) => s.department.id === dept['PDS-SZCG']);
      const before = unitOf(first);
      const mark = live.mark();
      const { categories } = await server.gqlOk<any>(`{ categories { id name } }`);
      const { channels } = await server.gqlOk<any>(`{ channels { id kind department { id } } }`);
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
      await server.gqlOk(`mutation($i: RecordPublicationInput!) { recordPublication(input: $i) { id } }`, {
        i: {
          departmentId: dept['PDS-SZCG'],
          channelId: channels.find((c: any) => c.kind === 'PORTAL_COLUMN').id,
          categoryId: categories.find((c: any) => c.name === '工作动态').id,
          publishedOn: today,
          title: '考核实时测试信息',
          url: 'https://cg.example.gov.cn/live-assessment-1.html',
        },
      });
      const after = await live.waitFor((d) => unitOf(d).total !== before.total, { since: mark });
      const { assessmentScores } = await server.gqlOk<any>(SCORES, { o: dept['PDS'], p: YEAR });
      const expected = assessmentScores.find((s: any) => s.department.id === dept['PDS-SZCG']);
      expect(unitOf(after).total).toBe(expected.total);
      const q = (s: any) => s.items.find((i: any) => i.code === '16').points;
      expect(q(unitOf(after))).toBeGreaterThanOrEqual(q(before));
      // Only item 16 moved.
      for (const item of unitOf(after).items)
        if (item.code !== '16') expect(item.points, item.code).toBe(before.items.find((i: any) => i.code === item.code).points);
    } finally {
      await live.close();
      await client.dispose();
    }
  });
});
