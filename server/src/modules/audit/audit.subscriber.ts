import type { ChangeSet, EventSubscriber, FlushEventArgs } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { maskWebhookKey } from '../notifications/mask.js';
import { maskPersonName } from '../requests/personal-data.js';
import { auditContext, type AuditActor } from './audit-context.js';

/** Fields never written to the trail as they are. */
const REDACTED = new Set(['passwordHash', 'tokenHash', 'codeHash', 'secretSealed']);
/** Personal data: written masked (the trail is read more widely than the register). */
/** Credentials inside values: a robot webhook's key is written masked. */
const PERSONAL: Record<string, (value: string) => string> = { applicantName: maskPersonName, target: maskWebhookKey };
/** Bookkeeping entities whose changes are not the user's work. */
// Deadlines and their moves are derived from the audited change that caused them.
// Notifications and their outbox rows are derived from the audited change (or the reminder rule) that caused them.
const NOT_AUDITED = new Set([
  'AuditEntry',
  'AuthSession',
  'UsedRefreshToken',
  'ServerSecret',
  'Deadline',
  'DeadlineEvent',
  'Notification',
  'NotificationDelivery',
]);

interface Pending {
  actor: AuditActor;
  entity: object;
  entityName: string;
  action: 'create' | 'update' | 'delete';
  changes: Record<string, { before: unknown; after: unknown }>;
  deleteId?: string;
}

const pendingByUow = new WeakMap<object, Pending[]>();

/**
 * Writes the audit trail of every flush made inside a GraphQL mutation, in the same
 * transaction as the change: a change and its trace commit or roll back together.
 * onFlush captures before/after values; afterFlush writes them once ids are known.
 */
export class AuditSubscriber implements EventSubscriber {
  onFlush(args: FlushEventArgs): void {
    const actor = auditContext.getStore();
    if (!actor) return;
    const pending: Pending[] = [];
    for (const cs of args.uow.getChangeSets() as ChangeSet<any>[]) {
      const entityName = cs.meta.className;
      if (NOT_AUDITED.has(entityName)) continue;
      const action = auditAction(cs.type);
      const before = (cs.originalEntity ?? {}) as Record<string, unknown>;
      const after = cs.payload as Record<string, unknown>;
      const keys = action === 'delete' ? Object.keys(before) : Object.keys(after);
      const changes: Pending['changes'] = {};
      for (const key of keys) {
        if (key === 'version' || key === 'updatedAt') continue;
        const b = action === 'create' ? null : before[key];
        const a = action === 'delete' ? null : after[key];
        changes[key] = tracedChange(key, b, a);
      }
      if (action === 'update' && !Object.keys(changes).length) continue;
      pending.push({ actor, entity: cs.entity, entityName, action, changes, deleteId: action === 'delete' ? String(cs.getPrimaryKey()) : undefined });
    }
    if (pending.length) pendingByUow.set(args.uow, [...(pendingByUow.get(args.uow) ?? []), ...pending]);
  }

  async afterFlush(args: FlushEventArgs): Promise<void> {
    const pending = pendingByUow.get(args.uow);
    if (!pending?.length) return;
    pendingByUow.delete(args.uow);
    const em = args.em as EntityManager;
    const values: unknown[] = [];
    const rows = pending.map((p) => {
      const id = p.deleteId ?? String((p.entity as { id: unknown }).id);
      values.push(
        p.actor.actorType,
        p.actor.actorId,
        p.actor.actorName,
        p.actor.operation,
        p.entityName,
        id,
        p.action,
        departmentOf(p.entityName, p.entity),
        JSON.stringify(p.changes),
        p.actor.requestId,
      );
      return '(?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)';
    });
    await em
      .getConnection()
      .execute(
        `insert into audit_entry (actor_type, actor_id, actor_name, operation, target_type, target_id, action, department_id, changes, request_id) values ${rows.join(', ')}`,
        values,
        'run',
        em.getTransactionContext(),
      );
  }
}

/** The trail's word for a change set: a create or a delete as such, any other change an update. */
function auditAction(type: ChangeSet<any>['type']): Pending['action'] {
  if (type === 'create') return 'create';
  if (type === 'delete') return 'delete';
  return 'update';
}

/** A field's values before and after as the trail keeps them: secrets hidden, personal data masked, the rest JSON-safe. */
function tracedChange(key: string, before: unknown, after: unknown): Pending['changes'][string] {
  if (REDACTED.has(key)) return { before: before == null ? null : '[已隐藏]', after: after == null ? null : '[已隐藏]' };
  const mask = PERSONAL[key];
  if (mask) return { before: typeof before === 'string' ? mask(before) : plain(before), after: typeof after === 'string' ? mask(after) : plain(after) };
  return { before: plain(before), after: plain(after) };
}

/** The department a changed record belongs to, so that a department head sees its trail. */
function departmentOf(entityName: string, entity: any): number | null {
  switch (entityName) {
    case 'Department':
      return entity.id ?? null;
    case 'Task':
      return entity.department?.id ?? null;
    case 'TaskUpdate':
      return entity.task?.getEntity?.()?.department?.id ?? null;
    case 'User':
      return entity.department?.id ?? null;
    default:
      return entity.department?.id ?? null;
  }
}

/** JSON-safe value: dates as ISO strings, references as their id. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object' && !Array.isArray(value) && 'id' in (value as object) && Object.keys(value as object).length > 3) {
    return (value as { id: unknown }).id;
  }
  return value ?? null;
}
