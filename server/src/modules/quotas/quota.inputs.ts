import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { PeriodType } from '../../time/period.js';
import { DepartmentKind } from '../departments/department-kind.js';

@InputType({ description: 'A quota for one department, or for every department of a kind in an organisation (departmentKind + organizationId)' })
export class SetQuotaInput {
  @Field(() => ID, { nullable: true, description: 'Change this quota (with version); omit to create one' })
  id?: string | null;

  @Field(() => Int, { nullable: true, description: 'The version you read (with id)' })
  @IsOptional()
  @IsInt()
  version?: number | null;

  @Field(() => ID, { nullable: true, description: 'One department: overrides its kind’s quota' })
  departmentId?: string | null;

  @Field(() => DepartmentKind, { nullable: true, description: 'Every department of this kind (with organizationId)' })
  departmentKind?: DepartmentKind | null;

  @Field(() => ID, { nullable: true, description: 'The organisation of a per-kind quota (derived for a department)' })
  organizationId?: string | null;

  @Field(() => PeriodType)
  periodType!: PeriodType;

  @Field(() => ID, { nullable: true, description: 'Only publications of this category (and its sub-categories) count; omit for all' })
  categoryId?: string | null;

  @Field(() => Int, { description: 'Items per period, at least 1' })
  @IsInt({ message: '指标须为整数' })
  @Min(1, { message: '指标数须大于0' })
  @Max(100000, { message: '指标数不超过100000' })
  target!: number;

  @Field(() => Int, { nullable: true, description: 'First year it applies to (omit: since always)' })
  @IsOptional()
  @IsInt()
  @Min(2000, { message: '年份须在2000–2100之间' })
  @Max(2100, { message: '年份须在2000–2100之间' })
  fromYear?: number | null;

  @Field(() => Int, { nullable: true, description: 'Last year it applies to (omit: until changed)' })
  @IsOptional()
  @IsInt()
  @Min(2000, { message: '年份须在2000–2100之间' })
  @Max(2100, { message: '年份须在2000–2100之间' })
  toYear?: number | null;
}

@InputType()
export class QuotaFilter {
  @Field(() => ID, { nullable: true })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Quotas that apply to this department (its own and its kind’s)' })
  departmentId?: string | null;

  @Field(() => PeriodType, { nullable: true })
  periodType?: PeriodType | null;

  @Field(() => Int, { nullable: true, description: 'In force in this year' })
  year?: number | null;
}
