import { Arg, Args, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, PageArgs, type Connection } from '../../graphql/connection.js';
import { viewerOf, type GraphQLContext } from '../../graphql/context.js';
import { canSeeDepartment } from '../auth/viewer.js';
import { Department } from '../departments/department.entity.js';
import { Task } from '../tasks/task.entity.js';
import { Plan } from './plan.entity.js';
import { CreatePlanInput, CreateWorkPointInput, ImportPlanInput, WorkPointFilter } from './plan.inputs.js';
import { PlanService } from './plan.service.js';
import { WorkPoint } from './work-point.entity.js';

@ObjectType()
export class WorkPointConnection extends ConnectionType(WorkPoint, 'WorkPoint') {}

@Resolver(() => Plan)
export class PlanResolver {
  @Query(() => [Plan], { description: 'All plans, newest year first' })
  plans(@Ctx() ctx: GraphQLContext): Promise<Plan[]> {
    return new PlanService(ctx.em).listPlans();
  }

  @Query(() => Plan, { nullable: true })
  plan(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<Plan | null> {
    return new PlanService(ctx.em).findPlan(id);
  }

  @Mutation(() => Plan)
  createPlan(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreatePlanInput) input: CreatePlanInput): Promise<Plan> {
    return new PlanService(ctx.em, viewerOf(ctx)).createPlan(input);
  }

  @Mutation(() => Plan, { description: 'Parse a 工作要点 or 自查 text into a plan with its work points (all or nothing)' })
  importPlan(@Ctx() ctx: GraphQLContext, @Arg('input', () => ImportPlanInput) input: ImportPlanInput): Promise<Plan> {
    return new PlanService(ctx.em, viewerOf(ctx)).importPlan(input);
  }

  @FieldResolver(() => Department)
  async organization(@Root() plan: Plan): Promise<Department> {
    return (await plan.organization.load())!;
  }

  @FieldResolver(() => [WorkPoint], { description: 'The plan’s points in document order' })
  async workPoints(@Root() plan: Plan): Promise<WorkPoint[]> {
    const points = await plan.workPoints.load();
    return points.getItems().sort((a, b) => a.sequence - b.sequence);
  }
}

@Resolver(() => WorkPoint)
export class WorkPointResolver {
  @Query(() => WorkPointConnection)
  workPoints(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => WorkPointFilter, { nullable: true }) filter: WorkPointFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<Connection<WorkPoint>> {
    return new PlanService(ctx.em).listWorkPoints(filter ?? {}, page);
  }

  @Query(() => WorkPoint, { nullable: true })
  workPoint(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<WorkPoint | null> {
    return new PlanService(ctx.em).findWorkPoint(id);
  }

  @Mutation(() => WorkPoint)
  createWorkPoint(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreateWorkPointInput) input: CreateWorkPointInput): Promise<WorkPoint> {
    return new PlanService(ctx.em, viewerOf(ctx)).createWorkPoint(input);
  }

  @FieldResolver(() => Plan)
  async plan(@Root() point: WorkPoint): Promise<Plan> {
    return (await point.plan.load())!;
  }

  @FieldResolver(() => [Department], { description: '牵头科室' })
  async leadDepartments(@Root() point: WorkPoint): Promise<Department[]> {
    return (await point.leadDepartments.load()).getItems();
  }

  @FieldResolver(() => [Department], { description: '责任单位 named one by one (see responsibleScopes for the rest)' })
  async responsibleDepartments(@Root() point: WorkPoint): Promise<Department[]> {
    return (await point.responsibleDepartments.load()).getItems();
  }

  @FieldResolver(() => [Task], { description: 'Tasks broken down from this point' })
  async tasks(@Ctx() ctx: GraphQLContext, @Root() point: WorkPoint): Promise<Task[]> {
    const viewer = viewerOf(ctx);
    const tasks = (await point.tasks.load()).getItems().sort((a, b) => a.id - b.id);
    if (!viewer.scope) return tasks;
    // Only the tasks of the viewer's departments (batched loads: no N+1).
    const departments = await Promise.all(tasks.map((t) => t.department.load()));
    return tasks.filter((_, i) => canSeeDepartment(viewer, departments[i]!));
  }
}
