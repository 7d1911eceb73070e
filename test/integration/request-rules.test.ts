import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

// Issue 12, items 3 and 4: a missed reply deadline stays missed (条例第三十条、第三十三条), and
// approval-like and reason fields blank after trimming are missing (第三十三条: the approver).
// Expected due dates counted by hand from the 2026 notice quoted in shared/DOMAIN.md.
let server: TestServer;
let dept: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer();
  const { departments } = await server.gqlOk<any>(`{ departments { id code } }`);
  dept = Object.fromEntries(departments.map((d: any) => [d.code, d.id]));
});
afterAll(() => server?.close());

const FIELDS = `id version status receivedOn correctionRequestedOn applicantName content
  extension { workingDays reason approver approvedOn } consultations { party from to late }
  deadline { dueDate originalDueDate state }`;

const INPUT_TYPES: Record<string, string> = {
  startConsultation: 'StartConsultationInput',
  extendInformationRequest: 'ExtendRequestInput',
  replyToInformationRequest: 'ReplyToRequestInput',
};

async function register(receivedOn: string, over: Record<string, unknown> = {}) {
  return server.gql<any>(`mutation($i: RegisterInformationRequestInput!) { registerInformationRequest(input: $i) { ${FIELDS} } }`, {
    i: {
      departmentId: dept['PDS-BGS'],
      applicantType: 'NATURAL_PERSON',
      applicantName: '李四',
      channel: 'ONLINE',
      receivedOn,
      content: `申请公开某项目审批文件（${receivedOn}）`,
      ...over,
    },
  });
}

async function registered(receivedOn: string) {
  const r = await register(receivedOn);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!.registerInformationRequest;
}

function step(mutation: string, input: Record<string, unknown>) {
  return server.gql<any>(`mutation($i: ${INPUT_TYPES[mutation] ?? 'RequestStepInput'}!) { ${mutation}(input: $i) { ${FIELDS} } }`, { i: input });
}

async function ok(mutation: string, input: Record<string, unknown>) {
  const r = await step(mutation, input);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data![mutation];
}

/** The request's row, to prove that a refused step wrote nothing. */
async function row(id: string) {
  const [r] = await server.sql(`select version, status, consultations, extension, correction_requested_on, replied_on from information_request where id = $1`, [
    id,
  ]);
  return r;
}

/** The request on the overdue list as of today (the default of overdueItems). */
async function onOverdueList(id: string) {
  const { overdueItems } = await server.gqlOk<any>(`{ overdueItems(filter: { kinds: [APPLICATION] }) { kind id state dueDate } }`);
  return overdueItems.find((x: any) => x.kind === 'APPLICATION' && x.id === id);
}

const MISSED = ['OVERDUE', 'LONG_OVERDUE'];

describe('a missed reply deadline stays missed (第三十三条)', () => {
  it('records a consultation begun after the due date as late: the clock does not stop, the request stays overdue', async () => {
    // Received Fri 9 Oct 2026 (make-up working Saturday 10 Oct counted): due Thu 5 Nov.
    let r = await registered('2026-10-09');
    expect(r.deadline.dueDate).toBe('2026-11-05');
    expect(MISSED).toContain(r.deadline.state);
    expect(await onOverdueList(r.id)).toBeDefined();

    r = await ok('startConsultation', { id: r.id, version: r.version, on: '2026-11-20', party: '第三方企业' });
    expect(r.status).toBe('CONSULTING');
    expect(r.consultations).toEqual([{ party: '第三方企业', from: '2026-11-20', to: null, late: true }]);
    expect(r.deadline.dueDate).toBe('2026-11-05');
    expect(MISSED).toContain(r.deadline.state);
    expect(await onOverdueList(r.id)).toMatchObject({ dueDate: '2026-11-05' });
    const [stored] = await server.sql(`select paused, due_date::text as due, stopped from deadline where kind = 'APPLICATION' and subject_id = $1`, [
      Number(r.id),
    ]);
    expect(stored).toEqual({ paused: false, due: '2026-11-05', stopped: [] });

    // The opinion comes back: nothing moves either.
    const early = await step('endConsultation', { id: r.id, version: r.version, on: '2026-11-19' });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_BEFORE_PREVIOUS_STEP', field: 'on' });
    r = await ok('endConsultation', { id: r.id, version: r.version, on: '2026-11-25' });
    expect(r.status).toBe('PROCESSING');
    expect(r.consultations).toEqual([{ party: '第三方企业', from: '2026-11-20', to: '2026-11-25', late: true }]);
    expect(r.deadline.dueDate).toBe('2026-11-05');
    expect(await onOverdueList(r.id)).toBeDefined();

    // An extension after the due date stays refused.
    const before = await row(r.id);
    const extend = await step('extendInformationRequest', {
      id: r.id,
      version: r.version,
      on: '2026-11-26',
      workingDays: 20,
      reason: '需调取档案',
      approver: '局办公室主任',
    });
    expect(extend.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'EXTENSION_TOO_LATE', field: 'on', dueDate: '2026-11-05' });
    expect(await row(r.id)).toEqual(before);

    // Begun on the due date (even if entered only now), a consultation still stops the clock.
    let onTime = await registered('2026-10-09');
    onTime = await ok('startConsultation', { id: onTime.id, version: onTime.version, on: '2026-11-05', party: '市自然资源局' });
    expect(onTime.consultations).toEqual([{ party: '市自然资源局', from: '2026-11-05', to: null, late: false }]);
    expect(onTime.deadline.state).toBe('PAUSED');
    expect(await onOverdueList(onTime.id)).toBeUndefined();
    // Opinion back Fri 13 Nov: 5–13 Nov stopped (7 working days), the 20th working day moves from 5 Nov to 16 Nov.
    onTime = await ok('endConsultation', { id: onTime.id, version: onTime.version, on: '2026-11-13' });
    expect(onTime.deadline.dueDate).toBe('2026-11-16');
  });

  it('refuses a 补正 after the due date (it would restart a missed clock), writing nothing', async () => {
    // Only reachable when the reply period is shorter than the 补正 period: shorten it to 5 working days.
    await server.gqlOk(`mutation { setDeadlineRule(input: { code: "APPLICATION_REPLY", days: 5 }) { days } }`);
    try {
      // Received Mon 2 Nov: replies due Mon 9 Nov; 补正 allowed (7 working days) until Wed 11 Nov.
      const r = await registered('2026-11-02');
      expect(r.deadline.dueDate).toBe('2026-11-09');
      const before = await row(r.id);
      // The 7-working-day limit of 第三十条 still comes first.
      const tooLate = await step('requestCorrection', { id: r.id, version: r.version, on: '2026-11-12' });
      expect(tooLate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CORRECTION_TOO_LATE', lastDay: '2026-11-11' });
      const late = await step('requestCorrection', { id: r.id, version: r.version, on: '2026-11-10' });
      expect(late.errors?.[0]?.message).toContain('第三十三条');
      expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DEADLINE_ALREADY_MISSED', field: 'on', dueDate: '2026-11-09' });
      expect(await row(r.id)).toEqual(before);
      const ontime = await ok('requestCorrection', { id: r.id, version: r.version, on: '2026-11-09' });
      expect(ontime).toMatchObject({ status: 'AWAITING_CORRECTION', deadline: { state: 'PAUSED' } });
    } finally {
      await server.gqlOk(`mutation { setDeadlineRule(input: { code: "APPLICATION_REPLY", days: 20 }) { days } }`);
    }
  });
});

describe('steps happen in order', () => {
  it('refuses a consultation, a 补正 or a reply dated before the previous step, writing nothing', async () => {
    let r = await registered('2026-10-12');
    r = await ok('startConsultation', { id: r.id, version: r.version, on: '2026-10-14', party: '第三方企业' });
    r = await ok('endConsultation', { id: r.id, version: r.version, on: '2026-10-20' });
    const before = await row(r.id);

    const overlapping = await step('startConsultation', { id: r.id, version: r.version, on: '2026-10-16', party: '另一第三方' });
    expect(overlapping.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'DATE_BEFORE_PREVIOUS_STEP',
      field: 'on',
      earliest: '2026-10-20',
    });
    const correction = await step('requestCorrection', { id: r.id, version: r.version, on: '2026-10-15' });
    expect(correction.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'DATE_BEFORE_PREVIOUS_STEP',
      field: 'on',
      earliest: '2026-10-20',
    });
    expect(await row(r.id)).toEqual(before);

    r = await ok('startConsultation', { id: r.id, version: r.version, on: '2026-10-22', party: '另一第三方' });
    const reply = await step('replyToInformationRequest', { id: r.id, version: r.version, on: '2026-10-21', outcome: 'GRANTED' });
    expect(reply.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_BEFORE_PREVIOUS_STEP', field: 'on', earliest: '2026-10-22' });
    expect(await row(r.id)).toMatchObject({ version: r.version, status: 'CONSULTING', replied_on: null });

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const future = await step('endConsultation', { id: r.id, version: r.version, on: tomorrow });
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FUTURE_DATE' });
  });
});

describe('blank after trimming is missing', () => {
  const BLANKS = ['   ', '\u3000\u3000', ' \t\n '];

  it('refuses an extension without an approver or a reason (第三十三条), writing nothing; stores them trimmed', async () => {
    let r = await registered('2026-11-16');
    const before = await row(r.id);
    for (const blank of BLANKS) {
      const noApprover = await step('extendInformationRequest', {
        id: r.id,
        version: r.version,
        on: '2026-11-20',
        workingDays: 10,
        reason: '需调取档案',
        approver: blank,
      });
      expect(noApprover.errors?.[0]?.message).toContain('第三十三条');
      expect(noApprover.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'EXTENSION_APPROVER_REQUIRED', field: 'approver' });
      const noReason = await step('extendInformationRequest', {
        id: r.id,
        version: r.version,
        on: '2026-11-20',
        workingDays: 10,
        reason: blank,
        approver: '局办公室主任',
      });
      expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'EXTENSION_REASON_REQUIRED', field: 'reason' });
    }
    const after = await row(r.id);
    expect(after).toEqual(before);
    expect(after.extension).toBeNull();

    r = await ok('extendInformationRequest', {
      id: r.id,
      version: r.version,
      on: '2026-11-20',
      workingDays: 10,
      reason: ' 需调取档案\u3000',
      approver: '\u3000局办公室主任 ',
    });
    expect(r.extension).toEqual({ workingDays: 10, reason: '需调取档案', approver: '局办公室主任', approvedOn: '2026-11-20' });
  });

  it('refuses a consultation without the party consulted, writing nothing', async () => {
    const r = await registered('2026-11-16');
    const before = await row(r.id);
    for (const blank of BLANKS) {
      const res = await step('startConsultation', { id: r.id, version: r.version, on: '2026-11-18', party: blank });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CONSULTED_PARTY_REQUIRED', field: 'party' });
    }
    expect(await row(r.id)).toEqual(before);
    const done = await ok('startConsultation', { id: r.id, version: r.version, on: '2026-11-18', party: '  第三方企业\u3000' });
    expect(done.consultations[0].party).toBe('第三方企业');
  });

  it('refuses an application without applicant or content, writing nothing; stores them trimmed', async () => {
    const count = async () => (await server.sql(`select count(*)::int as n from information_request`))[0].n;
    const n = await count();
    for (const blank of BLANKS) {
      const noName = await register('2026-11-16', { applicantName: blank });
      expect(noName.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'APPLICANT_NAME_REQUIRED', field: 'applicantName' });
      const noContent = await register('2026-11-16', { content: blank });
      expect(noContent.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CONTENT_REQUIRED', field: 'content' });
    }
    expect(await count()).toBe(n);
    const r = await register('2026-11-16', { applicantName: ' 王五\u3000', content: '\u3000某文件 ' });
    expect(r.data?.registerInformationRequest).toMatchObject({ applicantName: '王五', content: '某文件' });
  });

  it('refuses a duty register entry without a title, writing nothing', async () => {
    const count = async () => (await server.sql(`select count(*)::int as n from event_duty`))[0].n;
    const n = await count();
    for (const blank of BLANKS) {
      const res = await server.gql<any>(`mutation($i: RegisterDutyInput!) { registerDuty(input: $i) { id } }`, {
        i: { kind: 'MESSAGE', departmentId: dept['PDS-BGS'], title: blank, eventOn: '2026-11-16' },
      });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TITLE_REQUIRED', field: 'title' });
    }
    expect(await count()).toBe(n);
  });
});
