import { Arg, Args, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, PageArgs, type Connection } from '../../core/pagination.js';
import { viewerOf, type GraphQLContext } from '../../graphql/context.js';
import { canSeeDepartment } from '../auth/viewer.js';
import { Department } from '../departments/department.entity.js';
import type { DepartmentScope } from '../departments/department-kind.js';
import { Task } from '../tasks/task.entity.js';
import { Plan } from './plan.entity.js';
import {
  CreatePlanInput,
  CreateWorkPointInput,
  ImportPlanInput,
  PlanFilter,
  RestoreInput,
  RetireInput,
  UpdatePlanInput,
  UpdateWorkPointInput,
  WorkPointFilter,
} from './plan.inputs.js';
import { PlanImportService } from './plan-import.service.js';
import { PlanImportPreview } from './plan-import.types.js';
import { PlanService } from './plan.service.js';
import { WorkPoint } from './work-point.entity.js';

@ObjectType()
export class WorkPointConnection extends ConnectionType(WorkPoint, 'WorkPoint') {}

@ObjectType()
export class PlanConnection extends ConnectionType(Plan, 'Plan') {}

@Resolver(() => Plan)
export class PlanResolver {
  @Query(() => [Plan], { description: 'All plans in force (with filter.includeRetired: retired ones too), newest year first' })
  plans(@Ctx() ctx: GraphQLContext, @Arg('filter', () => PlanFilter, { nullable: true }) filter: PlanFilter | undefined): Promise<Plan[]> {
    return new PlanService(ctx.em).listPlans(filter ?? {});
  }

  @Query(() => PlanConnection, { description: 'Plans page by page, newest first (retired ones only with filter.includeRetired)' })
  planPage(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => PlanFilter, { nullable: true }) filter: PlanFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<Connection<Plan>> {
    return new PlanService(ctx.em).pagePlans(filter ?? {}, page);
  }

  @Query(() => Plan, { nullable: true })
  plan(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<Plan | null> {
    return new PlanService(ctx.em).findPlan(id);
  }

  @Mutation(() => Plan)
  createPlan(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreatePlanInput) input: CreatePlanInput): Promise<Plan> {
    return new PlanService(ctx.em, viewerOf(ctx)).createPlan(input);
  }

  @Mutation(() => Plan, { description: 'Edit a plan (optimistic locking: send the version you read)' })
  updatePlan(@Ctx() ctx: GraphQLContext, @Arg('input', () => UpdatePlanInput) input: UpdatePlanInput): Promise<Plan> {
    return new PlanService(ctx.em, viewerOf(ctx)).updatePlan(input);
  }

  @Mutation(() => Plan, { description: 'Retire (停用) a plan with a reason: hidden from default lists and the wall screen, kept with its points and tasks' })
  retirePlan(@Ctx() ctx: GraphQLContext, @Arg('input', () => RetireInput) input: RetireInput): Promise<Plan> {
    return new PlanService(ctx.em, viewerOf(ctx)).retirePlan(input);
  }

  @Mutation(() => Plan, { description: 'Put a retired plan back in force' })
  restorePlan(@Ctx() ctx: GraphQLContext, @Arg('input', () => RestoreInput) input: RestoreInput): Promise<Plan> {
    return new PlanService(ctx.em, viewerOf(ctx)).restorePlan(input);
  }

  @Query(() => PlanImportPreview, { description: 'What importPlan would create from the document (points, units matched or not, warnings); stores nothing' })
  async previewPlanImport(@Ctx() ctx: GraphQLContext, @Arg('input', () => ImportPlanInput) input: ImportPlanInput): Promise<PlanImportPreview> {
    const { result, units, tasksPerDepartment, duplicateOf } = await new PlanImportService(ctx.em, viewerOf(ctx)).preview(input);
    return {
      title: result.title,
      year: input.year ?? result.year,
      layout: result.layout,
      points: result.points.map((p) => ({
        number: p.number,
        section: p.section,
        title: p.title,
        policyBasis: p.policyBasis,
        duties: p.duties,
        dutyItems: p.dutyItems,
        leadNames: p.leads.departments,
        leadScopes: p.leads.scopes as DepartmentScope[],
        responsibleNames: p.responsible.departments,
        responsibleScopes: p.responsible.scopes as DepartmentScope[],
        timeLimit: p.timeLimit,
        dueDate: p.ongoing ? null : p.dueDate,
        recurrence: p.recurrence,
        periodDueDates: p.ongoing ? [] : p.periodDueDates,
        ongoing: p.ongoing,
        source: p.source,
      })),
      units,
      unmappedNames: units.filter((u) => !u.department).map((u) => u.name),
      warnings: result.warnings,
      tasksPerDepartment,
      duplicateOfPlanId: duplicateOf ? String(duplicateOf.id) : null,
    };
  }

  @Mutation(() => Plan, {
    description:
      'Read a plan document — a 任务分工 table, 工作要点 prose or a 自查 list, pasted as text or HTML — into a plan with its work points (all or nothing)',
  })
  importPlan(@Ctx() ctx: GraphQLContext, @Arg('input', () => ImportPlanInput) input: ImportPlanInput): Promise<Plan> {
    return new PlanImportService(ctx.em, viewerOf(ctx)).importPlan(input);
  }

  @FieldResolver(() => Department)
  async organization(@Root() plan: Plan): Promise<Department> {
    return (await plan.organization.load())!;
  }

  @FieldResolver(() => [WorkPoint], { description: 'The plan’s points in document order (retired ones only with includeRetired)' })
  async workPoints(@Root() plan: Plan, @Arg('includeRetired', () => Boolean, { defaultValue: false }) includeRetired: boolean): Promise<WorkPoint[]> {
    const points = await plan.workPoints.load();
    return points
      .getItems()
      .filter((p) => includeRetired || !p.retiredAt)
      .sort((a, b) => a.sequence - b.sequence);
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

  @Mutation(() => WorkPoint, {
    description:
      'Edit a work point (optimistic locking). Open tasks follow a new due date and ⑴⑵⑶ items; run breakDownWorkPoint to bring the tasks in line with changed units',
  })
  updateWorkPoint(@Ctx() ctx: GraphQLContext, @Arg('input', () => UpdateWorkPointInput) input: UpdateWorkPointInput): Promise<WorkPoint> {
    return new PlanService(ctx.em, viewerOf(ctx)).updateWorkPoint(input);
  }

  @Mutation(() => WorkPoint, {
    description: 'Retire (停用) a work point with a reason: hidden with its tasks from default lists and the wall screen, nothing deleted',
  })
  retireWorkPoint(@Ctx() ctx: GraphQLContext, @Arg('input', () => RetireInput) input: RetireInput): Promise<WorkPoint> {
    return new PlanService(ctx.em, viewerOf(ctx)).retireWorkPoint(input);
  }

  @Mutation(() => WorkPoint, { description: 'Put a retired work point back in force' })
  restoreWorkPoint(@Ctx() ctx: GraphQLContext, @Arg('input', () => RestoreInput) input: RestoreInput): Promise<WorkPoint> {
    return new PlanService(ctx.em, viewerOf(ctx)).restoreWorkPoint(input);
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

  @FieldResolver(() => [Task], { description: 'Tasks broken down from this point (those no longer assigned only with includeRetired)' })
  async tasks(
    @Ctx() ctx: GraphQLContext,
    @Root() point: WorkPoint,
    @Arg('includeRetired', () => Boolean, { defaultValue: false }) includeRetired: boolean,
  ): Promise<Task[]> {
    const viewer = viewerOf(ctx);
    const tasks = (await point.tasks.load())
      .getItems()
      .filter((t) => includeRetired || !t.retiredAt)
      .sort((a, b) => a.id - b.id);
    if (!viewer.scope) return tasks;
    // Only the tasks of the viewer's departments (batched loads: no N+1).
    const departments = await Promise.all(tasks.map((t) => t.department.load()));
    return tasks.filter((_, i) => canSeeDepartment(viewer, departments[i]!));
  }
}
