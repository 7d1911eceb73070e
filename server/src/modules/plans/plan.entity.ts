import { Collection, OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, ManyToOne, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTime } from '../../core/scalars.js';
import { Department } from '../departments/department.entity.js';
import { WorkPoint } from './work-point.entity.js';

/** 年度工作要点: a year's disclosure plan of one organisation. */
@ObjectType({ description: '年度政务公开工作要点' })
@Entity({ tableName: 'plan' })
export class Plan {
  [OptionalProps]?: 'createdAt' | 'basisDocuments' | 'workPoints' | 'source' | 'issuer' | 'sourceYear' | 'version' | 'retiredAt' | 'retiredReason';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => Int)
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => String)
  @Property({ type: 'text' })
  title!: string;

  /** The year of the original document when the plan was re-dated from it (the demo's 2021 text); null otherwise. */
  @Field(() => Int, { nullable: true, description: '原文年度：本计划据某年度原文改编（演示数据）时为原文的年度，否则为空' })
  @Property({ type: 'integer', nullable: true })
  sourceYear?: number | null;

  @Field(() => String, { nullable: true, description: '发文单位' })
  @Property({ type: 'text', nullable: true })
  issuer?: string | null;

  /** The organisation (root department) whose departments the plan assigns. */
  @ManyToOne(() => Department, { deleteRule: 'restrict', ref: true })
  organization!: Ref<Department>;

  @Field(() => [String], { description: 'Document numbers the plan is based on, e.g. 国办发〔2016〕80号' })
  @Property({ type: 'text[]' })
  basisDocuments: string[] = [];

  @Field(() => String, { nullable: true, description: 'Where the plan came from (file or URL)' })
  @Property({ type: 'text', nullable: true })
  source?: string | null;

  @OneToMany(() => WorkPoint, (e) => e.plan)
  workPoints = new Collection<WorkPoint>(this);

  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Date = new Date();

  @Field(() => Int, { description: 'Optimistic-lock version: send it back with updatePlan, retirePlan, restorePlan' })
  @Property({ type: 'integer', version: true })
  version!: number;

  /** Retired plans stay with their work points and tasks (history) but leave the default lists. */
  @Field(() => DateTime, { nullable: true, description: 'When the plan was retired (停用); null while in force' })
  @Property({ type: 'datetime', nullable: true })
  retiredAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was retired' })
  @Property({ type: 'text', nullable: true })
  retiredReason?: string | null;
}
