import { type Ref } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Department } from '../departments/department.entity.js';
import { Category } from './category.entity.js';

/**
 * Maintained count of publications per department, period (`2026`, `2026-Q4`, `2026-11`) and
 * category (null: all categories; a category counts its sub-categories too). Kept exact by
 * raw upserts in the transaction that records, moves or deletes a publication
 * (publication-counts.ts): the quota board reads this table, never the publications.
 * No check constraint on the counts: Postgres checks the row an upsert proposes (a negative
 * delta) before it finds the conflict; the upsert checks the resulting counts instead.
 * Bookkeeping, not audited.
 */
@Entity({ tableName: 'publication_count' })
@Unique({
  name: 'publication_count_key',
  expression: 'create unique index "publication_count_key" on "publication_count" ("period_key", "category_id", "department_id") nulls not distinct',
})
export class PublicationCount {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Department, { deleteRule: 'cascade', ref: true })
  department!: Ref<Department>;

  @Property({ type: 'text' })
  periodKey!: string;

  @ManyToOne(() => Category, { nullable: true, deleteRule: 'cascade', ref: true })
  category?: Ref<Category> | null;

  @Property({ type: 'integer', default: 0 })
  count!: number;

  /** Publications with an interpretation form (政策解读). */
  @Property({ type: 'integer', default: 0 })
  interpretationCount!: number;

  /** … of which in a form other than text. */
  @Property({ type: 'integer', default: 0 })
  nonTextInterpretationCount!: number;
}
