import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { viewerOf, type GraphQLContext } from '../../graphql/context.js';
import { Deadline } from '../deadlines/deadline.entity.js';
import { Department } from '../departments/department.entity.js';
import { Task } from '../tasks/task.entity.js';
import { IssueSupervisionNoticeInput, ReplySupervisionNoticeInput, ReturnSupervisionNoticeInput, SupervisionNoticeFilter } from './supervision.inputs.js';
import { SupervisionNotice } from './supervision-notice.entity.js';
import { SupervisionService } from './supervision.service.js';
import { servedByHub } from '../../core/live.js';

@ObjectType({ description: '督办单 counts (open: not 已办结; overdue: 逾期), within your scope' })
export class SupervisionCounts {
  @Field(() => Int)
  open!: number;

  @Field(() => Int)
  overdue!: number;
}

const service = (ctx: GraphQLContext) => new SupervisionService(ctx.em, viewerOf(ctx), { publicUrl: ctx.notifications?.publicUrl ?? null });

@Resolver(() => SupervisionNotice)
export class SupervisionResolver {
  @Mutation(() => SupervisionNotice, {
    description: 'Issue a 督办单 to a department (about one of its tasks, a register item, or a reason alone); notifies its people and channels once',
  })
  issueSupervisionNotice(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => IssueSupervisionNoticeInput) input: IssueSupervisionNoticeInput,
  ): Promise<SupervisionNotice> {
    return service(ctx).issue(input);
  }

  @Mutation(() => SupervisionNotice, { description: '签收 a 督办单 (the receiving department)' })
  acknowledgeSupervisionNotice(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<SupervisionNotice> {
    return service(ctx).acknowledge(id);
  }

  @Mutation(() => SupervisionNotice, {
    description: 'Reply with 办理情况 and evidence (the receiving department); a 待签收 notice is signed for at the same time',
  })
  replySupervisionNotice(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => ReplySupervisionNoticeInput) input: ReplySupervisionNoticeInput,
  ): Promise<SupervisionNotice> {
    return service(ctx).reply(input);
  }

  @Mutation(() => SupervisionNotice, { description: '办结: the office accepts the reply (or closes the notice)' })
  closeSupervisionNotice(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<SupervisionNotice> {
    return service(ctx).close(id);
  }

  @Mutation(() => SupervisionNotice, { description: 'The office returns a reply (what is missing); the department replies again by a new date' })
  returnSupervisionNotice(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => ReturnSupervisionNoticeInput) input: ReturnSupervisionNoticeInput,
  ): Promise<SupervisionNotice> {
    return service(ctx).returnNotice(input);
  }

  @Query(() => [SupervisionNotice], { description: '督办单 within your scope, newest first (at most 500)' })
  supervisionNotices(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => SupervisionNoticeFilter, { nullable: true }) filter: SupervisionNoticeFilter | undefined,
  ): Promise<SupervisionNotice[]> {
    return service(ctx).list(filter ?? {});
  }

  @Query(() => SupervisionNotice, { nullable: true })
  supervisionNotice(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<SupervisionNotice | null> {
    return service(ctx).find(id);
  }

  @Subscription(() => [SupervisionNotice], {
    subscribe: servedByHub,
    description: 'The 督办单 matching the filter in your scope, then the whole list again after every change (the department view, the wall screen)',
  })
  supervisionNoticesChanged(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => SupervisionNoticeFilter, { nullable: true }) filter: SupervisionNoticeFilter | undefined,
  ): Promise<SupervisionNotice[]> {
    return service(ctx).list(filter ?? {});
  }

  @Query(() => SupervisionCounts, { description: 'Open and overdue 督办单 within your scope (the wall screen)' })
  supervisionCounts(@Ctx() ctx: GraphQLContext): Promise<SupervisionCounts> {
    return service(ctx).counts();
  }

  @FieldResolver(() => Department)
  async department(@Root() notice: SupervisionNotice): Promise<Department> {
    return (await notice.department.load())!;
  }

  @FieldResolver(() => Task, { nullable: true })
  async task(@Root() notice: SupervisionNotice): Promise<Task | null> {
    return notice.task ? ((await notice.task.load()) ?? null) : null;
  }

  @FieldResolver(() => Deadline, { nullable: true, description: 'The register item it is about (its deadline)' })
  async deadline(@Root() notice: SupervisionNotice): Promise<Deadline | null> {
    return notice.deadline ? ((await notice.deadline.load()) ?? null) : null;
  }
}
