import { Arg, Args, Ctx, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, PageArgs, type Connection } from '../../core/pagination.js';
import { viewerOf, type GraphQLContext } from '../../graphql/context.js';
import { Department } from '../departments/department.entity.js';
import { Deadline } from '../deadlines/deadline.entity.js';
import { deadlineOf } from '../deadlines/deadline.loader.js';
import { DUTY_DEADLINE_KIND } from './duty-enums.js';
import { EventDuty } from './event-duty.entity.js';
import { CompleteDutyInput, DutyFilter, RegisterDutyInput } from './event-duty.inputs.js';
import { EventDutyService } from './event-duty.service.js';

@ObjectType()
export class EventDutyConnection extends ConnectionType(EventDuty, 'EventDuty') {}

@Resolver(() => EventDuty)
export class EventDutyResolver {
  @Query(() => EventDutyConnection, { description: '建议提案、网站留言、行政处罚登记簿, newest first' })
  duties(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => DutyFilter, { nullable: true }) filter: DutyFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<Connection<EventDuty>> {
    return new EventDutyService(ctx.em, viewerOf(ctx)).listDuties(filter ?? {}, page);
  }

  @Mutation(() => EventDuty, { description: 'Register a proposal reply, website message or penalty decision; its clock starts the day after eventOn' })
  registerDuty(@Ctx() ctx: GraphQLContext, @Arg('input', () => RegisterDutyInput) input: RegisterDutyInput): Promise<EventDuty> {
    return new EventDutyService(ctx.em, viewerOf(ctx)).register(input);
  }

  @Mutation(() => EventDuty, { description: 'Record the disclosure / answer / publication' })
  completeDuty(@Ctx() ctx: GraphQLContext, @Arg('input', () => CompleteDutyInput) input: CompleteDutyInput): Promise<EventDuty> {
    return new EventDutyService(ctx.em, viewerOf(ctx)).complete(input);
  }

  @FieldResolver(() => Department)
  async department(@Root() duty: EventDuty): Promise<Department> {
    return (await duty.department.load())!;
  }

  @FieldResolver(() => Deadline, { nullable: true })
  deadline(@Ctx() ctx: GraphQLContext, @Root() duty: EventDuty): Promise<Deadline | null> {
    return deadlineOf(ctx, DUTY_DEADLINE_KIND[duty.kind], duty.id);
  }
}
