import { Arg, Args, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, PageArgs, type Connection } from '../../core/pagination.js';
import { viewerOf, type GraphQLContext } from '../../graphql/context.js';
import { Department } from '../departments/department.entity.js';
import { Plan } from '../plans/plan.entity.js';
import { WorkPoint } from '../plans/work-point.entity.js';
import { TaskUpdate } from './task-update.entity.js';
import { Task } from './task.entity.js';
import { TaskFilter, UpdateTaskProgressInput } from './task.inputs.js';
import { TaskService } from './task.service.js';

@ObjectType()
export class TaskConnection extends ConnectionType(Task, 'Task') {}

@ObjectType({ description: 'What breakDownWorkPoint did' })
export class BreakDownResult {
  @Field(() => WorkPoint)
  workPoint!: WorkPoint;

  @Field(() => [Task], { description: 'Tasks created by this call' })
  created!: Task[];

  @Field(() => Int, { description: 'Number of tasks created by this call' })
  createdCount!: number;

  @Field(() => Int, { description: 'Number of tasks that existed already (kept, never deleted)' })
  existingCount!: number;

  @Field(() => [Task], { description: 'Existing tasks whose role (牵头/配合) changed' })
  roleChanged!: Task[];

  @Field(() => [Task], { description: 'Tasks of departments no longer named on the point: kept with their progress, marked no longer assigned (retiredAt)' })
  unassigned!: Task[];

  @Field(() => [Task], { description: 'Tasks no longer assigned before whose department is named again' })
  restored!: Task[];
}

@ObjectType({ description: 'What breakDownPlan did: the breakdown of each work point in force, and the totals' })
export class PlanBreakDownResult {
  @Field(() => Plan)
  plan!: Plan;

  @Field(() => [BreakDownResult], { description: "One per work point in force, in the plan's order" })
  points!: BreakDownResult[];

  @Field(() => Int)
  createdCount!: number;

  @Field(() => Int)
  existingCount!: number;

  @Field(() => Int)
  roleChangedCount!: number;

  @Field(() => Int)
  unassignedCount!: number;

  @Field(() => Int)
  restoredCount!: number;
}

function breakDownView(result: Awaited<ReturnType<TaskService['breakDownWorkPoint']>>): BreakDownResult {
  return {
    workPoint: result.workPoint,
    created: result.created,
    createdCount: result.created.length,
    existingCount: result.existing.length,
    roleChanged: result.roleChanged,
    unassigned: result.unassigned,
    restored: result.restored,
  };
}

@Resolver(() => Task)
export class TaskResolver {
  @Query(() => TaskConnection)
  tasks(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => TaskFilter, { nullable: true }) filter: TaskFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<Connection<Task>> {
    return new TaskService(ctx.em, viewerOf(ctx)).listTasks(filter ?? {}, page);
  }

  @Query(() => Task, { nullable: true })
  task(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<Task | null> {
    return new TaskService(ctx.em, viewerOf(ctx)).findTask(id);
  }

  @Mutation(() => BreakDownResult, {
    description:
      'Bring the tasks of a work point in line with its lead and responsible units (scopes expanded): create the missing ones, update roles, mark those of removed units as no longer assigned (never deleted); running it again changes nothing',
  })
  async breakDownWorkPoint(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<BreakDownResult> {
    return breakDownView(await new TaskService(ctx.em, viewerOf(ctx)).breakDownWorkPoint(id));
  }

  @Mutation(() => PlanBreakDownResult, {
    description: 'breakDownWorkPoint for every work point in force of a plan, in one transaction (all or nothing); running it again changes nothing',
  })
  async breakDownPlan(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<PlanBreakDownResult> {
    const results = (await new TaskService(ctx.em, viewerOf(ctx)).breakDownPlan(id)).map(breakDownView);
    const sum = (f: (r: BreakDownResult) => number) => results.reduce((n, r) => n + f(r), 0);
    return {
      plan: (await results[0]!.workPoint.plan.load())!,
      points: results,
      createdCount: sum((r) => r.createdCount),
      existingCount: sum((r) => r.existingCount),
      roleChangedCount: sum((r) => r.roleChanged.length),
      unassignedCount: sum((r) => r.unassigned.length),
      restoredCount: sum((r) => r.restored.length),
    };
  }

  @Mutation(() => Task, { description: 'Report progress on a task (optimistic locking: send the version you read)' })
  updateTaskProgress(@Ctx() ctx: GraphQLContext, @Arg('input', () => UpdateTaskProgressInput) input: UpdateTaskProgressInput): Promise<Task> {
    return new TaskService(ctx.em, viewerOf(ctx)).updateTaskProgress(input);
  }

  @FieldResolver(() => Department)
  async department(@Root() task: Task): Promise<Department> {
    return (await task.department.load())!;
  }

  @FieldResolver(() => WorkPoint)
  async workPoint(@Root() task: Task): Promise<WorkPoint> {
    return (await task.workPoint.load())!;
  }

  @FieldResolver(() => [TaskUpdate], { description: 'Progress reports, newest first' })
  async updates(@Root() task: Task): Promise<TaskUpdate[]> {
    return (await task.updates.load()).getItems().sort((a, b) => b.id - a.id);
  }

  @FieldResolver(() => [String], { description: 'Evidence links of all progress reports, newest first' })
  async evidenceUrls(@Root() task: Task): Promise<string[]> {
    const updates = (await task.updates.load()).getItems().sort((a, b) => b.id - a.id);
    return [...new Set(updates.flatMap((u) => u.evidenceUrls))];
  }
}
