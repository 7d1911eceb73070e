import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Department } from '../departments/department.entity.js';
import { ChannelKind } from './publication-enums.js';

/**
 * 发布渠道: a 门户网站 column, a 政务新媒体 account (each account is a channel of its own, so that its
 * freshness can be watched) or the 政府公报. A channel owned by a department is open to that
 * department and everything under it; one without an owner is open to all.
 */
@ObjectType({ description: '发布渠道：门户网站栏目、政务新媒体账号或政府公报' })
@Entity({ tableName: 'channel' })
@Unique({
  name: 'channel_department_name_unique',
  expression: 'create unique index "channel_department_name_unique" on "channel" ("department_id", "name") nulls not distinct',
})
export class Channel {
  [OptionalProps]?: 'isActive' | 'version' | 'createdAt' | 'url';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => ChannelKind)
  @Enum({ items: () => ChannelKind, nativeEnumName: 'channel_kind' })
  kind!: ChannelKind;

  @Field(() => String, { description: 'e.g. 门户网站·政务公开·工作动态, 微信公众号“平顶山城管”' })
  @Property({ type: 'text' })
  name!: string;

  /** Owner; null: open to every department. */
  @ManyToOne(() => Department, { nullable: true, deleteRule: 'restrict', ref: true })
  @Index()
  department?: Ref<Department> | null;

  @Field(() => String, { nullable: true, description: 'Home page of the column or account' })
  @Property({ type: 'text', nullable: true })
  url?: string | null;

  @Field(() => Boolean, { description: 'Closed accounts and retired columns stay on old publications but take no new ones' })
  @Property({ type: 'boolean', default: true })
  isActive: boolean = true;

  @Field(() => Int)
  @Property({ type: 'integer', version: true })
  version!: number;

  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Date = new Date();
}
