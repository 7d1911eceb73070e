import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * The record of every reminder occasion planned (`reminder:D<deadline>:<occasion>:<due date>`): the planner writes the
 * key first and notifies only for keys it wrote, so planning again costs one lookup, not a rewrite. It is also the
 * history of reminders per item (考核: 被督促、提醒的次数).
 */
@Entity({ tableName: 'reminder_occasion' })
export class ReminderOccasion {
  [OptionalProps]?: 'plannedAt';

  @PrimaryKey({ type: 'text' })
  key!: string;

  @Property({ type: 'integer' })
  @Index()
  deadlineId!: number;

  /** before-5, due, overdue-4, escalate-head, escalate-office */
  @Property({ type: 'text' })
  occasion!: string;

  @Property({ type: 'date' })
  dueDate!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  plannedAt: Date = new Date();
}
