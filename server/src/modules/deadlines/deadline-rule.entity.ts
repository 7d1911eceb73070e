import { OptionalProps, PrimaryKeyProp } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { DateTime } from '../../core/scalars.js';
import { RuleKind } from './deadline-enums.js';

/** A deadline rule as data, with its 政策依据. Seeded with the legal rules; admins may tune the figures. */
@ObjectType({ description: '时限规则' })
@Entity({ tableName: 'deadline_rule' })
export class DeadlineRule {
  [PrimaryKeyProp]?: 'code';
  [OptionalProps]?: 'updatedAt' | 'dueSoonWorkingDays' | 'longOverdueWorkingDays' | 'fixedMonth' | 'fixedDay' | 'warnDays' | 'vetoDays';

  @Field(() => String, { description: 'e.g. APPLICATION_REPLY' })
  @PrimaryKey({ type: 'text' })
  code!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  name!: string;

  @Field(() => RuleKind)
  @Enum({ items: () => RuleKind, nativeEnumName: 'rule_kind' })
  kind!: RuleKind;

  @Field(() => Int, { description: 'N (working or calendar days); 0 for fixed dates' })
  @Property({ type: 'integer' })
  days!: number;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  fixedMonth?: number | null;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  fixedDay?: number | null;

  @Field(() => Int, { nullable: true, description: 'MAX_GAP: days after the last event that warn' })
  @Property({ type: 'integer', nullable: true })
  warnDays?: number | null;

  @Field(() => Int, { nullable: true, description: 'MAX_GAP: days after the last event that are a veto (单项否决)' })
  @Property({ type: 'integer', nullable: true })
  vetoDays?: number | null;

  @Field(() => Int, { description: 'Due soon within this many working days (default 2)' })
  @Property({ type: 'integer', default: 2 })
  dueSoonWorkingDays: number = 2;

  @Field(() => Int, {
    nullable: true,
    description: 'Long overdue after this many working days overdue; default: the rule’s own period (past twice its period)',
  })
  @Property({ type: 'integer', nullable: true })
  longOverdueWorkingDays?: number | null;

  @Field(() => String, { description: '政策依据' })
  @Property({ type: 'text' })
  policyBasis!: string;

  @Field(() => DateTime)
  @Property({ type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
