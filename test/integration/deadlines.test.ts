import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../helpers/constants.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/** A date after today that is still inside the date domain (which ends with next year). */
const IN_FUTURE = `${Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4)) + 1}-06-30`;

// Every expected date here was counted by hand from the notices quoted in shared/DOMAIN.md.
let server: TestServer;
let dept: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer();
  const { departments } = await server.gqlOk<any>(`{ departments { id code } }`);
  dept = Object.fromEntries(departments.map((d: any) => [d.code, d.id]));
});
afterAll(() => server?.close());

const REQUEST_FIELDS = `id version status serialNumber receivedOn correctionReceivedOn repliedOn outcome
  extension { workingDays approver } consultations { party from to }
  deadline { dueDate originalDueDate provisional state extensionWorkingDays rule { code policyBasis } }`;

async function register(receivedOn: string, departmentCode = 'PDS-BGS') {
  const r = await server.gqlOk<any>(`mutation($i: RegisterInformationRequestInput!) { registerInformationRequest(input: $i) { ${REQUEST_FIELDS} } }`, {
    i: {
      departmentId: dept[departmentCode],
      applicantType: 'NATURAL_PERSON',
      applicantName: '张三',
      channel: 'ONLINE',
      receivedOn,
      content: `申请公开某路段停车场收费依据（${receivedOn}）`,
    },
  });
  return r.registerInformationRequest;
}

async function step(mutation: string, input: Record<string, unknown>) {
  return server.gql<any>(`mutation($i: ${inputType(mutation)}!) { ${mutation}(input: $i) { ${REQUEST_FIELDS} } }`, { i: input });
}

function inputType(mutation: string): string {
  return (
    { startConsultation: 'StartConsultationInput', extendInformationRequest: 'ExtendRequestInput', replyToInformationRequest: 'ReplyToRequestInput' }[
      mutation
    ] ?? 'RequestStepInput'
  );
}

async function ok(mutation: string, input: Record<string, unknown>) {
  const r = await step(mutation, input);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data[mutation];
}

async function overdue(asOf: string, extra: Record<string, unknown> = {}, token?: string) {
  const r = await server.gqlOk<any>(
    `query($f: OverdueFilter, $a: LocalDate) { overdueItems(filter: $f, asOf: $a) { kind id title dueDate workingDaysOverdue state rule ruleCode policyBasis department { code } } }`,
    { f: extra, a: asOf },
    token === undefined ? undefined : { token },
  );
  return r.overdueItems as any[];
}

describe('workingDayDeadline', () => {
  it('counts across 春节 2024 and flags 2027 as provisional', async () => {
    const q = `query($f: LocalDate!, $n: Int!) { workingDayDeadline(from: $f, workingDays: $n) { dueDate provisional } }`;
    expect((await server.gqlOk<any>(q, { f: '2024-02-08', n: 20 })).workingDayDeadline).toEqual({ dueDate: '2024-03-13', provisional: false });
    // 元旦 is off by law even before the 2027 notice is entered: 12/29, 12/30, 12/31, 1/4, 1/5.
    expect((await server.gqlOk<any>(q, { f: '2026-12-28', n: 5 })).workingDayDeadline).toEqual({ dueDate: '2027-01-05', provisional: true });
    const negative = await server.gql(q, { f: '2026-01-05', n: -1 });
    expect(negative.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'workingDays' });
  });
});

describe('依申请公开 lifecycle', () => {
  it('补正 pauses the clock and restarts the 20 working days; one extension of at most 20; the reply closes it', async () => {
    let r = await register('2026-03-02');
    expect(r.serialNumber).toMatch(/^2026-\d{4}$/);
    expect(r.deadline).toMatchObject({ dueDate: '2026-03-30', state: 'LONG_OVERDUE', rule: { code: 'APPLICATION_REPLY' } });
    expect(r.deadline.rule.policyBasis).toContain('第三十三条');

    const late = await step('requestCorrection', { id: r.id, version: r.version, on: '2026-03-12' });
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CORRECTION_TOO_LATE', lastDay: '2026-03-11' });

    r = await ok('requestCorrection', { id: r.id, version: r.version, on: '2026-03-05' });
    expect(r).toMatchObject({ status: 'AWAITING_CORRECTION', deadline: { state: 'PAUSED' } });
    const twice = await step('requestCorrection', { id: r.id, version: r.version, on: '2026-03-06' });
    expect(twice.errors?.[0]?.extensions?.code).toMatch(/CONFLICT/);

    r = await ok('receiveCorrection', { id: r.id, version: r.version, on: '2026-03-20' });
    expect(r.deadline).toMatchObject({ dueDate: '2026-04-20', originalDueDate: '2026-04-20' });

    r = await ok('extendInformationRequest', {
      id: r.id,
      version: r.version,
      on: '2026-04-15',
      workingDays: 20,
      reason: '需调取档案',
      approver: '局办公室主任',
    });
    expect(r.deadline).toMatchObject({ originalDueDate: '2026-04-20', dueDate: '2026-05-20', extensionWorkingDays: 20 });

    const second = await step('extendInformationRequest', { id: r.id, version: r.version, on: '2026-04-16', workingDays: 5, reason: '再延', approver: '主任' });
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'EXTENSION_ALREADY_GRANTED' });

    const early = await step('replyToInformationRequest', { id: r.id, version: r.version, on: '2026-03-01', outcome: 'GRANTED' });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REPLY_BEFORE_RECEIPT' });
    const [row] = await server.sql(`select version, status from information_request where id = $1`, [r.id]);
    expect(row).toEqual({ version: r.version, status: 'PROCESSING' });

    r = await ok('replyToInformationRequest', { id: r.id, version: r.version, on: '2026-05-19', outcome: 'PARTIALLY_GRANTED' });
    expect(r).toMatchObject({ status: 'ANSWERED', repliedOn: '2026-05-19', outcome: 'PARTIALLY_GRANTED', deadline: { state: 'DONE' } });
  });

  it('refuses an extension beyond 20 working days and a future date, writing nothing', async () => {
    const r = await register('2026-11-02');
    const long = await step('extendInformationRequest', { id: r.id, version: r.version, on: '2026-11-05', workingDays: 21, reason: '理由', approver: '主任' });
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'workingDays' });
    const future = await step('replyToInformationRequest', { id: r.id, version: r.version, on: IN_FUTURE, outcome: 'GRANTED' });
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FUTURE_DATE' });
    const [row] = await server.sql(`select version, extension, replied_on from information_request where id = $1`, [r.id]);
    expect(row).toEqual({ version: r.version, extension: null, replied_on: null });
  });

  it('stops the clock while a third party is consulted (端午 2026 in between)', async () => {
    let r = await register('2026-06-01');
    r = await ok('startConsultation', { id: r.id, version: r.version, on: '2026-06-03', party: '第三方企业' });
    expect(r.deadline.state).toBe('PAUSED');
    r = await ok('endConsultation', { id: r.id, version: r.version, on: '2026-06-10' });
    expect(r.deadline.dueDate).toBe('2026-07-08');
    expect(r.consultations).toEqual([{ party: '第三方企业', from: '2026-06-03', to: '2026-06-10' }]);
  });

  it('moves from due soon to overdue to long overdue as days pass (国庆 2026 make-up Saturday counted)', async () => {
    const r = await register('2026-10-09');
    expect(r.deadline.dueDate).toBe('2026-11-05');
    const find = (rows: any[]) => rows.find((x) => x.kind === 'APPLICATION' && x.id === r.id);
    expect(find(await overdue('2026-11-04'))).toMatchObject({ state: 'DUE_SOON', workingDaysOverdue: 0 });
    expect(find(await overdue('2026-10-20'))).toBeUndefined();
    expect(find(await overdue('2026-11-21'))).toMatchObject({ state: 'OVERDUE', workingDaysOverdue: 11, rule: '依申请公开答复' });
    expect(find(await overdue('2026-12-08'))).toMatchObject({ state: 'LONG_OVERDUE', workingDaysOverdue: 23 });
  });
});

describe('registers of 建议提案, 网站留言, 行政处罚', () => {
  const REGISTER = `mutation($i: RegisterDutyInput!) { registerDuty(input: $i) { id version deadline { dueDate state rule { code } } } }`;

  it('answers a website message within 5 working days (国庆 2026) and records the completion', async () => {
    const { registerDuty: d } = await server.gqlOk<any>(REGISTER, {
      i: { kind: 'MESSAGE', departmentId: dept['PDS-BGS'], title: '咨询占道经营审批', eventOn: '2026-09-30' },
    });
    expect(d.deadline).toMatchObject({ dueDate: '2026-10-13', rule: { code: 'MESSAGE_REPLY' } });
    const before = await server.gql(`mutation($i: CompleteDutyInput!) { completeDuty(input: $i) { id } }`, {
      i: { id: d.id, version: d.version, completedOn: '2026-09-29' },
    });
    expect(before.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'COMPLETED_BEFORE_EVENT' });
    const done = await server.gqlOk<any>(`mutation($i: CompleteDutyInput!) { completeDuty(input: $i) { completedOn deadline { state } } }`, {
      i: { id: d.id, version: d.version, completedOn: '2026-10-14', url: 'https://www.example.gov.cn/hd/1' },
    });
    expect(done.completeDuty).toEqual({ completedOn: '2026-10-14', deadline: { state: 'DONE' } });
  });

  it('a penalty decision is due soon two working days before its 7th working day', async () => {
    const { registerDuty: d } = await server.gqlOk<any>(REGISTER, {
      i: { kind: 'PENALTY', departmentId: dept['PDS-ZFZD-1'], title: '占道经营处罚', referenceNumber: '平城管罚〔2026〕88号', eventOn: '2026-11-18' },
    });
    expect(d.deadline.dueDate).toBe('2026-11-27');
    const rows = await overdue('2026-11-25', { kinds: ['PENALTY'] });
    expect(rows.find((x) => x.id === d.id)).toMatchObject({ state: 'DUE_SOON', department: { code: 'PDS-ZFZD-1' } });
    expect(rows.every((x) => x.kind === 'PENALTY')).toBe(true);
  });
});

describe('政务新媒体 freshness', () => {
  it('warns from day 8, is overdue after 10 days and a veto at 14; a new post resets the clock', async () => {
    const { createChannel } = await server.gqlOk<any>(
      `mutation($d: ID!) { createChannel(input: { kind: NEW_MEDIA_ACCOUNT, name: "微信公众号“测试城管”", departmentId: $d }) { id } }`,
      { d: dept['PDS-BGS'] },
    );
    const { categories } = await server.gqlOk<any>(`{ categories { id name } }`);
    const record = (publishedOn: string, n: number) =>
      server.gqlOk(`mutation($i: RecordPublicationInput!) { recordPublication(input: $i) { id } }`, {
        i: {
          departmentId: dept['PDS-BGS'],
          categoryId: categories.find((c: any) => c.name === '工作动态').id,
          channelId: createChannel.id,
          publishedOn,
          title: `推文${n}`,
          url: `https://mp.example/test/${n}`,
        },
      });
    await record('2026-11-02', 1);
    const state = async (asOf: string) =>
      (await overdue(asOf, { kinds: ['NEW_MEDIA'], states: ['ON_TRACK', 'DUE_SOON', 'OVERDUE', 'LONG_OVERDUE'] })).find((r) => r.id === createChannel.id)
        ?.state;
    expect(await state('2026-11-06')).toBe('ON_TRACK');
    expect(await state('2026-11-10')).toBe('DUE_SOON'); // 8 days without a post
    expect(await state('2026-11-13')).toBe('OVERDUE'); // 11 days
    expect(await state('2026-11-16')).toBe('LONG_OVERDUE'); // 14 days: 单项否决
    await record('2026-11-12', 2);
    expect(await state('2026-11-16')).toBe('ON_TRACK');
  });
});

/** Today in Shanghai: the demo is seeded as of today (a plan of the current year). */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

describe('tasks in the deadline engine', () => {
  it('lists every open task past its due date, and none that is done', async () => {
    // As of mid-January next year every open task of the demo plan is past its due date.
    const asOf = `${Number(today.slice(0, 4)) + 1}-01-15`;
    const rows = await overdue(asOf, { kinds: ['TASK'] });
    const [{ n }] = await server.sql(`select count(*)::int as n from task where status in ('NOT_STARTED','IN_PROGRESS') and due_date < $1`, [asOf]);
    expect(rows).toHaveLength(n);
    expect(n).toBeGreaterThan(0);
    expect(rows.every((r) => ['OVERDUE', 'LONG_OVERDUE'].includes(r.state))).toBe(true);
  });

  it('a department head sees only the items of their departments', async () => {
    // An overdue penalty publication of 执法一大队 (under the head's 支队), whatever the demo's day.
    await server.gqlOk(`mutation($i: RegisterDutyInput!) { registerDuty(input: $i) { id } }`, {
      i: { kind: 'PENALTY', departmentId: dept['PDS-ZFZD-1'], title: '逾期未公开的处罚决定', eventOn: '2026-01-05' },
    });
    const token = await server.login('zfzd.head', DEMO_PASSWORD);
    const rows = await overdue(today, {}, token);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.department.code.startsWith('PDS-ZFZD'))).toBe(true);
    const other = await server.gql(`query($d: ID!) { overdueItems(filter: { departmentId: $d }) { id } }`, { d: dept['PDS-BGS'] }, { token });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the sweep', () => {
  it('moves each stale state exactly once, even when two sweeps run at the same time', async () => {
    // Pretend the states were last evaluated long ago: open task deadlines now past "were" on
    // track, those far ahead "were" overdue (the demo plan is of the current year, as of today).
    const ahead = new Date(Date.parse(`${today}T00:00:00Z`) + 10 * 86_400_000).toISOString().slice(0, 10);
    const past = await server.sql(`update deadline set state = 'ON_TRACK' where kind = 'TASK' and completed_on is null and due_date < $1 returning id`, [
      today,
    ]);
    const future = await server.sql(`update deadline set state = 'OVERDUE' where kind = 'TASK' and completed_on is null and due_date > $1 returning id`, [
      ahead,
    ]);
    const stale = [...past, ...future];
    expect(stale.length).toBeGreaterThan(0);
    const before = (await server.sql(`select count(*)::int as n from deadline_event`))[0].n;
    const lastEvent = (await server.sql(`select coalesce(max(id), 0)::int as id from deadline_event`))[0].id;
    const sweep = `mutation { sweepDeadlines { swept moved } }`;
    const results = await Promise.all([server.gqlOk<any>(sweep), server.gqlOk<any>(sweep), server.gqlOk<any>(sweep)]);
    const moved = results.reduce((s, r) => s + r.sweepDeadlines.moved, 0);
    expect(moved).toBe(stale.length);
    const events = await server.sql(`select deadline_id, count(*)::int as n from deadline_event where id > $1 group by deadline_id having count(*) > 1`, [
      lastEvent,
    ]);
    expect(events).toEqual([]);
    const after = (await server.sql(`select count(*)::int as n from deadline_event`))[0].n;
    expect(after - before).toBe(stale.length);
    const again = await server.gqlOk<any>(sweep);
    expect(again.sweepDeadlines.moved).toBe(0);
  });
});

describe('the calendar', () => {
  it('entering next year’s notice recomputes the open deadlines it touches and reports what moved', async () => {
    // A 40-working-day rule pushes a message answered from today into 2027, where no notice exists yet.
    await server.gqlOk(`mutation { setDeadlineRule(input: { code: "MESSAGE_REPLY", days: 40 }) { days } }`);
    const { registerDuty: d } = await server.gqlOk<any>(
      `mutation($i: RegisterDutyInput!) { registerDuty(input: $i) { id deadline { id dueDate provisional } } }`,
      {
        i: { kind: 'MESSAGE', departmentId: dept['PDS-BGS'], title: '跨年留言', eventOn: '2026-11-20' },
      },
    );
    expect(d.deadline.provisional).toBe(true);
    const { calendarYear } = await server.gqlOk<any>(`{ calendarYear(year: 2027) { official } }`);
    expect(calendarYear.official).toBe(false);

    // Provisionally: 40 working days with 元旦 (a statutory holiday) off → Monday 18 January 2027.
    expect(d.deadline.dueDate).toBe('2027-01-18');
    // A hypothetical 2027 notice (test data): 元旦 1–3 Jan off and Saturday 9 January worked (调休).
    const days = [
      ...['2027-01-01', '2027-01-02', '2027-01-03'].map((date) => ({ date, kind: 'HOLIDAY', name: '元旦' })),
      { date: '2027-01-09', kind: 'WORKDAY', name: '调休上班' },
    ];
    const change = await server.gqlOk<any>(
      `mutation($i: SetCalendarDaysInput!) { setCalendarDays(input: $i) { days { date } moved { deadline { id dueDate provisional } fromDueDate toDueDate wasProvisional } } }`,
      { i: { year: 2027, source: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）', days } },
    );
    const moved = change.setCalendarDays.moved.find((m: any) => m.deadline.id === d.deadline.id);
    expect(moved).toMatchObject({ fromDueDate: '2027-01-18', wasProvisional: true, deadline: { provisional: false } });
    // The worked Saturday counts: the 40th working day comes one working day earlier.
    expect(moved.toDueDate).toBe('2027-01-15');
    expect((await server.gqlOk<any>(`{ calendarYear(year: 2027) { official source } }`)).calendarYear).toMatchObject({ official: true });
    await server.gqlOk(`mutation { setDeadlineRule(input: { code: "MESSAGE_REPLY", days: 5 }) { days } }`);
  });

  it('takes a local holiday as a single day and moves the deadlines across it', async () => {
    const { registerDuty: d } = await server.gqlOk<any>(`mutation($i: RegisterDutyInput!) { registerDuty(input: $i) { id deadline { dueDate } } }`, {
      i: { kind: 'PROPOSAL', departmentId: dept['PDS-BGS'], title: '关于增设停车位的建议', eventOn: '2026-11-20' },
    });
    expect(d.deadline.dueDate).toBe('2026-12-01'); // 11/23–27, 11/30, 12/1
    const change = await server.gqlOk<any>(
      `mutation($i: SetCalendarDaysInput!) { setCalendarDays(input: $i) { moved { toDueDate deadline { subjectId } } } }`,
      {
        i: { source: '某自治州人民政府关于民族节日放假的通知（测试数据）', days: [{ date: '2026-11-25', kind: 'HOLIDAY', name: '地方民族节日' }] },
      },
    );
    expect(change.setCalendarDays.moved.find((m: any) => m.deadline.subjectId === d.id)?.toDueDate).toBe('2026-12-02');
  });

  it('refuses an entry without its notice, a make-up day on a weekday and a negative N, writing nothing', async () => {
    const before = await server.sql(
      `select (select count(*) from calendar_day)::int as days, (select days from deadline_rule where code = 'PENALTY_PUBLICATION') as n`,
    );
    const noSource = await server.gql(
      `mutation { setCalendarDays(input: { source: "", days: [{ date: "2026-12-24", kind: HOLIDAY, name: "x" }] }) { days { date } } }`,
    );
    expect(noSource.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'source' });
    const weekday = await server.gql(
      `mutation { setCalendarDays(input: { source: "通知", days: [{ date: "2026-12-23", kind: WORKDAY, name: "x" }] }) { days { date } } }`,
    );
    expect(weekday.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WORKDAY_ON_WEEKDAY' });
    const negative = await server.gql(`mutation { setDeadlineRule(input: { code: "PENALTY_PUBLICATION", days: -3 }) { days } }`);
    expect(negative.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'days' });
    expect(
      await server.sql(`select (select count(*) from calendar_day)::int as days, (select days from deadline_rule where code = 'PENALTY_PUBLICATION') as n`),
    ).toEqual(before);
  });
});
