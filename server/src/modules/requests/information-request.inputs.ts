import { IsInt, IsOptional, Length, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDate } from '../../core/scalars.js';
import { ApplicantType, RequestChannel, RequestOutcome, RequestStatus } from './request-enums.js';

@InputType()
export class RegisterInformationRequestInput {
  @Field(() => ID, { description: 'Handling department' })
  departmentId!: string;

  @Field(() => ApplicantType)
  applicantType!: ApplicantType;

  @Field(() => String)
  @Length(1, 200, { message: '申请人不能为空，且不超过200字' })
  applicantName!: string;

  @Field(() => RequestChannel)
  channel!: RequestChannel;

  @Field(() => LocalDate, { description: '收到申请之日 per 第三十一条 (hand-in / signed-for / confirmed)' })
  receivedOn!: string;

  @Field(() => String)
  @Length(1, 5000, { message: '申请内容不能为空，且不超过5000字' })
  content!: string;
}

@InputType()
export class RequestStepInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version you read (optimistic locking)' })
  version!: number;

  @Field(() => LocalDate, { description: 'The date of this step' })
  on!: string;
}

@InputType()
export class StartConsultationInput extends RequestStepInput {
  @Field(() => String, { description: '征求意见的第三方或其他机关' })
  @Length(1, 200, { message: '被征求意见方不能为空，且不超过200字' })
  party!: string;
}

@InputType()
export class ExtendRequestInput extends RequestStepInput {
  @Field(() => Int, { description: 'Working days, at most 20' })
  @IsInt({ message: '延长期限须为整数个工作日' })
  @Min(1, { message: '延长期限至少1个工作日' })
  @Max(20, { message: '延长期限最长不得超过20个工作日（条例第三十三条）' })
  workingDays!: number;

  @Field(() => String)
  @Length(1, 500, { message: '延期理由不能为空，且不超过500字' })
  reason!: string;

  @Field(() => String, { description: '批准人（政府信息公开工作机构负责人）' })
  @Length(1, 100, { message: '批准人不能为空' })
  approver!: string;
}

@InputType()
export class ReplyToRequestInput extends RequestStepInput {
  @Field(() => RequestOutcome)
  outcome!: RequestOutcome;
}

@InputType()
export class InformationRequestFilter {
  @Field(() => ID, { nullable: true })
  departmentId?: string | null;

  @Field(() => [RequestStatus], { nullable: true })
  status?: RequestStatus[] | null;

  @Field(() => Int, { nullable: true, description: 'Received in this year' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  receivedYear?: number | null;

  @Field(() => Int, { nullable: true, description: 'Still open at the end of this year (结转下年度)' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  openAtEndOf?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  search?: string | null;
}
