/**
 * Issue 16: 督办单 and their delivery, against real receivers started here — an SMTP server and an HTTP server
 * standing in for the 企业微信 / 钉钉 robots (exact payloads, the 钉钉 signature recomputed here). Issuing notifies the
 * department's channels once; 签收 → 回复 → 办结 with the audit trail; bad input refused with nothing written; a
 * receiver failing twice then succeeding gets the message once; a dead channel fails alone, visibly.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../helpers/constants.js';
import { eventually, startRobotReceiver, startSmtpReceiver, type RobotReceiver, type SmtpReceiver } from '../helpers/receivers.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let smtp: SmtpReceiver;
let robots: RobotReceiver;
let dept: Record<string, string>;
let liaison: string;
let otherLiaison: string;

const ISSUE = `mutation($i: IssueSupervisionNoticeInput!) { issueSupervisionNotice(input: $i) { id number state dueDate subject version department { id } } }`;
const CHANNEL = `mutation($i: SetNotificationChannelInput!) { setNotificationChannel(input: $i) { id kind target hasSecret } }`;

beforeAll(async () => {
  [smtp, robots] = await Promise.all([startSmtpReceiver(), startRobotReceiver()]);
  server = await startTestServer({ env: { NOTIFY_POLL_MS: '50', SMTP_URL: smtp.url, NOTIFY_RETRY_BASE_MS: '50', NOTIFY_MAX_ATTEMPTS: '3' } });
  const { departments } = await server.gqlOk<any>(`{ departments { id code } }`);
  dept = Object.fromEntries(departments.map((d: any) => [d.code, d.id]));
  liaison = await server.login('bgs.liaison', DEMO_PASSWORD);
  otherLiaison = await server.login('zfzd1.liaison', DEMO_PASSWORD);
}, 60_000);
afterAll(async () => {
  await server?.close();
  await Promise.all([smtp?.close(), robots?.close()]);
});

async function taskOf(code: string): Promise<{ id: string; title: string }> {
  const [row] = await server.sql(
    `select t.id::text as id, w.number || ' ' || w.title as title from task t join work_point w on w.id = t.work_point_id
      where t.department_id = $1 and t.retired_at is null order by t.id limit 1`,
    [dept[code]],
  );
  return row;
}

const counts = async () =>
  (
    await server.sql(
      `select (select count(*) from supervision_notice)::int as notices, (select count(*) from notification_delivery)::int as deliveries, (select count(*) from notification)::int as inapp`,
    )
  )[0];

describe('a 督办单', () => {
  it('notifies the department once on every channel (exact payloads, 钉钉 signed), in-app too; secrets never come back', async () => {
    const bgs = dept['PDS-BGS']!;
    const email = await server.gqlOk<any>(CHANNEL, { i: { departmentId: bgs, kind: 'EMAIL', target: 'bgs@example.gov.cn; head@example.gov.cn' } });
    const wecom = await server.gqlOk<any>(CHANNEL, { i: { departmentId: bgs, kind: 'WECOM_ROBOT', target: `${robots.origin}/wecom?key=wecomkey-1234567890` } });
    const ding = await server.gqlOk<any>(CHANNEL, {
      i: { departmentId: bgs, kind: 'DINGTALK_ROBOT', target: `${robots.origin}/ding?access_token=dingtoken-abcdef`, secret: 'SECsecret-for-test' },
    });
    expect(email.setNotificationChannel.target).toBe('bgs@example.gov.cn; head@example.gov.cn');
    expect(wecom.setNotificationChannel.target).not.toContain('wecomkey-1234567890');
    expect(ding.setNotificationChannel).toMatchObject({ hasSecret: true });
    const [sealed] = await server.sql(`select secret_sealed from notification_channel where kind = 'DINGTALK_ROBOT'`);
    expect(sealed.secret_sealed).not.toContain('SECsecret-for-test');

    const task = await taskOf('PDS-BGS');
    const { issueSupervisionNotice: notice } = await server.gqlOk<any>(ISSUE, {
      i: { departmentId: bgs, taskId: task.id, reason: '任务进度滞后，请加快推进', replyWithinWorkingDays: 3 },
    });
    expect(notice).toMatchObject({ state: 'PENDING', department: { id: bgs }, subject: task.title });
    const { workingDayDeadline } = await server.gqlOk<any>(`query($s: LocalDate!) { workingDayDeadline(from: $s, workingDays: 3) { dueDate } }`, {
      s: (await server.sql(`select (now() at time zone 'Asia/Shanghai')::date::text as d`))[0].d,
    });
    expect(notice.dueDate).toBe(workingDayDeadline.dueDate);

    await eventually(() => smtp.mails.length >= 1 && robots.requests.length >= 2, 10_000, 'the three channels');
    // A few more worker rounds: still once each.
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.to.sort()).toEqual(['bgs@example.gov.cn', 'head@example.gov.cn']);
    expect(mail.mail.subject).toBe(`【督办】${task.title}`);
    expect(mail.mail.text).toContain('任务进度滞后，请加快推进');
    expect(mail.mail.text).toContain(notice.dueDate);

    const wecomCalls = robots.requests.filter((r) => r.path === '/wecom');
    const dingCalls = robots.requests.filter((r) => r.path === '/ding');
    expect(wecomCalls).toHaveLength(1);
    expect(dingCalls).toHaveLength(1);
    expect(wecomCalls[0]!.query.get('key')).toBe('wecomkey-1234567890');
    expect(wecomCalls[0]!.body.msgtype).toBe('markdown');
    expect(wecomCalls[0]!.body.markdown.content).toContain(`【督办】${task.title}`);
    const d = dingCalls[0]!;
    expect(d.body).toMatchObject({ msgtype: 'markdown', markdown: { title: `【督办】${task.title}` } });
    const timestamp = d.query.get('timestamp')!;
    const sign = createHmac('sha256', 'SECsecret-for-test').update(`${timestamp}\nSECsecret-for-test`).digest('base64');
    expect(d.query.get('sign')).toBe(sign);
    expect(Math.abs(Date.now() - Number(timestamp))).toBeLessThan(60_000);

    // In-app: the department's liaison sees it, unread; marking it read clears the count.
    const mine = await server.gqlOk<any>(`{ unreadNotificationCount myNotifications { title kind subjectType subjectId readAt } }`, undefined, {
      token: liaison,
    });
    expect(mine.myNotifications.find((n: any) => n.subjectId === notice.id)).toMatchObject({
      title: `【督办】${task.title}`,
      kind: 'SUPERVISION',
      readAt: null,
    });
    expect(mine.unreadNotificationCount).toBeGreaterThan(0);
    await server.gqlOk(`mutation { markNotificationsRead(input: { all: true }) }`, undefined, { token: liaison });
    expect((await server.gqlOk<any>(`{ unreadNotificationCount }`, undefined, { token: liaison })).unreadNotificationCount).toBe(0);
    // Another department's liaison got nothing.
    const other = await server.gqlOk<any>(`{ myNotifications { subjectId } }`, undefined, { token: otherLiaison });
    expect(other.myNotifications.filter((n: any) => n.subjectId === notice.id)).toEqual([]);
  });

  it('goes 签收 → 回复 → 办结 by the right people, its deadline met by the reply, each step in the audit trail', async () => {
    const bgs = dept['PDS-BGS']!;
    const { issueSupervisionNotice: notice } = await server.gqlOk<any>(ISSUE, {
      i: { departmentId: bgs, reason: '第四季度信息发布数量不足', replyWithinWorkingDays: 5 },
    });
    expect(notice.subject).toBe('第四季度信息发布数量不足');
    const STEP = `{ id state acknowledgedBy repliedBy reply evidenceUrls closedBy }`;
    const foreign = await server.gql(`mutation($id: ID!) { acknowledgeSupervisionNotice(id: $id) { id } }`, { id: notice.id }, { token: otherLiaison });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const early = await server.gql(`mutation($id: ID!) { closeSupervisionNotice(id: $id) { id } }`, { id: notice.id }, { token: liaison });
    expect(early.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const ack = await server.gqlOk<any>(`mutation($id: ID!) { acknowledgeSupervisionNotice(id: $id) ${STEP} }`, { id: notice.id }, { token: liaison });
    expect(ack.acknowledgeSupervisionNotice).toMatchObject({ state: 'ACKNOWLEDGED', acknowledgedBy: 'bgs.liaison' });
    const again = await server.gql(`mutation($id: ID!) { acknowledgeSupervisionNotice(id: $id) { id } }`, { id: notice.id }, { token: liaison });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'SUPERVISION_STEP' });

    const badUrl = await server.gql(
      `mutation($i: ReplySupervisionNoticeInput!) { replySupervisionNotice(input: $i) { id } }`,
      {
        i: { id: notice.id, reply: '已补充发布', evidenceUrls: ['javascript:alert(1)'] },
      },
      { token: liaison },
    );
    expect(badUrl.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const reply = await server.gqlOk<any>(
      `mutation($i: ReplySupervisionNoticeInput!) { replySupervisionNotice(input: $i) ${STEP} }`,
      { i: { id: notice.id, reply: '已补充发布12条', evidenceUrls: ['https://www.example.gov.cn/zwgk/1.html'] } },
      { token: liaison },
    );
    expect(reply.replySupervisionNotice).toMatchObject({
      state: 'REPLIED',
      repliedBy: 'bgs.liaison',
      evidenceUrls: ['https://www.example.gov.cn/zwgk/1.html'],
    });
    const [deadline] = await server.sql(
      `select completed_on::text as done, due_date::text as due from deadline where kind = 'SUPERVISION' and subject_id = $1`,
      [notice.id],
    );
    expect(deadline.due).toBe(notice.dueDate);
    expect(deadline.done).not.toBeNull();

    const closed = await server.gqlOk<any>(`mutation($id: ID!) { closeSupervisionNotice(id: $id) ${STEP} }`, { id: notice.id });
    expect(closed.closeSupervisionNotice).toMatchObject({ state: 'CLOSED', closedBy: 'admin' });

    const { auditLog } = await server.gqlOk<any>(`query($f: AuditLogFilter) { auditLog(filter: $f, first: 100) { nodes { operation actorName } } }`, {
      f: { targetType: 'SupervisionNotice', targetId: notice.id },
    });
    const steps = auditLog.nodes.map((e: any) => `${e.operation}:${e.actorName}`);
    for (const step of [
      'issueSupervisionNotice:admin',
      'acknowledgeSupervisionNotice:bgs.liaison',
      'replySupervisionNotice:bgs.liaison',
      'closeSupervisionNotice:admin',
    ]) {
      expect(steps).toContain(step);
    }
    // The list the department sees, and the counts.
    const list = await server.gqlOk<any>(`{ supervisionNotices(filter: { openOnly: true }) { id } }`, undefined, { token: liaison });
    expect(list.supervisionNotices.map((n: any) => n.id)).not.toContain(notice.id);
  });

  it("a person's own mailbox gets what concerns them; muted, only the in-app copy comes", async () => {
    const head = await server.login('zfzd.head', DEMO_PASSWORD);
    const { setMyEmail } = await server.gqlOk<any>(`mutation { setMyEmail(input: { address: "zfzd.head@example.gov.cn" }) { id target muted } }`, undefined, {
      token: head,
    });
    expect(setMyEmail).toMatchObject({ target: 'zfzd.head@example.gov.cn', muted: false });
    const issue = async (reason: string) =>
      (await server.gqlOk<any>(ISSUE, { i: { departmentId: dept['PDS-ZFZD'], reason, replyWithinWorkingDays: 3 } })).issueSupervisionNotice;
    const first = await issue('个人邮箱测试一');
    await eventually(
      () => smtp.mails.some((m) => m.mail.subject === '【督办】个人邮箱测试一' && m.to.includes('zfzd.head@example.gov.cn')),
      10_000,
      'the mail',
    );
    await server.gqlOk(`mutation { setMyEmail(input: { muted: true }) { muted } }`, undefined, { token: head });
    const second = await issue('个人邮箱测试二');
    const mine = await server.gqlOk<any>(`{ myNotifications { subjectId title } }`, undefined, { token: head });
    expect(mine.myNotifications.map((n: any) => n.subjectId)).toEqual(expect.arrayContaining([first.id, second.id]));
    const [{ n }] = await server.sql(`select count(*)::int as n from notification_delivery where key like $1`, [`supervision:${second.id}:issued:%`]);
    expect(n).toBe(0); // 执法大队 has no department channel; its head's mailbox is muted
  });

  it('the demo holds one 已办结, one 已回复 and one 逾期 督办单, about overdue tasks, none dated after today', async () => {
    const { supervisionNotices } = await server.gqlOk<any>(
      `{ supervisionNotices(filter: { year: null }) { state issuedBy dueDate task { id } department { id } } }`,
    );
    const demo = supervisionNotices.filter((n: any) => n.issuedBy === 'office.admin');
    expect(demo.map((n: any) => n.state).sort()).toEqual(['CLOSED', 'OVERDUE', 'REPLIED']);
    expect(new Set(demo.map((n: any) => n.department.id)).size).toBe(3);
    expect(demo.every((n: any) => n.task)).toBe(true);
    const [{ late }] = await server.sql(
      `select count(*)::int as late from supervision_notice where greatest(issued_at, acknowledged_at, replied_at, closed_at) > now()`,
    );
    expect(late).toBe(0);
  });

  it('bad input is refused with what is wrong, and nothing is written', async () => {
    const before = await counts();
    const task = await taskOf('PDS-ZFZD');
    const cases: [Record<string, unknown>, string][] = [
      [{ departmentId: dept['PDS-BGS'], reason: '   ', replyWithinWorkingDays: 3 }, 'BAD_USER_INPUT'],
      [{ departmentId: dept['PDS-BGS'], reason: '事由', replyWithinWorkingDays: 0 }, 'BAD_USER_INPUT'],
      [{ departmentId: dept['PDS-BGS'], taskId: task.id, reason: '事由', replyWithinWorkingDays: 3 }, 'BAD_USER_INPUT'],
      [{ departmentId: '999999', reason: '事由', replyWithinWorkingDays: 3 }, 'NOT_FOUND'],
    ];
    for (const [input, code] of cases) {
      const r = await server.gql(ISSUE, { i: input });
      expect(r.errors?.[0]?.extensions?.code, JSON.stringify(input)).toBe(code);
      expect(r.errors?.[0]?.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const notAdmin = await server.gql(ISSUE, { i: { departmentId: dept['PDS-BGS'], reason: '事由', replyWithinWorkingDays: 3 } }, { token: liaison });
    expect(notAdmin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const badTarget = await server.gql(CHANNEL, { i: { departmentId: dept['PDS-BGS'], kind: 'WECOM_ROBOT', target: 'ftp://example.com/hook' } });
    expect(badTarget.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BAD_CHANNEL_TARGET' });
    const badMail = await server.gql(CHANNEL, { i: { departmentId: dept['PDS-BGS'], kind: 'EMAIL', target: 'not an address\r\nBcc: x@y.z' } });
    expect(badMail.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BAD_CHANNEL_TARGET' });
    const secretOnWecom = await server.gql(CHANNEL, {
      i: { departmentId: dept['PDS-BGS'], kind: 'WECOM_ROBOT', target: `${robots.origin}/w?key=k`, secret: 'SECx' },
    });
    expect(secretOnWecom.errors?.[0]?.extensions).toMatchObject({ reason: 'SECRET_NOT_SUPPORTED' });
    expect(await counts()).toEqual(before);
  });

  it('a robot that fails twice then succeeds gets the message once; a dead channel fails alone, with its answer shown', async () => {
    const code = 'PDS-XZSP';
    await server.gqlOk(CHANNEL, { i: { departmentId: dept[code], kind: 'WECOM_ROBOT', target: `${robots.origin}/flaky?key=flaky` } });
    await server.gqlOk(CHANNEL, { i: { departmentId: dept[code], kind: 'DINGTALK_ROBOT', target: 'http://127.0.0.1:9/dead?access_token=x' } });
    await server.gqlOk(CHANNEL, { i: { departmentId: dept[code], kind: 'EMAIL', target: 'xzsp@example.gov.cn' } });
    robots.script.push({ status: 500, body: 'busy' }, { status: 200, body: '{"errcode":-1,"errmsg":"system busy"}' });
    const mailsBefore = smtp.mails.length;
    const { issueSupervisionNotice: notice } = await server.gqlOk<any>(ISSUE, {
      i: { departmentId: dept[code], reason: '网站留言超期未答复', replyWithinWorkingDays: 2 },
    });

    await eventually(
      async () => {
        const rows = await server.sql(`select state from notification_delivery where key like $1`, [`supervision:${notice.id}:issued:%`]);
        return rows.length === 3 && rows.every((r: any) => r.state === 'SENT' || r.state === 'FAILED');
      },
      15_000,
      'every delivery settled',
    );
    const flaky = robots.requests.filter((r) => r.path === '/flaky');
    expect(flaky).toHaveLength(3);
    const rows = await server.sql(
      `select c.kind, d.state, d.attempts, d.last_answer from notification_delivery d join notification_channel c on c.id = d.channel_id where d.key like $1 order by c.kind`,
      [`supervision:${notice.id}:issued:%`],
    );
    const byKind = Object.fromEntries(rows.map((r: any) => [r.kind, r]));
    expect(byKind.WECOM_ROBOT).toMatchObject({ state: 'SENT', attempts: 3 });
    expect(byKind.EMAIL).toMatchObject({ state: 'SENT', attempts: 1 });
    expect(byKind.DINGTALK_ROBOT).toMatchObject({ state: 'FAILED', attempts: 3 });
    expect(smtp.mails.length).toBe(mailsBefore + 1);
    const { notificationDeliveries } = await server.gqlOk<any>(
      `{ notificationDeliveries(filter: { states: [FAILED] }) { key lastAnswer attempts channel { kind target } } }`,
    );
    const dead = notificationDeliveries.find((d: any) => d.key.startsWith(`supervision:${notice.id}:`));
    expect(dead.lastAnswer).toMatch(/第3次/);
    expect(dead.channel.target).not.toContain('access_token=x&');
  });
});
