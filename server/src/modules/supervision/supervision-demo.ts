/**
 * Demo 督办单 (demo mode only), dated before the demo's today: one 已办结, one 已回复 waiting for the office, one 逾期
 * (signed for, not answered) — each about an overdue task of a different department, so the 督办 page, the department
 * view and the wall screen show the three situations an office meets.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays } from '../../time/calendar-date.js';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import { DeadlineKind, DeadlineState } from '../deadlines/deadline-enums.js';
import { Deadline } from '../deadlines/deadline.entity.js';
import { DeadlineService } from '../deadlines/deadline.service.js';
import type { Department } from '../departments/department.entity.js';
import { Task } from '../tasks/task.entity.js';
import { SupervisionNoticeState, type SupervisionStep } from './supervision-enums.js';
import { SupervisionNotice } from './supervision-notice.entity.js';
import { syncNoticeDeadline } from './supervision.service.js';

/** The working day `n` working days before `date`. */
function workingDaysBefore(calendar: WorkingDayCalendar, date: string, n: number): string {
  let d = date;
  for (let left = n; left > 0;) {
    d = addDays(d, -1);
    if (calendar.isWorkingDay(d)) left--;
  }
  return d;
}

const at = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`);

export async function seedDemoSupervision(em: EntityManager, organization: Department, calendar: WorkingDayCalendar, today: string): Promise<number> {
  const overdue = await em.find(
    Deadline,
    { kind: DeadlineKind.TASK, state: { $in: [DeadlineState.OVERDUE, DeadlineState.LONG_OVERDUE] }, department: { path: { $like: `${organization.path}%` } } },
    { orderBy: { dueDate: 'asc', id: 'asc' }, populate: ['department'] },
  );
  const byDepartment = new Map<number, Deadline>();
  for (const d of overdue) if (d.department && !byDepartment.has(d.department.id)) byDepartment.set(d.department.id, d);
  const picked = [...byDepartment.values()].slice(0, 3);
  // In the order they were issued (numbered 1, 2, 3 in that order).
  const plans: { issuedAgo: number; days: number; step: SupervisionStep; reason: string }[] = [
    { issuedAgo: 15, days: 5, step: SupervisionNoticeState.CLOSED, reason: '工作任务已逾期，请加快推进并报告办理情况' },
    { issuedAgo: 8, days: 5, step: SupervisionNoticeState.ACKNOWLEDGED, reason: '工作任务逾期未完成，请于期限内回复办理情况' },
    { issuedAgo: 6, days: 5, step: SupervisionNoticeState.REPLIED, reason: '工作任务已逾期，请说明原因并限期完成' },
  ];
  const sequences = new Map<number, number>();
  const deadlines = new DeadlineService(em, calendar);
  let made = 0;
  for (const [i, deadline] of picked.entries()) {
    const plan = plans[i]!;
    const task = await em.findOne(Task, { id: deadline.subjectId }, { populate: ['workPoint'] });
    if (!task) continue;
    const issued = workingDaysBefore(calendar, today, plan.issuedAgo);
    const year = Number(issued.slice(0, 4));
    const sequence = (sequences.get(year) ?? 0) + 1;
    sequences.set(year, sequence);
    const next = (n: number) => calendar.addWorkingDays(issued, n).date;
    const notice = em.create(SupervisionNotice, {
      organization,
      year,
      sequence,
      department: deadline.department!,
      task,
      subject: `${task.workPoint.getEntity().number} ${task.workPoint.getEntity().title}`,
      reason: plan.reason,
      requirement: '请对照任务要求逐项落实，回复时附佐证材料链接。',
      replyWithinWorkingDays: plan.days,
      dueDate: next(plan.days),
      issuedBy: 'office.admin',
      issuedAt: at(issued, '09:20'),
      step: plan.step,
      acknowledgedAt: at(next(1), '10:05'),
      acknowledgedBy: '信息员',
    });
    if (plan.step === SupervisionNoticeState.CLOSED || plan.step === SupervisionNoticeState.REPLIED) {
      const replied = plan.step === SupervisionNoticeState.CLOSED ? next(3) : workingDaysBefore(calendar, today, 1);
      notice.repliedAt = at(replied, '15:30');
      notice.repliedBy = '信息员';
      notice.reply = '已组织专人推进，相关信息已在门户网站公开，后续按月报送进展。';
      notice.evidenceUrls = ['https://www.pds.gov.cn/zwgk/'];
    }
    if (plan.step === SupervisionNoticeState.CLOSED) {
      notice.closedAt = at(next(4), '11:00');
      notice.closedBy = 'office.admin';
    }
    await em.flush();
    await syncNoticeDeadline(notice, deadlines, today);
    made++;
  }
  await em.flush();
  return made;
}
