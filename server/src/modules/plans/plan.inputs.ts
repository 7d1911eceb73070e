import { NotBlank } from '../../core/validation.js';
import { ArrayMaxSize, IsInt, IsOptional, Length, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { enumDescriptions } from '../../core/enum-labels.js';
import { LocalDate } from '../../core/scalars.js';
import { DepartmentScope } from '../departments/department-kind.js';

@InputType()
export class CreatePlanInput {
  @Field(() => ID, { description: 'The organisation (root department) the plan belongs to' })
  organizationId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(2000, { message: '年度须在2000年至次年之间' })
  @Max(2100, { message: '年度须在2000年至次年之间' })
  year!: number;

  @Field(() => String)
  @Length(1, 300, { message: '标题不能为空，且不超过300字' })
  @NotBlank({ message: '标题不能为空，且不超过300字' })
  title!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200, { message: '发文单位不超过200字' })
  issuer?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50, { message: '依据文件最多50个' })
  @Length(1, 100, { each: true, message: '依据文件文号不能为空，且不超过100字' })
  @NotBlank({ each: true, message: '依据文件文号不能为空，且不超过100字' })
  basisDocuments?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Where the plan came from (file or URL)' })
  @IsOptional()
  @MaxLength(500, { message: '来源不超过500字' })
  source?: string | null;
}

@InputType({ description: 'Changes to a plan; omitted fields stay as they are' })
export class UpdatePlanInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused (STALE_VERSION)' })
  @IsInt()
  version!: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(2000, { message: '年度须在2000年至次年之间' })
  @Max(2100, { message: '年度须在2000年至次年之间' })
  year?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 300, { message: '标题不能为空，且不超过300字' })
  @NotBlank({ message: '标题不能为空，且不超过300字' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: '发文单位; an empty string clears it' })
  @IsOptional()
  @MaxLength(200, { message: '发文单位不超过200字' })
  issuer?: string | null;

  @Field(() => [String], { nullable: true, description: 'Document numbers the plan is based on (replaces the list)' })
  @IsOptional()
  @ArrayMaxSize(50, { message: '依据文件最多50个' })
  @Length(1, 100, { each: true, message: '依据文件文号不能为空，且不超过100字' })
  @NotBlank({ each: true, message: '依据文件文号不能为空，且不超过100字' })
  basisDocuments?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Where the plan came from; an empty string clears it' })
  @IsOptional()
  @MaxLength(500, { message: '来源不超过500字' })
  source?: string | null;
}

@InputType({ description: 'Retire (停用) a plan or work point: it leaves the default lists, its tasks are kept' })
export class RetireInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version you read' })
  @IsInt()
  version!: number;

  @Field(() => String, { description: 'Why (required)' })
  @Length(1, 500, { message: '请填写停用原因（不超过500字）' })
  @NotBlank({ message: '请填写停用原因（不超过500字）' })
  reason!: string;
}

@InputType({ description: 'Restore a retired plan or work point' })
export class RestoreInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version you read' })
  @IsInt()
  version!: number;
}

@InputType()
export class PlanFilter {
  @Field(() => Boolean, { nullable: true, description: 'Include retired plans (default false)' })
  includeRetired?: boolean | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  year?: number | null;

  @Field(() => String, { nullable: true, description: 'Substring of the title or issuer' })
  @IsOptional()
  @MaxLength(100)
  search?: string | null;
}

@InputType()
export class CreateWorkPointInput {
  @Field(() => ID)
  planId!: string;

  @Field(() => String, { description: 'e.g. 二(三)' })
  @Length(1, 30, { message: '编号不能为空，且不超过30字' })
  @NotBlank({ message: '编号不能为空，且不超过30字' })
  number!: string;

  @Field(() => String)
  @Length(1, 100, { message: '所属部分不能为空，且不超过100字' })
  @NotBlank({ message: '所属部分不能为空，且不超过100字' })
  section!: string;

  @Field(() => String)
  @Length(1, 300, { message: '标题不能为空，且不超过300字' })
  @NotBlank({ message: '标题不能为空，且不超过300字' })
  title!: string;

  @Field(() => String, { nullable: true, description: '政策依据; cited document numbers are extracted from it' })
  @IsOptional()
  @MaxLength(20000)
  policyBasis?: string | null;

  @Field(() => String, { nullable: true, description: '职责分工; ⑴⑵⑶ sub-items become the tasks’ checklist' })
  @IsOptional()
  @MaxLength(20000)
  duties?: string | null;

  @Field(() => [ID], { description: '牵头科室 (at least one)' })
  @ArrayMaxSize(50)
  leadDepartmentIds!: string[];

  @Field(() => [ID], { nullable: true, description: '责任单位 named one by one' })
  @IsOptional()
  @ArrayMaxSize(500)
  responsibleDepartmentIds?: string[] | null;

  @Field(() => [DepartmentScope], { nullable: true, description: '责任单位 as scopes (局属各单位 …)' })
  @IsOptional()
  responsibleScopes?: DepartmentScope[] | null;

  @Field(() => String, { nullable: true, description: 'Time limit as written; extracted from the duties when omitted' })
  @IsOptional()
  @MaxLength(200)
  timeLimit?: string | null;

  @Field(() => LocalDate, { nullable: true })
  dueDate?: string | null;
}

@InputType({
  description: 'Changes to a work point; omitted fields stay as they are. Run breakDownWorkPoint afterwards to bring the tasks in line with new units.',
})
export class UpdateWorkPointInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused (STALE_VERSION)' })
  @IsInt()
  version!: number;

  @Field(() => String, { nullable: true, description: 'e.g. 二(三)' })
  @IsOptional()
  @Length(1, 30, { message: '编号不能为空，且不超过30字' })
  @NotBlank({ message: '编号不能为空，且不超过30字' })
  number?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100, { message: '所属部分不能为空，且不超过100字' })
  @NotBlank({ message: '所属部分不能为空，且不超过100字' })
  section?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 300, { message: '标题不能为空，且不超过300字' })
  @NotBlank({ message: '标题不能为空，且不超过300字' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: '政策依据; cited document numbers are extracted from it unless citedDocuments is given' })
  @IsOptional()
  @MaxLength(20000, { message: '政策依据不超过2万字' })
  policyBasis?: string | null;

  @Field(() => [String], { nullable: true, description: 'Cited document numbers (replaces the extracted list)' })
  @IsOptional()
  @ArrayMaxSize(50, { message: '引用文件最多50个' })
  @Length(1, 100, { each: true, message: '引用文件文号不能为空，且不超过100字' })
  @NotBlank({ each: true, message: '引用文件文号不能为空，且不超过100字' })
  citedDocuments?: string[] | null;

  @Field(() => String, { nullable: true, description: '职责分工; its ⑴⑵⑶ sub-items become the open tasks’ checklist (ticks kept by text)' })
  @IsOptional()
  @MaxLength(20000, { message: '职责分工不超过2万字' })
  duties?: string | null;

  @Field(() => [ID], { nullable: true, description: '牵头科室 (replaces the list; at least one)' })
  @IsOptional()
  @ArrayMaxSize(50, { message: '牵头科室最多50个' })
  leadDepartmentIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: '责任单位 named one by one (replaces the list)' })
  @IsOptional()
  @ArrayMaxSize(500, { message: '责任单位最多500个' })
  responsibleDepartmentIds?: string[] | null;

  @Field(() => [DepartmentScope], { nullable: true, description: '责任单位 as scopes (replaces the list)' })
  @IsOptional()
  responsibleScopes?: DepartmentScope[] | null;

  @Field(() => String, { nullable: true, description: 'Time limit as written; an empty string clears it' })
  @IsOptional()
  @MaxLength(200, { message: '时限不超过200字' })
  timeLimit?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'New due date: open tasks of the point (and their deadlines) move to it' })
  dueDate?: string | null;
}

export enum PlanDocumentFormat {
  /** 年度政务公开工作要点 with 政策依据/职责分工/牵头科室/责任单位 */
  WORK_PLAN = 'WORK_PLAN',
  /** 自查 list: numbered requirements with 自查情况 */
  SELF_INSPECTION = 'SELF_INSPECTION',
  /** 任务分工 / 任务清单 table (工作任务 / 具体要求 / 牵头单位 / 责任单位 / 完成时限 …) */
  TABLE = 'TABLE',
}
export const PLAN_DOCUMENT_FORMAT_LABEL: Readonly<Record<PlanDocumentFormat, string>> = {
  WORK_PLAN: '年度工作要点',
  SELF_INSPECTION: '自查清单',
  TABLE: '任务分工表',
};
registerEnumType(PlanDocumentFormat, {
  name: 'PlanDocumentFormat',
  valuesConfig: enumDescriptions(PlanDocumentFormat, PLAN_DOCUMENT_FORMAT_LABEL),
});

@InputType()
export class ImportPlanInput {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => PlanDocumentFormat, { nullable: true, description: 'Omitted: the importer decides between table, 工作要点 prose and 自查 list' })
  format?: PlanDocumentFormat | null;

  @Field(() => String, { description: 'The document as pasted: plain text (tables with | or tabs) or HTML copied from a web page' })
  @Length(1, 500_000, { message: '文本不能为空，且不超过50万字' })
  @NotBlank({ message: '文本不能为空，且不超过50万字' })
  text!: string;

  @Field(() => Int, { nullable: true, description: 'Plan year; read from the title when omitted' })
  @IsOptional()
  @IsInt()
  @Min(2000, { message: '年度须在2000年至次年之间' })
  @Max(2100, { message: '年度须在2000年至次年之间' })
  year?: number | null;

  @Field(() => String, { nullable: true, description: 'Title; read from the document when omitted' })
  @IsOptional()
  @Length(1, 300, { message: '标题不能为空，且不超过300字' })
  @NotBlank({ message: '标题不能为空，且不超过300字' })
  title?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Create departments named in the text that do not exist yet (default false: refuse)' })
  createMissingDepartments?: boolean | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  source?: string | null;

  @Field(() => [UnitMappingInput], { nullable: true, description: 'Unit names as written → departments, as the person confirmed them in the preview' })
  @IsOptional()
  @ArrayMaxSize(500)
  unitMapping?: UnitMappingInput[] | null;
}

@InputType({ description: 'A unit name as the document writes it, and the department it means' })
export class UnitMappingInput {
  @Field(() => String)
  @MaxLength(200)
  name!: string;

  @Field(() => ID)
  departmentId!: string;
}

@InputType()
export class WorkPointFilter {
  @Field(() => ID, { nullable: true })
  planId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Points this department leads or is responsible for (named or by scope)' })
  departmentId?: string | null;

  @Field(() => String, { nullable: true })
  section?: string | null;

  @Field(() => String, { nullable: true, description: 'Substring of the title, number, 政策依据 or duties' })
  @IsOptional()
  @MaxLength(100)
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Include retired points and points of retired plans (default false)' })
  includeRetired?: boolean | null;
}
