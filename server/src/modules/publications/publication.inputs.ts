import { NotBlank } from '../../core/validation.js';
import { IsInt, IsOptional, IsUrl, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDate } from '../../core/scalars.js';
import { IndexNumberReset, InterpretationForm } from './publication-enums.js';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
const URL_MESSAGE = '链接须为 http:// 或 https:// 开头的有效网址';

@InputType()
export class PublicationFilter {
  @Field(() => ID, { nullable: true })
  departmentId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'With departmentId: include its sub-departments (default false)' })
  includeSubDepartments?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'This category and its sub-categories' })
  categoryId?: string | null;

  @Field(() => ID, { nullable: true })
  channelId?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Published on or after' })
  from?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Published on or before' })
  to?: string | null;

  @Field(() => String, { nullable: true, description: 'Words in the title or summary, or (part of) the 索引号 or URL' })
  @IsOptional()
  @MaxLength(200, { message: '搜索词不超过200字' })
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only rows found recorded twice before addresses were compared canonically (duplicateOfId set)' })
  duplicatesOnly?: boolean | null;
}

@InputType()
export class RecordPublicationInput {
  @Field(() => ID, { description: '发布单位' })
  departmentId!: string;

  @Field(() => String)
  @Length(1, 500, { message: '标题不能为空，且不超过500字' })
  @NotBlank({ message: '标题不能为空，且不超过500字' })
  @Matches(/\S/, { message: '标题不能为空' })
  title!: string;

  @Field(() => ID, { description: '目录分类' })
  categoryId!: string;

  @Field(() => ID, { description: '发布渠道 (门户网站栏目, 政务新媒体账号 or 政府公报)' })
  channelId!: string;

  @Field(() => LocalDate, { description: '发布日期, not after today (Asia/Shanghai)' })
  publishedOn!: string;

  @Field(() => String, { description: 'Link to the published item, http(s)' })
  @IsUrl(URL_OPTIONS, { message: URL_MESSAGE })
  @MaxLength(2000, { message: '链接不超过2000个字符' })
  url!: string;

  @Field(() => String, { nullable: true, description: '内容概述' })
  @IsOptional()
  @MaxLength(5000, { message: '内容概述不超过5000字' })
  summary?: string | null;

  @Field(() => ID, { nullable: true, description: 'The work point it fulfils' })
  workPointId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The task it fulfils (its work point is taken from the task)' })
  taskId?: string | null;

  @Field(() => InterpretationForm, { nullable: true, description: 'Required for a 政策解读 category, refused otherwise' })
  interpretationForm?: InterpretationForm | null;
}

@InputType({ description: 'Only the fields given change; null clears summary, workPointId, taskId and interpretationForm' })
export class UpdatePublicationInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused (STALE_VERSION)' })
  @IsInt()
  version!: number;

  @Field(() => ID, { nullable: true, description: 'Move to another department of the same organisation' })
  departmentId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 500, { message: '标题不能为空，且不超过500字' })
  @NotBlank({ message: '标题不能为空，且不超过500字' })
  @Matches(/\S/, { message: '标题不能为空' })
  title?: string | null;

  @Field(() => ID, { nullable: true })
  categoryId?: string | null;

  @Field(() => ID, { nullable: true })
  channelId?: string | null;

  @Field(() => LocalDate, { nullable: true })
  publishedOn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl(URL_OPTIONS, { message: URL_MESSAGE })
  @MaxLength(2000, { message: '链接不超过2000个字符' })
  url?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5000, { message: '内容概述不超过5000字' })
  summary?: string | null;

  @Field(() => ID, { nullable: true })
  workPointId?: string | null;

  @Field(() => ID, { nullable: true })
  taskId?: string | null;

  @Field(() => InterpretationForm, { nullable: true })
  interpretationForm?: InterpretationForm | null;
}

@InputType()
export class SetIndexNumberTemplateInput {
  @Field(() => ID, { description: 'The organisation (root department)' })
  organizationId!: string;

  @Field(() => String, { description: 'Tokens: {creditCode} {orgCode} {YYYY} {YY} {MM} {DD} {SEQ:n}; default {creditCode}/{YYYY}{MM}-{SEQ:5}' })
  @Length(1, 100, { message: '模板不能为空，且不超过100个字符' })
  @NotBlank({ message: '模板不能为空，且不超过100个字符' })
  template!: string;

  @Field(() => IndexNumberReset, { description: 'When the sequence starts again at 1' })
  reset!: IndexNumberReset;
}

@InputType({ description: 'A 索引号 template being edited, to try out before setting it' })
export class IndexNumberPreviewInput {
  @Field(() => ID, { description: 'The organisation (root department)' })
  organizationId!: string;

  @Field(() => String, { description: 'The template to try, tokens as in setIndexNumberTemplate' })
  @Length(1, 100, { message: '模板不能为空，且不超过100个字符' })
  @NotBlank({ message: '模板不能为空，且不超过100个字符' })
  template!: string;

  @Field(() => IndexNumberReset)
  reset!: IndexNumberReset;

  @Field(() => LocalDate, { nullable: true, description: 'Publication date of the item to number (default today, Asia/Shanghai)' })
  publishedOn?: string | null;
}
