import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Check, Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateTime, LocalDate } from '../../core/scalars.js';
import { Department } from '../departments/department.entity.js';
import { Publication } from '../publications/publication.entity.js';
import { AnnualReportStatus, ReportingBody } from './annual-report-enums.js';
import type { ReportTableId } from './format.js';

/** A figure entered into the report itself (import of a published report, a year before the registers, a correction). */
export interface EnteredCell {
  table: ReportTableId;
  row: string;
  column: string;
  value: number;
  reason: string;
  by: string;
  at: string;
}

/** A figure as frozen at 定稿 with where it came from. */
export interface FrozenCell {
  table: ReportTableId;
  row: string;
  column: string;
  value: number;
  source: string;
}

@ObjectType({ description: '流程记录' })
export class ReportStep {
  @Field(() => String, { nullable: true })
  from!: string | null;

  @Field(() => String)
  to!: string;

  @Field(() => String)
  actor!: string;

  @Field(() => DateTime)
  at!: Date;

  @Field(() => String, { nullable: true, description: '退回理由等' })
  reason!: string | null;
}

/**
 * 政府信息公开工作年度报告 of an organisation for a year (条例第四十九、五十条; format 国办公开办函〔2021〕30号).
 * While a draft its tables are counted from the registers at each reading (entered cells win);
 * at 定稿 the figures are frozen so the approved report cannot move under it.
 * Parts 一/二(text)/五/六 may hold live fields `{{name}}` that print the current figure.
 */
@ObjectType({ description: '政府信息公开工作年度报告' })
@Check({ name: 'annual_report_year_range', expression: 'year between 2000 and 2100' })
@Entity({ tableName: 'annual_report' })
@Unique({ properties: ['organization', 'year'] })
export class AnnualReport {
  [OptionalProps]?:
    | 'status'
    | 'reportingBody'
    | 'preamble'
    | 'overview'
    | 'proactiveText'
    | 'problems'
    | 'otherMatters'
    | 'enteredCells'
    | 'frozenCells'
    | 'history'
    | 'signedOn'
    | 'submittedOn'
    | 'publishedOn'
    | 'publication'
    | 'informationFee'
    | 'version'
    | 'createdAt'
    | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Department, { ref: true, deleteRule: 'restrict' })
  organization!: Ref<Department>;

  @Field(() => Int, { description: '统计年度（1月1日至12月31日）' })
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => ReportingBody)
  @Enum({ items: () => ReportingBody, nativeEnumName: 'reporting_body' })
  reportingBody: ReportingBody = ReportingBody.DEPARTMENT;

  @Field(() => AnnualReportStatus)
  @Enum({ items: () => AnnualReportStatus, nativeEnumName: 'annual_report_status' })
  status: AnnualReportStatus = AnnualReportStatus.DRAFT;

  @Field(() => String, { description: '开头段落' })
  @Property({ type: 'text' })
  preamble: string = '';

  @Field(() => String, { description: '一、总体情况（可含实时字段 {{name}}）' })
  @Property({ type: 'text' })
  overview: string = '';

  @Field(() => String, { description: '二、主动公开政府信息情况 表前文字' })
  @Property({ type: 'text' })
  proactiveText: string = '';

  @Field(() => String, { description: '五、存在的主要问题及改进情况' })
  @Property({ type: 'text' })
  problems: string = '';

  @Field(() => String, { description: '六、其他需要报告的事项' })
  @Property({ type: 'text' })
  otherMatters: string = '';

  @Field(() => Float, { nullable: true, description: '本年收取信息处理费（元），六中报告' })
  @Property({ type: 'double', nullable: true })
  informationFee?: number | null;

  @Property({ type: 'json' })
  enteredCells: EnteredCell[] = [];

  @Property({ type: 'json', nullable: true })
  frozenCells?: FrozenCell[] | null;

  @Field(() => [ReportStep])
  @Property({ type: 'json' })
  history: ReportStep[] = [];

  @Field(() => LocalDate, { nullable: true, description: '落款日期' })
  @Property({ type: 'date', nullable: true })
  signedOn?: string | null;

  @Field(() => LocalDate, { nullable: true, description: '报送之日' })
  @Property({ type: 'date', nullable: true })
  submittedOn?: string | null;

  @Field(() => LocalDate, { nullable: true, description: '公开之日' })
  @Property({ type: 'date', nullable: true })
  publishedOn?: string | null;

  @ManyToOne(() => Publication, { ref: true, nullable: true, deleteRule: 'set null' })
  publication?: Ref<Publication> | null;

  @Field(() => Int)
  @Property({ type: 'integer', version: true })
  version!: number;

  @Field(() => DateTime)
  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Date = new Date();

  @Field(() => DateTime)
  @Property({ type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
