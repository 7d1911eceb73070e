import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * The record of every reminder occasion planned (`reminder:D<deadline>:<occasion>:<due date>`): the planner writes the
 * key first and notifies only for keys it wrote, so planning again costs one lookup, not a rewrite. It is also the
 * history of reminders per item (考核: 被督促、提醒的次数).
 */
@Entity({ tableName: 'reminder_occasion' })
// What a planning looks up before writing: the escalations of open deadlines (at most two per deadline, ever).
@Index({
  name: 'reminder_occasion_escalation_index',
  expression: `create index "reminder_occasion_escalation_index" on "reminder_occasion" ("deadline_id") where "occasion" in ('escalate-head', 'escalate-office')`,
})
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

  /** The Shanghai day it was planned for: a day's keys are looked up by it (a second planning writes nothing). */
  @Property({ type: 'date' })
  @Index()
  plannedFor!: string;
}
