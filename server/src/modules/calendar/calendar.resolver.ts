import { yearDomainProblem } from '../../time/date-domain.js';
import { BadInputError } from '../../errors.js';
import { Arg, Ctx, Field, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { viewerOf, type GraphQLContext } from '../../graphql/context.js';
import { LocalDate } from '../../core/scalars.js';
import { Deadline } from '../deadlines/deadline.entity.js';
import { CalendarDay, CalendarYear } from './calendar.entity.js';
import { SetCalendarDaysInput } from './calendar.inputs.js';
import { setCalendarDays } from './calendar.service.js';
import { loadCalendar } from './calendar.store.js';

@ObjectType({ description: 'An open deadline that a calendar change moved' })
export class MovedDeadlineInfo {
  @Field(() => Deadline)
  deadline!: Deadline;

  @Field(() => LocalDate)
  fromDueDate!: string;

  @Field(() => LocalDate)
  toDueDate!: string;

  @Field(() => Boolean)
  wasProvisional!: boolean;
}

@ObjectType()
export class CalendarChangeResult {
  @Field(() => [CalendarDay])
  days!: CalendarDay[];

  @Field(() => [MovedDeadlineInfo], { description: 'What moved: due dates and provisional flags of open deadlines' })
  moved!: MovedDeadlineInfo[];
}

@ObjectType({ description: 'A year of the calendar' })
export class CalendarYearInfo {
  @Field(() => Int)
  year!: number;

  @Field(() => Boolean, { description: 'false: no official notice entered yet — deadlines in it are provisional' })
  official!: boolean;

  @Field(() => String, { nullable: true })
  source!: string | null;

  @Field(() => Int, { description: 'Working days in the year per the calendar' })
  workingDays!: number;
}

@Resolver()
export class CalendarResolver {
  @Query(() => [CalendarDay], { description: 'Holidays and make-up working days of a year' })
  async calendarDays(@Ctx() ctx: GraphQLContext, @Arg('year', () => Int) year: number): Promise<CalendarDay[]> {
    assertYearInDomain(year);
    return ctx.em.find(CalendarDay, { date: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } }, { orderBy: { date: 'asc' } });
  }

  @Query(() => CalendarYearInfo)
  async calendarYear(@Ctx() ctx: GraphQLContext, @Arg('year', () => Int) year: number): Promise<CalendarYearInfo> {
    assertYearInDomain(year);
    const [row, calendar] = await Promise.all([ctx.em.findOne(CalendarYear, { year }), loadCalendar(ctx.em)]);
    return { year, official: !!row, source: row?.source ?? null, workingDays: calendar.countWorkingDays(`${year}-01-01`, `${year}-12-31`) };
  }

  @Mutation(() => CalendarChangeResult, {
    description: 'Enter a year’s 节假日安排 notice, or local/ad-hoc days; open deadlines are recomputed and what moved is reported',
  })
  setCalendarDays(@Ctx() ctx: GraphQLContext, @Arg('input', () => SetCalendarDaysInput) input: SetCalendarDaysInput): Promise<CalendarChangeResult> {
    return setCalendarDays(ctx.em, viewerOf(ctx), input);
  }
}

function assertYearInDomain(year: number): void {
  const problem = yearDomainProblem(year);
  if (problem) throw new BadInputError(problem, 'DATE_OUT_OF_RANGE', 'year');
}
