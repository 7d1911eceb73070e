/**
 * Plans reminders: for every open deadline of a kind with an active reminder rule, what today is for it — N working
 * days before its due date, the day itself, every N working days while overdue, the escalations to the department
 * head and to the office — and writes each occasion's notifications (notifyMany). Only on working days (调休 counted:
 * a make-up Saturday is one, a holiday is not) and inside office hours (Asia/Shanghai). Keys make it exactly once:
 * `reminder:D<deadline>:<occasion>:<due date>` — run it as often as you like, on as many instances as you like.
 */
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { shanghaiDate, TIME_ZONE } from '../../time/calendar-date.js';
import { now as clockNow } from '../../time/clock.js';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import { DEADLINE_KIND_LABEL, type DeadlineKind } from '../deadlines/deadline-enums.js';
import { DeadlineService } from '../deadlines/deadline.service.js';
import { NotificationKind } from './notification-enums.js';
import { notifyMany, type Audience, type NotificationSpec } from './notify.js';
import { ReminderRule } from './reminder-rule.entity.js';

export interface ReminderHours {
  from: string;
  to: string;
}

/** One open deadline as the planner reads it. */
export interface OpenDeadline {
  id: number;
  kind: DeadlineKind;
  departmentId: number;
  dueDate: string;
  title: string;
}

export interface Occasion {
  /** before-5, due, overdue-4, escalate-head, escalate-office */
  name: string;
  audience: Audience;
  kind: NotificationKind;
  title: string;
  text: string;
}

type RuleFigures = Pick<ReminderRule, 'daysBefore' | 'onDueDay' | 'overdueEveryWorkingDays' | 'escalateToHeadAfter' | 'escalateToOfficeAfter'>;

/** What today is for one deadline under its rule (pure). Escalations fire on the first planned day at or past M. */
export function occasionsFor(rule: RuleFigures, d: OpenDeadline, today: string, calendar: WorkingDayCalendar): Occasion[] {
  // A register's deadline title names its kind already ("依申请公开 2026-0020：…").
  const label = DEADLINE_KIND_LABEL[d.kind];
  const what = d.title.startsWith(label) ? d.title : `${label}：${d.title}`;
  const out: Occasion[] = [];
  if (today < d.dueDate) {
    const left = calendar.workingDaysBetween(today, d.dueDate);
    if (rule.daysBefore.map(Number).includes(left)) {
      out.push({
        name: `before-${left}`,
        audience: 'department',
        kind: NotificationKind.REMINDER,
        title: `【提醒】${what}`,
        text: `${what}\n将于 ${d.dueDate} 到期，还有 ${left} 个工作日，请抓紧办理。`,
      });
    }
    return out;
  }
  if (today === d.dueDate) {
    if (rule.onDueDay) {
      out.push({
        name: 'due',
        audience: 'department',
        kind: NotificationKind.REMINDER,
        title: `【今日到期】${what}`,
        text: `${what}\n今天（${d.dueDate}）到期，请今日办结。`,
      });
    }
    return out;
  }
  const late = calendar.workingDaysBetween(d.dueDate, today);
  if (late > 0 && rule.overdueEveryWorkingDays > 0 && late % rule.overdueEveryWorkingDays === 0) {
    out.push({
      name: `overdue-${late}`,
      audience: 'department',
      kind: NotificationKind.REMINDER,
      title: `【已逾期】${what}`,
      text: `${what}\n已于 ${d.dueDate} 到期，逾期 ${late} 个工作日，请立即办理并报告情况。`,
    });
  }
  if (rule.escalateToHeadAfter != null && late >= rule.escalateToHeadAfter) {
    out.push({
      name: 'escalate-head',
      audience: 'head',
      kind: NotificationKind.ESCALATION,
      title: `【升级督办·科室负责人】${what}`,
      text: `${what}\n已逾期 ${late} 个工作日（${d.dueDate} 到期），请科室负责人督促办理。`,
    });
  }
  if (rule.escalateToOfficeAfter != null && late >= rule.escalateToOfficeAfter) {
    out.push({
      name: 'escalate-office',
      audience: 'office',
      kind: NotificationKind.ESCALATION,
      title: `【升级督办·政务公开办】${what}`,
      text: `${what}\n已逾期 ${late} 个工作日（${d.dueDate} 到期），已报政务公开办。`,
    });
  }
  return out;
}

const timeOfDay = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** HH:MM in Asia/Shanghai. */
export function shanghaiTimeOfDay(at: Date): string {
  return timeOfDay.format(at);
}

export type PlanOutcome =
  | { planned: true; today: string; considered: number; occasions: number; newOccasions: number; inApp: number; deliveries: number }
  | { planned: false; today: string; why: 'not-a-working-day' | 'outside-office-hours' | 'another-instance' };

const PLAN_LOCK = 0x7e3d;
const OCCASION_BATCH = 20_000;

export class ReminderPlanner {
  constructor(
    private readonly orm: MikroORM,
    private readonly settings: { hours: ReminderHours; publicUrl: string | null },
  ) {}

  async plan(at: Date = clockNow()): Promise<PlanOutcome> {
    const today = shanghaiDate(at);
    const time = shanghaiTimeOfDay(at);
    return this.orm.em.fork().transactional(async (em) => {
      const calendar = await new DeadlineService(em).calendar();
      if (!calendar.isWorkingDay(today)) return { planned: false, today, why: 'not-a-working-day' };
      if (time < this.settings.hours.from || time >= this.settings.hours.to) return { planned: false, today, why: 'outside-office-hours' };
      const [{ locked }] = await em.execute<{ locked: boolean }[]>('select pg_try_advisory_xact_lock(?) as locked', [PLAN_LOCK]);
      if (!locked) return { planned: false, today, why: 'another-instance' };
      return { planned: true, today, ...(await planIn(em, today, calendar, this.settings.publicUrl)) };
    });
  }
}

async function planIn(em: EntityManager, today: string, calendar: WorkingDayCalendar, publicUrl: string | null) {
  const rules = new Map((await em.find(ReminderRule, { active: true })).map((r) => [r.deadlineKind, r]));
  if (!rules.size) return { considered: 0, occasions: 0, newOccasions: 0, inApp: 0, deliveries: 0 };
  const open = await em.execute<{ id: number; kind: DeadlineKind; department_id: number; due_date: string; title: string }[]>(
    `select id, kind, department_id, to_char(due_date, 'YYYY-MM-DD') as due_date, title from deadline
      where completed_on is null and not paused and department_id is not null and kind in (?)`,
    [[...rules.keys()]],
  );
  const specs: NotificationSpec[] = [];
  const occasions: { key: string; deadline_id: number; occasion: string; due_date: string }[] = [];
  for (const row of open) {
    const d: OpenDeadline = { id: row.id, kind: row.kind, departmentId: row.department_id, dueDate: row.due_date, title: row.title };
    for (const o of occasionsFor(rules.get(d.kind)!, d, today, calendar)) {
      occasions.push({ key: `reminder:D${d.id}:${o.name}:${d.dueDate}`, deadline_id: d.id, occasion: o.name, due_date: d.dueDate });
      specs.push({
        key: `reminder:D${d.id}:${o.name}:${d.dueDate}`,
        kind: o.kind,
        title: o.title,
        text: o.text,
        link: o.audience === 'office' ? '/admin' : '/department',
        subjectType: 'Deadline',
        subjectId: d.id,
        departmentId: d.departmentId,
        audience: o.audience,
        digestible: true,
      });
    }
  }
  // Keys planned before that can come up again: the escalations of open deadlines (due every day once late enough)
  // and whatever was planned today (an earlier run of the day). Other occasions name their day and are new.
  const known = new Set(
    (
      await em.execute<{ key: string }[]>(
        `select r.key from reminder_occasion r where r.occasion in ('escalate-head', 'escalate-office')
            and r.deadline_id in (select id from deadline where completed_on is null)
         union all select key from reminder_occasion where planned_for = ?::date`,
        [today],
      )
    ).map((r) => r.key),
  );
  const candidates = occasions.filter((o) => !known.has(o.key));
  // The occasions not planned before (by this or another instance): only those are notified.
  const fresh = new Set<string>();
  for (let i = 0; i < candidates.length; i += OCCASION_BATCH) {
    const rows = await em.execute<{ key: string }[]>(
      `insert into reminder_occasion (key, deadline_id, occasion, due_date, planned_at, planned_for)
       select key, deadline_id, occasion, due_date, now(), ?::date from jsonb_to_recordset(?::jsonb) as r(key text, deadline_id int, occasion text, due_date date)
       on conflict (key) do nothing returning key`,
      [today, JSON.stringify(candidates.slice(i, i + OCCASION_BATCH))],
    );
    for (const r of rows) fresh.add(r.key);
  }
  const written = await notifyMany(
    em,
    specs.filter((s) => fresh.has(s.key)),
    { today, publicUrl },
  );
  return { considered: open.length, occasions: specs.length, newOccasions: fresh.size, ...written };
}
