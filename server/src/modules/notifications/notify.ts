/**
 * Writes what a cause (a 督办单 issued, a reminder due) tells people, in the cause's own transaction: an in-app copy
 * for every person it concerns, and one outbox row per channel (sent later by the delivery worker). Keys make it
 * idempotent: the same cause twice — on any instance — writes nothing the second time.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../auth/role.js';
import { DeliveryState, type NotificationKind } from './notification-enums.js';

/** Who a message is for: the department (its people and channels), its head(s), or the office (管理员). */
export type Audience = 'department' | 'head' | 'office';

export interface NotificationSpec {
  /** The cause, e.g. `supervision:7:issued`, `reminder:D12:before-5:2026-12-08` — never notified twice. */
  key: string;
  kind: NotificationKind;
  title: string;
  text: string;
  /** A path in the product (/department?notice=7), made absolute for the channels with PUBLIC_URL. */
  link: string | null;
  subjectType: string;
  subjectId: number;
  departmentId: number;
  audience: Audience;
  /** Reminders may be held for a channel's daily digest; a 督办单 always goes at once. */
  digestible: boolean;
}

export interface NotifyOptions {
  /** The Shanghai date (for digests). */
  today: string;
  /** PUBLIC_URL, to make links absolute in messages that leave the product. */
  publicUrl: string | null;
}

export interface NotifyOutcome {
  inApp: number;
  deliveries: number;
}

export interface Recipients {
  userIds: number[];
  channels: { id: number; digest: boolean }[];
}

/** The people and channels of an audience: the department's; heads over it; the office of its organisation. */
export async function recipientsOf(em: EntityManager, departmentId: number, audience: Audience): Promise<Recipients> {
  const userSql = {
    department: `select u.id from app_user u where u.is_active and u.department_id = ? and u.role in ('${Role.DEPARTMENT_HEAD}', '${Role.LIAISON}')`,
    head: `select u.id from app_user u join department h on h.id = u.department_id join department d on d.id = ?
           where u.is_active and u.role = '${Role.DEPARTMENT_HEAD}' and d.path like h.path || '%'`,
    office: `select u.id from app_user u where u.is_active and u.role = '${Role.ADMIN}' and ?::int is not null`,
  }[audience];
  // Channels: the department's own for department and head (its group hears the escalation too); for the office,
  // those of the organisation the department belongs to (the root of its path that is an organisation).
  const channelSql =
    audience === 'office'
      ? `select c.id, c.digest from notification_channel c join department o on o.id = c.department_id join department d on d.id = ?
          where not c.muted and o.kind = 'ORGANIZATION' and d.path like o.path || '%'`
      : `select c.id, c.digest from notification_channel c where not c.muted and c.department_id = ?`;
  const [users, departmentChannels] = await Promise.all([
    em.execute<{ id: number }[]>(userSql, [departmentId]),
    em.execute<{ id: number; digest: boolean }[]>(channelSql, [departmentId]),
  ]);
  const userIds = users.map((u) => u.id);
  // The people's own channels (their mailbox), unless they muted them.
  const personal = userIds.length
    ? await em.execute<{ id: number; digest: boolean }[]>(`select c.id, c.digest from notification_channel c where not c.muted and c.user_id in (?)`, [userIds])
    : [];
  return { userIds, channels: [...departmentChannels, ...personal] };
}

export function absoluteLink(link: string | null, publicUrl: string | null): string | null {
  if (!link) return null;
  if (/^https?:\/\//.test(link) || !publicUrl) return link;
  return `${publicUrl.replace(/\/+$/, '')}${link.startsWith('/') ? '' : '/'}${link}`;
}

/** Notifies a department (or its head, or the office) of one cause, inside the caller's transaction. */
export async function notify(em: EntityManager, spec: NotificationSpec, options: NotifyOptions): Promise<NotifyOutcome> {
  return notifyMany(em, [spec], options);
}

const BATCH = 5_000;

/**
 * Many causes at once (the reminder planner): recipients looked up once per department and audience, rows written
 * in batches (one JSON parameter each); keys already written are skipped (on conflict do nothing). Inside the
 * caller's transaction.
 */
export async function notifyMany(em: EntityManager, specs: readonly NotificationSpec[], options: NotifyOptions): Promise<NotifyOutcome> {
  const recipients = new Map<string, Promise<Recipients>>();
  const lookup = (spec: NotificationSpec) => {
    const k = `${spec.departmentId}:${spec.audience}`;
    if (!recipients.has(k)) recipients.set(k, recipientsOf(em, spec.departmentId, spec.audience));
    return recipients.get(k)!;
  };
  const inAppRows: object[] = [];
  const deliveryRows: object[] = [];
  for (const spec of specs) {
    const { userIds, channels } = await lookup(spec);
    for (const userId of userIds) {
      inAppRows.push({
        user_id: userId,
        key: spec.key,
        kind: spec.kind,
        department_id: spec.departmentId,
        title: spec.title,
        text: spec.text,
        link: spec.link,
        subject_type: spec.subjectType,
        subject_id: spec.subjectId,
      });
    }
    const link = absoluteLink(spec.link, options.publicUrl);
    for (const channel of channels) {
      const held = spec.digestible && channel.digest;
      deliveryRows.push({
        key: `${spec.key}:C${channel.id}`,
        channel_id: channel.id,
        title: spec.title,
        text: spec.text,
        link,
        state: held ? DeliveryState.HELD : DeliveryState.PENDING,
        digest_date: held ? options.today : null,
      });
    }
  }
  let inApp = 0;
  for (let i = 0; i < inAppRows.length; i += BATCH) {
    const rows = await em.execute<{ id: number }[]>(
      `insert into notification (user_id, key, kind, department_id, title, text, link, subject_type, subject_id, created_at)
       select user_id, key, kind::notification_kind, department_id, title, text, link, subject_type, subject_id, now()
         from jsonb_to_recordset(?::jsonb) as r(user_id int, key text, kind text, department_id int, title text, text text, link text, subject_type text, subject_id int)
       on conflict (key, user_id) do nothing returning id`,
      [JSON.stringify(inAppRows.slice(i, i + BATCH))],
    );
    inApp += rows.length;
  }
  let deliveries = 0;
  for (let i = 0; i < deliveryRows.length; i += BATCH) {
    const rows = await em.execute<{ id: number }[]>(
      `insert into notification_delivery (key, channel_id, title, text, link, state, digest_date, created_at, next_attempt_at)
       select key, channel_id, title, text, link, state::delivery_state, digest_date, now(), now()
         from jsonb_to_recordset(?::jsonb) as r(key text, channel_id int, title text, text text, link text, state text, digest_date date)
       on conflict (key) do nothing returning id`,
      [JSON.stringify(deliveryRows.slice(i, i + BATCH))],
    );
    deliveries += rows.length;
  }
  return { inApp, deliveries };
}
