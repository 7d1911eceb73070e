import { Collection, OptionalProps, type Ref } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, OneToMany, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTime, LocalDate } from '../../core/scalars.js';
import { Department } from '../departments/department.entity.js';
import { WorkPoint } from '../plans/work-point.entity.js';
import { TaskRole, TaskStatus } from './task-enums.js';
import { STATUS_PROGRESS_CHECK } from './task-progress.js';
import { TaskUpdate } from './task-update.entity.js';

@ObjectType({ description: 'One ⑴⑵⑶ item of the duty text, ticked by the department' })
export class ChecklistItem {
  @Field(() => String)
  text!: string;

  @Field(() => Boolean)
  done!: boolean;
}

/** One work point for one department (牵头 or 配合). */
@ObjectType({ description: '任务：一个工作要点落到一个单位' })
@Entity({ tableName: 'task' })
@Unique({ properties: ['workPoint', 'department'] })
@Index({ properties: ['department', 'status'] })
@Check({ name: 'task_progress_range', expression: 'progress between 0 and 100' })
@Check({ name: 'task_not_applicable_reason', expression: "status <> 'NOT_APPLICABLE' or coalesce(btrim(not_applicable_reason), '') <> ''" })
@Check({ name: 'task_status_progress', expression: STATUS_PROGRESS_CHECK })
export class Task {
  [OptionalProps]?: 'status' | 'progress' | 'checklist' | 'version' | 'updatedAt' | 'updates' | 'retiredAt' | 'retiredReason';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => WorkPoint, { deleteRule: 'cascade', ref: true })
  @Index()
  workPoint!: Ref<WorkPoint>;

  @ManyToOne(() => Department, { deleteRule: 'restrict', ref: true })
  department!: Ref<Department>;

  @Field(() => TaskRole)
  @Enum({ items: () => TaskRole, nativeEnumName: 'task_role' })
  role!: TaskRole;

  @Field(() => TaskStatus)
  @Enum({ items: () => TaskStatus, nativeEnumName: 'task_status' })
  status: TaskStatus = TaskStatus.NOT_STARTED;

  @Field(() => String, { nullable: true, description: 'Why the task is 不适用' })
  @Property({ type: 'text', nullable: true })
  notApplicableReason?: string | null;

  @Field(() => Int, { description: 'Progress in percent, typed by a person (0–100); 100 when DONE, 0 when NOT_STARTED, any figure while IN_PROGRESS' })
  @Property({ type: 'smallint', default: 0 })
  progress: number = 0;

  @Field(() => LocalDate, { nullable: true })
  @Property({ type: 'date', nullable: true })
  @Index()
  dueDate?: string | null;

  @Field(() => [ChecklistItem])
  @Property({ type: 'json' })
  checklist: ChecklistItem[] = [];

  @Field(() => String, { nullable: true, description: '自查情况 (self-inspection verdict)' })
  @Property({ type: 'text', nullable: true })
  selfInspection?: string | null;

  @OneToMany(() => TaskUpdate, (e) => e.task)
  updates = new Collection<TaskUpdate>(this);

  /**
   * Set when the department is no longer a lead or responsible unit of the point (an edit
   * removed it): the task and its reported progress stay, out of the default lists.
   */
  @Field(() => DateTime, { nullable: true, description: 'When the task stopped being assigned (不再分配); null while assigned' })
  @Property({ type: 'datetime', nullable: true })
  retiredAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the task is no longer assigned' })
  @Property({ type: 'text', nullable: true })
  retiredReason?: string | null;

  @Field(() => Int, { description: 'Optimistic-lock version: send it back with updateTaskProgress' })
  @Property({ type: 'integer', version: true })
  version!: number;

  @Field(() => DateTime)
  @Property({ type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
