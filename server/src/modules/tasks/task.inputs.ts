import { ArrayMaxSize, IsInt, IsOptional, IsUrl, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDate } from '../../core/scalars.js';
import { TaskRole, TaskStatus } from './task-enums.js';

@InputType()
export class TaskFilter {
  @Field(() => ID, { nullable: true })
  departmentId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'With departmentId: include its sub-departments (default false)' })
  includeSubDepartments?: boolean | null;

  @Field(() => [TaskStatus], { nullable: true })
  status?: TaskStatus[] | null;

  @Field(() => TaskRole, { nullable: true })
  role?: TaskRole | null;

  @Field(() => ID, { nullable: true })
  workPointId?: string | null;

  @Field(() => ID, { nullable: true })
  planId?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Due on or after' })
  dueFrom?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Due on or before' })
  dueTo?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Include tasks no longer assigned and tasks of retired points or plans (default false)' })
  includeRetired?: boolean | null;
}

@InputType()
export class UpdateTaskProgressInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version you read; if someone changed the task since, the update is refused with STALE_VERSION' })
  @IsInt()
  version!: number;

  @Field(() => Int, { nullable: true, description: '0–100' })
  @IsOptional()
  @IsInt({ message: '进度须为整数' })
  @Min(0, { message: '进度须在 0–100 之间' })
  @Max(100, { message: '进度须在 0–100 之间' })
  progress?: number | null;

  @Field(() => TaskStatus, { nullable: true })
  status?: TaskStatus | null;

  @Field(() => String, { nullable: true, description: 'What was done (进展说明)' })
  @IsOptional()
  @MaxLength(5000, { message: '说明不超过5000字' })
  note?: string | null;

  @Field(() => String, { nullable: true, description: 'Required with status NOT_APPLICABLE (the note is used when omitted)' })
  @IsOptional()
  @MaxLength(1000, { message: '理由不超过1000字' })
  notApplicableReason?: string | null;

  @Field(() => [String], { nullable: true, description: 'Evidence links (佐证材料), http(s) URLs' })
  @IsOptional()
  @ArrayMaxSize(20, { message: '佐证链接最多20个' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { each: true, message: '佐证链接须为 http(s) 网址' })
  @MaxLength(2000, { each: true, message: '链接过长' })
  evidenceUrls?: string[] | null;

  @Field(() => [Boolean], { nullable: true, description: 'Done flags of the checklist items, in order' })
  @IsOptional()
  checklist?: boolean[] | null;

  @Field(() => String, { nullable: true, description: '自查情况' })
  @IsOptional()
  @MaxLength(5000, { message: '自查情况不超过5000字' })
  selfInspection?: string | null;
}
