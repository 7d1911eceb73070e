import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTime } from '../../core/scalars.js';
import { Department } from '../departments/department.entity.js';
import { Role } from './role.js';

/** A person who signs in. Passwords are stored as scrypt hashes only. */
@ObjectType({ description: '用户' })
@Entity({ tableName: 'app_user' })
export class User {
  [OptionalProps]?: 'isActive' | 'failedLogins' | 'lockedUntil' | 'tokenVersion' | 'version' | 'createdAt' | 'lastLoginAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** Stored lower-case; unique. */
  @Field(() => String)
  @Property({ type: 'text' })
  @Unique()
  username!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  displayName!: string;

  @Property({ type: 'text', lazy: true })
  passwordHash!: string;

  @Field(() => Role)
  @Enum({ items: () => Role, nativeEnumName: 'user_role' })
  role!: Role;

  /** Required for department heads and liaisons; optional for admins. */
  @ManyToOne(() => Department, { nullable: true, ref: true, deleteRule: 'restrict' })
  department?: Ref<Department> | null;

  @Field(() => Boolean)
  @Property({ type: 'boolean', default: true })
  isActive: boolean = true;

  /** Consecutive failed logins since the last success. */
  @Property({ type: 'integer', default: 0 })
  failedLogins: number = 0;

  @Field(() => DateTime, { nullable: true, description: 'Locked after repeated failed logins until this time' })
  @Property({ type: 'datetime', nullable: true })
  lockedUntil?: Date | null;

  /** Bumped to revoke every token of the user (password change, deactivation). */
  @Property({ type: 'integer', default: 0 })
  tokenVersion: number = 0;

  @Field(() => DateTime, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  lastLoginAt?: Date | null;

  @Field(() => Int)
  @Property({ type: 'integer', version: true })
  version!: number;

  @Field(() => DateTime)
  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Date = new Date();
}
