import { Arg, Args, Ctx, ObjectType, Query, Resolver } from 'type-graphql';
import { ConnectionType, PageArgs, type Connection } from '../../core/pagination.js';
import { viewerOf, type GraphQLContext } from '../../graphql/context.js';
import { AuditEntry } from './audit-entry.entity.js';
import { AuditIntegrity } from './audit-integrity.js';
import { AuditLogFilter } from './audit.inputs.js';
import { AuditService } from './audit.service.js';

@ObjectType()
export class AuditEntryConnection extends ConnectionType(AuditEntry, 'AuditEntry') {}

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Query(() => AuditEntryConnection, { description: '留痕: who changed what and when, newest first' })
  auditLog(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => AuditLogFilter, { nullable: true }) filter: AuditLogFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<Connection<AuditEntry>> {
    return new AuditService(ctx.em, viewerOf(ctx)).listAuditLog(filter ?? {}, page);
  }

  @Query(() => AuditIntegrity, { description: '留痕完整性: verifies the whole hash chain of the audit trail (admin)' })
  auditIntegrity(@Ctx() ctx: GraphQLContext): Promise<AuditIntegrity> {
    return new AuditService(ctx.em, viewerOf(ctx)).verifyIntegrity();
  }
}
