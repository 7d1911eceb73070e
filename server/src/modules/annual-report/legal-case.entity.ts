import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTime, LocalDate } from '../../core/scalars.js';
import { Department } from '../departments/department.entity.js';
import { LegalCaseKind, LegalCaseOutcome } from './annual-report-enums.js';

/**
 * 行政复议 / 行政诉讼 register: a case brought because of the organisation's information-disclosure
 * work (table 四 of the annual report). Counted in the year it was received; its outcome is the one
 * known on 31 December of that year (concluded later: 尚未审结 in that year's report).
 */
@ObjectType({ description: '政府信息公开行政复议、行政诉讼案件' })
@Check({ name: 'legal_case_outcome_when_concluded', expression: '(outcome is null) = (concluded_on is null)' })
@Check({ name: 'legal_case_concluded_after_received', expression: 'concluded_on is null or concluded_on >= received_on' })
@Entity({ tableName: 'legal_case' })
@Index({ properties: ['department', 'receivedOn'] })
export class LegalCase {
  [OptionalProps]?: 'caseNumber' | 'party' | 'concludedOn' | 'outcome' | 'note' | 'version' | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** The respondent (被申请人/被告): the organisation or one of its departments. */
  @ManyToOne(() => Department, { ref: true, deleteRule: 'restrict' })
  department!: Ref<Department>;

  @Field(() => LegalCaseKind)
  @Enum({ items: () => LegalCaseKind, nativeEnumName: 'legal_case_kind' })
  kind!: LegalCaseKind;

  @Field(() => String, { nullable: true, description: '案号，如（2025）湘0981行初12号' })
  @Property({ type: 'text', nullable: true })
  caseNumber?: string | null;

  @Field(() => String, { description: '案由：不服哪一政府信息公开答复/行为' })
  @Property({ type: 'text' })
  subject!: string;

  @Field(() => String, { nullable: true, description: '申请人/原告（个人信息，仅登记必要内容）' })
  @Property({ type: 'text', nullable: true })
  party?: string | null;

  @Field(() => LocalDate, { description: '收到复议申请书副本/起诉状副本之日' })
  @Property({ type: 'date' })
  receivedOn!: string;

  @Field(() => LocalDate, { nullable: true, description: '审结之日（复议决定/裁判文书送达之日）' })
  @Property({ type: 'date', nullable: true })
  concludedOn?: string | null;

  @Field(() => LegalCaseOutcome, { nullable: true, description: 'null: 尚未审结' })
  @Enum({ items: () => LegalCaseOutcome, nativeEnumName: 'legal_case_outcome', nullable: true })
  outcome?: LegalCaseOutcome | null;

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
