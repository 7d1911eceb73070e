import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, PageArgs, type Connection } from '../../core/pagination.js';
import { viewerOf, type GraphQLContext } from '../../graphql/context.js';
import { LocalDate } from '../../core/scalars.js';
import { Department } from '../departments/department.entity.js';
import { Category } from '../publications/category.entity.js';
import { QuotaBoard } from './quota-board.js';
import { Quota } from './quota.entity.js';
import { QuotaFilter, SetQuotaInput } from './quota.inputs.js';
import { QuotaService } from './quota.service.js';

@ObjectType()
export class QuotaConnection extends ConnectionType(Quota, 'Quota') {}

@Resolver(() => Quota)
export class QuotaResolver {
  @Query(() => QuotaConnection, { description: 'Quota definitions (per-kind ones, and your departments’ own), in creation order' })
  quotas(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => QuotaFilter, { nullable: true }) filter: QuotaFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<Connection<Quota>> {
    return new QuotaService(ctx.em, viewerOf(ctx)).listQuotas(filter ?? {}, page);
  }

  @Query(() => QuotaBoard, { description: 'Published against quota and pace for a period, per department you see, rolled up to parents' })
  quotaBoard(
    @Ctx() ctx: GraphQLContext,
    @Arg('period', () => String, { description: '2026 (year), 2026-Q4 (quarter) or 2026-11 (month)' }) period: string,
    @Arg('asOf', () => LocalDate, { nullable: true, description: 'Measure the pace at this day instead of today (counts stay current)' }) asOf?: string | null,
    @Arg('withinId', () => ID, { nullable: true, description: 'Only this department and its sub-departments' }) withinId?: string | null,
  ): Promise<QuotaBoard> {
    return new QuotaService(ctx.em, viewerOf(ctx), { boards: ctx.quotaBoards }).quotaBoard(period, { asOf, withinId });
  }

  @Mutation(() => Quota, { description: 'Create or change a quota; an overlapping definition is refused (QUOTA_OVERLAP)' })
  setQuota(@Ctx() ctx: GraphQLContext, @Arg('input', () => SetQuotaInput) input: SetQuotaInput): Promise<Quota> {
    return new QuotaService(ctx.em, viewerOf(ctx)).setQuota(input);
  }

  @Mutation(() => ID, { description: 'Delete a quota; returns its id. With version: refused (STALE_VERSION) if it changed since you read it' })
  deleteQuota(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, { nullable: true }) version?: number | null,
  ): Promise<string> {
    return new QuotaService(ctx.em, viewerOf(ctx)).deleteQuota(id, version ?? null);
  }

  @FieldResolver(() => Department, { description: 'The organisation (root department)' })
  async organization(@Root() quota: Quota): Promise<Department> {
    return (await quota.organization.load())!;
  }

  @FieldResolver(() => Department, { nullable: true, description: 'Set for a department’s own quota' })
  async department(@Root() quota: Quota): Promise<Department | null> {
    return quota.department ? quota.department.load() : null;
  }

  @FieldResolver(() => Category, { nullable: true, description: 'Null: all categories count' })
  async category(@Root() quota: Quota): Promise<Category | null> {
    return quota.category ? quota.category.load() : null;
  }
}
