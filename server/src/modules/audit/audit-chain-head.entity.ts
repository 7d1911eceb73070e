import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * The newest link of the audit hash chain, one row (id 1). The database trigger that chains each new
 * audit entry locks this row, so entries are chained one at a time in id order, and a deletion of
 * the newest entries shows as a head that no entry matches. Written only by that trigger.
 */
@Entity({ tableName: 'audit_chain_head' })
export class AuditChainHead {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id!: number;

  @Property({ type: 'integer', nullable: true })
  lastId?: number | null;

  @Property({ type: 'text', nullable: true })
  lastHash?: string | null;
}
