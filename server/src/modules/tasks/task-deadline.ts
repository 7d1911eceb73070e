import type { EntityManager } from '@mikro-orm/postgresql';
import { shanghaiDate } from '../../time/calendar-date.js';
import { DeadlineKind } from '../deadlines/deadline-enums.js';
import { RULE } from '../deadlines/deadline-rules.seed.js';
import { Deadline } from '../deadlines/deadline.entity.js';
import { DeadlineService } from '../deadlines/deadline.service.js';
import { TaskStatus } from './task-enums.js';
import { TaskUpdate } from './task-update.entity.js';
import type { Task } from './task.entity.js';
import type { WorkPoint } from '../plans/work-point.entity.js';
import type { Plan } from '../plans/plan.entity.js';

/** Out of the running: no longer assigned, or its work point or plan retired. */
export function isTaskRetired(task: Task, workPoint: WorkPoint, plan: Plan): boolean {
  return task.retiredAt != null || workPoint.retiredAt != null || plan.retiredAt != null;
}

/**
 * Which progress report meets which period of a recurring task (每季度报送 …): periods are taken in order, and each is
 * met by the first report not used yet that was made after the previous period's due date — a report made late
 * catches up the oldest missing period, and two reports in one quarter do not meet the next one. Returns, per period,
 * the date it was met (after its due date: met late) or null.
 */
export function periodCompletions(periods: readonly string[], reportDates: readonly string[]): (string | null)[] {
  const reports = [...reportDates].sort();
  let next = 0;
  return periods.map((_, i) => {
    const opensAfter = i === 0 ? '' : periods[i - 1]!;
    while (next < reports.length && reports[next]! <= opensAfter) next++;
    return next < reports.length ? reports[next++]! : null;
  });
}

/** "（第2期/共4期，6月30日前）": which period a deadline of a recurring task is for. */
function periodLabel(index: number, count: number, dueDate: string): string {
  return `（第${index + 1}期/共${count}期，${Number(dueDate.slice(5, 7))}月${Number(dueDate.slice(8, 10))}日前）`;
}

/**
 * Keeps a task's deadlines in the deadline engine: due on the task's due date, done when the task is 已完成 or 不适用
 * (on the day it became so, unless `completedOn` says otherwise). A task no longer assigned, or of a retired point or
 * plan, is closed too (its history stays); restoring it reopens the deadline.
 *
 * A task of a recurring point (`periodDueDates`, e.g. 每季度) has one deadline per period instead, each met by a
 * progress report (periodCompletions); the task's due date becomes the first period not met yet (the last when all are).
 */
export async function syncTaskDeadline(em: EntityManager, task: Task, deadlines = new DeadlineService(em), completedOn?: string): Promise<void> {
  const workPoint = task.workPoint.getEntity();
  const existing = await em.find(Deadline, { kind: DeadlineKind.TASK, subjectId: task.id, rule: RULE.TASK_DUE });
  const periods = workPoint.periodDueDates ?? [];
  // The deadlines the task should have: one per period, or its only one ('') when it has a due date.
  const single = task.dueDate ? [''] : [];
  const wanted = new Set(periods.length ? periods : single);
  for (const d of existing) if (!wanted.has(d.occasion)) em.remove(d);
  if (!wanted.size) return;

  const plan = (await workPoint.plan.load())!;
  const isClosed = task.status === TaskStatus.DONE || task.status === TaskStatus.NOT_APPLICABLE || isTaskRetired(task, workPoint, plan);
  const closedOn = (occasion: string) => completedOn ?? existing.find((d) => d.occasion === occasion)?.completedOn ?? shanghaiDate();
  const base = {
    kind: DeadlineKind.TASK,
    subjectId: task.id,
    rule: RULE.TASK_DUE,
    departmentId: task.department.id,
    title: `${workPoint.number} ${workPoint.title}`,
  };
  if (!periods.length) {
    await deadlines.sync({ ...base, clock: { start: null, explicitDue: task.dueDate! }, completedOn: isClosed ? closedOn('') : null });
    return;
  }
  const reports = task.id === undefined ? [] : await em.find(TaskUpdate, { task }, { fields: ['createdAt'] });
  const met = periodCompletions(
    periods,
    reports.map((r) => shanghaiDate(r.createdAt)),
  );
  for (const [i, due] of periods.entries()) {
    await deadlines.sync({
      ...base,
      title: `${base.title}${periodLabel(i, periods.length, due)}`,
      occasion: due,
      clock: { start: null, explicitDue: due },
      completedOn: met[i] ?? (isClosed ? closedOn(due) : null),
    });
  }
  task.dueDate = periods[met.findIndex((m) => m === null)] ?? periods.at(-1)!;
}
