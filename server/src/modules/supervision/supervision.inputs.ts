import { ArrayMaxSize, IsInt, IsOptional, IsUrl, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { NotBlank } from '../../core/validation.js';
import { SupervisionNoticeState } from './supervision-enums.js';

@InputType({
  description: 'A 督办单 to issue: to a department, about one of its tasks, a register item (through its deadline), or a reason alone (e.g. its quota)',
})
export class IssueSupervisionNoticeInput {
  @Field(() => ID)
  departmentId!: string;

  @Field(() => ID, { nullable: true, description: 'A task of that department' })
  taskId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A deadline of that department (an information request, a proposal reply …)' })
  deadlineId?: string | null;

  @Field(() => String, { description: '督办事由' })
  @NotBlank({ message: '请填写督办事由' })
  @MaxLength(2000, { message: '督办事由不超过2000字' })
  reason!: string;

  @Field(() => String, { nullable: true, description: '办理要求' })
  @IsOptional()
  @MaxLength(5000, { message: '办理要求不超过5000字' })
  requirement?: string | null;

  @Field(() => Int, { description: 'Reply within this many working days from today (调休 counted), 1–60' })
  @IsInt({ message: '回复时限须为整数个工作日' })
  @Min(1, { message: '回复时限至少1个工作日' })
  @Max(60, { message: '回复时限不超过60个工作日' })
  replyWithinWorkingDays!: number;
}

@InputType()
export class ReplySupervisionNoticeInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: '办理情况' })
  @NotBlank({ message: '请填写办理情况' })
  @MaxLength(5000, { message: '办理情况不超过5000字' })
  reply!: string;

  @Field(() => [String], { nullable: true, description: 'Evidence links (佐证材料), http(s) URLs' })
  @IsOptional()
  @ArrayMaxSize(20, { message: '佐证链接最多20个' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { each: true, message: '佐证链接须为 http(s) 网址' })
  @MaxLength(2000, { each: true, message: '链接过长' })
  evidenceUrls?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'The version you read (optional): refused with STALE_VERSION if it changed since' })
  @IsOptional()
  @IsInt()
  version?: number | null;
}

@InputType()
export class ReturnSupervisionNoticeInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Why the reply is not accepted (what is still missing)' })
  @NotBlank({ message: '请填写退回理由' })
  @MaxLength(2000, { message: '退回理由不超过2000字' })
  reason!: string;

  @Field(() => Int, { nullable: true, description: 'Working days for the new reply (default: the original)' })
  @IsOptional()
  @IsInt({ message: '回复时限须为整数个工作日' })
  @Min(1, { message: '回复时限至少1个工作日' })
  @Max(60, { message: '回复时限不超过60个工作日' })
  replyWithinWorkingDays?: number | null;
}

@InputType()
export class SupervisionNoticeFilter {
  @Field(() => ID, { nullable: true, description: 'This department and its sub-departments' })
  departmentId?: string | null;

  @Field(() => [SupervisionNoticeState], { nullable: true, description: '逾期 matches the notices past their reply-by date without a reply' })
  states?: SupervisionNoticeState[] | null;

  @Field(() => ID, { nullable: true })
  taskId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only those not 已办结 (default false)' })
  openOnly?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Issued in this year' })
  year?: number | null;
}
