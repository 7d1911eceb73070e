import type { EntityManager } from '@mikro-orm/postgresql';
import { LoginRequiredError } from '../modules/auth/auth.errors.js';
import type { AuthSettings } from '../modules/auth/auth.service.js';
import type { IpFailureLimiter } from '../modules/auth/ip-failure-limit.js';
import type { Viewer } from '../modules/auth/viewer.js';
import type { Revocation, Topic } from '../realtime/topics.js';
import type { NotificationSettings } from '../modules/notifications/notification-settings.js';
import type { QuotaBoardCache } from '../modules/quotas/quota-board-cache.js';
import type { BoardSnapshot } from '../modules/quotas/quota.service.js';

/** One request = one context = one `em.fork()`. */
export interface GraphQLContext {
  em: EntityManager;
  requestId: string;
  /** null: no Authorization header (only PUBLIC operations get past the access rules). */
  viewer: Viewer | null;
  /** Why the Authorization header was refused (bad, expired or revoked token); raised by the access rules. */
  authError: Error | null;
  auth: AuthSettings;
  /** The caller's address (behind TRUST_PROXY proxies: the client's), when known. */
  clientIp?: string;
  /** Failed sign-ins per address (this instance). */
  ipLimiter?: IpFailureLimiter;
  /** PERSONAL_DATA_RETENTION_YEARS (see requests/retention.ts). */
  personalDataRetentionYears?: number;
  /** What messages need: PUBLIC_URL for links, the key that seals robot secrets, production rules for webhook targets. */
  notifications?: NotificationSettings;
  /** Announces committed changes to live subscriptions on every instance. */
  realtime?: {
    invalidate(topics: readonly Topic[]): void;
    /** After the commit: closes the WebSockets of revoked credentials on every instance (4403). */
    revoke?(revocation: Revocation): void;
  };
  /** This instance's kept quota boards (cleared by every invalidation of what they read); absent: computed each time. */
  quotaBoards?: QuotaBoardCache<BoardSnapshot>;
}

/** The signed-in viewer; the access rules have already refused anonymous callers of non-public operations. */
export function viewerOf(ctx: GraphQLContext): Viewer {
  if (!ctx.viewer) throw new LoginRequiredError();
  return ctx.viewer;
}
