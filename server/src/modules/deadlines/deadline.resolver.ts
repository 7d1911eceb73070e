import { NotBlank } from '../../core/validation.js';
import { IsInt, IsOptional, Length, Max, Min } from 'class-validator';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { viewerOf, type GraphQLContext } from '../../graphql/context.js';
import { LocalDate } from '../../core/scalars.js';
import { shanghaiDate } from '../../time/calendar-date.js';
import { assertAdmin } from '../auth/viewer.js';
import { Department } from '../departments/department.entity.js';
import { DeadlineKind, DeadlineState } from './deadline-enums.js';
import { DeadlineRule } from './deadline-rule.entity.js';
import { Deadline } from './deadline.entity.js';
import { InvalidRuleError } from './deadline.errors.js';
import { DeadlineService } from './deadline.service.js';

@ObjectType({ description: 'A due date computed in working days' })
export class WorkingDayDeadline {
  @Field(() => LocalDate)
  dueDate!: string;

  @Field(() => Boolean, { description: 'The counting crosses a year whose holiday notice is not entered yet: the date may move' })
  provisional!: boolean;
}

/** A plain read model (no per-field middleware): the whole bureau's list is some 2,000 items × a dozen fields. */
@ObjectType({ description: '逾期或即将到期的事项', simpleResolvers: true })
export class OverdueItem {
  @Field(() => DeadlineKind)
  kind!: DeadlineKind;

  @Field(() => ID, { description: 'Id of the task, application or register entry' })
  id!: string;

  @Field(() => ID)
  deadlineId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => Department, { nullable: true })
  department!: Department | null;

  @Field(() => LocalDate)
  dueDate!: string;

  @Field(() => LocalDate)
  originalDueDate!: string;

  @Field(() => Int)
  workingDaysOverdue!: number;

  @Field(() => DeadlineState)
  state!: DeadlineState;

  @Field(() => String, { description: 'The rule’s name, e.g. 依申请公开答复' })
  rule!: string;

  @Field(() => String)
  ruleCode!: string;

  @Field(() => String, { description: '政策依据' })
  policyBasis!: string;

  @Field(() => Boolean)
  provisional!: boolean;
}

@InputType()
export class OverdueFilter {
  @Field(() => ID, { nullable: true, description: 'This department and its sub-departments' })
  departmentId?: string | null;

  @Field(() => [DeadlineKind], { nullable: true })
  kinds?: DeadlineKind[] | null;

  @Field(() => [DeadlineState], { nullable: true, description: 'Default: DUE_SOON, OVERDUE, LONG_OVERDUE' })
  states?: DeadlineState[] | null;
}

@InputType()
export class SetDeadlineRuleInput {
  @Field(() => String)
  @Length(1, 100)
  @NotBlank({ message: '不能为空' })
  code!: string;

  @Field(() => Int, { nullable: true, description: 'N (working or calendar days)' })
  @IsOptional()
  @IsInt({ message: '天数须为整数' })
  @Min(0, { message: '天数不能为负数' })
  @Max(366, { message: '天数不超过366' })
  days?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0, { message: '天数不能为负数' })
  @Max(60)
  dueSoonWorkingDays?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0, { message: '天数不能为负数' })
  @Max(366)
  warnDays?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0, { message: '天数不能为负数' })
  @Max(366)
  vetoDays?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0, { message: '天数不能为负数' })
  @Max(366)
  longOverdueWorkingDays?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 5000, { message: '政策依据不能为空' })
  @NotBlank({ message: '政策依据不能为空' })
  policyBasis?: string | null;
}

@ObjectType({ description: '延期' })
export class DeadlineExtension {
  @Field(() => Int)
  workingDays!: number;

  @Field(() => String)
  reason!: string;

  @Field(() => String)
  approver!: string;

  @Field(() => LocalDate)
  approvedOn!: string;
}

@ObjectType({ description: '中止计时的期间（首尾两日均不计）' })
export class StoppedClock {
  @Field(() => LocalDate)
  from!: string;

  @Field(() => LocalDate, { nullable: true, description: 'null: still stopped' })
  to!: string | null;
}

@ObjectType()
export class SweepResult {
  @Field(() => Boolean, { description: 'false: another instance is sweeping right now' })
  swept!: boolean;

  @Field(() => Int, { description: 'Deadlines moved to another state' })
  moved!: number;
}

@Resolver(() => Deadline)
export class DeadlineResolver {
  @Query(() => WorkingDayDeadline, { description: 'The N-th working day after `from` (from not counted), per the calendar' })
  async workingDayDeadline(
    @Ctx() ctx: GraphQLContext,
    @Arg('from', () => LocalDate) from: string,
    @Arg('workingDays', () => Int) workingDays: number,
  ): Promise<WorkingDayDeadline> {
    if (!Number.isInteger(workingDays) || workingDays < 0 || workingDays > 250) throw new InvalidRuleError('工作日数须为0–250之间的整数', 'workingDays');
    const { date, provisional } = (await new DeadlineService(ctx.em).calendar()).addWorkingDays(from, workingDays);
    return { dueDate: date, provisional };
  }

  @Query(() => [OverdueItem], { description: 'Overdue and due-soon items in the caller’s scope, most overdue first' })
  async overdueItems(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => OverdueFilter, { nullable: true }) filter: OverdueFilter | undefined,
    @Arg('asOf', () => LocalDate, { nullable: true, description: 'Evaluate as of this date (default: today, Asia/Shanghai)' }) asOf: string | undefined,
  ): Promise<OverdueItem[]> {
    return new DeadlineService(ctx.em).overdueItems(viewerOf(ctx), filter ?? {}, asOf ?? shanghaiDate());
  }

  @Query(() => [DeadlineRule])
  deadlineRules(@Ctx() ctx: GraphQLContext): Promise<DeadlineRule[]> {
    return new DeadlineService(ctx.em).listRules();
  }

  @Mutation(() => DeadlineRule, { description: 'Tune a rule’s figures; open deadlines under it are recomputed' })
  setDeadlineRule(@Ctx() ctx: GraphQLContext, @Arg('input', () => SetDeadlineRuleInput) input: SetDeadlineRuleInput): Promise<DeadlineRule> {
    return new DeadlineService(ctx.em).setRule(viewerOf(ctx), input);
  }

  @Mutation(() => SweepResult, { description: 'Move deadlines between states now (the server also does it every minute)' })
  async sweepDeadlines(@Ctx() ctx: GraphQLContext): Promise<SweepResult> {
    assertAdmin(viewerOf(ctx), 'sweepDeadlines');
    const result = await new DeadlineService(ctx.em).sweep();
    return { swept: result.swept, moved: result.moves.length };
  }

  @FieldResolver(() => Department, { nullable: true })
  async department(@Root() deadline: Deadline): Promise<Department | null> {
    return (await deadline.department?.load()) ?? null;
  }

  @FieldResolver(() => DeadlineRule)
  async rule(@Root() deadline: Deadline): Promise<DeadlineRule> {
    return (await deadline.rule.load())!;
  }

  @FieldResolver(() => [DeadlineExtension])
  extensions(@Root() deadline: Deadline): DeadlineExtension[] {
    return deadline.extensions;
  }

  @FieldResolver(() => [StoppedClock], { description: 'Stopped-clock intervals (e.g. 征求第三方意见)' })
  stoppedIntervals(@Root() deadline: Deadline): StoppedClock[] {
    return deadline.stopped;
  }

  @FieldResolver(() => Int, { description: 'Working days granted by extensions' })
  extensionWorkingDays(@Root() deadline: Deadline): number {
    return deadline.extensions.reduce((s, e) => s + e.workingDays, 0);
  }
}
