/**
 * Issue 16: reminders and delivery, exactly once. The planner runs on working days inside office hours only (调休:
 * a make-up Saturday or Sunday is a working day, a 春节 or 国庆 weekday is not), each occasion once per deadline and
 * due date — also with two instances planning at the same moment; two workers on one database send each message
 * once; a worker killed mid-send loses nothing, and a resend after a crash carries the same Message-ID.
 */
import { MikroORM } from '@mikro-orm/postgresql';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrmConfig } from '../../server/src/db/orm.config.js';
import { parseSmtpUrl } from '../../server/src/modules/notifications/channels/email.js';
import { DeliveryWorker } from '../../server/src/modules/notifications/delivery-worker.js';
import { ReminderPlanner } from '../../server/src/modules/notifications/reminder-planner.js';
import { deriveSecretKey } from '../../server/src/modules/notifications/secret-box.js';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/receivers.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const HOURS = { from: '09:00', to: '17:30' };

let server: TestServer;
let smtp: SmtpReceiver;
let secondOrm: MikroORM;
let dept: Record<string, string>;
let springDeadline: number;
let nationalDayDeadline: number;

/** A task of 局办公室 due on `due` (a 2026 plan point broken down): its deadline's id. */
async function taskDeadlineDue(due: string, title: string, lead = 'PDS-BGS'): Promise<number> {
  const { createPlan } = await server.gqlOk<any>(`mutation($i: CreatePlanInput!) { createPlan(input: $i) { id } }`, {
    i: { organizationId: dept.PDS, year: 2026, title: `提醒测试 ${title}` },
  });
  const { createWorkPoint } = await server.gqlOk<any>(`mutation($i: CreateWorkPointInput!) { createWorkPoint(input: $i) { id } }`, {
    i: { planId: createPlan.id, number: '1', section: '提醒', title, dueDate: due, leadDepartmentIds: [dept[lead]] },
  });
  const { breakDownWorkPoint } = await server.gqlOk<any>(`mutation($id: ID!) { breakDownWorkPoint(id: $id) { created { id } } }`, { id: createWorkPoint.id });
  const [row] = await server.sql(`select id from deadline where kind = 'TASK' and subject_id = $1`, [breakDownWorkPoint.created[0].id]);
  return row.id;
}

const planner = (orm: MikroORM = server.orm) => new ReminderPlanner(orm, { hours: HOURS, publicUrl: null });
const keys = async (deadlineId: number) =>
  (await server.sql(`select distinct key from notification where subject_type = 'Deadline' and subject_id = $1 order by key`, [deadlineId])).map(
    (r: any) => r.key,
  );

function workerOn(orm: MikroORM, name: string): DeliveryWorker {
  return new DeliveryWorker(orm, {
    instance: name,
    leaseSeconds: 30,
    maxAttempts: 5,
    retryBaseMs: 10,
    batchSize: 7,
    concurrency: 3,
    secretKey: deriveSecretKey('reminders-test'),
    send: { smtp: parseSmtpUrl(smtp.url, null, 5_000), httpTimeoutMs: 5_000, now: () => Date.now() },
    digestWaitMs: 0,
  });
}

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  // No worker of its own: the tests run workers explicitly.
  server = await startTestServer({ env: { NOTIFY_POLL_MS: '0' } });
  secondOrm = await MikroORM.init(createOrmConfig({ clientUrl: server.databaseUrl, quiet: true }));
  const { departments } = await server.gqlOk<any>(`{ departments { id code } }`);
  dept = Object.fromEntries(departments.map((d: any) => [d.code, d.id]));
  await server.gqlOk(`mutation($d: ID!) { setNotificationChannel(input: { departmentId: $d, kind: EMAIL, target: "bgs@example.gov.cn" }) { id } }`, {
    d: dept['PDS-BGS'],
  });
  springDeadline = await taskDeadlineDue('2026-02-26', '春节前后的任务');
  nationalDayDeadline = await taskDeadlineDue('2026-09-23', '国庆前的任务');
}, 60_000);
afterAll(async () => {
  await secondOrm?.close(true);
  await server?.close();
  await smtp?.close();
});

describe('the reminder planner', () => {
  it('plans on a make-up Saturday (春节 2026: 02-14 worked), never on a 春节 holiday, never outside office hours', async () => {
    expect(await planner().plan(new Date('2026-02-16T10:00:00+08:00'))).toMatchObject({ planned: false, why: 'not-a-working-day' });
    expect(await planner().plan(new Date('2026-02-21T10:00:00+08:00'))).toMatchObject({ planned: false, why: 'not-a-working-day' });
    expect(await planner().plan(new Date('2026-02-14T08:59:00+08:00'))).toMatchObject({ planned: false, why: 'outside-office-hours' });
    expect(await planner().plan(new Date('2026-02-14T17:30:00+08:00'))).toMatchObject({ planned: false, why: 'outside-office-hours' });
    expect(await keys(springDeadline)).toEqual([]);
    // 02-14 (Sat, worked) → 02-24, 02-25, 02-26: three working days before the due date (TASK: 10 and 3 before).
    expect(await planner().plan(new Date('2026-02-14T10:00:00+08:00'))).toMatchObject({ planned: true, today: '2026-02-14' });
    expect(await keys(springDeadline)).toEqual(['reminder:D' + springDeadline + ':before-3:2026-02-26']);
  });

  it('plans on a make-up Sunday before 国庆 (09-20 worked), not on the 国庆 days', async () => {
    expect(await planner().plan(new Date('2026-10-03T10:00:00+08:00'))).toMatchObject({ planned: false, why: 'not-a-working-day' });
    // 09-20 (Sun, worked) → 09-21, 09-22, 09-23.
    expect(await planner().plan(new Date('2026-09-20T09:30:00+08:00'))).toMatchObject({ planned: true });
    expect(await keys(nationalDayDeadline)).toEqual([`reminder:D${nationalDayDeadline}:before-3:2026-09-23`]);
    // An ordinary Saturday is no working day.
    expect(await planner().plan(new Date('2026-09-26T10:00:00+08:00'))).toMatchObject({ planned: false, why: 'not-a-working-day' });
  });

  it('overdue: every 5 working days, then the head after 5 and the office after 10 — each escalation once', async () => {
    // A deadline of its own (the others were planned at later dates above). 02-27 (1), 02-28 Sat worked (2), 03-02 (3),
    // 03-03 (4), 03-04 (5).
    const deadline = await taskDeadlineDue('2026-02-26', '逾期升级');
    await planner().plan(new Date('2026-03-03T10:00:00+08:00'));
    expect(await keys(deadline)).toEqual([]);
    await planner().plan(new Date('2026-03-04T10:00:00+08:00'));
    await planner().plan(new Date('2026-03-05T10:00:00+08:00'));
    const base = `reminder:D${deadline}`;
    expect(await keys(deadline)).toEqual([`${base}:escalate-head:2026-02-26`, `${base}:overdue-5:2026-02-26`]);
    await planner().plan(new Date('2026-03-12T10:00:00+08:00'));
    expect(await keys(deadline)).toEqual([`${base}:escalate-head:2026-02-26`, `${base}:escalate-office:2026-02-26`, `${base}:overdue-5:2026-02-26`]);
    // The head escalation went to 局办公室's head only; the office one to the admins.
    const to = async (key: string) =>
      (await server.sql(`select u.username from notification n join app_user u on u.id = n.user_id where n.key = $1 order by 1`, [key])).map(
        (r: any) => r.username,
      );
    expect(await to(`${base}:escalate-head:2026-02-26`)).toEqual(['bgs.head']);
    expect(await to(`${base}:escalate-office:2026-02-26`)).toContain('admin');
    expect(await to(`${base}:overdue-5:2026-02-26`)).toEqual(['bgs.head', 'bgs.liaison']);
  });

  it('two instances planning the same moment write each reminder once', async () => {
    const deadline = await taskDeadlineDue('2026-04-16', '两个实例');
    // 04-13 → 04-14, 04-15, 04-16: three working days before.
    const at = new Date('2026-04-13T10:00:00+08:00');
    await Promise.all([...Array(6)].map((_, i) => planner(i % 2 ? secondOrm : server.orm).plan(at)));
    const key = `reminder:D${deadline}:before-3:2026-04-16`;
    const [{ n }] = await server.sql(`select count(*)::int as n from notification where key = $1`, [key]);
    expect(n).toBe(2); // bgs.head and bgs.liaison, once each
    const [{ d }] = await server.sql(`select count(*)::int as d from notification_delivery where key like $1`, [`${key}:C%`]);
    expect(d).toBe(1); // the one e-mail channel
  });
});

describe('the outbox workers', () => {
  it('two workers on one database send each message exactly once', async () => {
    for (let i = 0; i < 30; i++) {
      await server.gqlOk(
        `mutation($d: ID!, $r: String!) { issueSupervisionNotice(input: { departmentId: $d, reason: $r, replyWithinWorkingDays: 3 }) { id } }`,
        {
          d: dept['PDS-BGS'],
          r: `并发发送测试 ${i}`,
        },
      );
    }
    const [{ pending }] = await server.sql(`select count(*)::int as pending from notification_delivery where state = 'PENDING'`);
    expect(pending).toBeGreaterThanOrEqual(30);
    smtp.mails.length = 0;
    const drain = async (worker: DeliveryWorker) => {
      for (let round = await worker.runOnce(); round.claimed > 0; round = await worker.runOnce());
    };
    await Promise.all([drain(workerOn(server.orm, 'A')), drain(workerOn(secondOrm, 'B')), drain(workerOn(secondOrm, 'C'))]);
    const ids = smtp.mails.map((m) => m.mail.messageId);
    expect(ids.length).toBe(pending);
    expect(new Set(ids).size).toBe(ids.length);
    const states = await server.sql(`select state, count(*)::int as n from notification_delivery group by state order by state`);
    expect(states).toEqual([{ state: 'SENT', n: expect.any(Number) }]);
  });

  it("a 每日汇总 channel gets the day's reminders as one message; a 督办单 still goes at once", async () => {
    await server.gqlOk(
      `mutation($d: ID!) { setNotificationChannel(input: { departmentId: $d, kind: EMAIL, target: "xzsp@example.gov.cn", digest: true }) { id } }`,
      {
        d: dept['PDS-XZSP'],
      },
    );
    const titles = ['汇总甲', '汇总乙', '汇总丙'];
    for (const t of titles) await taskDeadlineDue('2026-05-14', t, 'PDS-XZSP');
    // 05-11 → 05-12, 05-13, 05-14: three working days before.
    await planner().plan(new Date('2026-05-11T10:00:00+08:00'));
    const held = await server.sql(
      `select d.state from notification_delivery d join notification_channel c on c.id = d.channel_id where c.target = 'xzsp@example.gov.cn' and d.key like 'reminder:%'`,
    );
    expect(held.length).toBeGreaterThanOrEqual(3);
    expect(held.every((r: any) => r.state === 'HELD')).toBe(true);
    await server.gqlOk(
      `mutation($d: ID!) { issueSupervisionNotice(input: { departmentId: $d, reason: "汇总渠道的督办单", replyWithinWorkingDays: 3 }) { id } }`,
      {
        d: dept['PDS-XZSP'],
      },
    );
    smtp.mails.length = 0;
    const worker = workerOn(server.orm, 'digest');
    for (let round = await worker.runOnce(); round.claimed > 0; round = await worker.runOnce());
    const toXzsp = smtp.mails.filter((m) => m.to.includes('xzsp@example.gov.cn'));
    expect(toXzsp.map((m) => m.mail.subject).sort()).toEqual([`【每日汇总】${held.length} 条督办提醒（2026-05-11）`, '【督办】汇总渠道的督办单']);
    const digest = toXzsp.find((m) => m.mail.subject?.startsWith('【每日汇总】'))!;
    for (const t of titles) expect(digest.mail.text).toContain(t);
    const after = await server.sql(
      `select d.state, d.digest_id from notification_delivery d join notification_channel c on c.id = d.channel_id where c.target = 'xzsp@example.gov.cn' and d.key like 'reminder:%'`,
    );
    expect(after.every((r: any) => r.state === 'DIGESTED' && r.digest_id !== null)).toBe(true);
    expect(new Set(after.map((r: any) => r.digest_id)).size).toBe(1);
  });

  it.each(['before-send', 'after-send'] as const)('a worker killed %s loses nothing; a resend carries the same Message-ID', async (crash) => {
    const { setNotificationChannel } = await server.gqlOk<any>(
      `mutation($d: ID!) { setNotificationChannel(input: { departmentId: $d, kind: EMAIL, target: "bgs@example.gov.cn" }) { id } }`,
      { d: dept['PDS-BGS'] },
    );
    const { testNotificationChannel } = await server.gqlOk<any>(`mutation($id: ID!) { testNotificationChannel(id: $id) { id key } }`, {
      id: setNotificationChannel.id,
    });
    smtp.mails.length = 0;
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, '../helpers/crashing-worker.ts')], {
      env: { ...process.env, DATABASE_URL: server.databaseUrl, SMTP_URL: smtp.url, CRASH: crash },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, s) => resolve(s)));
    expect(signal, stderr).toBe('SIGKILL');
    const [claimed] = await server.sql(`select state, attempts from notification_delivery where id = $1`, [testNotificationChannel.id]);
    expect(claimed).toEqual({ state: 'SENDING', attempts: 1 });
    expect(smtp.mails.length).toBe(crash === 'after-send' ? 1 : 0);

    // Its lease (1 s) runs out; another worker takes the message over.
    const worker = workerOn(server.orm, 'rescuer');
    const until = Date.now() + 10_000;
    while ((await worker.runOnce()).sent === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    const [after] = await server.sql(`select state, attempts from notification_delivery where id = $1`, [testNotificationChannel.id]);
    expect(after).toEqual({ state: 'SENT', attempts: 2 });
    const ids = smtp.mails.map((m) => m.mail.messageId);
    expect(ids.length).toBe(crash === 'after-send' ? 2 : 1);
    expect(new Set(ids).size).toBe(1);
  });
});
