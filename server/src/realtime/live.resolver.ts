import { activityLabelOf, TICKER_OPERATIONS } from '../graphql/operations.js';
import { Arg, Ctx, Field, ID, Int, ObjectType, Resolver, Subscription } from 'type-graphql';
import { viewerOf, type GraphQLContext } from '../graphql/context.js';
import { DateTime } from '../core/scalars.js';
import { AuditEntry } from '../modules/audit/audit-entry.entity.js';
import { Department } from '../modules/departments/department.entity.js';
import { departmentScopeWhere } from '../modules/auth/viewer.js';
import { OverdueFilter, OverdueItem } from '../modules/deadlines/deadline.resolver.js';
import { DeadlineService } from '../modules/deadlines/deadline.service.js';
import { TaskFilter } from '../modules/tasks/task.inputs.js';
import { Task } from '../modules/tasks/task.entity.js';
import { TaskService } from '../modules/tasks/task.service.js';
import { QuotaBoard } from '../modules/quotas/quota-board.js';
import { QuotaService } from '../modules/quotas/quota.service.js';
import { servedByHub } from '../core/live.js';

@ObjectType({ description: '动态（大屏滚动条）' })
export class ActivityItem {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTime)
  at!: Date;

  @Field(() => String, { description: 'e.g. 更新任务进展' })
  action!: string;

  @Field(() => String, { description: 'What it was about, e.g. Task' })
  targetType!: string;

  @Field(() => String)
  targetId!: string;

  @Field(() => Department, { nullable: true })
  department!: Department | null;
}

@Resolver()
export class LiveResolver {
  @Subscription(() => QuotaBoard, {
    subscribe: servedByHub,
    description: 'The quota board of a period (same shape as quotaBoard), then the whole board again after every change, within your scope',
  })
  quotaBoardChanged(
    @Ctx() ctx: GraphQLContext,
    @Arg('period', () => String, { description: '2026 (year), 2026-Q4 (quarter) or 2026-11 (month)' }) period: string,
    @Arg('withinId', () => ID, { nullable: true, description: 'Only this department and its sub-departments' }) withinId?: string | null,
  ): Promise<QuotaBoard> {
    return new QuotaService(ctx.em, viewerOf(ctx)).quotaBoard(period, { withinId });
  }

  @Subscription(() => [OverdueItem], {
    subscribe: servedByHub,
    description: 'The current overdue and due-soon items in your scope, then the whole list again after every change',
  })
  overdueChanged(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => OverdueFilter, { nullable: true }) filter: OverdueFilter | undefined,
  ): Promise<OverdueItem[]> {
    return new DeadlineService(ctx.em).overdueItems(viewerOf(ctx), filter ?? {});
  }

  @Subscription(() => [Task], { subscribe: servedByHub, description: 'The tasks matching the filter in your scope (up to 500), then again after every change' })
  async taskChanged(@Ctx() ctx: GraphQLContext, @Arg('filter', () => TaskFilter, { nullable: true }) filter: TaskFilter | undefined): Promise<Task[]> {
    const service = new TaskService(ctx.em, viewerOf(ctx));
    const page = await service.listTasks(filter ?? {}, { first: 100 });
    const tasks = [...page.nodes];
    for (let p = page; p.pageInfo.hasNextPage && tasks.length < 500;) {
      p = await service.listTasks(filter ?? {}, { first: 100, after: p.pageInfo.endCursor });
      tasks.push(...p.nodes);
    }
    return tasks;
  }

  @Subscription(() => [ActivityItem], { subscribe: servedByHub, description: 'The latest changes in your scope, newest first (for the ticker)' })
  async activityChanged(@Ctx() ctx: GraphQLContext, @Arg('first', () => Int, { defaultValue: 20 }) first: number): Promise<ActivityItem[]> {
    const viewer = viewerOf(ctx);
    const scope = departmentScopeWhere(viewer);
    const visible = scope ? (await ctx.em.find(Department, scope, { fields: ['id'] })).map((d) => d.id) : null;
    const limit = Math.min(Math.max(first, 1), 50);
    const rows = await ctx.em.find(
      AuditEntry,
      { operation: { $in: [...TICKER_OPERATIONS] }, ...(visible ? { departmentId: { $in: visible } } : {}) },
      { orderBy: { id: 'desc' }, limit: limit * 4 },
    );
    // One line per mutation: a progress report writes the task and its update record.
    const seen = new Set<string>();
    const entries = rows.filter((e) => !seen.has(e.requestId ?? String(e.id)) && seen.add(e.requestId ?? String(e.id))).slice(0, limit);
    const departments = await ctx.em.find(Department, { id: { $in: [...new Set(entries.flatMap((e) => (e.departmentId ? [e.departmentId] : [])))] } });
    return entries.map((e) => ({
      id: String(e.id),
      at: e.at,
      action: activityLabelOf(e.operation) ?? e.operation,
      targetType: e.targetType,
      targetId: e.targetId,
      department: departments.find((d) => d.id === e.departmentId) ?? null,
    }));
  }
}
