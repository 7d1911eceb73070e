import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { servedByHub } from '../../core/live.js';
import { DateTime, LocalDate } from '../../core/scalars.js';
import { viewerOf, type GraphQLContext } from '../../graphql/context.js';
import { Department } from '../departments/department.entity.js';
import { AssessmentSheetState } from './assessment-enums.js';
import { AssessmentEntry, AssessmentSet } from './assessment.entity.js';
import {
  AssessmentSheetRef,
  AssessmentSheetStepInput,
  SaveAssessmentSetInput,
  SetAssessmentEntryInput,
  SetAssessmentFindingInput,
} from './assessment.inputs.js';
import { AssessmentService } from './assessment.service.js';
import { UnitScore } from './assessment.types.js';
import { findingFromData } from './self-inspection.js';
import { BONUS_CODE } from './scoring.js';

@ObjectType({ description: 'An item’s 自查情况: as the unit wrote it, or written from the data' })
export class ItemFinding {
  @Field(() => String, { description: 'Item code, or BONUS' })
  code!: string;

  @Field(() => String)
  text!: string;

  @Field(() => Boolean, { description: 'Written by the unit (false: from the data)' })
  written!: boolean;
}

@ObjectType({ description: 'A unit’s 考核 score sheet: its score, its entries (自评 and 复核), its 自查情况 and its state' })
export class AssessmentSheetView {
  @Field(() => Department)
  department!: Department;

  @Field(() => AssessmentSet)
  set!: AssessmentSet;

  @Field(() => AssessmentSheetState)
  state!: AssessmentSheetState;

  @Field(() => UnitScore)
  score!: UnitScore;

  @Field(() => [AssessmentEntry])
  entries!: AssessmentEntry[];

  @Field(() => [ItemFinding])
  findings!: ItemFinding[];

  @Field(() => DateTime, { nullable: true })
  submittedAt?: Date | null;

  @Field(() => String, { nullable: true })
  submittedBy?: string | null;

  @Field(() => String, { nullable: true, description: 'Why the office returned or reopened it' })
  returnedReason?: string | null;

  @Field(() => DateTime, { nullable: true })
  finalizedAt?: Date | null;

  @Field(() => String, { nullable: true })
  finalizedBy?: string | null;

  @Field(() => Int)
  version!: number;

  @Field(() => String, { description: 'Where to download the 自查报告 (.docx), with the same authorization' })
  reportUrl!: string;
}

const service = (ctx: GraphQLContext) => new AssessmentService(ctx.em, viewerOf(ctx), { publicUrl: ctx.notifications?.publicUrl ?? null });

/** The 自查报告's download path for a sheet. */
export const reportPath = (ref: AssessmentSheetRef) =>
  `/api/assessment/self-inspection.docx?organizationId=${encodeURIComponent(ref.organizationId)}&period=${encodeURIComponent(ref.period)}&departmentId=${encodeURIComponent(ref.departmentId)}`;

async function sheetView(ctx: GraphQLContext, ref: AssessmentSheetRef): Promise<AssessmentSheetView> {
  const { context, score, entries } = await service(ctx).sheet(ref);
  const findings = context.sheet?.findings ?? {};
  const codes = [...context.set.items.map((i) => i.code), ...(context.set.bonusTitle ? [BONUS_CODE] : [])];
  return {
    department: context.unit,
    set: context.set,
    state: context.sheet?.state ?? AssessmentSheetState.SELF_ASSESSING,
    score,
    entries,
    findings: codes.map((code) => {
      const own = findings[code];
      const item = score.items.find((i) => i.code === code);
      const bonusFinding = score.bonus > 0 ? score.bonusBasis : '不涉及此项。';
      const generated = item ? findingFromData(item, context.period.label) : bonusFinding;
      return { code, text: own ?? generated, written: own != null };
    }),
    submittedAt: context.sheet?.submittedAt ?? null,
    submittedBy: context.sheet?.submittedBy ?? null,
    returnedReason: context.sheet?.returnedReason ?? null,
    finalizedAt: context.sheet?.finalizedAt ?? null,
    finalizedBy: context.sheet?.finalizedBy ?? null,
    version: context.sheet?.version ?? 0,
    reportUrl: reportPath({ organizationId: String(context.organization.id), period: context.period.key, departmentId: String(context.unit.id) }),
  };
}

@Resolver(() => AssessmentSet)
export class AssessmentResolver {
  @Query(() => [UnitScore], {
    description:
      'Every unit’s 考核 score and rank for a period (2026 or 2026-H2), computed from the data as of asOf (default: today, or the period’s end once over); ' +
      'a 定稿 sheet keeps its frozen score. Units outside your scope come with their total and rank only.',
  })
  assessmentScores(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('period', () => String) period: string,
    @Arg('asOf', () => LocalDate, { nullable: true }) asOf: string | undefined,
  ): Promise<UnitScore[]> {
    return service(ctx).scores(organizationId, period, asOf ?? null);
  }

  @Subscription(() => [UnitScore], {
    subscribe: servedByHub,
    description: 'assessmentScores as of today, then again after every change that can move a score (the wall screen’s ranking)',
  })
  assessmentScoresChanged(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('period', () => String) period: string,
  ): Promise<UnitScore[]> {
    return service(ctx).scores(organizationId, period, null);
  }

  @Query(() => [AssessmentSet], { description: 'The organisation’s indicator sets, newest period first' })
  assessmentSets(@Ctx() ctx: GraphQLContext, @Arg('organizationId', () => ID) organizationId: string): Promise<AssessmentSet[]> {
    return service(ctx).sets(organizationId);
  }

  @Query(() => AssessmentSet, { nullable: true })
  assessmentSet(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('period', () => String) period: string,
  ): Promise<AssessmentSet | null> {
    return service(ctx).findSet(organizationId, period);
  }

  @Query(() => AssessmentSheetView, { description: 'A unit’s score sheet (your own unit’s, or any for the office)' })
  assessmentSheet(@Ctx() ctx: GraphQLContext, @Arg('input', () => AssessmentSheetRef) input: AssessmentSheetRef): Promise<AssessmentSheetView> {
    return sheetView(ctx, input);
  }

  @Mutation(() => AssessmentSet, { description: 'Create or replace the indicator set of an organisation and period (the office)' })
  saveAssessmentSet(@Ctx() ctx: GraphQLContext, @Arg('input', () => SaveAssessmentSetInput) input: SaveAssessmentSetInput): Promise<AssessmentSet> {
    return service(ctx).saveSet(input);
  }

  @Mutation(() => AssessmentSet, { description: 'Copy a set to another period of the same organisation' })
  copyAssessmentSet(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string, @Arg('period', () => String) period: string): Promise<AssessmentSet> {
    return service(ctx).copySet(id, period);
  }

  @Mutation(() => Boolean, { description: 'Delete a set with its sheets (refused once a sheet is 定稿)' })
  deleteAssessmentSet(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    return service(ctx).deleteSet(id);
  }

  @Mutation(() => AssessmentEntry, {
    description: 'The unit’s 自评 (SELF, while 自评) or the office’s 复核 (REVIEW, with a reason; not on items computed from the data) of one item or BONUS',
  })
  setAssessmentEntry(@Ctx() ctx: GraphQLContext, @Arg('input', () => SetAssessmentEntryInput) input: SetAssessmentEntryInput): Promise<AssessmentEntry> {
    return service(ctx).setEntry(input);
  }

  @Mutation(() => Boolean, { description: 'The unit’s 自查情况 for one item (empty: back to the text written from the data)' })
  setAssessmentFinding(@Ctx() ctx: GraphQLContext, @Arg('input', () => SetAssessmentFindingInput) input: SetAssessmentFindingInput): Promise<boolean> {
    return service(ctx).setFinding(input);
  }

  @Mutation(() => AssessmentSheetView, { description: '自评 done: submit for 复核 (科室负责人 or the office)' })
  async submitAssessmentSheet(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => AssessmentSheetStepInput) input: AssessmentSheetStepInput,
  ): Promise<AssessmentSheetView> {
    await service(ctx).submit(input);
    return sheetView(ctx, input);
  }

  @Mutation(() => AssessmentSheetView, { description: 'The office returns a submitted sheet to the unit (reason required)' })
  async returnAssessmentSheet(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => AssessmentSheetStepInput) input: AssessmentSheetStepInput,
  ): Promise<AssessmentSheetView> {
    await service(ctx).returnSheet(input);
    return sheetView(ctx, input);
  }

  @Mutation(() => AssessmentSheetView, { description: '定稿: the office freezes the unit’s score as it stands' })
  async finalizeAssessmentSheet(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => AssessmentSheetStepInput) input: AssessmentSheetStepInput,
  ): Promise<AssessmentSheetView> {
    await service(ctx).finalize(input);
    return sheetView(ctx, input);
  }

  @Mutation(() => AssessmentSheetView, { description: 'The office reopens a 定稿 sheet (reason required); the score moves with the data again' })
  async reopenAssessmentSheet(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => AssessmentSheetStepInput) input: AssessmentSheetStepInput,
  ): Promise<AssessmentSheetView> {
    await service(ctx).reopen(input);
    return sheetView(ctx, input);
  }

  @FieldResolver(() => Department)
  async organization(@Root() set: AssessmentSet): Promise<Department> {
    return (await set.organization.load())!;
  }
}
