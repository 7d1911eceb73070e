import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { DateTime } from '../../core/scalars.js';

/** 留痕: one changed record of one mutation — who, when, what operation, which record, which fields before → after. */
@ObjectType({ description: '操作留痕' })
@Entity({ tableName: 'audit_entry' })
@Index({ properties: ['departmentId', 'id'] })
@Index({ properties: ['targetType', 'targetId'] })
export class AuditEntry {
  [OptionalProps]?: 'at' | 'prevHash' | 'hash';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => DateTime)
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  at: Date = new Date();

  @Field(() => String, { description: 'user, screen or anonymous' })
  @Property({ type: 'text' })
  actorType!: string;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  actorId?: number | null;

  @Field(() => String, { description: 'Username, screen label, or the name tried at login' })
  @Property({ type: 'text' })
  actorName!: string;

  @Field(() => String, { description: 'The GraphQL mutation, e.g. updateTaskProgress' })
  @Property({ type: 'text' })
  @Index()
  operation!: string;

  @Field(() => String, { description: 'Entity type, e.g. Task' })
  @Property({ type: 'text' })
  targetType!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  targetId!: string;

  @Field(() => String, { description: 'create, update or delete' })
  @Property({ type: 'text' })
  action!: string;

  /** The department the target belongs to, for department heads' view of the trail. */
  @Property({ type: 'integer', nullable: true })
  departmentId?: number | null;

  @Field(() => GraphQLJSONObject, { description: 'Changed fields: { field: { before, after } }' })
  @Property({ type: 'json' })
  changes!: Record<string, { before: unknown; after: unknown }>;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  requestId?: string | null;

  /**
   * The hash chain (set by the database, never by the app): `hash` = sha256 of the previous entry's
   * hash and this entry's content, so an edit or a deletion behind the app's back breaks the chain
   * from that entry on (`auditIntegrity`, `npm run audit:verify`).
   */
  @Property({ type: 'text', nullable: true })
  prevHash?: string | null;

  @Field(() => String, { nullable: true, description: 'SHA-256 chained to the previous entry (tamper evidence)' })
  @Property({ type: 'text', nullable: true })
  hash?: string | null;
}
