import { LockMode } from '@mikro-orm/core';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { StaleVersionError } from '../../errors.js';
import { paginate, type Connection, type PageArgs } from '../../core/pagination.js';
import { parseId } from '../../core/ids.js';
import { Department } from '../departments/department.entity.js';
import { DepartmentService } from '../departments/department.service.js';
import { OutOfScopeError } from '../auth/auth.errors.js';
import { assertAdmin, canSeeDepartment, departmentScopeWhere, isWriter, type Viewer } from '../auth/viewer.js';
import { PlanNotFoundError, PlanRetiredError, PlanWithoutPointsError, WorkPointNotFoundError, WorkPointRetiredError } from '../plans/plan.errors.js';
import { Plan } from '../plans/plan.entity.js';
import { WorkPoint } from '../plans/work-point.entity.js';
import { TaskRole, TaskStatus } from './task-enums.js';
import {
  ChecklistMismatchError,
  InvalidDueRangeError,
  NotApplicableReasonRequiredError,
  StatusProgressMismatchError,
  TaskNotFoundError,
  TaskRetiredError,
} from './task.errors.js';
import { progressRequiredBy, reportedStatusAndProgress } from './task-progress.js';
import type { TaskFilter, UpdateTaskProgressInput } from './task.inputs.js';
import { TaskUpdate } from './task-update.entity.js';
import { isTaskRetired, syncTaskDeadline } from './task-deadline.js';
import { DeadlineService } from '../deadlines/deadline.service.js';
import { Task } from './task.entity.js';

export interface BreakDownResult {
  workPoint: WorkPoint;
  created: Task[];
  existing: Task[];
  /** Existing tasks whose role (牵头/配合) changed. */
  roleChanged: Task[];
  /** Tasks of departments no longer named: kept with their progress, marked not assigned. */
  unassigned: Task[];
  /** Tasks marked not assigned before whose department is named again. */
  restored: Task[];
}

/** Why a task left the running when its department was taken off the point. */
export const UNASSIGNED_REASON = '工作要点调整后，本单位已不在牵头科室/责任单位之列';

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
    if (!filter.includeRetired) where.push({ retiredAt: null, workPoint: { retiredAt: null, plan: { retiredAt: null } } });
    return paginate(this.em, Task, where.length ? { $and: where } : {}, page);
  }

  /**
   * Brings the tasks of a work point in line with its 牵头科室 (LEAD) and 责任单位, named or by
   * scope (COOPERATING): creates the missing ones, updates roles, and marks the tasks of
   * departments no longer named as not assigned — never deletes one (reported progress stays).
   * Idempotent: a second run changes nothing.
   */
  async breakDownWorkPoint(workPointId: string): Promise<BreakDownResult> {
    assertAdmin(this.viewer, 'breakDownWorkPoint');
    return this.em.transactional(async (em) => {
      // The row lock serialises concurrent breakdowns (and edits) of the same point.
      const point = await em.findOne(WorkPoint, { id: parseId(workPointId, (v) => new WorkPointNotFoundError(v)) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!point) throw new WorkPointNotFoundError(workPointId);
      const plan = (await point.plan.load())!;
      if (plan.retiredAt) throw new PlanRetiredError(plan.title);
      if (point.retiredAt) throw new WorkPointRetiredError(point.number);
      return breakDownLocked(em, point, plan);
    });
  }

  /**
   * The breakdown of every work point in force of a plan, in one transaction (all or nothing): what a person does
   * after importing a plan. Retired points are left alone; running it again changes nothing.
   */
  async breakDownPlan(planId: string): Promise<BreakDownResult[]> {
    assertAdmin(this.viewer, 'breakDownPlan');
    return this.em.transactional(async (em) => {
      const plan = await em.findOne(Plan, { id: parseId(planId, (v) => new PlanNotFoundError(v)) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!plan) throw new PlanNotFoundError(planId);
      if (plan.retiredAt) throw new PlanRetiredError(plan.title);
      const points = await em.find(WorkPoint, { plan, retiredAt: null }, { orderBy: { sequence: 'asc', id: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!points.length) throw new PlanWithoutPointsError(plan.title);
      const results: BreakDownResult[] = [];
      for (const point of points) results.push(await breakDownLocked(em, point, plan));
      return results;
    });
  }

  /** Records progress on a task: checks the version, applies the change and appends a TaskUpdate, in one transaction. */
  async updateTaskProgress(input: UpdateTaskProgressInput): Promise<Task> {
    if (!isWriter(this.viewer)) throw new OutOfScopeError('任务');
    return this.em.transactional(async (em) => {
      const task = await em.findOne(Task, { id: parseId(input.id, (v) => new TaskNotFoundError(v)) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!task) throw new TaskNotFoundError(input.id);
      if (!canSeeDepartment(this.viewer, (await task.department.load())!)) throw new OutOfScopeError('任务');
      if (task.version !== input.version) throw new StaleVersionError('任务', input.version, task.version);
      const point = (await task.workPoint.load())!;
      if (isTaskRetired(task, point, (await point.plan.load())!)) throw new TaskRetiredError();

      // Status and progress must agree (task-progress.ts): what was left out follows from what was
      // said; a contradiction is refused before anything is changed.
      const { status, progress } = reportedStatusAndProgress(task, input);
      const required = progressRequiredBy(status);
      if (required !== null && progress !== required) throw new StatusProgressMismatchError(required, progress);
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
      // Progress is what a person typed; 已完成 (未开始) without a figure means 100 (0).
      task.progress = progress;
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
      await syncTaskDeadline(em, task);
      return task;
    });
  }
}

/**
 * Brings the tasks of a locked work point in line with its 牵头科室 (LEAD) and 责任单位, named or by scope
 * (COOPERATING): creates the missing ones, updates roles, and marks the tasks of departments no longer named as not
 * assigned — never deletes one (reported progress stays). Idempotent.
 */
async function breakDownLocked(em: EntityManager, point: WorkPoint, plan: Plan): Promise<BreakDownResult> {
  const organization = (await plan.organization.load())!;
  const leads = (await point.leadDepartments.load()).getItems();
  const named = (await point.responsibleDepartments.load()).getItems();
  const departments = new DepartmentService(em);
  const scoped = await departments.expandScopes(organization, point.responsibleScopes);
  const scopedLeads = point.leadScopes.length ? await departments.expandScopes(organization, point.leadScopes) : [];

  const roles = new Map<number, { department: Department; role: TaskRole }>();
  for (const d of [...leads, ...scopedLeads]) roles.set(d.id, { department: d, role: TaskRole.LEAD });
  for (const d of [...named, ...scoped]) if (!roles.has(d.id)) roles.set(d.id, { department: d, role: TaskRole.COOPERATING });

  const existing = await em.find(Task, { workPoint: point }, { orderBy: { id: 'asc' } });
  const result: BreakDownResult = { workPoint: point, created: [], existing, roleChanged: [], unassigned: [], restored: [] };
  const now = new Date();
  for (const task of existing) {
    const wanted = roles.get(task.department.id);
    if (!wanted) {
      if (!task.retiredAt) {
        task.retiredAt = now;
        task.retiredReason = UNASSIGNED_REASON;
        result.unassigned.push(task);
      }
      continue;
    }
    if (task.retiredAt) {
      task.retiredAt = null;
      task.retiredReason = null;
      result.restored.push(task);
    }
    if (task.role !== wanted.role) {
      task.role = wanted.role;
      result.roleChanged.push(task);
    }
  }
  const have = new Set(existing.map((t) => t.department.id));
  for (const { department, role } of roles.values()) {
    if (have.has(department.id)) continue;
    result.created.push(
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
  const deadlines = new DeadlineService(em);
  for (const task of [...result.created, ...result.unassigned, ...result.restored]) await syncTaskDeadline(em, task, deadlines);
  await em.flush();
  return result;
}
