import { NotBlank } from '../../core/validation.js';
import { IsInt, IsOptional, Length, Matches, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DepartmentKind } from './department-kind.js';

@InputType()
export class DepartmentFilter {
  @Field(() => DepartmentKind, { nullable: true })
  kind?: DepartmentKind | null;

  @Field(() => ID, { nullable: true, description: 'Only this department and everything under it' })
  withinId?: string | null;
}

@InputType()
export class CreateDepartmentInput {
  @Field(() => String)
  @Length(1, 100, { message: '名称不能为空，且不超过100字' })
  @NotBlank({ message: '名称不能为空，且不超过100字' })
  name!: string;

  @Field(() => String)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, { message: '编码须为1–40位字母、数字、下划线或连字符' })
  code!: string;

  @Field(() => DepartmentKind)
  kind!: DepartmentKind;

  @Field(() => ID, { nullable: true, description: 'Parent department; omit for a new organisation (root)' })
  parentId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, { message: '统一社会信用代码应为18位' })
  creditCode?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0, { message: '排序号不能为负数' })
  sortOrder?: number | null;
}

@InputType()
export class UpdateDepartmentInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused (STALE_VERSION)' })
  version!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100, { message: '名称不能为空，且不超过100字' })
  @NotBlank({ message: '名称不能为空，且不超过100字' })
  name?: string | null;

  @Field(() => DepartmentKind, { nullable: true })
  kind?: DepartmentKind | null;

  @Field(() => ID, { nullable: true, description: 'Move under another department' })
  parentId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, { message: '统一社会信用代码应为18位' })
  creditCode?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0, { message: '排序号不能为负数' })
  sortOrder?: number | null;
}
