/**
 * Issue 17: 考核 scores computed from the data, checked against hand calculation. A fresh organisation with five
 * units and a year of facts (2025, a finished period: the as-of date is 2025-12-31 whatever day the test runs),
 * recorded through the API — publications, 政务新媒体 posts, 依申请公开 requests answered in and out of time,
 * 建议提案 disclosures — plus the planner's reminder history. The indicator set is the demo's (seed 000's 21
 * items) copied over the API. Each expected figure has its rule written beside it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let org: string;
const unit: Record<'A' | 'B' | 'C' | 'D' | 'E', string> = { A: '', B: '', C: '', D: '', E: '' };
const account: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };
let category: string;
let portal: string;
let urlSeq = 0;

const PERIOD = '2025';
const SCORES = `query($o: ID!, $p: String!, $a: LocalDate) { assessmentScores(organizationId: $o, period: $p, asOf: $a) {
  department { id name } total rank selfTotal bonus state frozen asOf
  items { code title points maxPoints vetoed basis cases casesMet caution itemRank facts { kind text date points refId link } } } }`;
const ENTRY = `mutation($i: SetAssessmentEntryInput!) { setAssessmentEntry(input: $i) { id side points vetoed reason } }`;

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** Every Monday of 2025 (2025-01-06 … 2025-12-29). */
const MONDAYS_2025 = Array.from({ length: 52 }, (_, i) => addDays('2025-01-06', 7 * i));

/** n dates spread evenly over [from, to]. */
function spread(from: string, to: string, n: number): string[] {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  return Array.from({ length: n }, (_, i) => addDays(from, Math.floor((i * days) / n)));
}

async function publish(departmentId: string, channelId: string, dates: string[]): Promise<void> {
  for (let i = 0; i < dates.length; i += 8) {
    await Promise.all(
      dates.slice(i, i + 8).map((publishedOn) =>
        server.gqlOk(`mutation($i: RecordPublicationInput!) { recordPublication(input: $i) { id } }`, {
          i: {
            departmentId,
            channelId,
            categoryId: category,
            publishedOn,
            title: `考核测试信息${++urlSeq}`,
            url: `https://kh.example.gov.cn/a/${urlSeq}.html`,
          },
        }),
      ),
    );
  }
}

const workingDayDue = async (from: string, days: number): Promise<string> =>
  (await server.gqlOk<any>(`query($s: LocalDate!, $n: Int!) { workingDayDeadline(from: $s, workingDays: $n) { dueDate } }`, { s: from, n: days }))
    .workingDayDeadline.dueDate;

/** An 依申请公开 request received on `receivedOn`, answered `late` working days after its 20-working-day limit (0: on the last day). */
async function request(departmentId: string, receivedOn: string, lateBy: number): Promise<void> {
  const { registerInformationRequest: r } = await server.gqlOk<any>(
    `mutation($i: RegisterInformationRequestInput!) { registerInformationRequest(input: $i) { id version } }`,
    { i: { departmentId, applicantType: 'NATURAL_PERSON', applicantName: '张三', channel: 'ONLINE', receivedOn, content: '申请公开某项目审批文件' } },
  );
  const due = await workingDayDue(receivedOn, 20);
  const on = lateBy ? await workingDayDue(due, lateBy) : due;
  await server.gqlOk(`mutation($i: ReplyToRequestInput!) { replyToInformationRequest(input: $i) { id } }`, {
    i: { id: r.id, on, outcome: 'GRANTED', version: r.version },
  });
}

/** A 建议提案 reply done on `eventOn`, disclosed `lateBy` working days after its 7-working-day limit. */
async function proposal(departmentId: string, eventOn: string, lateBy: number): Promise<void> {
  const { registerDuty: d } = await server.gqlOk<any>(`mutation($i: RegisterDutyInput!) { registerDuty(input: $i) { id version } }`, {
    i: { departmentId, kind: 'PROPOSAL', eventOn, title: `建议提案复文${eventOn}` },
  });
  const due = await workingDayDue(eventOn, 7);
  const on = lateBy ? await workingDayDue(due, lateBy) : due;
  await server.gqlOk(`mutation($i: CompleteDutyInput!) { completeDuty(input: $i) { id } }`, { i: { id: d.id, completedOn: on, version: d.version } });
}

async function scores(asOf?: string): Promise<Record<string, any>> {
  const { assessmentScores } = await server.gqlOk<any>(SCORES, { o: org, p: PERIOD, a: asOf ?? null });
  return Object.fromEntries(assessmentScores.map((s: any) => [Object.entries(unit).find(([, id]) => id === s.department.id)![0], s]));
}
const item = (score: any, code: string) => score.items.find((i: any) => i.code === code);

beforeAll(async () => {
  server = await startTestServer();
  const made = await server.gqlOk<any>(`mutation { createDepartment(input: { name: "考核测试局", code: "KH", kind: ORGANIZATION }) { id } }`);
  org = made.createDepartment.id;
  for (const key of Object.keys(unit) as (keyof typeof unit)[]) {
    const { createDepartment } = await server.gqlOk<any>(
      `mutation($p: ID!, $n: String!, $c: String!) { createDepartment(input: { parentId: $p, name: $n, code: $c, kind: OFFICE }) { id } }`,
      {
        p: org,
        n: `单位${key}`,
        c: `KH-${key}`,
      },
    );
    unit[key] = createDepartment.id;
  }
  const { categories } = await server.gqlOk<any>(`{ categories { id name } }`);
  category = categories.find((c: any) => c.name === '工作动态').id;
  portal = (await server.gqlOk<any>(`mutation { createChannel(input: { kind: PORTAL_COLUMN, name: "考核测试局门户" }) { id } }`)).createChannel.id;
  for (const key of ['A', 'B', 'C'] as const) {
    const { createChannel } = await server.gqlOk<any>(
      `mutation($d: ID!, $n: String!) { createChannel(input: { kind: NEW_MEDIA_ACCOUNT, departmentId: $d, name: $n }) { id } }`,
      {
        d: unit[key],
        n: `微信公众号“单位${key}”`,
      },
    );
    account[key] = createChannel.id;
  }
  // History: the accounts were registered at the end of 2024 (the API stamps today).
  await server.sql(`update channel set created_at = '2024-12-30T09:00:00+08:00' where id = any($1::int[])`, [Object.values(account).map(Number)]);

  // The indicator set: the demo's (seed 000's 21 items), copied to this organisation for 2025 over the API.
  const { departments } = await server.gqlOk<any>(`{ departments { id code } }`);
  const pds = departments.find((d: any) => d.code === 'PDS').id;
  const { assessmentSets } = await server.gqlOk<any>(
    `query($o: ID!) { assessmentSets(organizationId: $o) { period title bonusTitle bonusCap items { code group title requirement maxPoints rule perQuarter perYear deadlineKinds scoring deduction cap zeroAfterDays occurrenceKinds { label amount } vetoes idleDays minCases } } }`,
    { o: pds },
  );
  const demo = assessmentSets.find((s: any) => /^\d{4}$/.test(s.period));
  await server.gqlOk(`mutation($i: SaveAssessmentSetInput!) { saveAssessmentSet(input: $i) { id } }`, {
    i: { organizationId: org, period: PERIOD, title: '2025年政务公开工作考核指标', items: demo.items, bonusTitle: demo.bonusTitle, bonusCap: demo.bonusCap },
  });

  // A: 60 / 40 / 50 / 25 posts in the four quarters, spread evenly (never 14 days apart), all on its account.
  await publish(unit.A, account.A, [
    ...spread('2025-01-01', '2025-03-31', 60),
    ...spread('2025-04-01', '2025-06-30', 40),
    ...spread('2025-07-01', '2025-09-30', 50),
    ...spread('2025-10-01', '2025-12-31', 25),
  ]);
  // B: every Monday except 2025-06-02 … 06-23 (May 26 → June 30: 35 days without an update): 13 + 9 + 13 + 13 = 48.
  await publish(
    unit.B,
    account.B,
    MONDAYS_2025.filter((d) => d < '2025-06-02' || d > '2025-06-23'),
  );
  // C: every Monday up to 2025-12-01, then nothing (idle 30 days on 12-31): 13 + 13 + 13 + 9 = 48.
  await publish(
    unit.C,
    account.C,
    MONDAYS_2025.filter((d) => d <= '2025-12-01'),
  );
  // A's requests: 3 answered on their last day, 1 two working days late.
  await request(unit.A, '2025-03-03', 0);
  await request(unit.A, '2025-05-12', 0);
  await request(unit.A, '2025-08-04', 2);
  await request(unit.A, '2025-10-13', 0);
  // A's 建议提案: 1 disclosed in time, 3 late.
  await proposal(unit.A, '2025-06-16', 0);
  await proposal(unit.A, '2025-06-23', 1);
  await proposal(unit.A, '2025-07-07', 3);
  await proposal(unit.A, '2025-07-14', 1);
  // The planner's history for A's account: 3 reminders at or after its due date (counted), 1 advance notice (not).
  const [fresh] = await server.sql(`select id from deadline where kind = 'NEW_MEDIA' and subject_id = $1`, [Number(account.A)]);
  for (const [occasion, day] of [
    ['before-2', '2025-04-08'],
    ['due', '2025-04-10'],
    ['overdue-2', '2025-04-14'],
    ['escalate-head', '2025-09-03'],
  ] as const) {
    await server.sql(`insert into reminder_occasion (key, deadline_id, occasion, due_date, planned_for) values ($1, $2, $3, '2025-04-10', $4)`, [
      `reminder:D${fresh.id}:${occasion}:${day}`,
      fresh.id,
      occasion,
      day,
    ]);
  }
}, 240_000);
afterAll(async () => {
  await server?.close();
});

describe('考核 scores from the data (hand calculation)', () => {
  it('a manual 复核 without a reason is refused, and nothing is written', async () => {
    const before = await server.sql(`select count(*)::int as n from assessment_entry`);
    const refused = await server.gql(ENTRY, { i: { organizationId: org, period: PERIOD, departmentId: unit.A, itemCode: '1', side: 'REVIEW', points: 3 } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REASON_REQUIRED', field: 'reason' });
    const blank = await server.gql(ENTRY, {
      i: { organizationId: org, period: PERIOD, departmentId: unit.A, itemCode: '1', side: 'REVIEW', points: 3, reason: '　 ' },
    });
    expect(blank.errors?.[0]?.extensions).toMatchObject({ reason: 'REASON_REQUIRED' });
    expect(await server.sql(`select count(*)::int as n from assessment_entry`)).toEqual(before);
    // An item computed from the data takes no office points; a bonus above its cap is refused.
    const automatic = await server.gql(ENTRY, {
      i: { organizationId: org, period: PERIOD, departmentId: unit.A, itemCode: '16', side: 'REVIEW', points: 15, reason: '手工改分' },
    });
    expect(automatic.errors?.[0]?.extensions).toMatchObject({ reason: 'AUTOMATIC_ITEM' });
    const tooMuch = await server.gql(ENTRY, {
      i: { organizationId: org, period: PERIOD, departmentId: unit.A, itemCode: 'BONUS', side: 'REVIEW', points: 7, reason: '获省办通报表扬' },
    });
    expect(tooMuch.errors?.[0]?.extensions).toMatchObject({ reason: 'POINTS_OUT_OF_RANGE' });
    expect(await server.sql(`select count(*)::int as n from assessment_entry`)).toEqual(before);
  });

  it('scores every item as the rules say, with veto, capped deductions, ties and the facts behind each point', async () => {
    await server.gqlOk(ENTRY, {
      i: { organizationId: org, period: PERIOD, departmentId: unit.A, itemCode: '1', side: 'REVIEW', points: 3, reason: '负责人姓名未更新' },
    });
    await server.gqlOk(ENTRY, {
      i: {
        organizationId: org,
        period: PERIOD,
        departmentId: unit.A,
        itemCode: '20',
        side: 'REVIEW',
        occurrences: [
          { label: '严重表述错误', count: 1 },
          { label: '错别字或与职能无关内容', count: 3 },
        ],
        reason: '抽查发现',
      },
    });
    await server.gqlOk(ENTRY, {
      i: { organizationId: org, period: PERIOD, departmentId: unit.A, itemCode: 'BONUS', side: 'REVIEW', points: 3, reason: '获市级评比表彰' },
    });
    const s = await scores();
    const A = s.A;
    expect(A.asOf).toBe('2025-12-31');

    // 16 信息发布数量 (15分, 每季度50条、年度200条): quarters 60/50→1, 40/50→0.8, 50/50→1, 25/50→0.5, mean 0.825;
    // year 175/200 = 0.875; 15 × (½×0.825 + ½×0.875) = 12.75.
    expect(item(A, '16').points).toBe(12.75);
    expect(
      item(A, '16')
        .facts.filter((f: any) => f.kind === 'PUBLICATIONS')
        .map((f: any) => f.text),
    ).toEqual(['一季度发布60条（目标50条）', '二季度发布40条（目标50条）', '三季度发布50条（目标50条）', '四季度发布25条（目标50条）']);
    expect(item(A, '16').facts[0].link).toBe(`/admin/publications?department=${unit.A}&from=2025-01-01&to=2025-03-31`);
    // 12 答复情况 (8分, 及时率): 3 of 4 in time → 8 × 3/4 = 6; 4 cases < 5: read with care.
    expect(item(A, '12')).toMatchObject({ points: 6, cases: 4, casesMet: 3, caution: true });
    expect(item(A, '12').facts).toHaveLength(1);
    expect(item(A, '12').facts[0]).toMatchObject({ kind: 'DEADLINE_LATE' });
    // 4 建议提案 (5分, 逾期每件扣2.5分): 3 late → 7.5, capped at the item's 5 → 0.
    expect(item(A, '4')).toMatchObject({ points: 0, cases: 4, casesMet: 1 });
    expect(item(A, '4').basis).toContain('以5分为限');
    // 19 内容更新 (6分, 被督促、提醒每次扣1分): due, overdue-2, escalate-head count; the advance notice does not → 6 − 3 = 3.
    expect(item(A, '19').points).toBe(3);
    expect(
      item(A, '19')
        .facts.filter((f: any) => f.kind === 'REMINDER')
        .map((f: any) => f.date),
    ).toEqual(['2025-04-10', '2025-04-14', '2025-09-03']);
    // 20 表述错误 (6分): 1 × 5 + 3 × 0.5 = 6.5, capped at 6 → 0.
    expect(item(A, '20').points).toBe(0);
    expect(item(A, '20').basis).toContain('以6分为限');
    // 1 机构信息: the office's 3 with its reason.
    expect(item(A, '1')).toMatchObject({ points: 3, vetoed: false });
    expect(item(A, '1').basis).toContain('负责人姓名未更新');
    // Total: 100 − (15 − 12.75) − (8 − 6) − 5 − (6 − 3) − 6 − (4 − 3) + 加分 3 = 83.75.
    expect(A.bonus).toBe(3);
    expect(A.total).toBe(83.75);

    // B: 35 days without an update in June (May 26 → June 30, over 14) → 19 scores 0; no veto (last post 12-29).
    expect(item(s.B, '19')).toMatchObject({ points: 0, vetoed: false });
    expect(item(s.B, '19').basis).toContain('2025-05-26至2025-06-30间隔35天未更新');
    expect(item(s.B, '21').vetoed).toBe(false);
    // B's 16: 48 posts (13, 9, 13, 13) → quarters (13+9+13+13)/50/4 = 0.24, year 48/200 = 0.24 → 15 × 0.24 = 3.6.
    expect(item(s.B, '16').points).toBe(3.6);
    // B: 100 − 11.4 − 6 = 82.6.
    expect(s.B.total).toBe(82.6);

    // C: no update after 12-01 → on 12-31, 30 days idle (≥ 14 before the check) → 21 单项否决 zeroes 18, 19, 20.
    expect(item(s.C, '21')).toMatchObject({ vetoed: true, points: 0 });
    for (const code of ['18', '19', '20']) expect(item(s.C, code)).toMatchObject({ vetoed: true, points: 0 });
    expect(item(s.C, '18').basis).toContain('单项否决');
    // C: 100 − (15 − 3.6) − 3 − 6 − 6 = 73.6.
    expect(s.C.total).toBe(73.6);

    // D and E: no data at all: 16 → 0 (no publication), every other item full (no account, no case) → 85 each, a tie.
    expect(s.D.total).toBe(85);
    expect(s.E.total).toBe(85);
    expect([s.D.rank, s.E.rank, A.rank, s.B.rank, s.C.rank]).toEqual([1, 1, 3, 4, 5]);
    // Item 12 ranks by the rate's lower bound: D and E (no case) above A's 3 of 4.
    expect(item(s.D, '12').itemRank).toBe(1);
    expect(item(A, '12').itemRank).toBe(5);
  });

  it('counts as of a date: at 2025-06-30 only the first half is in', async () => {
    const s = await scores('2025-06-30');
    // Q1 60/50 → 1, Q2 40/50 → 0.8 → 0.9; 100 / (200 × 2/4) = 1 → 15 × (½×0.9 + ½×1) = 14.25.
    expect(item(s.A, '16').points).toBe(14.25);
    // Requests due by then: the March and May ones, both in time → 8.
    expect(item(s.A, '12')).toMatchObject({ points: 8, cases: 2, casesMet: 2 });
  });

  it('one more fact moves the right score; a 定稿 sheet stays frozen until reopened', async () => {
    const before = await scores();
    await publish(unit.D, portal, ['2025-02-03']);
    const after = await scores();
    // D: Q1 1/50 = 0.02 → quarters 0.005, year 1/200 = 0.005 → 15 × 0.005 = 0.075 → 0.08; D alone first.
    expect(item(after.D, '16').points).toBe(0.08);
    expect(after.D.total).toBe(85.08);
    expect([after.D.rank, after.E.rank]).toEqual([1, 2]);
    expect(after.A.total).toBe(before.A.total);

    const ref = { organizationId: org, period: PERIOD, departmentId: unit.A };
    const STEP = (name: string) => `mutation($i: AssessmentSheetStepInput!) { ${name}(input: $i) { state score { total frozen } } }`;
    const { finalizeAssessmentSheet } = await server.gqlOk<any>(STEP('finalizeAssessmentSheet'), { i: ref });
    expect(finalizeAssessmentSheet).toMatchObject({ state: 'FINAL', score: { total: 83.75, frozen: true } });
    await publish(unit.A, account.A, ['2025-12-30']);
    expect((await scores()).A).toMatchObject({ total: 83.75, frozen: true });
    const reopenWithout = await server.gql(STEP('reopenAssessmentSheet'), { i: ref });
    expect(reopenWithout.errors?.[0]?.extensions).toMatchObject({ reason: 'REASON_REQUIRED' });
    await server.gqlOk(STEP('reopenAssessmentSheet'), { i: { ...ref, reason: '补录12月信息' } });
    // A: Q4 26/50 → quarters (1 + 0.8 + 1 + 0.52)/4 = 0.83, year 176/200 = 0.88 → 15 × 0.855 = 12.825 → 83.75 + 0.075.
    const reopened = (await scores()).A;
    expect(reopened.frozen).toBe(false);
    expect(item(reopened, '16').points).toBeCloseTo(12.83, 2);
    expect(reopened.total).toBeCloseTo(83.83, 2);
  });
});
