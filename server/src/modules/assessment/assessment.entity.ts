import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateTime } from '../../core/scalars.js';
import { DeadlineKind } from '../deadlines/deadline-enums.js';
import { Department } from '../departments/department.entity.js';
import { AssessmentRule, AssessmentSheetState, AssessmentSide, TimelinessScoring } from './assessment-enums.js';

@ObjectType({ description: 'A kind of occurrence an OCCURRENCES item deducts for, e.g. 错别字 0.5分/个' })
export class OccurrenceKind {
  @Field(() => String)
  label!: string;

  @Field(() => Float, { description: 'Points deducted per occurrence' })
  amount!: number;
}

/** One indicator (考核指标) of a set, as the notice words it, with its scoring rule. Stored in the set (json). */
@ObjectType({ description: '考核指标' })
export class AssessmentItemDefinition {
  @Field(() => String, { description: 'Its number in the set, e.g. "16"' })
  code!: string;

  @Field(() => String, { description: 'The group it belongs to, e.g. 信息发布情况' })
  group!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { description: 'The requirement as the notice words it' })
  requirement!: string;

  @Field(() => Float, { description: 'Full points (0 for a veto item)' })
  maxPoints!: number;

  @Field(() => AssessmentRule)
  rule!: AssessmentRule;

  @Field(() => Int, { nullable: true, description: '信息发布数量: publications per quarter' })
  perQuarter?: number | null;

  @Field(() => Int, { nullable: true, description: '信息发布数量: publications per year (a half counts its quarters’ share)' })
  perYear?: number | null;

  @Field(() => [DeadlineKind], { description: '按时办理: the kinds of deadline counted' })
  deadlineKinds: DeadlineKind[] = [];

  @Field(() => TimelinessScoring, { nullable: true })
  scoring?: TimelinessScoring | null;

  @Field(() => Float, { nullable: true, description: 'Points deducted per late case (按时办理) or per reminder (政务新媒体)' })
  deduction?: number | null;

  @Field(() => Float, { nullable: true, description: 'The most that deductions take (default and at most: the full points)' })
  cap?: number | null;

  @Field(() => Int, { nullable: true, description: '政务新媒体: an account that went more than this many days without an update scores zero' })
  zeroAfterDays?: number | null;

  @Field(() => [OccurrenceKind], { description: '按次扣分: what is counted and what each costs' })
  occurrenceKinds: OccurrenceKind[] = [];

  @Field(() => [String], { description: '单项否决: the codes of the items it zeroes' })
  vetoes: string[] = [];

  @Field(() => Int, {
    nullable: true,
    description: '单项否决, automatic: an active new-media account with no update in this many days before the assessment date',
  })
  idleDays?: number | null;

  @Field(() => Int, { nullable: true, description: 'Rates resting on fewer cases than this are marked (ranking by item uses a lower bound)' })
  minCases?: number | null;
}

/** 考核指标体系: the indicator list an organisation assesses its units by, for a year or a half-year. */
@ObjectType({ description: '考核指标体系（按年度或半年）' })
@Entity({ tableName: 'assessment_set' })
@Unique({ properties: ['organization', 'period'] })
export class AssessmentSet {
  [OptionalProps]?: 'bonusTitle' | 'bonusCap' | 'version' | 'createdAt' | 'updatedAt' | 'maxTotal';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => Department)
  @ManyToOne(() => Department, { ref: true, deleteRule: 'cascade' })
  organization!: Ref<Department>;

  @Field(() => String, { description: '2026, 2026-H1 or 2026-H2' })
  @Property({ type: 'text' })
  period!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  title!: string;

  @Field(() => [AssessmentItemDefinition])
  @Property({ type: 'json' })
  items!: AssessmentItemDefinition[];

  @Field(() => String, { nullable: true, description: '加分项 (null: none)' })
  @Property({ type: 'text', nullable: true })
  bonusTitle?: string | null;

  @Field(() => Float, { description: 'The most the 加分项 adds' })
  @Property({ type: 'double', default: 0 })
  bonusCap: number = 0;

  @Field(() => Int)
  @Property({ type: 'integer', version: true })
  version!: number;

  @Field(() => DateTime)
  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Date = new Date();

  @Field(() => DateTime)
  @Property({ type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field(() => Float, { description: 'The sum of the items’ full points (the bonus not included)' })
  get maxTotal(): number {
    return round2(this.items.reduce((sum, i) => sum + i.maxPoints, 0));
  }
}

/** A unit's score sheet for a set: its state, its 自查情况 texts, and the score frozen at 定稿. */
@Entity({ tableName: 'assessment_sheet' })
@Unique({ properties: ['set', 'department'] })
export class AssessmentSheet {
  [OptionalProps]?: 'state' | 'findings' | 'submittedAt' | 'submittedBy' | 'finalizedAt' | 'finalizedBy' | 'snapshot' | 'returnedReason' | 'version';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => AssessmentSet, { ref: true, deleteRule: 'cascade' })
  set!: Ref<AssessmentSet>;

  @ManyToOne(() => Department, { ref: true, deleteRule: 'cascade' })
  department!: Ref<Department>;

  @Enum({ items: () => AssessmentSheetState, nativeEnumName: 'assessment_sheet_state' })
  state: AssessmentSheetState = AssessmentSheetState.SELF_ASSESSING;

  /** 自查情况 as the unit wrote it, per item code ('BONUS' for the 加分项); an item without one reads the text written from the data. */
  @Property({ type: 'json' })
  findings: Record<string, string> = {};

  @Property({ type: 'datetime', nullable: true })
  submittedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  submittedBy?: string | null;

  @Property({ type: 'text', nullable: true })
  returnedReason?: string | null;

  @Property({ type: 'datetime', nullable: true })
  finalizedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  finalizedBy?: string | null;

  /** The score as it was at 定稿 (a later fact no longer moves it). */
  @Property({ type: 'json', nullable: true })
  snapshot?: unknown;

  @Property({ type: 'integer', version: true })
  version!: number;
}

@ObjectType({ description: '佐证材料' })
export class EvidenceLinkType {
  @Field(() => String)
  title!: string;

  @Field(() => String)
  url!: string;
}

@ObjectType({ description: 'How many times an occurrence kind was found (按次扣分)' })
export class OccurrenceCount {
  @Field(() => String)
  label!: string;

  @Field(() => Int)
  count!: number;
}

/** One person's scoring of one item on a sheet: the unit's 自评 or the office's 复核. */
@ObjectType({ description: '评分记录（自评或复核）' })
@Entity({ tableName: 'assessment_entry' })
@Unique({ properties: ['sheet', 'itemCode', 'side'] })
export class AssessmentEntry {
  [OptionalProps]?: 'points' | 'occurrences' | 'vetoed' | 'reason' | 'evidence' | 'updatedAt' | 'version' | 'occurrenceCounts';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => AssessmentSheet, { ref: true, deleteRule: 'cascade' })
  sheet!: Ref<AssessmentSheet>;

  @Field(() => String, { description: 'The item code, or BONUS for the 加分项' })
  @Property({ type: 'text' })
  itemCode!: string;

  @Field(() => AssessmentSide)
  @Enum({ items: () => AssessmentSide, nativeEnumName: 'assessment_side' })
  side!: AssessmentSide;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  points?: number | null;

  /** 按次扣分: occurrences per kind label. */
  @Property({ type: 'json' })
  occurrences: Record<string, number> = {};

  @Field(() => [OccurrenceCount], { name: 'occurrences', description: '按次扣分: the occurrences found per kind' })
  get occurrenceCounts(): OccurrenceCount[] {
    return Object.entries(this.occurrences).map(([label, count]) => ({ label, count }));
  }

  @Field(() => Boolean)
  @Property({ type: 'boolean', default: false })
  vetoed: boolean = false;

  @Field(() => String)
  @Property({ type: 'text', default: '' })
  reason: string = '';

  @Field(() => [EvidenceLinkType])
  @Property({ type: 'json' })
  evidence: EvidenceLinkType[] = [];

  @Field(() => String)
  @Property({ type: 'text' })
  enteredBy!: string;

  @Field(() => DateTime)
  @Property({ type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field(() => Int)
  @Property({ type: 'integer', version: true })
  version!: number;
}

export const round2 = (n: number): number => Math.round((n + Number.EPSILON) * 100) / 100;
