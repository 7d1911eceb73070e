import { Collection, OptionalProps, type Ref } from '@mikro-orm/core';
import { BeforeCreate, BeforeUpdate, Entity, Index, ManyToMany, ManyToOne, OneToMany, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Department } from '../departments/department.entity.js';
import { DepartmentScope } from '../departments/department-kind.js';
import { Plan } from './plan.entity.js';
import { Task } from '../tasks/task.entity.js';
import { DateTime, LocalDate } from '../../core/scalars.js';
import { pointFingerprint } from './import/fingerprint.js';

/** One 工作要点 item: what must be done, on what legal basis, by whom. */
@ObjectType({ description: '工作要点条目' })
@Entity({ tableName: 'work_point' })
@Unique({ properties: ['plan', 'number'] })
export class WorkPoint {
  [OptionalProps]?:
    | 'createdAt'
    | 'policyBasis'
    | 'citedDocuments'
    | 'duties'
    | 'dutyItems'
    | 'responsibleScopes'
    | 'leadScopes'
    | 'tasks'
    | 'version'
    | 'retiredAt'
    | 'retiredReason'
    | 'fingerprint'
    | 'periodDueDates';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Plan, { deleteRule: 'cascade', ref: true })
  @Index()
  plan!: Ref<Plan>;

  @Field(() => String, { description: 'Number as the plan writes it, e.g. 二(三)' })
  @Property({ type: 'text' })
  number!: string;

  @Field(() => Int, { description: 'Order inside the plan' })
  @Property({ type: 'integer' })
  sequence!: number;

  @Field(() => String, { description: 'Section, e.g. 重点领域信息公开' })
  @Property({ type: 'text' })
  section!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  title!: string;

  @Field(() => String, { description: '政策依据 as written' })
  @Property({ type: 'text', default: '' })
  policyBasis: string = '';

  @Field(() => [String], { description: 'Document numbers cited in the 政策依据, e.g. 国办发〔2018〕45号' })
  @Property({ type: 'text[]' })
  citedDocuments: string[] = [];

  @Field(() => String, { description: '职责分工 as written' })
  @Property({ type: 'text', default: '' })
  duties: string = '';

  @Field(() => [String], { description: 'The ⑴⑵⑶ sub-items of the 职责分工' })
  @Property({ type: 'text[]' })
  dutyItems: string[] = [];

  /** 牵头科室 */
  @ManyToMany({ entity: () => Department, pivotTable: 'work_point_lead', joinColumn: 'work_point_id', inverseJoinColumn: 'department_id' })
  leadDepartments = new Collection<Department>(this);

  /** 责任单位 named one by one */
  @ManyToMany({ entity: () => Department, pivotTable: 'work_point_responsible', joinColumn: 'work_point_id', inverseJoinColumn: 'department_id' })
  responsibleDepartments = new Collection<Department>(this);

  @Field(() => [DepartmentScope], { description: '责任单位 written as scopes (局属各单位, 机关各科室 …)' })
  @Property({ type: 'text[]' })
  responsibleScopes: DepartmentScope[] = [];

  @Field(() => [DepartmentScope], { description: '牵头 written as a scope (各科室牵头 …): every department of the scope leads' })
  @Property({ type: 'text[]', defaultRaw: `'{}'` })
  leadScopes: DepartmentScope[] = [];

  @Field(() => String, { nullable: true, description: 'The time limit as written, e.g. 每年4月1日前' })
  @Property({ type: 'text', nullable: true })
  timeLimit?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Due date given to the tasks broken down from this point' })
  @Property({ type: 'date', nullable: true })
  dueDate?: string | null;

  /**
   * A time limit that recurs (每季度, 每月 …) or names several dates: the due date of each period. The tasks then have a
   * deadline per period, each met by a progress report (task-deadline.ts); empty for a single due date.
   */
  @Field(() => [LocalDate], { description: 'Due date of each period when the time limit recurs (每季度 → four quarter ends); empty otherwise' })
  @Property({ type: 'text[]', defaultRaw: `'{}'` })
  periodDueDates: string[] = [];

  @OneToMany(() => Task, (e) => e.workPoint)
  tasks = new Collection<Task>(this);

  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Date = new Date();

  @Field(() => Int, { description: 'Optimistic-lock version: send it back with updateWorkPoint, retireWorkPoint, restoreWorkPoint' })
  @Property({ type: 'integer', version: true })
  version!: number;

  /** A retired point keeps its tasks (history); they leave the default lists and the wall screen. */
  @Field(() => DateTime, { nullable: true, description: 'When the point was retired (停用); null while in force' })
  @Property({ type: 'datetime', nullable: true })
  retiredAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was retired' })
  @Property({ type: 'text', nullable: true })
  retiredReason?: string | null;

  /**
   * Number, title and duties with layout taken out (import/fingerprint.ts), kept current on every write: importing a
   * document whose points a plan already holds is found by one indexed lookup.
   */
  @Property({ type: 'text', nullable: true })
  @Index()
  fingerprint?: string | null;

  @BeforeCreate()
  @BeforeUpdate()
  stampFingerprint(): void {
    this.fingerprint = pointFingerprint(this);
  }
}
