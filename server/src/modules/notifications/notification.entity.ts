import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateTime } from '../../core/scalars.js';
import { User } from '../auth/user.entity.js';
import { Department } from '../departments/department.entity.js';
import { NotificationKind } from './notification-enums.js';

/** One message in a person's in-app notification centre (站内通知). Written with its cause, once per key and person. */
@ObjectType({ description: '站内通知' })
@Entity({ tableName: 'notification' })
@Unique({ properties: ['key', 'user'] })
@Index({ properties: ['user', 'readAt'] })
export class Notification {
  [OptionalProps]?: 'createdAt' | 'readAt' | 'link' | 'department' | 'subjectType' | 'subjectId';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  /** The cause, e.g. reminder:D12:before-5:2026-12-08 (with the person: never twice). */
  @Property({ type: 'text' })
  key!: string;

  @Field(() => NotificationKind)
  @Enum({ items: () => NotificationKind, nativeEnumName: 'notification_kind' })
  kind!: NotificationKind;

  @ManyToOne(() => Department, { ref: true, nullable: true, deleteRule: 'set null' })
  department?: Ref<Department> | null;

  @Field(() => String)
  @Property({ type: 'text' })
  title!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  text!: string;

  @Field(() => String, { nullable: true, description: 'Where in the product it leads (a path such as /department?notice=3)' })
  @Property({ type: 'text', nullable: true })
  link?: string | null;

  @Field(() => String, { nullable: true, description: 'What it is about: SupervisionNotice, Deadline …' })
  @Property({ type: 'text', nullable: true })
  subjectType?: string | null;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  subjectId?: number | null;

  @Field(() => DateTime)
  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Date = new Date();

  @Field(() => DateTime, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  readAt?: Date | null;
}
