/** What a live subscription depends on; a change announces the topics it touched. */
export type Topic = 'tasks' | 'deadlines' | 'publications' | 'quotas' | 'activity' | 'supervision' | 'notifications' | 'assessment';

export const ALL_TOPICS: readonly Topic[] = ['tasks', 'deadlines', 'publications', 'quotas', 'activity', 'supervision', 'notifications', 'assessment'];

/** An invalidation as it travels between instances (kept far below NOTIFY's 8000-byte limit). */
export interface Invalidation {
  topics: Topic[];
  /** The instance that caused it (for diagnostics). */
  origin: string;
  /** When it was sent (ms since epoch), to measure delivery. */
  sentAt: number;
}

/**
 * Credentials that stopped working (a revoked screen token, a deactivated user or a changed
 * password, a signed-out session): every instance closes the WebSockets that use them (4403).
 */
export interface Revocation {
  screenTokenIds?: number[];
  userIds?: number[];
  sessionIds?: string[];
  /**
   * Users whose role or department changed: still signed in, but a socket authenticated before
   * carries the old scope. Closed with 4401, so the client re-authenticates and reconnects.
   */
  rescopedUserIds?: number[];
}

/** "Credentials revoked", on the same channel; `topics` is empty so that it invalidates nothing. */
export interface RevocationMessage extends Invalidation {
  revoked: Revocation;
}

export type BrokerMessage = Invalidation | RevocationMessage;

export const isRevocation = (m: BrokerMessage): m is RevocationMessage =>
  typeof (m as RevocationMessage).revoked === 'object' && (m as RevocationMessage).revoked !== null;
