import type { EntityManager } from '@mikro-orm/postgresql';
import { shanghaiDate } from '../../time/calendar-date.js';
import { DeadlineKind } from '../deadlines/deadline-enums.js';
import { RULE } from '../deadlines/deadline-rules.seed.js';
import { Deadline } from '../deadlines/deadline.entity.js';
import { DeadlineService } from '../deadlines/deadline.service.js';
import { TaskStatus } from './task-enums.js';
import type { Task } from './task.entity.js';
import type { WorkPoint } from '../plans/work-point.entity.js';
import type { Plan } from '../plans/plan.entity.js';

/** Out of the running: no longer assigned, or its work point or plan retired. */
export function isTaskRetired(task: Task, workPoint: WorkPoint, plan: Plan): boolean {
  return task.retiredAt != null || workPoint.retiredAt != null || plan.retiredAt != null;
}

/**
 * Keeps a task's deadline in the deadline engine: due on the task's due date, done when the
 * task is 已完成 or 不适用 (on the day it became so, unless `completedOn` says otherwise).
 * A task no longer assigned, or of a retired point or plan, is closed too (its history stays);
 * restoring it reopens the deadline.
 */
export async function syncTaskDeadline(em: EntityManager, task: Task, deadlines = new DeadlineService(em), completedOn?: string): Promise<void> {
  const existing = await em.findOne(Deadline, { kind: DeadlineKind.TASK, subjectId: task.id, rule: RULE.TASK_DUE });
  if (!task.dueDate) {
    if (existing) em.remove(existing);
    return;
  }
  const workPoint = task.workPoint.getEntity();
  const plan = (await workPoint.plan.load())!;
  const isClosed = task.status === TaskStatus.DONE || task.status === TaskStatus.NOT_APPLICABLE || isTaskRetired(task, workPoint, plan);
  await deadlines.sync({
    kind: DeadlineKind.TASK,
    subjectId: task.id,
    rule: RULE.TASK_DUE,
    departmentId: task.department.id,
    title: `${workPoint.number} ${workPoint.title}`,
    clock: { start: null, explicitDue: task.dueDate },
    completedOn: isClosed ? (completedOn ?? existing?.completedOn ?? shanghaiDate()) : null,
  });
}
