import { LockMode } from '@mikro-orm/core';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { StaleVersionError } from '../../errors.js';
import { paginate, type Connection, type PageArgs } from '../../graphql/connection.js';
import { parseId } from '../../graphql/ids.js';
import { Department } from '../departments/department.entity.js';
import { DepartmentService } from '../departments/department.service.js';
import { OutOfScopeError } from '../auth/auth.errors.js';
import { assertAdmin, canSeeDepartment, departmentScopeWhere, isWriter, type Viewer } from '../auth/viewer.js';
import { PlanNotFoundError, WorkPointNotFoundError } from '../plans/plan.errors.js';
import { WorkPoint } from '../plans/work-point.entity.js';
import { TaskRole, TaskStatus } from './task-enums.js';
import { ChecklistMismatchError, InvalidDueRangeError, NotApplicableReasonRequiredError, TaskNotFoundError } from './task.errors.js';
import type { TaskFilter, UpdateTaskProgressInput } from './task.inputs.js';
import { TaskUpdate } from './task-update.entity.js';
import { syncTaskDeadline } from './task-deadline.js';
import { transactionalWithEvents } from '../../events/outbox.js';
import { DeadlineService } from '../deadlines/deadline.service.js';
import { Task } from './task.entity.js';

export interface BreakDownResult {
  workPoint: WorkPoint;
  created: Task[];
  existing: Task[];
}

export class TaskService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
  ) {}

  /** A task the viewer may see; another department's task is as good as absent. */
  async findTask(id: string | number): Promise<Task | null> {
    const scope = departmentScopeWhere(this.viewer);
    const where = { id: parseId(id, (v) => new TaskNotFoundError(v)) };
    return this.em.findOne(Task, scope ? { ...where, department: scope } : where);
  }

  async getTask(id: string | number): Promise<Task> {
    const task = await this.findTask(id);
    if (!task) throw new TaskNotFoundError(id);
    return task;
  }

  async listTasks(filter: TaskFilter, page: PageArgs): Promise<Connection<Task>> {
    const scope = departmentScopeWhere(this.viewer);
    const where: FilterQuery<Task>[] = scope ? [{ department: scope }] : [];
    if (filter.departmentId) {
      const department = await new DepartmentService(this.em).getVisibleDepartment(this.viewer, filter.departmentId, '任务');
      where.push(filter.includeSubDepartments ? { department: { path: { $like: `${department.path}%` } } } : { department: department.id });
    }
    if (filter.status?.length) where.push({ status: { $in: filter.status } });
    if (filter.role) where.push({ role: filter.role });
    if (filter.workPointId) where.push({ workPoint: parseId(filter.workPointId, (v) => new WorkPointNotFoundError(v)) });
    if (filter.planId) where.push({ workPoint: { plan: parseId(filter.planId, (v) => new PlanNotFoundError(v)) } });
    if (filter.dueFrom && filter.dueTo && filter.dueFrom > filter.dueTo) throw new InvalidDueRangeError();
    if (filter.dueFrom) where.push({ dueDate: { $gte: filter.dueFrom } });
    if (filter.dueTo) where.push({ dueDate: { $lte: filter.dueTo } });
    return paginate(this.em, Task, where.length ? { $and: where } : {}, page);
  }

  /**
   * Creates a task for every 牵头科室 (LEAD) and every 责任单位, named or by scope (COOPERATING).
   * Idempotent: departments that already have a task for the point are left alone.
   */
  async breakDownWorkPoint(workPointId: string): Promise<BreakDownResult> {
    assertAdmin(this.viewer, 'breakDownWorkPoint');
    return transactionalWithEvents(this.em, async (em, outbox) => {
      // The row lock serialises concurrent breakdowns of the same point.
      const point = await em.findOne(WorkPoint, { id: parseId(workPointId, (v) => new WorkPointNotFoundError(v)) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!point) throw new WorkPointNotFoundError(workPointId);
      const plan = (await point.plan.load())!;
      const organization = (await plan.organization.load())!;
      const leads = (await point.leadDepartments.load()).getItems();
      const named = (await point.responsibleDepartments.load()).getItems();
      const scoped = await new DepartmentService(em).expandScopes(organization, point.responsibleScopes);

      const roles = new Map<number, { department: Department; role: TaskRole }>();
      for (const d of leads) roles.set(d.id, { department: d, role: TaskRole.LEAD });
      for (const d of [...named, ...scoped]) if (!roles.has(d.id)) roles.set(d.id, { department: d, role: TaskRole.COOPERATING });

      const existing = await em.find(Task, { workPoint: point }, { orderBy: { id: 'asc' } });
      const have = new Set(existing.map((t) => t.department.id));
      const created: Task[] = [];
      for (const { department, role } of roles.values()) {
        if (have.has(department.id)) continue;
        created.push(
          em.create(Task, {
            workPoint: point,
            department,
            role,
            status: TaskStatus.NOT_STARTED,
            progress: 0,
            dueDate: point.dueDate ?? null,
            checklist: point.dutyItems.map((text) => ({ text, done: false })),
          }),
        );
      }
      await em.flush();
      const deadlines = new DeadlineService(em, outbox);
      for (const task of created) await syncTaskDeadline(em, outbox, task, deadlines);
      return { workPoint: point, created, existing };
    });
  }

  /** Records progress on a task: checks the version, applies the change and appends a TaskUpdate, in one transaction. */
  async updateTaskProgress(input: UpdateTaskProgressInput): Promise<Task> {
    if (!isWriter(this.viewer)) throw new OutOfScopeError('任务');
    return transactionalWithEvents(this.em, async (em, outbox) => {
      const task = await em.findOne(Task, { id: parseId(input.id, (v) => new TaskNotFoundError(v)) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!task) throw new TaskNotFoundError(input.id);
      if (!canSeeDepartment(this.viewer, (await task.department.load())!)) throw new OutOfScopeError('任务');
      if (task.version !== input.version) throw new StaleVersionError('任务', input.version, task.version);

      const status = input.status ?? (task.status === TaskStatus.NOT_STARTED && (input.progress ?? 0) > 0 ? TaskStatus.IN_PROGRESS : task.status);
      if (status === TaskStatus.NOT_APPLICABLE) {
        const reason = (input.notApplicableReason ?? input.note ?? task.notApplicableReason ?? '').trim();
        if (!reason) throw new NotApplicableReasonRequiredError();
        task.notApplicableReason = reason;
      } else {
        task.notApplicableReason = null;
      }
      if (input.checklist) {
        if (input.checklist.length !== task.checklist.length) throw new ChecklistMismatchError(task.checklist.length, input.checklist.length);
        task.checklist = task.checklist.map((item, i) => ({ text: item.text, done: input.checklist![i]! }));
      }
      // Progress is what a person typed; DONE without a figure means finished.
      task.progress = input.progress ?? (status === TaskStatus.DONE && input.status ? 100 : task.progress);
      task.status = status;
      if (input.selfInspection !== undefined && input.selfInspection !== null) task.selfInspection = input.selfInspection.trim() || null;
      em.create(TaskUpdate, {
        task,
        progress: task.progress,
        status: task.status,
        note: input.note?.trim() || null,
        evidenceUrls: input.evidenceUrls ?? [],
        author: this.viewer.name,
      });
      await em.flush();
      await task.workPoint.load();
      await syncTaskDeadline(em, outbox, task);
      return task;
    });
  }
}
