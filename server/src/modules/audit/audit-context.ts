import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is changing things, set around each GraphQL mutation; read by the audit subscriber. */
export interface AuditActor {
  actorType: 'user' | 'screen' | 'anonymous' | 'system';
  actorId: number | null;
  actorName: string;
  operation: string;
  requestId: string | null;
}

export const auditContext = new AsyncLocalStorage<AuditActor>();
