import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTime, LocalDate } from '../../core/scalars.js';
import { shanghaiDate } from '../../time/calendar-date.js';
import { Deadline } from '../deadlines/deadline.entity.js';
import { Department } from '../departments/department.entity.js';
import { Task } from '../tasks/task.entity.js';
import { SupervisionNoticeState, type SupervisionStep } from './supervision-enums.js';

/**
 * 督办单: a formal supervision notice from the office to a department about a task, a register item (an overdue
 * deadline) or its quota — reason, requirement, reply-by date in working days — then 签收, 回复 with 办理情况 and
 * evidence, and 办结 (or returned for more). Its reply-by date is a deadline of the engine (kind SUPERVISION).
 */
@ObjectType({ description: '督办单' })
@Entity({ tableName: 'supervision_notice' })
@Unique({ properties: ['organization', 'year', 'sequence'] })
@Index({ properties: ['department', 'step'] })
export class SupervisionNotice {
  [OptionalProps]?:
    | 'requirement'
    | 'task'
    | 'deadline'
    | 'step'
    | 'issuedAt'
    | 'acknowledgedAt'
    | 'acknowledgedBy'
    | 'repliedAt'
    | 'repliedBy'
    | 'reply'
    | 'evidenceUrls'
    | 'closedAt'
    | 'closedBy'
    | 'returnedReason'
    | 'returnCount'
    | 'version'
    | 'number'
    | 'state';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** The organisation whose office issued it (numbering is per organisation and year). */
  @ManyToOne(() => Department, { ref: true, deleteRule: 'restrict' })
  organization!: Ref<Department>;

  @Field(() => Int)
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => Int)
  @Property({ type: 'integer' })
  sequence!: number;

  @Field(() => Department)
  @ManyToOne(() => Department, { ref: true, deleteRule: 'restrict' })
  department!: Ref<Department>;

  @ManyToOne(() => Task, { ref: true, nullable: true, deleteRule: 'set null' })
  task?: Ref<Task> | null;

  /** A register item (an information request, a proposal reply …) through its deadline. */
  @ManyToOne(() => Deadline, { ref: true, nullable: true, deleteRule: 'set null' })
  deadline?: Ref<Deadline> | null;

  @Field(() => String, { description: 'What it is about, as it read when issued (the task, the item, or the reason)' })
  @Property({ type: 'text' })
  subject!: string;

  @Field(() => String, { description: '督办事由' })
  @Property({ type: 'text' })
  reason!: string;

  @Field(() => String, { description: '办理要求' })
  @Property({ type: 'text', default: '' })
  requirement: string = '';

  @Field(() => Int)
  @Property({ type: 'integer' })
  replyWithinWorkingDays!: number;

  @Field(() => LocalDate, { description: 'Reply by (the N-th working day after issue, 调休 counted)' })
  @Property({ type: 'date' })
  dueDate!: string;

  @Enum({ items: () => SupervisionNoticeState, nativeEnumName: 'supervision_step' })
  step: SupervisionStep = SupervisionNoticeState.PENDING;

  @Field(() => DateTime)
  @Property({ type: 'datetime', onCreate: () => new Date() })
  issuedAt: Date = new Date();

  @Field(() => String)
  @Property({ type: 'text' })
  issuedBy!: string;

  @Field(() => DateTime, { nullable: true, description: '签收 time' })
  @Property({ type: 'datetime', nullable: true })
  acknowledgedAt?: Date | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  acknowledgedBy?: string | null;

  @Field(() => DateTime, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  repliedAt?: Date | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  repliedBy?: string | null;

  @Field(() => String, { nullable: true, description: '办理情况' })
  @Property({ type: 'text', nullable: true })
  reply?: string | null;

  @Field(() => [String], { description: 'Evidence links (佐证材料)' })
  @Property({ type: 'text[]', defaultRaw: `'{}'` })
  evidenceUrls: string[] = [];

  @Field(() => DateTime, { nullable: true, description: '办结 time' })
  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  closedBy?: string | null;

  @Field(() => String, { nullable: true, description: 'Why the office returned the last reply' })
  @Property({ type: 'text', nullable: true })
  returnedReason?: string | null;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  returnCount: number = 0;

  @Field(() => Int, { description: 'Optimistic-lock version' })
  @Property({ type: 'integer', version: true })
  version!: number;

  /** 督〔2026〕3号 */
  @Field(() => String, { description: 'Its number, e.g. 督〔2026〕3号' })
  get number(): string {
    return `督〔${this.year}〕${this.sequence}号`;
  }

  @Field(() => SupervisionNoticeState, { description: 'The workflow step, or 逾期 when the reply-by date passed without a reply' })
  get state(): SupervisionNoticeState {
    return stateOf(this.step, this.dueDate, shanghaiDate());
  }
}

/** 逾期 instead of 待签收 / 已签收 after the reply-by date (the due date itself is still in time). */
export function stateOf(step: SupervisionStep, dueDate: string, today: string): SupervisionNoticeState {
  const open = step === SupervisionNoticeState.PENDING || step === SupervisionNoticeState.ACKNOWLEDGED;
  return open && today > dueDate ? SupervisionNoticeState.OVERDUE : step;
}
