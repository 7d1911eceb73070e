import { DecimalType, OptionalProps, type Ref } from '@mikro-orm/core';
import { Check, Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateTime } from '../../core/scalars.js';
import { Department } from '../departments/department.entity.js';
import { AnnualStatisticItem } from './annual-report-enums.js';

/** A yearly figure of table 二 entered with its source where no register of ours holds it. */
@ObjectType({ description: '年报表二的年度录入数字（行政许可、行政强制、行政事业性收费等）' })
@Check({ name: 'annual_statistic_value_nonnegative', expression: 'value >= 0' })
@Entity({ tableName: 'annual_statistic' })
@Unique({ properties: ['organization', 'year', 'item'] })
export class AnnualStatistic {
  [OptionalProps]?: 'version' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Department, { ref: true, deleteRule: 'restrict' })
  organization!: Ref<Department>;

  @Field(() => Int)
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => AnnualStatisticItem)
  @Enum({ items: () => AnnualStatisticItem, nativeEnumName: 'annual_statistic_item' })
  item!: AnnualStatisticItem;

  @Field(() => Float)
  @Property({ type: new DecimalType('number'), precision: 16, scale: 4 })
  value!: number;

  @Field(() => String, { description: '数据来源，如“市行政审批系统2025年度导出”' })
  @Property({ type: 'text' })
  source!: string;

  @Field(() => String, { description: '录入人' })
  @Property({ type: 'text' })
  enteredBy!: string;

  @Field(() => Int)
  @Property({ type: 'integer', version: true })
  version!: number;

  @Field(() => DateTime)
  @Property({ type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
