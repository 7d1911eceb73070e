import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTime, LocalDate } from '../../core/scalars.js';
import { Department } from '../departments/department.entity.js';
import { NormativeDocumentKind } from './annual-report-enums.js';

/**
 * 规章 / 行政规范性文件 register (条例第二十条第（一）项). Table 二 computes from it: 本年制发 (issued in the
 * year), 本年废止 (repealed in the year) and 现行有效 (issued by and not repealed on 31 December).
 */
@ObjectType({ description: '规章、行政规范性文件' })
@Check({ name: 'normative_document_repealed_after_issued', expression: 'repealed_on is null or repealed_on >= issued_on' })
@Entity({ tableName: 'normative_document' })
@Unique({ properties: ['department', 'documentNumber'] })
@Index({ properties: ['department', 'issuedOn'] })
export class NormativeDocument {
  [OptionalProps]?: 'repealedOn' | 'repealNote' | 'url' | 'version' | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** 制发机关 (the organisation, or the department that drafted it). */
  @ManyToOne(() => Department, { ref: true, deleteRule: 'restrict' })
  department!: Ref<Department>;

  @Field(() => NormativeDocumentKind)
  @Enum({ items: () => NormativeDocumentKind, nativeEnumName: 'normative_document_kind' })
  kind!: NormativeDocumentKind;

  @Field(() => String, { description: '文号，如 沅城管发〔2025〕3号' })
  @Property({ type: 'text' })
  documentNumber!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  title!: string;

  @Field(() => LocalDate, { description: '印发之日' })
  @Property({ type: 'date' })
  issuedOn!: string;

  @Field(() => LocalDate, { nullable: true, description: '废止/失效之日' })
  @Property({ type: 'date', nullable: true })
  repealedOn?: string | null;

  @Field(() => String, { nullable: true, description: '废止依据或者失效原因' })
  @Property({ type: 'text', nullable: true })
  repealNote?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  url?: string | null;

  @Field(() => Int)
  @Property({ type: 'integer', version: true })
  version!: number;

  @Field(() => DateTime)
  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Date = new Date();
}
