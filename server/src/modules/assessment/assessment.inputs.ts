import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { NotBlank } from '../../core/validation.js';
import { DeadlineKind } from '../deadlines/deadline-enums.js';
import { AssessmentRule, AssessmentSide, TimelinessScoring } from './assessment-enums.js';

const PERIOD_PATTERN = /^\d{4}(-H[12])?$/;
const PERIOD_MESSAGE = '考核期须为年度（如 2026）或半年（如 2026-H2）';

@InputType()
export class OccurrenceKindInput {
  @Field(() => String)
  @NotBlank({ message: '请填写扣分情形' })
  @MaxLength(100)
  label!: string;

  @Field(() => Float)
  @Min(0.01, { message: '每次扣分须大于0' })
  @Max(100)
  amount!: number;
}

@InputType({ description: 'One indicator: see AssessmentItemDefinition' })
export class AssessmentItemInput {
  @Field(() => String)
  @Length(1, 20, { message: '指标序号为1–20个字符' })
  @NotBlank({ message: '请填写指标序号' })
  code!: string;

  @Field(() => String)
  @NotBlank({ message: '请填写指标所属类别' })
  @MaxLength(100)
  group!: string;

  @Field(() => String)
  @NotBlank({ message: '请填写指标名称' })
  @MaxLength(200)
  title!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5000)
  requirement?: string | null;

  @Field(() => Float)
  @Min(0, { message: '分值不能为负' })
  @Max(1000)
  maxPoints!: number;

  @Field(() => AssessmentRule)
  rule!: AssessmentRule;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1, { message: '每季度发布数量至少1条' })
  @Max(100000)
  perQuarter?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1, { message: '年度发布数量至少1条' })
  @Max(1000000)
  perYear?: number | null;

  @Field(() => [DeadlineKind], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  deadlineKinds?: DeadlineKind[] | null;

  @Field(() => TimelinessScoring, { nullable: true })
  @IsOptional()
  scoring?: TimelinessScoring | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(0, { message: '扣分不能为负' })
  @Max(1000)
  deduction?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(0, { message: '扣分上限不能为负' })
  @Max(1000)
  cap?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  zeroAfterDays?: number | null;

  @Field(() => [OccurrenceKindInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  occurrenceKinds?: OccurrenceKindInput[] | null;

  @Field(() => [String], { nullable: true, description: 'Veto: the codes of the items it zeroes' })
  @IsOptional()
  @ArrayMaxSize(100)
  vetoes?: string[] | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  idleDays?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  minCases?: number | null;
}

@InputType({ description: 'An indicator set for an organisation and period, created or replaced whole' })
export class SaveAssessmentSetInput {
  @Field(() => ID, { description: 'The organisation (a department of kind 机关/局) whose units are assessed' })
  organizationId!: string;

  @Field(() => String, { description: '2026, 2026-H1 or 2026-H2' })
  @Matches(PERIOD_PATTERN, { message: PERIOD_MESSAGE })
  period!: string;

  @Field(() => String)
  @NotBlank({ message: '请填写指标体系名称' })
  @MaxLength(200)
  title!: string;

  @Field(() => [AssessmentItemInput])
  @ArrayMinSize(1, { message: '至少一项指标' })
  @ArrayMaxSize(200, { message: '指标不超过200项' })
  @ValidateNested({ each: true })
  items!: AssessmentItemInput[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
  bonusTitle?: string | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(100)
  bonusCap?: number | null;

  @Field(() => Int, { nullable: true, description: 'The version you read (replacing an existing set): refused with STALE_VERSION if it changed' })
  @IsOptional()
  @IsInt()
  version?: number | null;
}

@InputType()
export class EvidenceLinkInput {
  @Field(() => String)
  @NotBlank({ message: '请填写佐证材料名称' })
  @MaxLength(200)
  title!: string;

  @Field(() => String, { description: 'http(s) URL, or a path in this system (/admin/…)' })
  @MaxLength(2000, { message: '链接过长' })
  url!: string;
}

@InputType()
export class OccurrenceCountInput {
  @Field(() => String)
  label!: string;

  @Field(() => Int)
  @IsInt()
  @Min(0, { message: '次数不能为负' })
  @Max(10000)
  count!: number;
}

@InputType({ description: 'A unit’s 自评 or the office’s 复核 of one item (or BONUS), replacing the previous one of the same side' })
export class SetAssessmentEntryInput {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => String)
  @Matches(PERIOD_PATTERN, { message: PERIOD_MESSAGE })
  period!: string;

  @Field(() => ID, { description: 'The assessed unit' })
  departmentId!: string;

  @Field(() => String, { description: 'The item code, or BONUS' })
  @Length(1, 20)
  itemCode!: string;

  @Field(() => AssessmentSide)
  side!: AssessmentSide;

  @Field(() => Float, { nullable: true, description: '人工评分 and 加分项: the points; other items: the unit’s 自评 (shown beside the computed points)' })
  @IsOptional()
  @Min(0, { message: '得分不能为负' })
  @Max(1000)
  points?: number | null;

  @Field(() => [OccurrenceCountInput], { nullable: true, description: '按次扣分: occurrences per kind' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  occurrences?: OccurrenceCountInput[] | null;

  @Field(() => Boolean, { nullable: true, description: '单项否决: applies or not' })
  @IsOptional()
  vetoed?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Why (required for the office’s 复核)' })
  @IsOptional()
  @MaxLength(2000, { message: '理由不超过2000字' })
  reason?: string | null;

  @Field(() => [EvidenceLinkInput], { nullable: true, description: '佐证材料' })
  @IsOptional()
  @ArrayMaxSize(30, { message: '佐证材料最多30项' })
  @ValidateNested({ each: true })
  evidence?: EvidenceLinkInput[] | null;
}

@InputType()
export class AssessmentSheetRef {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => String)
  @Matches(PERIOD_PATTERN, { message: PERIOD_MESSAGE })
  period!: string;

  @Field(() => ID)
  departmentId!: string;
}

@InputType({ description: 'The unit’s 自查情况 for one item (or BONUS), as it will read in the 自查报告; empty: back to the text written from the data' })
export class SetAssessmentFindingInput extends AssessmentSheetRef {
  @Field(() => String)
  @Length(1, 20)
  itemCode!: string;

  @Field(() => String)
  @MaxLength(5000, { message: '自查情况不超过5000字' })
  finding!: string;
}

@InputType()
export class AssessmentSheetStepInput extends AssessmentSheetRef {
  @Field(() => String, { nullable: true, description: 'Why (required to return a sheet or reopen a final one)' })
  @IsOptional()
  @MaxLength(2000)
  reason?: string | null;
}

export { PERIOD_PATTERN };
