import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTime, LocalDate } from '../../core/scalars.js';
import { Department } from '../departments/department.entity.js';
import { DutyKind } from './duty-enums.js';

/**
 * A register entry of a duty with a clock: a proposal reply to disclose, a website message to
 * answer, a penalty decision to publish. `eventOn` starts the clock, `completedOn` stops it.
 */
@ObjectType({ description: '建议提案/网站留言/行政处罚登记' })
@Entity({ tableName: 'event_duty' })
@Index({ properties: ['kind', 'department'] })
export class EventDuty {
  [OptionalProps]?: 'completedOn' | 'url' | 'note' | 'party' | 'referenceNumber' | 'version' | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => DutyKind)
  @Enum({ items: () => DutyKind, nativeEnumName: 'duty_kind' })
  kind!: DutyKind;

  @ManyToOne(() => Department, { ref: true, deleteRule: 'restrict' })
  department!: Ref<Department>;

  @Field(() => String, { description: '复文标题 / 留言主题 / 案件名称' })
  @Property({ type: 'text' })
  title!: string;

  @Field(() => String, { nullable: true, description: '建议提案编号 / 留言编号 / 处罚决定书文号' })
  @Property({ type: 'text', nullable: true })
  referenceNumber?: string | null;

  @Field(() => String, { nullable: true, description: '代表委员 / 留言人 / 当事人（个人信息须去标识化）' })
  @Property({ type: 'text', nullable: true })
  party?: string | null;

  @Field(() => LocalDate, { description: '复文办结之日 / 收到留言之日 / 作出处罚决定之日' })
  @Property({ type: 'date' })
  eventOn!: string;

  @Field(() => LocalDate, { nullable: true, description: '公开之日 / 答复之日' })
  @Property({ type: 'date', nullable: true })
  completedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Where it was disclosed / answered' })
  @Property({ type: 'text', nullable: true })
  url?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Field(() => Int)
  @Property({ type: 'integer', version: true })
  version!: number;

  @Field(() => DateTime)
  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Date = new Date();
}
