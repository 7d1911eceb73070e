import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTime } from '../../core/scalars.js';
import { PeriodType } from '../../time/period.js';
import { Department } from '../departments/department.entity.js';
import { DepartmentKind } from '../departments/department-kind.js';
import { Category } from '../publications/category.entity.js';

/**
 * 发布指标: how many items a department must publish per month, quarter or year — for one
 * department, or for every department of a kind in an organisation (a department's own quota
 * overrides its kind's). Optionally for one catalogue category. Valid for a range of years.
 * Overlapping definitions are refused (quota.service.ts).
 */
@ObjectType({ description: '发布指标（每季度50条、每年200条 …）' })
@Entity({ tableName: 'quota' })
@Index({ properties: ['organization', 'periodType'] })
@Check({ name: 'quota_target_positive', expression: 'target > 0' })
@Check({ name: 'quota_subject', expression: '(department_id is null) <> (department_kind is null)' })
@Check({ name: 'quota_years', expression: 'from_year is null or to_year is null or from_year <= to_year' })
export class Quota {
  [OptionalProps]?: 'department' | 'departmentKind' | 'category' | 'fromYear' | 'toYear' | 'version' | 'createdAt' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** The organisation (root department) the quota belongs to. */
  @ManyToOne(() => Department, { deleteRule: 'cascade', ref: true })
  organization!: Ref<Department>;

  /** One department (overrides its kind's quota) … */
  @ManyToOne(() => Department, { nullable: true, deleteRule: 'cascade', ref: true })
  @Index()
  department?: Ref<Department> | null;

  /** … or every department of this kind in the organisation. */
  @Field(() => DepartmentKind, { nullable: true, description: 'Set for a quota of every department of a kind' })
  @Enum({ items: () => DepartmentKind, nativeEnumName: 'department_kind', nullable: true })
  departmentKind?: DepartmentKind | null;

  @Field(() => PeriodType)
  @Enum({ items: () => PeriodType, nativeEnumName: 'period_type' })
  periodType!: PeriodType;

  /** Null: publications of every category count. */
  @ManyToOne(() => Category, { nullable: true, deleteRule: 'restrict', ref: true })
  category?: Ref<Category> | null;

  @Field(() => Int, { description: 'Items to publish per period (> 0)' })
  @Property({ type: 'integer' })
  target!: number;

  @Field(() => Int, { nullable: true, description: 'First year it applies to (null: since always)' })
  @Property({ type: 'integer', nullable: true })
  fromYear?: number | null;

  @Field(() => Int, { nullable: true, description: 'Last year it applies to (null: until changed)' })
  @Property({ type: 'integer', nullable: true })
  toYear?: number | null;

  @Field(() => Int)
  @Property({ type: 'integer', version: true })
  version!: number;

  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Date = new Date();

  @Field(() => DateTime)
  @Property({ type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
