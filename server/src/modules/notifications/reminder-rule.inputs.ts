import { ArrayMaxSize, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { DeadlineKind } from '../deadlines/deadline-enums.js';

@InputType({ description: 'New figures of the reminder rule of a kind of deadline (omitted ones stay)' })
export class UpdateReminderRuleInput {
  @Field(() => DeadlineKind)
  deadlineKind!: DeadlineKind;

  @Field(() => Int, { description: 'The version you read' })
  @IsInt()
  version!: number;

  @Field(() => [Int], { nullable: true, description: 'Working days before the due date (each 1–60, at most 5)' })
  @IsOptional()
  @ArrayMaxSize(5, { message: '提前提醒最多设置5次' })
  @IsInt({ each: true, message: '提前天数须为整数个工作日' })
  @Min(1, { each: true, message: '提前天数至少1个工作日' })
  @Max(60, { each: true, message: '提前天数不超过60个工作日' })
  daysBefore?: number[] | null;

  @Field(() => Boolean, { nullable: true })
  onDueDay?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'While overdue, every N working days (0: never)' })
  @IsOptional()
  @IsInt({ message: '须为整数个工作日' })
  @Min(0, { message: '不能为负数' })
  @Max(60, { message: '不超过60个工作日' })
  overdueEveryWorkingDays?: number | null;

  @Field(() => Int, { nullable: true, description: 'Escalate to the department head after N working days overdue (0: never)' })
  @IsOptional()
  @IsInt({ message: '须为整数个工作日' })
  @Min(0, { message: '不能为负数' })
  @Max(120, { message: '不超过120个工作日' })
  escalateToHeadAfter?: number | null;

  @Field(() => Int, { nullable: true, description: 'Escalate to the office after N working days overdue (0: never)' })
  @IsOptional()
  @IsInt({ message: '须为整数个工作日' })
  @Min(0, { message: '不能为负数' })
  @Max(120, { message: '不超过120个工作日' })
  escalateToOfficeAfter?: number | null;

  @Field(() => Boolean, { nullable: true })
  active?: boolean | null;
}
