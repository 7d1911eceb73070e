import { IsInt, IsOptional, IsUrl, Length, Max, MaxLength, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { LocalDate } from '../../core/scalars.js';
import { NotBlank } from '../../core/validation.js';
import { AnnualStatisticItem, LegalCaseKind, LegalCaseOutcome, NormativeDocumentKind } from './annual-report-enums.js';

@InputType()
export class RegisterLegalCaseInput {
  @Field(() => ID, { description: '被申请人/被告：本机关或者其部门' })
  departmentId!: string;

  @Field(() => LegalCaseKind)
  kind!: LegalCaseKind;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100, { message: '案号不超过100字' })
  caseNumber?: string | null;

  @Field(() => String, { description: '案由' })
  @Length(1, 500, { message: '案由不能为空，且不超过500字' })
  @NotBlank({ message: '案由不能为空' })
  subject!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200, { message: '申请人/原告不超过200字' })
  party?: string | null;

  @Field(() => LocalDate)
  receivedOn!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  note?: string | null;
}

@InputType({ description: 'Record the outcome of a case (审结), or correct it' })
export class ConcludeLegalCaseInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => LocalDate)
  concludedOn!: string;

  @Field(() => LegalCaseOutcome)
  outcome!: LegalCaseOutcome;
}

@InputType()
export class LegalCaseFilter {
  @Field(() => ID, { nullable: true, description: 'Cases of this department and its sub-departments (e.g. a report’s organisation)' })
  departmentId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Cases received in this year' })
  year?: number | null;

  @Field(() => [LegalCaseKind], { nullable: true })
  kinds?: LegalCaseKind[] | null;

  @Field(() => Boolean, { nullable: true, description: 'true: 尚未审结 only' })
  pending?: boolean | null;
}

@InputType()
export class RegisterNormativeDocumentInput {
  @Field(() => ID, { description: '制发机关' })
  departmentId!: string;

  @Field(() => NormativeDocumentKind)
  kind!: NormativeDocumentKind;

  @Field(() => String, { description: '文号' })
  @Length(1, 100, { message: '文号不能为空，且不超过100字' })
  @NotBlank({ message: '文号不能为空' })
  documentNumber!: string;

  @Field(() => String)
  @Length(1, 500, { message: '标题不能为空，且不超过500字' })
  @NotBlank({ message: '标题不能为空' })
  title!: string;

  @Field(() => LocalDate)
  issuedOn!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: '链接须为 http(s) 网址' })
  @MaxLength(2000)
  url?: string | null;
}

@InputType({ description: '废止/失效' })
export class RepealNormativeDocumentInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => LocalDate)
  repealedOn!: string;

  @Field(() => String, { description: '废止依据或者失效原因' })
  @Length(1, 500, { message: '请填写废止依据或者失效原因（不超过500字）' })
  @NotBlank({ message: '请填写废止依据或者失效原因' })
  repealNote!: string;
}

@InputType()
export class NormativeDocumentFilter {
  @Field(() => ID, { nullable: true, description: 'Documents of this department and its sub-departments' })
  departmentId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: 现行有效 only (not repealed); false: repealed only' })
  valid?: boolean | null;

  @Field(() => NormativeDocumentKind, { nullable: true })
  kind?: NormativeDocumentKind | null;
}

@InputType()
export class SetAnnualStatisticInput {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(2000, { message: '年度须在2000年以后' })
  @Max(2100, { message: '年度无效' })
  year!: number;

  @Field(() => AnnualStatisticItem)
  item!: AnnualStatisticItem;

  @Field(() => Float, { description: 'A count (a whole number), or 万元 with up to 4 decimals for 行政事业性收费' })
  value!: number;

  @Field(() => String, { description: '数据来源' })
  @Length(1, 500, { message: '请注明数据来源（不超过500字）' })
  @NotBlank({ message: '请注明数据来源' })
  source!: string;
}
