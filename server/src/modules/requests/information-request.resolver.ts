import { Kind, type FieldNode, type GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Field, FieldResolver, ID, Info, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { LocalDate } from '../../core/scalars.js';
import { assertAdmin } from '../auth/viewer.js';
import { erasePersonalDataPastRetention } from './retention.js';
import { isPersonalName, maskPersonName } from './personal-data.js';
import { ConnectionType, PageArgs, type Connection } from '../../core/pagination.js';
import { viewerOf, type GraphQLContext } from '../../graphql/context.js';
import { Department } from '../departments/department.entity.js';
import { Deadline } from '../deadlines/deadline.entity.js';
import { DeadlineKind } from '../deadlines/deadline-enums.js';
import { deadlineOf } from '../deadlines/deadline.loader.js';
import { Consultation, InformationRequest } from './information-request.entity.js';
import {
  ExtendRequestInput,
  InformationRequestFilter,
  RegisterInformationRequestInput,
  ReplyToRequestInput,
  RequestStepInput,
  StartConsultationInput,
} from './information-request.inputs.js';
import { InformationRequestService } from './information-request.service.js';

@ObjectType({ description: '个人信息保存期限: what an erasure run did' })
export class PersonalDataRetention {
  @Field(() => Int, { description: 'PERSONAL_DATA_RETENTION_YEARS (0: never erased)' })
  years!: number;

  @Field(() => LocalDate, { description: 'Applications answered on or before this date are past retention' })
  cutoff!: string;

  @Field(() => Int, { description: 'Applicants erased by this run' })
  erased!: number;
}

@ObjectType()
export class InformationRequestConnection extends ConnectionType(InformationRequest, 'InformationRequest') {}

@Resolver(() => InformationRequest)
export class InformationRequestResolver {
  @Query(() => InformationRequestConnection, { description: '依申请公开登记簿, newest first' })
  informationRequests(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => InformationRequestFilter, { nullable: true }) filter: InformationRequestFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<Connection<InformationRequest>> {
    return new InformationRequestService(ctx.em, viewerOf(ctx)).listRequests(filter ?? {}, page);
  }

  @Query(() => InformationRequest, { nullable: true })
  informationRequest(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<InformationRequest | null> {
    return new InformationRequestService(ctx.em, viewerOf(ctx)).findRequest(id);
  }

  @Mutation(() => InformationRequest, { description: 'Register an application; the 20-working-day clock starts the day after receipt' })
  registerInformationRequest(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => RegisterInformationRequestInput) input: RegisterInformationRequestInput,
  ): Promise<InformationRequest> {
    return new InformationRequestService(ctx.em, viewerOf(ctx)).register(input);
  }

  @Mutation(() => InformationRequest, { description: '告知补正 (once, within 7 working days of receipt); the clock waits' })
  requestCorrection(@Ctx() ctx: GraphQLContext, @Arg('input', () => RequestStepInput) input: RequestStepInput): Promise<InformationRequest> {
    return new InformationRequestService(ctx.em, viewerOf(ctx)).requestCorrection(input);
  }

  @Mutation(() => InformationRequest, { description: '收到补正: the 20 working days restart from this date' })
  receiveCorrection(@Ctx() ctx: GraphQLContext, @Arg('input', () => RequestStepInput) input: RequestStepInput): Promise<InformationRequest> {
    return new InformationRequestService(ctx.em, viewerOf(ctx)).receiveCorrection(input);
  }

  @Mutation(() => InformationRequest, { description: '征求第三方/其他机关意见: the clock stops' })
  startConsultation(@Ctx() ctx: GraphQLContext, @Arg('input', () => StartConsultationInput) input: StartConsultationInput): Promise<InformationRequest> {
    return new InformationRequestService(ctx.em, viewerOf(ctx)).startConsultation(input);
  }

  @Mutation(() => InformationRequest, { description: 'Opinion received: the clock runs again' })
  endConsultation(@Ctx() ctx: GraphQLContext, @Arg('input', () => RequestStepInput) input: RequestStepInput): Promise<InformationRequest> {
    return new InformationRequestService(ctx.em, viewerOf(ctx)).endConsultation(input);
  }

  @Mutation(() => InformationRequest, { description: '延期答复: once, at most 20 working days, with the approver' })
  extendInformationRequest(@Ctx() ctx: GraphQLContext, @Arg('input', () => ExtendRequestInput) input: ExtendRequestInput): Promise<InformationRequest> {
    return new InformationRequestService(ctx.em, viewerOf(ctx)).extend(input);
  }

  @Mutation(() => InformationRequest, { description: '答复 with its outcome' })
  replyToInformationRequest(@Ctx() ctx: GraphQLContext, @Arg('input', () => ReplyToRequestInput) input: ReplyToRequestInput): Promise<InformationRequest> {
    return new InformationRequestService(ctx.em, viewerOf(ctx)).reply(input);
  }

  @Mutation(() => PersonalDataRetention, {
    description: "Erase now the applicants' personal data of applications answered more than PERSONAL_DATA_RETENTION_YEARS ago (also runs on a schedule)",
  })
  applyPersonalDataRetention(@Ctx() ctx: GraphQLContext): Promise<PersonalDataRetention> {
    assertAdmin(viewerOf(ctx), 'applyPersonalDataRetention');
    return erasePersonalDataPastRetention(ctx.em, ctx.personalDataRetentionYears ?? 0);
  }

  @FieldResolver(() => String, {
    description:
      "申请人: in full on the record (informationRequest and the register's mutations); a natural person's name masked (张**) everywhere else, lists included",
  })
  applicantName(@Root() request: InformationRequest, @Info() info: GraphQLResolveInfo): string {
    if (!isPersonalName(request.applicantType) || isTheRecordItself(info)) return request.applicantName;
    return maskPersonName(request.applicantName);
  }

  // Older records carry no flag: `late` reads false for them.
  @FieldResolver(() => [Consultation])
  consultations(@Root() request: InformationRequest): Consultation[] {
    return request.consultations.map((c) => ({ ...c, late: c.late === true }));
  }

  @FieldResolver(() => Department)
  async department(@Root() request: InformationRequest): Promise<Department> {
    return (await request.department.load())!;
  }

  @FieldResolver(() => Deadline, { nullable: true, description: 'The reply deadline' })
  deadline(@Ctx() ctx: GraphQLContext, @Root() request: InformationRequest): Promise<Deadline | null> {
    return deadlineOf(ctx, DeadlineKind.APPLICATION, request.id);
  }
}

/**
 * Whether the field is read through the record itself: the root field (by name, not by its alias) is
 * `informationRequest` or a mutation of the register. Anything else — the list, or a root we cannot
 * tell — gets the masked form.
 */
function isTheRecordItself(info: GraphQLResolveInfo): boolean {
  if (info.operation.operation === 'mutation') return true;
  let path = info.path;
  while (path.prev) path = path.prev;
  const root = info.operation.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && (s.alias?.value ?? s.name.value) === path.key);
  return root?.name.value === 'informationRequest';
}
