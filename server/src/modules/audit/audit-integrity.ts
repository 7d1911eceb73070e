import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/** The audit trail's hash chain, checked end to end by the database (`audit_verify()`). */
@ObjectType({ description: '留痕完整性：哈希链校验结果' })
export class AuditIntegrity {
  @Field(() => Boolean, { description: 'The whole chain holds (no entry edited, deleted or inserted behind the app)' })
  ok!: boolean;

  @Field(() => ID, { nullable: true, description: 'The first entry whose link does not hold (null when ok)' })
  firstBrokenId!: string | null;

  @Field(() => Int, { description: 'Entries checked' })
  checked!: number;
}

/** Runs `audit_verify()` (see the audit_hash_chain migration) on the connection of `em`. */
export async function verifyAuditChain(em: EntityManager): Promise<AuditIntegrity> {
  const [row] = await em.getConnection().execute<{ ok: boolean; first_broken_id: number | null; checked: number }[]>('select * from audit_verify()');
  return { ok: !!row!.ok, firstBrokenId: row!.first_broken_id == null ? null : String(row!.first_broken_id), checked: Number(row!.checked) };
}
