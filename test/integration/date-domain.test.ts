/**
 * One date domain (issue 12): from 2000-01-01 to 31 December of next year, refused with its range
 * everywhere a date or a year comes in — GraphQL arguments and inputs, the register, the calendar,
 * plans, the ledger's HTTP routes — instead of years 0000–0099 turning into 1900–1999 and 9999
 * crashing. Nothing is written by a refused call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let office: string;
let organization: string;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const nextYear = Number(today.slice(0, 4)) + 1;

beforeAll(async () => {
  server = await startTestServer();
  const { departments } = await server.gqlOk<any>(`{ departments { id code } }`);
  office = departments.find((d: any) => d.code === 'PDS-BGS').id;
  organization = departments.find((d: any) => d.code === 'PDS').id;
});
afterAll(() => server?.close());

const DEADLINE = `query($f: LocalDate!, $n: Int!) { workingDayDeadline(from: $f, workingDays: $n) { dueDate provisional } }`;
const outOfRange = (res: any, field?: string) => {
  expect(res.data?.workingDayDeadline ?? null).toBeNull();
  const e = res.errors?.[0];
  expect(e?.extensions, JSON.stringify(res)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_OUT_OF_RANGE', ...(field ? { field } : {}) });
  expect(e.message).toMatch(/超出可接受的范围（2000/);
};

describe('dates outside 2000-01-01 … end of next year', () => {
  it('are refused as arguments, with the range — no 1900s, no internal error', async () => {
    for (const f of ['0000-01-01', '0050-03-01', '0099-12-31', '1999-12-31', '9999-12-31', `${nextYear + 1}-01-01`]) {
      outOfRange(await server.gql<any>(DEADLINE, { f, n: 20 }));
    }
    const literal = await server.gql<any>(`{ workingDayDeadline(from: "0000-01-01", workingDays: 20) { dueDate } }`);
    expect(literal.errors?.[0]?.extensions?.reason).toBe('DATE_OUT_OF_RANGE');
  });

  it('the edges are accepted and computed', async () => {
    const first = await server.gqlOk<any>(DEADLINE, { f: '2000-01-01', n: 1 });
    // 1 January 2000 was a Saturday; no notice of 2000 is entered, so Monday the 3rd is the first working day (provisional).
    expect(first.workingDayDeadline).toEqual({ dueDate: '2000-01-03', provisional: true });
    const last = await server.gqlOk<any>(DEADLINE, { f: `${nextYear}-12-31`, n: 20 });
    expect(last.workingDayDeadline.dueDate > `${nextYear}-12-31`).toBe(true);
    expect(last.workingDayDeadline.provisional).toBe(true);
  });

  it('an application received in year 0050 is refused and written nowhere (it used to show 19,747 working days overdue)', async () => {
    const before = (await server.sql(`select count(*)::int as n from information_request`))[0].n;
    const res = await server.gql<any>(`mutation($i: RegisterInformationRequestInput!) { registerInformationRequest(input: $i) { id } }`, {
      i: { departmentId: office, applicantType: 'NATURAL_PERSON', applicantName: '张三', channel: 'ONLINE', receivedOn: '0050-03-01', content: '远古申请' },
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_OUT_OF_RANGE' });
    expect((await server.sql(`select count(*)::int as n from information_request`))[0].n).toBe(before);
    expect((await server.sql(`select count(*)::int as n from deadline where due_date < '2000-01-01'`))[0].n).toBe(0);
  });

  it('years: calendar queries, a notice, a plan', async () => {
    for (const year of [0, 50, 1999, nextYear + 1, 9999]) {
      const q = await server.gql<any>(`query($y: Int!) { calendarYear(year: $y) { workingDays } }`, { y: year });
      expect(q.errors?.[0]?.extensions, String(year)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_OUT_OF_RANGE', field: 'year' });
      const days = await server.gql<any>(`query($y: Int!) { calendarDays(year: $y) { date } }`, { y: year });
      expect(days.errors?.[0]?.extensions?.reason, String(year)).toBe('DATE_OUT_OF_RANGE');
    }
    expect((await server.gqlOk<any>(`query($y: Int!) { calendarYear(year: $y) { year } }`, { y: nextYear })).calendarYear.year).toBe(nextYear);

    const notice = await server.gql<any>(`mutation($i: SetCalendarDaysInput!) { setCalendarDays(input: $i) { days { date } } }`, {
      i: { year: nextYear + 2, source: '测试通知', days: [] },
    });
    expect(notice.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const plans = (await server.sql(`select count(*)::int as n from plan`))[0].n;
    const plan = await server.gql<any>(`mutation($i: CreatePlanInput!) { createPlan(input: $i) { id } }`, {
      i: { organizationId: organization, year: nextYear + 1, title: '远期计划' },
    });
    expect(plan.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_OUT_OF_RANGE', field: 'year' });
    expect((await server.sql(`select count(*)::int as n from plan`))[0].n).toBe(plans);
  });

  it('the ledger export refuses such a date in its query string (400, not 500)', async () => {
    const res = await fetch(`${server.url}/api/publications/export.csv?from=0050-01-01`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors[0].extensions).toMatchObject({ reason: 'DATE_OUT_OF_RANGE', field: 'from' });
  });
});
