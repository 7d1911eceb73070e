import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTime, LocalDate } from '../../core/scalars.js';
import { Department } from '../departments/department.entity.js';
import { WorkPoint } from '../plans/work-point.entity.js';
import { Task } from '../tasks/task.entity.js';
import { Category } from './category.entity.js';
import { Channel } from './channel.entity.js';
import { InterpretationForm } from './publication-enums.js';

/**
 * 信息发布: one item published by a department on a channel — a line of the 信息发布台账.
 * Counted, in the same transaction, in the per-department-per-period counts the quota board reads.
 */
@ObjectType({ description: '信息发布（台账条目）' })
@Entity({ tableName: 'publication' })
@Unique({ name: 'publication_index_number_unique', properties: ['organization', 'indexNumber'] })
// One page counts once: the canonical address is unique per organisation (canonical-url.ts), except
// for rows the migration found duplicated before the rule existed (kept, marked duplicateOf).
@Index({
  name: 'publication_canonical_url_unique',
  expression: 'create unique index "publication_canonical_url_unique" on "publication" ("organization_id", "canonical_url") where "duplicate_of_id" is null',
})
@Index({ properties: ['department', 'publishedOn'] })
@Index({ properties: ['publishedOn'] })
export class Publication {
  [OptionalProps]?: 'duplicateOf' | 'summary' | 'interpretationForm' | 'workPoint' | 'task' | 'version' | 'createdAt' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** The organisation (root department) whose 索引号 sequence numbered it; never changes. */
  @ManyToOne(() => Department, { deleteRule: 'restrict', ref: true })
  organization!: Ref<Department>;

  /** 发布单位 */
  @ManyToOne(() => Department, { deleteRule: 'restrict', ref: true })
  department!: Ref<Department>;

  @Field(() => String, { description: '信息名称/标题' })
  @Property({ type: 'text' })
  title!: string;

  @ManyToOne(() => Category, { deleteRule: 'restrict', ref: true })
  @Index()
  category!: Ref<Category>;

  @ManyToOne(() => Channel, { deleteRule: 'restrict', ref: true })
  @Index()
  channel!: Ref<Channel>;

  @Field(() => LocalDate, { description: '发布日期 (never in the future)' })
  @Property({ type: 'date' })
  publishedOn!: string;

  @Field(() => String, { description: 'Link to the published item (http/https), as entered; the same page (canonicalUrl) is recorded once per organisation' })
  @Property({ type: 'text' })
  url!: string;

  /** The address in its canonical form (canonical-url.ts): what the duplicate check compares. */
  @Field(() => String, {
    description:
      'The address in canonical form (https, lower-case host, no default port, trailing slash, fragment or tracking parameters): what the duplicate check compares',
  })
  @Property({ type: 'text' })
  canonicalUrl!: string;

  /** Set only by the migration that introduced canonical addresses: an older row of the same page, kept for a person to resolve. */
  @ManyToOne(() => Publication, { nullable: true, deleteRule: 'set null', ref: true })
  duplicateOf?: Ref<Publication> | null;

  @Field(() => String, { nullable: true, description: '内容概述' })
  @Property({ type: 'text', nullable: true })
  summary?: string | null;

  @Field(() => String, { description: '索引号, assigned on recording from the organisation’s template; never changes' })
  @Property({ type: 'text' })
  indexNumber!: string;

  @Field(() => InterpretationForm, { nullable: true, description: 'Form of a 政策解读 (required for its category, absent otherwise)' })
  @Enum({ items: () => InterpretationForm, nativeEnumName: 'interpretation_form', nullable: true })
  interpretationForm?: InterpretationForm | null;

  /** The work point the item fulfils (optional). */
  @ManyToOne(() => WorkPoint, { nullable: true, deleteRule: 'set null', ref: true })
  @Index()
  workPoint?: Ref<WorkPoint> | null;

  /** The task the item fulfils (optional). */
  @ManyToOne(() => Task, { nullable: true, deleteRule: 'set null', ref: true })
  @Index()
  task?: Ref<Task> | null;

  @Field(() => Int, { description: 'Optimistic-lock version: send it back with updatePublication/deletePublication' })
  @Property({ type: 'integer', version: true })
  version!: number;

  @Field(() => DateTime, { description: 'When it was recorded' })
  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Date = new Date();

  @Field(() => DateTime)
  @Property({ type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
