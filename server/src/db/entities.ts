import { Department } from '../modules/departments/department.entity.js';
import { Plan } from '../modules/plans/plan.entity.js';
import { WorkPoint } from '../modules/plans/work-point.entity.js';
import { TaskUpdate } from '../modules/tasks/task-update.entity.js';
import { Task } from '../modules/tasks/task.entity.js';

/** Every entity, listed explicitly (no folder discovery: the same list works under tsx, tsc and vitest). */
export const entities = [Department, Plan, WorkPoint, Task, TaskUpdate];
