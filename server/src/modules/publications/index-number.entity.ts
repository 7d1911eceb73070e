import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Check, Entity, Enum, ManyToOne, OneToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Department } from '../departments/department.entity.js';
import { IndexNumberReset } from './publication-enums.js';

/** An organisation's 索引号 template and when its sequence starts again; absent: the default (index-number.ts). */
@Entity({ tableName: 'index_number_setting' })
export class IndexNumberSetting {
  [OptionalProps]?: 'version' | 'updatedAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @OneToOne(() => Department, { owner: true, deleteRule: 'cascade', ref: true, unique: true })
  organization!: Ref<Department>;

  @Property({ type: 'text' })
  template!: string;

  @Enum({ items: () => IndexNumberReset, nativeEnumName: 'index_number_reset' })
  reset!: IndexNumberReset;

  @Property({ type: 'integer', version: true })
  version!: number;

  @Property({ type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/**
 * Last 索引号 sequence number per organisation and sequence period (`2026-11`, `2026` or `*`).
 * Allocated by `insert … on conflict do update set value = value + n returning value` in the
 * recording transaction: concurrent recordings queue on the row and never share a number,
 * and a rolled-back recording leaves no gap. Bookkeeping, not audited.
 */
@Entity({ tableName: 'index_sequence' })
@Unique({ name: 'index_sequence_key', properties: ['organization', 'periodKey'] })
@Check({ name: 'index_sequence_positive', expression: 'value > 0' })
export class IndexSequence {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Department, { deleteRule: 'cascade', ref: true })
  organization!: Ref<Department>;

  @Property({ type: 'text' })
  periodKey!: string;

  @Property({ type: 'integer' })
  value!: number;
}
