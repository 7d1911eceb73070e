import { Field, Float, Int, ObjectType } from 'type-graphql';
import { LocalDate } from '../../core/scalars.js';
import { Department } from '../departments/department.entity.js';
import { AssessmentRule, AssessmentSheetState, ScoreFactKind } from './assessment-enums.js';

/** One fact a score rests on: what happened, when, and what it cost (or counted). */
@ObjectType({ description: 'A fact a score rests on (which publications, which late item, which reminder)', simpleResolvers: true })
export class ScoreFact {
  @Field(() => ScoreFactKind)
  kind!: ScoreFactKind;

  @Field(() => String, { description: 'In words, e.g. “2026-0007 关于…的申请 2026-03-02到期，2026-03-05答复”' })
  text!: string;

  @Field(() => LocalDate, { nullable: true })
  date?: string | null;

  @Field(() => Float, { nullable: true, description: 'Points it took (negative) or, for counts, null' })
  points?: number | null;

  @Field(() => String, { nullable: true, description: 'The deadline or channel it is about (id), for a link' })
  refId?: string | null;

  @Field(() => String, { nullable: true, description: 'A path in the dashboard that lists the facts (e.g. the publications counted)' })
  link?: string | null;
}

@ObjectType({ description: 'A unit’s score on one indicator', simpleResolvers: true })
export class ItemScore {
  @Field(() => String, { description: 'The indicator’s number in its set, e.g. "16"' })
  code!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  group!: string;

  @Field(() => AssessmentRule)
  rule!: AssessmentRule;

  @Field(() => Float, { description: 'Points counted (复核 where the office scored, else 自评, else computed)' })
  points!: number;

  @Field(() => Float)
  maxPoints!: number;

  @Field(() => Boolean, { description: 'Zeroed by a 单项否决 (or, on a veto item: the veto applies)' })
  vetoed!: boolean;

  @Field(() => String, { description: 'The facts the points come from, in words' })
  basis!: string;

  @Field(() => [ScoreFact])
  facts!: ScoreFact[];

  @Field(() => Float, { nullable: true, description: 'The unit’s 自评 points, when it gave some' })
  selfPoints?: number | null;

  @Field(() => Boolean, { description: 'The 自评 differs from the points counted' })
  differs!: boolean;

  @Field(() => Boolean, { description: 'A manual item the office has not reviewed yet (counted as 自评, or full points without one)' })
  pending!: boolean;

  @Field(() => Int, { nullable: true, description: 'Rate items: the cases counted' })
  cases?: number | null;

  @Field(() => Int, { nullable: true, description: 'Rate items: the cases in time' })
  casesMet?: number | null;

  @Field(() => Boolean, { description: 'The rate rests on fewer cases than the item’s minimum: read with care' })
  caution!: boolean;

  @Field(() => Int, { description: 'Rank among the units on this item (ties share; rate items by the lower bound of the rate)' })
  itemRank!: number;

  /** What the item rank orders by (points, or the Wilson lower bound of a rate). */
  rankKey!: number;
}

@ObjectType({ description: 'A unit’s score in an assessment period', simpleResolvers: true })
export class UnitScore {
  @Field(() => Department)
  department!: Department;

  @Field(() => Float)
  total!: number;

  @Field(() => Int, { description: 'By total, highest first; equal totals share a rank (1, 2, 2, 4)' })
  rank!: number;

  @Field(() => Float, { description: 'The set’s full points (bonus not included)' })
  maxTotal!: number;

  @Field(() => Float, { description: '加分项 points counted (within the cap)' })
  bonus!: number;

  @Field(() => String)
  bonusBasis!: string;

  @Field(() => [ItemScore], { description: 'Every indicator (empty for a unit outside your scope)' })
  items!: ItemScore[];

  @Field(() => AssessmentSheetState)
  state!: AssessmentSheetState;

  @Field(() => Float, { description: 'The total as the unit scored itself (its 自评 where given, the counted points elsewhere)' })
  selfTotal!: number;

  @Field(() => Int, { description: 'Items whose 自评 differs from the points counted' })
  differences!: number;

  @Field(() => Boolean, { description: 'Frozen at 定稿: later facts no longer move it' })
  frozen!: boolean;

  @Field(() => LocalDate, { description: 'The date the facts were counted as of' })
  asOf!: string;
}
