import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTime } from '../../core/scalars.js';
import { TaskStatus } from './task-enums.js';
import { Task } from './task.entity.js';

/** A progress report on a task, with its evidence (佐证材料). Append-only. */
@ObjectType({ description: '进展记录' })
@Entity({ tableName: 'task_update' })
export class TaskUpdate {
  [OptionalProps]?: 'createdAt' | 'evidenceUrls';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Task, { deleteRule: 'cascade', ref: true })
  @Index()
  task!: Ref<Task>;

  @Field(() => DateTime)
  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Date = new Date();

  @Field(() => Int)
  @Property({ type: 'smallint' })
  progress!: number;

  @Field(() => TaskStatus)
  @Enum({ items: () => TaskStatus, nativeEnumName: 'task_status' })
  status!: TaskStatus;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Field(() => [String], { description: 'Evidence links (佐证材料)' })
  @Property({ type: 'text[]' })
  evidenceUrls: string[] = [];

  @Field(() => String, { nullable: true, description: 'Who reported it' })
  @Property({ type: 'text', nullable: true })
  author?: string | null;
}
