import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateTime } from '../../core/scalars.js';
import { User } from './user.entity.js';

/**
 * A read-only token for a wall screen. Long-lived on purpose: it never expires on its own
 * (a screen must not go dark at 3 a.m.); it ends only when an admin revokes it.
 */
@ObjectType({ description: '大屏令牌' })
@Entity({ tableName: 'screen_token' })
export class ScreenToken {
  [OptionalProps]?: 'createdAt' | 'revokedAt' | 'lastUsedAt' | 'departmentIds';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => String)
  @Property({ type: 'text' })
  label!: string;

  /** sha256 of the secret; the secret itself is shown once, at creation. */
  @Property({ type: 'text' })
  @Unique()
  tokenHash!: string;

  /** Empty: every department. Otherwise these departments and their sub-departments. */
  @Property({ type: 'integer[]' })
  departmentIds: number[] = [];

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  createdBy?: Ref<User> | null;

  @Field(() => DateTime)
  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Date = new Date();

  @Field(() => DateTime, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;

  @Field(() => DateTime, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;
}
