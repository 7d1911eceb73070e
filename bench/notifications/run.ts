/**
 * `npm run bench:notifications` — the two figures of issue 16, on a scratch embedded PostgreSQL migrated like
 * production (reference data seeded: calendar, deadline and reminder rules) and deleted afterwards. In process: the
 * planner and the worker are what is measured, not HTTP.
 *
 *   1. Planning — 500 departments (2 people and 1 e-mail channel each) and 100,000 open deadlines of the seven kinds,
 *      in two spreads of due dates: a stress case (±60 days around the next working day: half of them overdue) and a
 *      typical year (over the 247 days ahead, 5 % overdue by up to 13 days). `ReminderPlanner.plan` at 10:00 that day
 *      (the first planning ever: every overdue deadline's escalations at once), the same day again (all planned
 *      before: nothing written), then each of the following working days (a day's new occasions). Goal: ≤ 2 s.
 *   2. Sending — 10,000 e-mails (outbox rows of one e-mail channel) to a local SMTP receiver in another process
 *      (bench/notifications/smtp-sink.ts), by one worker (batch 100, 8 in flight), then by two workers on two
 *      connections pools at once (two instances); the receiver counts messages and distinct Message-IDs. Goal: ≥ 200/s.
 *
 * Env: BENCH_DEADLINES (100000), BENCH_DEPARTMENTS (500), BENCH_MAILS (10000), BENCH_FOLLOWING_DAYS (3).
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureDatabase, migrateAndSeed } from '../../server/src/db/database.js';
import { EmbeddedPostgres } from '../../server/src/db/embedded-postgres.js';
import { createOrmConfig } from '../../server/src/db/orm.config.js';
import { DeadlineService } from '../../server/src/modules/deadlines/deadline.service.js';
import { parseSmtpUrl } from '../../server/src/modules/notifications/channels/email.js';
import { DeliveryWorker } from '../../server/src/modules/notifications/delivery-worker.js';
import { ReminderPlanner } from '../../server/src/modules/notifications/reminder-planner.js';
import { deriveSecretKey } from '../../server/src/modules/notifications/secret-box.js';
import { addDays, shanghaiDate } from '../../server/src/time/calendar-date.js';
import { makeDataDir } from '../../test/helpers/spawn-server.js';
import { machine } from '../lib/machine.js';

const DEADLINES = Number(process.env.BENCH_DEADLINES ?? 100_000);
const DEPARTMENTS = Number(process.env.BENCH_DEPARTMENTS ?? 500);
const MAILS = Number(process.env.BENCH_MAILS ?? 10_000);
/** Working days planned after the first. */
const FOLLOWING = Number(process.env.BENCH_FOLLOWING_DAYS ?? 3);
const KINDS: [string, string][] = [
  ['TASK', 'TASK_DUE'],
  ['APPLICATION', 'APPLICATION_REPLY'],
  ['PROPOSAL', 'PROPOSAL_DISCLOSURE'],
  ['MESSAGE', 'MESSAGE_REPLY'],
  ['PENALTY', 'PENALTY_PUBLICATION'],
  ['NEW_MEDIA', 'NEW_MEDIA_UPDATE'],
  ['SUPERVISION', 'SUPERVISION_REPLY'],
];

const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`);

async function generateDepartments(orm: MikroORM): Promise<void> {
  const em = orm.em.fork();
  await em.execute(`insert into department (name, code, kind, path, created_at) values ('基准测试局', 'BENCH', 'ORGANIZATION', '/', now())`);
  await em.execute(`update department set path = '/' || id || '/' where code = 'BENCH'`);
  await em.execute(
    `insert into department (name, code, kind, parent_id, path, sort_order, created_at)
     select '科室' || g, 'BENCH-' || g, 'OFFICE', o.id, '', g, now() from generate_series(1, ?) g, department o where o.code = 'BENCH'`,
    [DEPARTMENTS],
  );
  await em.execute(`update department d set path = o.path || d.id || '/' from department o where o.code = 'BENCH' and d.parent_id = o.id`);
  await em.execute(
    `insert into app_user (username, display_name, password_hash, role, department_id, created_at)
     select 'u' || d.id || '-' || r, '用户' || d.id, 'x', r::user_role, d.id, now()
       from department d, unnest(array['DEPARTMENT_HEAD', 'LIAISON']) r where d.code like 'BENCH-%'`,
  );
  await em.execute(
    `insert into notification_channel (department_id, kind, target, created_at, updated_at)
     select d.id, 'EMAIL', 'dept' || d.id || '@example.gov.cn', now(), now() from department d where d.code like 'BENCH-%'`,
  );
}

/**
 * The open deadlines (any before are deleted, with what was planned for them): due `day` + ((g·7919) mod `range`) +
 * `offset` days, kinds and departments in turn.
 */
async function generateDeadlines(orm: MikroORM, day: string, range: number, offset: number): Promise<void> {
  const em = orm.em.fork();
  await em.execute(`delete from reminder_occasion`);
  await em.execute(`delete from notification`);
  await em.execute(`delete from notification_delivery`);
  await em.execute(`delete from deadline`);
  await em.execute(
    `insert into deadline (kind, subject_id, rule_code, department_id, title, original_due_date, due_date, stopped, extensions, state, state_changed_at)
     select k.kind::deadline_kind, g, k.rule, d.id, '基准事项 ' || g, ?::date + ((g * 7919) % ? + ?), ?::date + ((g * 7919) % ? + ?),
            '[]', '[]', 'ON_TRACK', now()
       from generate_series(1, ?) g
       join (select row_number() over (order by id) - 1 as i, id from department where code like 'BENCH-%') d on d.i = g % ?
       join (select * from unnest(?::text[], ?::text[]) with ordinality as k(kind, rule, n)) k on k.n - 1 = g % ?`,
    [
      day,
      range,
      offset,
      day,
      range,
      offset,
      DEADLINES,
      DEPARTMENTS,
      `{${KINDS.map((k) => k[0]).join(',')}}`,
      `{${KINDS.map((k) => k[1]).join(',')}}`,
      KINDS.length,
    ],
  );
  await em.execute('analyze');
}

interface Sink {
  port: number;
  stop(): Promise<{ received: number; distinct: number }>;
}

async function startSink(): Promise<Sink> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'smtp-sink.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const port = await new Promise<number>((resolve) =>
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /ready (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    }),
  );
  return {
    port,
    stop: () =>
      new Promise((resolve) => {
        child.on('exit', () => {
          const m = /received (\d+) distinct (\d+)/.exec(out)!;
          resolve({ received: Number(m[1]), distinct: Number(m[2]) });
        });
        child.kill('SIGTERM');
      }),
  };
}

function worker(orm: MikroORM, name: string, port: number): DeliveryWorker {
  return new DeliveryWorker(orm, {
    instance: name,
    leaseSeconds: 120,
    maxAttempts: 8,
    retryBaseMs: 1000,
    batchSize: 100,
    concurrency: 8,
    secretKey: deriveSecretKey('bench'),
    send: { smtp: parseSmtpUrl(`smtp://127.0.0.1:${port}`, null, 15_000), httpTimeoutMs: 10_000, now: () => Date.now() },
    digestWaitMs: 30 * 60_000,
  });
}

async function sendRound(orms: MikroORM[], port: number, label: string): Promise<string> {
  const em = orms[0]!.em.fork();
  await em.execute(`delete from notification_delivery`);
  const [channel] = await em.execute<{ id: number }[]>(`select id from notification_channel order by id limit 1`);
  await em.execute(
    `insert into notification_delivery (key, channel_id, title, text, link, state, created_at, next_attempt_at)
     select 'bench:' || ? || ':' || g, ?, '【提醒】基准测试邮件 ' || g, '依申请公开：基准事项 ' || g || E'\\n将于 2026-12-08 到期，还有 5 个工作日，请抓紧办理。', null, 'PENDING', now(), now()
       from generate_series(1, ?) g`,
    [label, channel!.id, MAILS],
  );
  const sink = await startSink();
  void port;
  const started = performance.now();
  const drain = async (w: DeliveryWorker) => {
    for (let round = await w.runOnce(); round.claimed > 0; round = await w.runOnce());
  };
  await Promise.all(orms.map((orm, i) => drain(worker(orm, `${label}-${i}`, sink.port))));
  const elapsed = performance.now() - started;
  const counts = await sink.stop();
  const states = await em.execute<{ state: string; n: number }[]>(`select state, count(*)::int as n from notification_delivery group by state`);
  const rate = MAILS / (elapsed / 1000);
  const line = `| ${label} | ${MAILS} | ${ms(elapsed)} | **${rate.toFixed(0)}/s** | ${counts.received} / ${counts.distinct} | ${states.map((s) => `${s.state} ${s.n}`).join(', ')} | ${rate >= 200 ? 'met' : '**not met**'} |`;
  log(line);
  return line;
}

async function main(): Promise<void> {
  const before = machine();
  const dir = makeDataDir('zwgk-bench-notify-');
  const pg = new EmbeddedPostgres({ dir: path.join(dir, 'pg') });
  const orms: MikroORM[] = [];
  try {
    await pg.start();
    await ensureDatabase(pg.url(), 'bench_notify');
    const clientUrl = pg.url('bench_notify');
    orms.push(await MikroORM.init(createOrmConfig({ clientUrl, quiet: true })));
    await migrateAndSeed(orms[0]!);
    orms.push(await MikroORM.init(createOrmConfig({ clientUrl, quiet: true })));
    const calendar = await new DeadlineService(orms[0]!.em.fork()).calendar();
    const day = calendar.nextWorkingDayOnOrAfter(addDays(shanghaiDate(), 1));
    await generateDepartments(orms[0]!);
    const planner = new ReminderPlanner(orms[0]!, { hours: { from: '09:00', to: '17:30' }, publicUrl: null });
    // The first planning ever (every overdue deadline's escalations at once), the same day again (all planned
    // before), then the following working days (what a day costs: that day's new occasions only). Two spreads of due
    // dates: a stress case (±60 days around the day: half of the 100,000 overdue) and a typical year (due over the
    // next 247 days, 5 % overdue by up to 13 days).
    const days = [day, day];
    for (let d = day; days.length < 2 + FOLLOWING; days.push(d)) d = calendar.nextWorkingDayOnOrAfter(addDays(d, 1));
    const series: [string, number, number][] = [
      ['stress: due ±60 days, half overdue', 121, -60],
      ['typical: due over the year ahead, 5 % overdue', 260, -13],
    ];
    const lines: string[] = [];
    for (const [name, range, offset] of series) {
      log(`${name}: ${DEPARTMENTS} departments, ${DEADLINES} open deadlines around ${day}`);
      await generateDeadlines(orms[0]!, day, range, offset);
      for (const [i, d] of days.entries()) {
        const at = new Date(`${d}T10:00:00+08:00`);
        const started = performance.now();
        const outcome = await planner.plan(at);
        const elapsed = performance.now() - started;
        if (!outcome.planned) throw new Error(`not planned: ${outcome.why}`);
        const what = ['first planning (nothing planned before)', 'the same day again'][i] ?? 'the next working day';
        const line = `| ${name} | ${d} | ${what} | ${outcome.considered} | ${outcome.occasions} | ${outcome.newOccasions} | ${outcome.inApp} | ${outcome.deliveries} | **${ms(elapsed)}** | ${elapsed <= 2000 ? 'met' : '**not met**'} |`;
        log(line);
        lines.push(line);
      }
    }
    console.log(`\n### Planning (${DEADLINES} open deadlines, ${DEPARTMENTS} departments, 10:00 each day)\n`);
    console.log('| series | day | run | open deadlines | occasions today | of which new | in-app copies written | outbox rows written | time | goal ≤ 2 s |');
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    for (const l of lines) console.log(l);

    const sendLines = [await sendRound([orms[0]!], 0, 'one worker'), await sendRound(orms, 0, 'two workers (two instances)')];
    console.log(`\n### Sending ${MAILS} e-mails to a local SMTP receiver\n`);
    console.log('| series | e-mails | time | rate | received / distinct Message-IDs | outbox states after | goal ≥ 200/s |');
    console.log('|---|---|---|---|---|---|---|');
    for (const l of sendLines) console.log(l);
  } finally {
    for (const orm of orms) await orm.close(true);
    await pg.stop();
  }
  console.log(`\nMachine before:\n\`\`\`\n${before}\n\`\`\`\nafter:\n\`\`\`\n${machine()}\n\`\`\``);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
