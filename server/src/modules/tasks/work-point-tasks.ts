import type { EntityManager } from '@mikro-orm/postgresql';
import { DeadlineService } from '../deadlines/deadline.service.js';
import type { WorkPoint } from '../plans/work-point.entity.js';
import { TaskStatus } from './task-enums.js';
import { syncTaskDeadline } from './task-deadline.js';
import { Task, type ChecklistItem } from './task.entity.js';

export interface WorkPointChange {
  /** The due date moved: open tasks follow it. */
  dueDate: boolean;
  /** The ⑴⑵⑶ items changed: open tasks get the new checklist (ticks kept by text). */
  dutyItems: boolean;
  /** Number or title changed: deadlines carry them in their title. */
  heading: boolean;
}

/** 未开始/进行中 and still assigned: what an edit of the point may reshape. */
export const isOpenTask = (t: Task) => !t.retiredAt && t.status !== TaskStatus.DONE && t.status !== TaskStatus.NOT_APPLICABLE;

/**
 * Carries an edit of a work point to its tasks, in the caller's transaction. Closed tasks keep
 * their due date and checklist (they are history); every task's deadline is re-synced.
 * Returns the tasks whose due date moved.
 */
export async function followWorkPointEdit(em: EntityManager, point: WorkPoint, change: WorkPointChange): Promise<Task[]> {
  if (!change.dueDate && !change.dutyItems && !change.heading) return [];
  const tasks = await em.find(Task, { workPoint: point }, { orderBy: { id: 'asc' } });
  const moved: Task[] = [];
  for (const task of tasks) {
    if (!isOpenTask(task)) continue;
    // A recurring point's tasks are due at their first period not met yet: the sync below sets it.
    if (change.dueDate && !point.periodDueDates.length && task.dueDate !== (point.dueDate ?? null)) {
      task.dueDate = point.dueDate ?? null;
      moved.push(task);
    }
    if (change.dutyItems) task.checklist = carryTicks(task.checklist, point.dutyItems);
  }
  await em.flush();
  const deadlines = new DeadlineService(em);
  const dueBefore = new Map(tasks.map((t) => [t.id, t.dueDate ?? null]));
  for (const task of tasks) await syncTaskDeadline(em, task, deadlines);
  if (point.periodDueDates.length) for (const task of tasks) if (isOpenTask(task) && task.dueDate !== dueBefore.get(task.id)) moved.push(task);
  return moved;
}

/** Re-syncs the deadlines of the given points' tasks after a retirement or restoration. */
export async function resyncTaskDeadlines(em: EntityManager, points: WorkPoint[]): Promise<void> {
  if (!points.length) return;
  const tasks = await em.find(Task, { workPoint: { $in: points } }, { orderBy: { id: 'asc' }, populate: ['workPoint'] });
  const deadlines = new DeadlineService(em);
  for (const task of tasks) await syncTaskDeadline(em, task, deadlines);
}

/** The new checklist with each item ticked if an item of the same text was ticked before. */
export function carryTicks(previous: readonly ChecklistItem[], items: readonly string[]): ChecklistItem[] {
  const done = new Set(previous.filter((i) => i.done).map((i) => i.text));
  return items.map((text) => ({ text, done: done.has(text) }));
}
