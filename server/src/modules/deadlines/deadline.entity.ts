import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateTime, LocalDate } from '../../core/scalars.js';
import { Department } from '../departments/department.entity.js';
import type { StoppedInterval } from '../calendar/working-day-calendar.js';
import { DeadlineKind, DeadlineState } from './deadline-enums.js';
import { DeadlineRule } from './deadline-rule.entity.js';

export interface Extension {
  workingDays: number;
  reason: string;
  approver: string;
  approvedOn: string;
}

/**
 * A computed deadline of one duty (a task, an application, a proposal reply …): the rule that
 * produced it, its original and current due date, extensions and stopped-clock intervals, and
 * its state, which the sweep moves as days pass.
 */
@ObjectType({ description: '时限' })
@Entity({ tableName: 'deadline' })
@Unique({ properties: ['kind', 'subjectId', 'rule', 'occasion'] })
@Index({ properties: ['state', 'dueDate'] })
// The open deadlines in due-date order (the overdue list's candidates): a few thousand entries among the done ones.
@Index({
  name: 'deadline_open_due_date_index',
  expression: 'create index "deadline_open_due_date_index" on "deadline" ("due_date", "id") where "completed_on" is null',
})
export class Deadline {
  [OptionalProps]?: 'stopped' | 'extensions' | 'state' | 'stateChangedAt' | 'completedOn' | 'provisional' | 'paused' | 'startDate' | 'version' | 'occasion';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => DeadlineKind)
  @Enum({ items: () => DeadlineKind, nativeEnumName: 'deadline_kind' })
  kind!: DeadlineKind;

  /** Id of the task, application, duty … */
  @Field(() => ID)
  @Property({ type: 'integer' })
  subjectId!: number;

  @ManyToOne(() => DeadlineRule, { ref: true, deleteRule: 'restrict' })
  rule!: Ref<DeadlineRule>;

  /**
   * Which occasion of a recurring duty this deadline is for ('' for a duty with one deadline): a task whose time limit
   * recurs (每季度 …) has one deadline per period, keyed by the period's due date.
   */
  @Field(() => String, { description: "The period a deadline of a recurring task is for (its due date); '' for a duty with one deadline" })
  @Property({ type: 'text', default: '' })
  occasion: string = '';

  @ManyToOne(() => Department, { ref: true, nullable: true, deleteRule: 'set null' })
  @Index()
  department?: Ref<Department> | null;

  @Field(() => String)
  @Property({ type: 'text' })
  title!: string;

  @Field(() => LocalDate, { nullable: true, description: 'The event the clock counts from (day not counted)' })
  @Property({ type: 'date', nullable: true })
  startDate?: string | null;

  @Field(() => LocalDate)
  @Property({ type: 'date' })
  originalDueDate!: string;

  @Field(() => LocalDate, { description: 'After extensions and stopped clocks' })
  @Property({ type: 'date' })
  dueDate!: string;

  @Field(() => Boolean, { description: 'The counting crosses a year whose holiday notice is not entered yet' })
  @Property({ type: 'boolean', default: false })
  provisional: boolean = false;

  @Property({ type: 'json' })
  stopped: StoppedInterval[] = [];

  @Property({ type: 'json' })
  extensions: Extension[] = [];

  /** The clock is stopped (waiting for 补正, consultation open): never overdue. */
  @Property({ type: 'boolean', default: false })
  paused: boolean = false;

  @Field(() => DeadlineState)
  @Enum({ items: () => DeadlineState, nativeEnumName: 'deadline_state' })
  state: DeadlineState = DeadlineState.ON_TRACK;

  @Field(() => DateTime)
  @Property({ type: 'datetime', onCreate: () => new Date() })
  stateChangedAt: Date = new Date();

  @Field(() => LocalDate, { nullable: true })
  @Property({ type: 'date', nullable: true })
  completedOn?: string | null;

  @Property({ type: 'integer', version: true })
  version!: number;
}

/** A move of a deadline between states: the durable record of every change of state (reminders and reports read it). */
@Entity({ tableName: 'deadline_event' })
export class DeadlineEvent {
  [OptionalProps]?: 'at';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Deadline, { ref: true, deleteRule: 'cascade' })
  @Index()
  deadline!: Ref<Deadline>;

  @Property({ type: 'text', nullable: true })
  fromState?: string | null;

  @Property({ type: 'text' })
  toState!: string;

  @Property({ type: 'date', nullable: true, comment: 'The Shanghai date the move was evaluated for' })
  asOf?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  at: Date = new Date();
}
