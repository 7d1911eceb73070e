/**
 * The demo of the current year, seeded "as of" several days (1 January, the Spring Festival, mid
 * year, 30 November, 31 December) into real PostgreSQL: it must look right on each of them.
 * Invariants on computed properties, never hard-coded outputs.
 */
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrmConfig } from '../../server/src/db/orm.config.js';
import { MAX_TASK_WORKING_DAYS_LATE } from '../../server/src/db/seed/demo-progress.js';
import { MAX_REGISTER_WORKING_DAYS_LATE, REGISTER_DAYS } from '../../server/src/db/seed/demo-registers.js';
import { SEEDS_DIR, seedDemoData } from '../../server/src/db/seed/demo-seeder.js';
import { SYSTEM_VIEWER } from '../../server/src/modules/auth/viewer.js';
import { loadCalendar } from '../../server/src/modules/calendar/calendar.store.js';
import type { WorkingDayCalendar } from '../../server/src/modules/calendar/working-day-calendar.js';
import { DeadlineService, type OverdueRow } from '../../server/src/modules/deadlines/deadline.service.js';
import { addDays } from '../../server/src/time/calendar-date.js';
import { setClock } from '../../server/src/time/clock.js';
import { createTestDatabase } from '../helpers/test-server.js';

interface Seeded {
  today: string;
  summary: string;
  plan: { id: number; year: number; title: string; source_year: number | null };
  points: { number: string; due_date: string; time_limit: string | null }[];
  tasks: {
    id: number;
    status: string;
    progress: number;
    due_date: string;
    role: string;
    completed_on: string | null;
    last_report: string | null;
    checked: number;
    items: number;
  }[];
  attention: OverdueRow[];
  calendar: WorkingDayCalendar;
  /** Every date and instant the demo wrote, by where it comes from (as Shanghai calendar dates). */
  latestDates: Record<string, string | null>;
  registers: { kind: string; event_on: string; completed_on: string | null; due_date: string }[];
}

type Sql = <R>(text: string, params?: unknown[]) => Promise<R[]>;

async function seedAt(today: string): Promise<Seeded> {
  const db = await createTestDatabase('empty');
  const orm = await MikroORM.init(createOrmConfig({ clientUrl: db.url, quiet: true }));
  try {
    // As `npm start` with CLOCK_AT does: the seeder's today defaults to the server's clock.
    setClock(new Date(`${today}T09:30:00+08:00`));
    const summary = await seedDemoData(orm.em.fork(), SEEDS_DIR);
    expect(summary).toContain(`as of ${today}`);
    const conn = orm.em.getConnection();
    const sql: Sql = async (text, params = []) => (await conn.execute(text, params as unknown[])) as never;
    const [plan] = await sql<Seeded['plan']>(
      `select p.id, p.year, p.title, p.source_year from plan p join department d on d.id = p.organization_id where d.code = 'PDS'`,
    );
    const points = await sql<Seeded['points'][number]>(
      `select number, to_char(due_date, 'YYYY-MM-DD') as due_date, time_limit from work_point where plan_id = ? order by sequence`,
      [plan!.id],
    );
    const tasks = await sql<Seeded['tasks'][number]>(
      `select t.id, t.status, t.progress, to_char(t.due_date, 'YYYY-MM-DD') as due_date, t.role,
              (select to_char(dl.completed_on, 'YYYY-MM-DD') from deadline dl where dl.kind = 'TASK' and dl.subject_id = t.id) as completed_on,
              (select to_char(max(u.created_at) at time zone 'Asia/Shanghai', 'YYYY-MM-DD') from task_update u where u.task_id = t.id) as last_report,
              (select count(*)::int from json_array_elements(t.checklist::json) c where (c->>'done')::boolean) as checked,
              json_array_length(t.checklist::json) as items
         from task t join work_point w on w.id = t.work_point_id where w.plan_id = ?`,
      [plan!.id],
    );
    const em = orm.em.fork();
    const attention = await new DeadlineService(em).listAttention(SYSTEM_VIEWER, {}, today);
    const day = (col: string) => `to_char(max(${col}), 'YYYY-MM-DD')`;
    const instant = (col: string) => `to_char(max(${col}) at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;
    const [latest] = await sql<Record<string, string | null>>(
      `select (select ${instant('created_at')} from task_update) as task_update,
              (select ${day('completed_on')} from deadline) as deadline_completed,
              (select ${day('start_date')} from deadline) as deadline_start,
              (select ${day('published_on')} from publication) as publication,
              (select ${instant('created_at')} from publication) as publication_created,
              (select ${instant('updated_at')} from publication) as publication_updated,
              (select ${day('received_on')} from information_request) as request_received,
              (select ${day('replied_on')} from information_request) as request_replied,
              (select ${instant('created_at')} from information_request) as request_created,
              (select ${day('event_on')} from event_duty) as duty_event,
              (select ${day('completed_on')} from event_duty) as duty_completed,
              (select ${instant('created_at')} from event_duty) as duty_created,
              (select ${instant('created_at')} from channel) as channel_created,
              (select ${day('as_of')} from deadline_event) as deadline_event_as_of`,
    );
    const registers = await sql<Seeded['registers'][number]>(
      `select kind::text, to_char(start_date, 'YYYY-MM-DD') as event_on, to_char(completed_on, 'YYYY-MM-DD') as completed_on, to_char(due_date, 'YYYY-MM-DD') as due_date
         from deadline where kind in ('APPLICATION', 'PROPOSAL', 'MESSAGE', 'PENALTY')`,
    );
    return { today, summary, plan: plan!, points, tasks, attention, calendar: await loadCalendar(em), latestDates: latest!, registers };
  } finally {
    setClock(null);
    await orm.close(true);
    await db.drop();
  }
}

// 1 January (a holiday: nothing due yet), the Spring Festival of a year without an entered
// holiday notice, mid-year, the real "today" of the issue, the last day of a year.
const DATES = ['2027-01-01', '2027-02-10', '2026-06-15', '2026-11-30', '2026-12-31'];
const seeded = new Map<string, Seeded>();

beforeAll(async () => {
  for (const d of DATES) seeded.set(d, await seedAt(d));
}, 240_000);

describe.each(DATES)('the demo seeded as of %s', (today) => {
  const s = () => seeded.get(today)!;
  const year = Number(today.slice(0, 4));

  it("re-dates the 2021 plan into today's year and keeps the original year", () => {
    const { plan, points } = s();
    expect(plan.year).toBe(year);
    expect(plan.source_year).toBe(2021);
    expect(plan.title).toContain(`${year}年度`);
    expect(plan.title).not.toContain('2021年');
    expect(points.length).toBeGreaterThan(10);
    for (const p of points) expect(p.due_date.slice(0, 4)).toBe(String(year));
    // 每年4月1日前 keeps its month and day in the new year.
    const april = points.filter((p) => /4月1日/.test(p.time_limit ?? ''));
    expect(april.length).toBeGreaterThan(0);
    for (const p of april) expect(p.due_date).toBe(`${year}-04-01`);
  });

  it('dates nothing after today', () => {
    const { latestDates } = s();
    for (const [what, date] of Object.entries(latestDates)) {
      if (date !== null) expect(date, what).toSatisfy((d: string) => d <= today);
    }
    // Reports and completions of the plan: before today, in the plan year.
    for (const t of s().tasks) {
      if (t.last_report) {
        expect(t.last_report < today).toBe(true);
        expect(t.last_report >= `${year}-01-01`).toBe(true);
      }
      if (t.completed_on) expect(t.completed_on < today).toBe(true);
    }
  });

  it('has nothing overdue by more than a few weeks, and no overdue task of a past year', () => {
    const { attention, calendar } = s();
    for (const row of attention) {
      expect(row.workingDaysOverdue, row.deadline.title).toBeLessThanOrEqual(MAX_TASK_WORKING_DAYS_LATE);
      // The due date of anything overdue is recent: within ~60 working days.
      expect(calendar.workingDaysBetween(row.deadline.dueDate, today)).toBeLessThanOrEqual(60);
    }
  });

  it('shows some overdue and some due-soon items', () => {
    const { attention } = s();
    const overdue = attention.filter((r) => r.state === 'OVERDUE' || r.state === 'LONG_OVERDUE');
    const dueSoon = attention.filter((r) => r.state === 'DUE_SOON');
    expect(overdue.length).toBeGreaterThan(0);
    expect(dueSoon.length).toBeGreaterThan(0);
    // A few, not a wall of red.
    expect(overdue.length).toBeLessThanOrEqual(25);
  });

  it('gives the tasks believable progress for the day', () => {
    const { tasks, calendar } = s();
    const by = (st: string) => tasks.filter((t) => t.status === st);
    for (const t of tasks) {
      expect(t.due_date.slice(0, 4)).toBe(String(year));
      if (t.status === 'DONE') expect([t.progress, t.checked]).toEqual([100, t.items]);
      if (t.status === 'NOT_STARTED') expect(t.progress).toBe(0);
      if (t.status === 'IN_PROGRESS') expect(t.progress).toBeGreaterThan(0);
      if (t.status === 'DONE' || t.status === 'NOT_APPLICABLE') expect(t.completed_on).not.toBeNull();
      else expect(t.completed_on).toBeNull();
    }
    const pastDue = tasks.filter((t) => t.due_date < today);
    const open = pastDue.filter((t) => t.status === 'IN_PROGRESS' || t.status === 'NOT_STARTED');
    // Most of what was due is done; what is not is late by days or weeks only.
    if (pastDue.length) expect(open.length / pastDue.length).toBeLessThan(0.25);
    for (const t of open) expect(calendar.workingDaysBetween(t.due_date, today)).toBeLessThanOrEqual(MAX_TASK_WORKING_DAYS_LATE);
    // On time, mostly: done on or before the due date.
    const done = by('DONE');
    if (done.length >= 10) expect(done.filter((t) => t.completed_on! <= t.due_date).length / done.length).toBeGreaterThan(0.75);
    const doneShare = done.length / tasks.length;
    const elapsed = (Date.parse(today) - Date.parse(`${year}-01-01`)) / (365 * 86_400_000);
    if (today === `${year}-01-01`) {
      // Nothing has started on New Year's day.
      expect(by('NOT_STARTED')).toHaveLength(tasks.length);
    } else {
      // Done share follows the year: little early on, most at its end.
      expect(doneShare).toBeLessThanOrEqual(Math.min(1, elapsed + 0.2));
      if (elapsed > 0.8) expect(doneShare).toBeGreaterThan(0.5);
      expect(by('NOT_APPLICABLE').length).toBeLessThan(tasks.length * 0.1);
    }
  });

  it('keeps registers for the year, mostly handled in time, one or two overdue by days', () => {
    const { registers, calendar } = s();
    expect(registers.length).toBeGreaterThan(150);
    const events = registers.map((r) => r.event_on).sort();
    // A year of entries up to today: the first within the last 365 days, the last recent; applications
    // since December of the year before last (last year's annual report counts all of its year).
    const duties = registers
      .filter((r) => r.kind !== 'APPLICATION')
      .map((r) => r.event_on)
      .sort();
    expect(duties[0]! >= addDays(today, -365)).toBe(true);
    const applications = registers
      .filter((r) => r.kind === 'APPLICATION')
      .map((r) => r.event_on)
      .sort();
    expect(applications[0]! >= `${Number(today.slice(0, 4)) - 2}-12-01`).toBe(true);
    expect(applications.some((d) => d.startsWith(`${Number(today.slice(0, 4)) - 1}-0`))).toBe(true);
    expect(events.at(-1)! > addDays(today, -15)).toBe(true);
    const closed = registers.filter((r) => r.completed_on);
    expect(closed.filter((r) => r.completed_on! <= r.due_date).length / closed.length).toBeGreaterThan(0.9);
    const overdueOpen = registers.filter((r) => !r.completed_on && r.due_date < today);
    expect(overdueOpen.length).toBeGreaterThanOrEqual(1);
    expect(overdueOpen.length).toBeLessThanOrEqual(4);
    for (const r of overdueOpen) expect(calendar.workingDaysBetween(r.due_date, today)).toBeLessThanOrEqual(MAX_REGISTER_WORKING_DAYS_LATE);
    // Open ones otherwise are recent: still within their period.
    for (const r of registers.filter((x) => !x.completed_on && x.due_date >= today)) {
      expect(calendar.workingDaysBetween(r.event_on, today)).toBeLessThanOrEqual(REGISTER_DAYS[r.kind as keyof typeof REGISTER_DAYS]);
    }
  });
});

describe('across the year', () => {
  it('progress grows with the date (same year)', () => {
    const share = (d: string) => {
      const t = seeded.get(d)!.tasks;
      return t.filter((x) => x.status === 'DONE').length / t.length;
    };
    expect(share('2026-06-15')).toBeLessThan(share('2026-11-30'));
    expect(share('2026-11-30')).toBeLessThan(share('2026-12-31'));
  });

  it('is deterministic for a given day', async () => {
    const again = await seedAt('2026-11-30');
    const key = (x: Seeded) => x.tasks.map((t) => `${t.due_date}|${t.status}|${t.progress}|${t.completed_on}`).sort();
    expect(key(again)).toEqual(key(seeded.get('2026-11-30')!));
    expect(again.summary).toBe(seeded.get('2026-11-30')!.summary);
  }, 120_000);
});

afterAll(() => {
  if (process.env.TEST_LOG) {
    for (const s of seeded.values()) {
      const count = (st: string) => s.tasks.filter((t) => t.status === st).length;
      console.log(s.summary, { DONE: count('DONE'), IN_PROGRESS: count('IN_PROGRESS'), NOT_STARTED: count('NOT_STARTED'), NA: count('NOT_APPLICABLE') });
      for (const r of s.attention.slice(0, 12)) console.log('  ', r.state, r.workingDaysOverdue, r.deadline.dueDate, r.deadline.title.slice(0, 40));
    }
  }
});
