import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DeadlineKind } from '../deadlines/deadline-enums.js';

/**
 * When a duty's department is reminded, as data (one rule per kind of deadline): working days before the due date, on
 * the day, every N working days while overdue, and escalation to the department head then to the office after M and
 * K working days overdue. Reminders go out on working days inside office hours only (reminder-planner.ts).
 */
@ObjectType({ description: '提醒规则' })
@Entity({ tableName: 'reminder_rule' })
export class ReminderRule {
  [OptionalProps]?: 'onDueDay' | 'overdueEveryWorkingDays' | 'escalateToHeadAfter' | 'escalateToOfficeAfter' | 'active' | 'version';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => DeadlineKind)
  @Enum({ items: () => DeadlineKind, nativeEnumName: 'deadline_kind' })
  @Unique()
  deadlineKind!: DeadlineKind;

  @Field(() => [Int], { description: 'Working days before the due date, e.g. [5, 2]' })
  @Property({ type: 'integer[]' })
  daysBefore: number[] = [];

  @Field(() => Boolean, { description: 'Remind on the due date itself' })
  @Property({ type: 'boolean', default: true })
  onDueDay: boolean = true;

  @Field(() => Int, { description: 'While overdue, remind every N working days (0: never)' })
  @Property({ type: 'integer', default: 0 })
  overdueEveryWorkingDays: number = 0;

  @Field(() => Int, { nullable: true, description: 'Escalate to the department head after this many working days overdue' })
  @Property({ type: 'integer', nullable: true })
  escalateToHeadAfter?: number | null;

  @Field(() => Int, { nullable: true, description: 'Escalate to the office (管理员) after this many working days overdue' })
  @Property({ type: 'integer', nullable: true })
  escalateToOfficeAfter?: number | null;

  @Field(() => Boolean)
  @Property({ type: 'boolean', default: true })
  active: boolean = true;

  @Field(() => Int)
  @Property({ type: 'integer', version: true })
  version!: number;
}
