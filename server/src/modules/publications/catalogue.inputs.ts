import { NotBlank } from '../../core/validation.js';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, IsUrl, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ChannelKind } from './publication-enums.js';

@InputType()
export class CreateCategoryInput {
  @Field(() => String)
  @Length(1, 50, { message: '分类名称不能为空，且不超过50字' })
  @NotBlank({ message: '分类名称不能为空，且不超过50字' })
  @Matches(/\S/, { message: '分类名称不能为空' })
  name!: string;

  @Field(() => ID, { nullable: true, description: 'Parent category; omit for a top-level one' })
  parentId?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  sortOrder?: number | null;

  @Field(() => Boolean, { nullable: true, description: '政策解读类 (inherited from the parent when omitted)' })
  isInterpretation?: boolean | null;
}

@InputType()
export class UpdateCategoryInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  @IsInt()
  version!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 50, { message: '分类名称不能为空，且不超过50字' })
  @NotBlank({ message: '分类名称不能为空，且不超过50字' })
  @Matches(/\S/, { message: '分类名称不能为空' })
  name?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  sortOrder?: number | null;

  @Field(() => Boolean, { nullable: true })
  isActive?: boolean | null;
}

@InputType()
export class ChannelFilter {
  @Field(() => ChannelKind, { nullable: true })
  kind?: ChannelKind | null;

  @Field(() => ID, { nullable: true, description: 'Channels this department may publish on (its own, its ancestors’ and shared ones)' })
  usableById?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Include closed accounts and retired columns (default false)' })
  includeInactive?: boolean | null;
}

@InputType()
export class CreateChannelInput {
  @Field(() => ChannelKind)
  kind!: ChannelKind;

  @Field(() => String)
  @Length(1, 100, { message: '渠道名称不能为空，且不超过100字' })
  @NotBlank({ message: '渠道名称不能为空，且不超过100字' })
  @Matches(/\S/, { message: '渠道名称不能为空' })
  name!: string;

  @Field(() => ID, { nullable: true, description: 'Owner: the channel is open to this department and its sub-departments; omit for a shared channel' })
  departmentId?: string | null;

  @Field(() => String, { nullable: true, description: 'Home page of the column or account' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: '网址须为 http:// 或 https:// 开头的有效网址' })
  @MaxLength(2000, { message: '网址不超过2000个字符' })
  url?: string | null;
}

@InputType()
export class UpdateChannelInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  @IsInt()
  version!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100, { message: '渠道名称不能为空，且不超过100字' })
  @NotBlank({ message: '渠道名称不能为空，且不超过100字' })
  @Matches(/\S/, { message: '渠道名称不能为空' })
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: '网址须为 http:// 或 https:// 开头的有效网址' })
  @MaxLength(2000, { message: '网址不超过2000个字符' })
  url?: string | null;

  @Field(() => ID, { nullable: true, description: 'New owner: open to this department and its sub-departments; null: open to all. Omit to keep' })
  departmentId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'false: the account was closed or the column retired' })
  isActive?: boolean | null;
}

@InputType({ description: 'The new order of the sub-categories of one parent (or of the top level)' })
export class ReorderCategoriesInput {
  @Field(() => ID, { nullable: true, description: 'The parent; omit for the top level' })
  parentId?: string | null;

  @Field(() => [ID], { description: 'Every child of the parent, retired ones included, in the new order' })
  @ArrayMinSize(1, { message: '请给出要排序的分类' })
  @ArrayMaxSize(500, { message: '一次最多排序500个分类' })
  orderedIds!: string[];
}
