import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTime, LocalDate } from '../../core/scalars.js';
import { NotificationChannel } from './notification-channel.entity.js';
import { DeliveryState } from './notification-enums.js';

/**
 * The outbox: one message for one channel, written in the transaction of the event that causes it and sent by a
 * worker that claims it (delivery-worker.ts). The key (cause + channel) is unique: planning the same reminder twice,
 * on any instance, writes nothing the second time.
 */
@ObjectType({ description: '通知发送记录' })
@Entity({ tableName: 'notification_delivery' })
@Index({ properties: ['state', 'nextAttemptAt'] })
export class NotificationDelivery {
  [OptionalProps]?:
    'state' | 'attempts' | 'nextAttemptAt' | 'claimedBy' | 'claimedUntil' | 'lastAnswer' | 'sentAt' | 'createdAt' | 'link' | 'digestDate' | 'digest';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => String, { description: 'Cause and channel, e.g. supervision:7:issued:C3 — never sent twice' })
  @Property({ type: 'text' })
  @Unique()
  key!: string;

  @Field(() => NotificationChannel)
  @ManyToOne(() => NotificationChannel, { ref: true, deleteRule: 'cascade' })
  @Index()
  channel!: Ref<NotificationChannel>;

  @Field(() => String)
  @Property({ type: 'text' })
  title!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  text!: string;

  @Property({ type: 'text', nullable: true })
  link?: string | null;

  @Field(() => DeliveryState)
  @Enum({ items: () => DeliveryState, nativeEnumName: 'delivery_state' })
  state: DeliveryState = DeliveryState.PENDING;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  attempts: number = 0;

  @Field(() => DateTime)
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  nextAttemptAt: Date = new Date();

  @Property({ type: 'text', nullable: true })
  claimedBy?: string | null;

  @Property({ type: 'datetime', nullable: true })
  claimedUntil?: Date | null;

  @Field(() => String, { nullable: true, description: "The channel's last answer (its error when it failed)" })
  @Property({ type: 'text', nullable: true })
  lastAnswer?: string | null;

  @Field(() => DateTime, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  sentAt?: Date | null;

  @Field(() => DateTime)
  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Date = new Date();

  /** Held for the daily digest of this Shanghai date. */
  @Field(() => LocalDate, { nullable: true })
  @Property({ type: 'date', nullable: true })
  digestDate?: string | null;

  /** The digest delivery this one was sent in. */
  // Indexed: deleting rows (a channel removed) checks this reference for each of them.
  @ManyToOne(() => NotificationDelivery, { ref: true, nullable: true, deleteRule: 'set null' })
  @Index()
  digest?: Ref<NotificationDelivery> | null;
}
