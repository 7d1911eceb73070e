import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, IsUrl, Length, Max, MaxLength, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { LocalDate } from '../../core/scalars.js';
import { NotBlank } from '../../core/validation.js';
import { ReportingBody } from './annual-report-enums.js';

const TEXT_LIMIT = 30_000;
const TEXT_MESSAGE = `每部分不超过${TEXT_LIMIT}字`;

@InputType()
export class CreateAnnualReportInput {
  @Field(() => ID, { description: 'The reporting organisation (usually the root department)' })
  organizationId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(2000, { message: '年度须在2000年以后' })
  @Max(2100, { message: '年度无效' })
  year!: number;

  @Field(() => ReportingBody, { nullable: true, description: 'Default DEPARTMENT (due 31 January)' })
  reportingBody?: ReportingBody | null;
}

@InputType({ description: 'Only the parts given change' })
export class UpdateAnnualReportTextInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(TEXT_LIMIT, { message: TEXT_MESSAGE })
  preamble?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(TEXT_LIMIT, { message: TEXT_MESSAGE })
  overview?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(TEXT_LIMIT, { message: TEXT_MESSAGE })
  proactiveText?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(TEXT_LIMIT, { message: TEXT_MESSAGE })
  problems?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(TEXT_LIMIT, { message: TEXT_MESSAGE })
  otherMatters?: string | null;

  @Field(() => Float, { nullable: true, description: '信息处理费（元）' })
  @IsOptional()
  @Min(0, { message: '信息处理费不能为负数' })
  @Max(100_000_000, { message: '信息处理费过大' })
  informationFee?: number | null;

  @Field(() => LocalDate, { nullable: true, description: '落款日期' })
  signedOn?: string | null;
}

@InputType()
export class AnnualReportCellInput {
  @Field(() => String, { description: 'table2 | table3 | table4' })
  @MaxLength(10)
  table!: string;

  @Field(() => String)
  @MaxLength(60)
  row!: string;

  @Field(() => String)
  @MaxLength(60)
  column!: string;

  @Field(() => Float, { nullable: true, description: 'null: clear the entered figure (the register count applies again)' })
  value?: number | null;
}

@InputType({ description: 'Enter figures into the report itself (a year before the registers, a correction), with the reason' })
export class SetAnnualReportCellsInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => [AnnualReportCellInput])
  @ArrayMinSize(1, { message: '请至少填写一个数字' })
  @ArrayMaxSize(300, { message: '一次最多300个单元格' })
  cells!: AnnualReportCellInput[];

  @Field(() => String, { description: '理由，如“按已公开年报录入”' })
  @Length(1, 500, { message: '请填写录入理由（不超过500字）' })
  @NotBlank({ message: '请填写录入理由' })
  reason!: string;
}

@InputType({
  description: 'Read a published report (text as copied from a government website) into a stored report: all figures entered, narrative split by part',
})
export class ImportAnnualReportInput {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => String)
  @Length(1, 200_000, { message: '年报全文不能为空，且不超过20万字' })
  text!: string;

  @Field(() => Int, { nullable: true, description: 'When the text does not say its year' })
  @IsOptional()
  @IsInt()
  @Min(2000, { message: '年度须在2000年以后' })
  @Max(2100, { message: '年度无效' })
  year?: number | null;

  @Field(() => ReportingBody, { nullable: true })
  reportingBody?: ReportingBody | null;
}

@InputType({ description: 'A step of the workflow at the version read' })
export class AnnualReportStepInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;
}

@InputType()
export class ReturnAnnualReportInput extends AnnualReportStepInput {
  @Field(() => String, { description: '退回理由' })
  @Length(1, 1000, { message: '请填写退回理由（不超过1000字）' })
  @NotBlank({ message: '请填写退回理由' })
  reason!: string;
}

@InputType()
export class SubmitAnnualReportInput extends AnnualReportStepInput {
  @Field(() => LocalDate, { description: '向政府信息公开工作主管部门报送之日' })
  submittedOn!: string;
}

@InputType({ description: '公开: records the report in the ledger (category 年报) with its 索引号' })
export class PublishAnnualReportInput extends AnnualReportStepInput {
  @Field(() => LocalDate)
  publishedOn!: string;

  @Field(() => String)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: '链接须为 http:// 或 https:// 开头的有效网址' })
  @MaxLength(2000)
  url!: string;

  @Field(() => ID, { description: '发布渠道 (门户网站栏目)' })
  channelId!: string;

  @Field(() => ID, { nullable: true, description: 'Default: the category named 年报 (or 年度报告)' })
  categoryId?: string | null;
}

@InputType()
export class CheckAnnualReportTextItem {
  @Field(() => String, { nullable: true, description: 'A name to show in the result (e.g. the file name)' })
  @IsOptional()
  @MaxLength(300)
  label?: string | null;

  @Field(() => String)
  @MaxLength(200_000, { message: '每篇年报不超过20万字' })
  text!: string;
}
