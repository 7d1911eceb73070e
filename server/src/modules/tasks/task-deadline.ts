import type { EntityManager } from '@mikro-orm/postgresql';
import type { Outbox } from '../../events/outbox.js';
import { shanghaiDate } from '../../time/calendar-date.js';
import { DeadlineKind } from '../deadlines/deadline-enums.js';
import { RULE } from '../deadlines/deadline-rules.seed.js';
import { Deadline } from '../deadlines/deadline.entity.js';
import { DeadlineService } from '../deadlines/deadline.service.js';
import { TaskStatus } from './task-enums.js';
import type { Task } from './task.entity.js';

/**
 * Keeps a task's deadline in the deadline engine: due on the task's due date, done when the
 * task is 已完成 or 不适用 (on the day it became so, unless `completedOn` says otherwise).
 */
export async function syncTaskDeadline(em: EntityManager, outbox: Outbox | undefined, task: Task, deadlines = new DeadlineService(em, outbox), completedOn?: string): Promise<void> {
  const existing = await em.findOne(Deadline, { kind: DeadlineKind.TASK, subjectId: task.id, rule: RULE.TASK_DUE });
  if (!task.dueDate) {
    if (existing) em.remove(existing);
    return;
  }
  const isClosed = task.status === TaskStatus.DONE || task.status === TaskStatus.NOT_APPLICABLE;
  const workPoint = task.workPoint.getEntity();
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
