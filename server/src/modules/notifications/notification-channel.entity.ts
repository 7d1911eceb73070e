import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateTime } from '../../core/scalars.js';
import { User } from '../auth/user.entity.js';
import { Department } from '../departments/department.entity.js';
import { NotificationChannelKind } from './notification-enums.js';

/**
 * A place a department's messages go (a group robot, a mailbox), or a person's own mailbox. The robot secret is stored
 * sealed (secret-box.ts) and never returned; a robot URL is returned masked (its key is a credential too).
 */
@ObjectType({ description: '通知渠道' })
@Entity({ tableName: 'notification_channel' })
@Unique({ properties: ['department', 'kind'] })
@Unique({ properties: ['user', 'kind'] })
export class NotificationChannel {
  [OptionalProps]?: 'secretSealed' | 'digest' | 'muted' | 'createdAt' | 'updatedAt' | 'department' | 'user';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** The department whose messages go here (null for a person's own channel). */
  @ManyToOne(() => Department, { ref: true, nullable: true, deleteRule: 'cascade' })
  @Index()
  department?: Ref<Department> | null;

  /** The person whose own messages go here (null for a department's channel). */
  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'cascade' })
  user?: Ref<User> | null;

  @Field(() => NotificationChannelKind)
  @Enum({ items: () => NotificationChannelKind, nativeEnumName: 'notification_channel_kind' })
  kind!: NotificationChannelKind;

  /** E-mail addresses, or the robot's webhook URL (with its key). */
  @Property({ type: 'text' })
  target!: string;

  @Property({ type: 'text', nullable: true })
  secretSealed?: string | null;

  @Field(() => Boolean, { description: "每日汇总: the day's reminders in one message (督办单 still go out at once)" })
  @Property({ type: 'boolean', default: false })
  digest: boolean = false;

  @Field(() => Boolean, { description: 'Muted: nothing is sent here (the in-app copies stay)' })
  @Property({ type: 'boolean', default: false })
  muted: boolean = false;

  @Field(() => DateTime)
  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Date = new Date();

  @Field(() => DateTime)
  @Property({ type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
