import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTime, LocalDate } from '../../core/scalars.js';
import { Department } from '../departments/department.entity.js';
import { ApplicantType, RequestChannel, RequestOutcome, RequestStatus } from './request-enums.js';

@ObjectType({ description: '征求第三方或其他机关意见（计时中止）' })
export class Consultation {
  @Field(() => String, { description: 'Who was consulted' })
  party!: string;

  @Field(() => LocalDate)
  from!: string;

  @Field(() => LocalDate, { nullable: true, description: 'null while still waiting' })
  to!: string | null;

  /**
   * Begun after the reply was already due: recorded, but it does not stop the clock — the time a
   * consultation takes is not counted (第三十三条), yet it cannot revive a deadline already missed.
   * Stored only when true (older records have no flag).
   */
  @Field(() => Boolean, { description: '逾期后才征求意见：照实登记，但不中止计时，申请仍为逾期（条例第三十三条）' })
  late?: boolean;
}

@ObjectType({ description: '延期答复' })
export class RequestExtension {
  @Field(() => Int)
  workingDays!: number;

  @Field(() => String)
  reason!: string;

  @Field(() => String, { description: '批准人（政府信息公开工作机构负责人）' })
  approver!: string;

  @Field(() => LocalDate)
  approvedOn!: string;
}

/** 依申请公开: one application for government information and its handling. */
@ObjectType({ description: '政府信息公开申请' })
@Entity({ tableName: 'information_request' })
@Unique({ properties: ['department', 'serialNumber'] })
export class InformationRequest {
  [OptionalProps]?:
    | 'status'
    | 'consultations'
    | 'extension'
    | 'version'
    | 'createdAt'
    | 'correctionRequestedOn'
    | 'correctionReceivedOn'
    | 'repliedOn'
    | 'outcome'
    | 'personalDataErasedOn';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** The handling agency / department. */
  @ManyToOne(() => Department, { ref: true, deleteRule: 'restrict' })
  @Index()
  department!: Ref<Department>;

  @Field(() => String, { description: '登记编号, e.g. 2026-0007 (per department and year)' })
  @Property({ type: 'text' })
  serialNumber!: string;

  @Field(() => ApplicantType)
  @Enum({ items: () => ApplicantType, nativeEnumName: 'applicant_type' })
  applicantType!: ApplicantType;

  @Field(() => String)
  @Property({ type: 'text' })
  applicantName!: string;

  @Field(() => RequestChannel)
  @Enum({ items: () => RequestChannel, nativeEnumName: 'request_channel' })
  channel!: RequestChannel;

  @Field(() => LocalDate, { description: '收到申请之日 (条例第三十一条)' })
  @Property({ type: 'date' })
  receivedOn!: string;

  @Field(() => String, { description: '申请公开的政府信息' })
  @Property({ type: 'text' })
  content!: string;

  @Field(() => RequestStatus)
  @Enum({ items: () => RequestStatus, nativeEnumName: 'request_status' })
  status: RequestStatus = RequestStatus.PROCESSING;

  @Field(() => LocalDate, { nullable: true, description: '告知补正之日 (within 7 working days of receipt, once)' })
  @Property({ type: 'date', nullable: true })
  correctionRequestedOn?: string | null;

  @Field(() => LocalDate, { nullable: true, description: '收到补正申请之日: the 20 days restart from here' })
  @Property({ type: 'date', nullable: true })
  correctionReceivedOn?: string | null;

  @Field(() => [Consultation])
  @Property({ type: 'json' })
  consultations: Consultation[] = [];

  @Field(() => RequestExtension, { nullable: true })
  @Property({ type: 'json', nullable: true })
  extension?: RequestExtension | null;

  @Field(() => LocalDate, { nullable: true, description: '答复之日' })
  @Property({ type: 'date', nullable: true })
  repliedOn?: string | null;

  @Field(() => RequestOutcome, { nullable: true })
  @Enum({ items: () => RequestOutcome, nativeEnumName: 'request_outcome', nullable: true })
  outcome?: RequestOutcome | null;

  @Field(() => LocalDate, { nullable: true, description: "When the applicant's personal data was erased (保存期限届满); the name then reads （已删除）" })
  @Property({ type: 'date', nullable: true })
  personalDataErasedOn?: string | null;

  @Field(() => Int)
  @Property({ type: 'integer', version: true })
  version!: number;

  @Field(() => DateTime)
  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Date = new Date();
}
