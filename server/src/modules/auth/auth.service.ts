import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AuthConfig } from '../../config.js';
import { Department } from '../departments/department.entity.js';
import { AccountDisabledError, AccountLockedError, InvalidCredentialsError, InvalidTokenError, WeakPasswordError } from './auth.errors.js';
import { LoginThrottle } from './login-throttle.entity.js';
import { DUMMY_HASH, hashPassword, passwordProblem, verifyPassword } from './password.js';
import { Role } from './role.js';
import { ScreenToken } from './screen-token.entity.js';
import { ScreenCredential } from './screen-link.entity.js';
import { ServerSecret } from './server-secret.entity.js';
import { AuthSession, UsedRefreshToken } from './session.entity.js';
import { newOpaqueToken, REFRESH_TOKEN_PREFIX, SCREEN_TOKEN_PREFIX, sha256, signAccessToken, verifyAccessToken } from './tokens.js';
import { User } from './user.entity.js';
import { scopeOf, type Viewer } from './viewer.js';

export interface AuthSettings extends Omit<AuthConfig, 'secret' | 'adminPassword'> {
  /** Resolved signing key (configured or kept in the database). */
  secret: string;
}

export interface SignedIn {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: User;
}

const MAX_FAILURE_DELAY_MS = 5_000;
/** Screen tokens record when they were last used, at most this often (no write per request). */
const LAST_USED_RESOLUTION_MS = 5 * 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly settings: AuthSettings,
  ) {}

  /**
   * Resolves the `Authorization` header to a viewer. No header: anonymous (null).
   * A header that is not a valid, live token is an error, never silently anonymous.
   */
  async authenticate(authorization: string | undefined): Promise<Viewer | null> {
    if (!authorization) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw new InvalidTokenError();
    const token = match[1]!;
    return token.startsWith(SCREEN_TOKEN_PREFIX) ? this.authenticateScreen(token) : this.authenticateUser(token);
  }

  private async authenticateUser(token: string): Promise<Viewer> {
    const payload = verifyAccessToken(token, this.settings.secret);
    if (!payload) throw new InvalidTokenError('TOKEN_EXPIRED');
    const session = await this.em.findOne(AuthSession, { id: payload.sid, user: payload.sub }, { populate: ['user', 'user.department'] });
    const user = session?.user.getEntity();
    if (!session || !user || session.revokedAt || !user.isActive || user.tokenVersion !== payload.tv) throw new InvalidTokenError('TOKEN_REVOKED');
    const department = user.department?.getEntity() ?? null;
    return {
      kind: 'user',
      id: user.id,
      name: user.username,
      role: user.role,
      scope: scopeOf(user.role, department),
      departmentId: department?.id ?? null,
      sessionId: session.id,
    };
  }

  private async authenticateScreen(token: string): Promise<Viewer> {
    const hash = sha256(token);
    // The token's own secret, or one issued to a screen through a one-time link.
    const screen =
      (await this.em.findOne(ScreenToken, { tokenHash: hash })) ??
      (await this.em.findOne(ScreenCredential, { tokenHash: hash }, { populate: ['screenToken'] }))?.screenToken.getEntity();
    if (!screen || screen.revokedAt) throw new InvalidTokenError('TOKEN_REVOKED');
    const departments = screen.departmentIds.length ? await this.em.find(Department, { id: { $in: screen.departmentIds } }) : [];
    if (!screen.lastUsedAt || Date.now() - screen.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      // Outside the unit of work: a bookkeeping write, not an audited change.
      await this.em.nativeUpdate(ScreenToken, { id: screen.id }, { lastUsedAt: new Date() });
    }
    return {
      kind: 'screen',
      id: screen.id,
      name: screen.label,
      role: Role.SCREEN,
      scope: screen.departmentIds.length ? { subtreePaths: departments.map((d) => d.path), exactIds: [] } : null,
      departmentId: null,
    };
  }

  /**
   * Checks a password. Failures count per submitted username, existing or not (LoginThrottle):
   * each one waits longer before answering, and `maxFailures` in a row lock that name for
   * `lockSeconds` — the same answers, in the same time, for a real account and an invented one.
   */
  async login(username: string, password: string): Promise<SignedIn> {
    const name = normaliseUsername(username);
    const throttle = await this.em.findOne(LoginThrottle, { name });
    if (throttle?.lockedUntil && throttle.lockedUntil > new Date()) throw new AccountLockedError(throttle.lockedUntil);
    const found = await this.em.findOne(User, { username: name }, { populate: ['passwordHash'] });
    // An unknown name costs the same scrypt as a known one.
    const passwordOk = await verifyPassword(password, found?.passwordHash ?? (await DUMMY_HASH));

    if (!found || !passwordOk) {
      const { failures, lockedUntil } = await this.recordFailure(name, found?.id);
      await sleep(Math.min(this.settings.failureDelayMs * 2 ** (failures - 1), MAX_FAILURE_DELAY_MS));
      if (lockedUntil && lockedUntil > new Date()) throw new AccountLockedError(lockedUntil);
      throw new InvalidCredentialsError();
    }
    if (!found.isActive) throw new AccountDisabledError();

    return this.em.transactional(async (em) => {
      const user = (await em.findOne(User, { id: found.id }, { lockMode: LockMode.PESSIMISTIC_WRITE }))!;
      await em.nativeDelete(LoginThrottle, { name });
      user.failedLogins = 0;
      user.lockedUntil = null;
      user.lastLoginAt = new Date();
      const refreshToken = newOpaqueToken(REFRESH_TOKEN_PREFIX);
      const session = em.create(AuthSession, {
        id: randomUUID(),
        user,
        tokenHash: sha256(refreshToken),
        expiresAt: new Date(Date.now() + this.settings.refreshTokenTtlSeconds * 1000),
      });
      return this.issue(user, session, refreshToken);
    });
  }

  /**
   * Counts one failure of `name` atomically (concurrent attempts each count) and locks the name at
   * `maxFailures`. The account of that name, if any, mirrors it for the admin's user list.
   * Failures older than a day are forgotten (and their rows purged).
   */
  private async recordFailure(name: string, userId: number | undefined): Promise<{ failures: number; lockedUntil: Date | null }> {
    const now = new Date();
    const lockUntil = new Date(now.getTime() + this.settings.lockSeconds * 1000);
    const max = this.settings.maxFailures;
    return this.em.transactional(async (em) => {
      const [row] = await em.getConnection().execute<{ failures: number; locked_until: Date | null }[]>(
        `INSERT INTO login_throttle AS t (name, failures, locked_until, updated_at)
         VALUES (?, CASE WHEN 1 >= ? THEN 0 ELSE 1 END, CASE WHEN 1 >= ? THEN ?::timestamptz END, ?)
         ON CONFLICT (name) DO UPDATE SET
           failures = CASE WHEN t.failures + 1 >= ? THEN 0 ELSE t.failures + 1 END,
           locked_until = CASE WHEN t.failures + 1 >= ? THEN ?::timestamptz ELSE t.locked_until END,
           updated_at = EXCLUDED.updated_at
         RETURNING failures, locked_until`,
        [name, max, max, lockUntil, now, max, max, lockUntil],
        'all',
        em.getTransactionContext(),
      );
      const failures = row!.failures || max;
      const lockedUntil = row!.locked_until ? new Date(row!.locked_until) : null;
      if (userId !== undefined) {
        // Through the entity, so that the audit trail records the failed attempt on the account.
        const user = (await em.findOne(User, { id: userId }, { lockMode: LockMode.PESSIMISTIC_WRITE }))!;
        user.failedLogins = row!.failures;
        user.lockedUntil = lockedUntil;
      }
      await em.nativeDelete(LoginThrottle, {
        updatedAt: { $lt: new Date(now.getTime() - 86_400_000) },
        $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }],
      });
      return { failures, lockedUntil };
    });
  }

  /** Trades a refresh token for new tokens (rotation). Reusing an old refresh token ends the session. */
  async refresh(refreshToken: string): Promise<SignedIn> {
    const hash = sha256(refreshToken);
    const outcome = await this.em.transactional(async (em) => {
      const session = await em.findOne(AuthSession, { tokenHash: hash }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!session) {
        const used = await em.findOne(UsedRefreshToken, { tokenHash: hash }, { populate: ['session'] });
        const replayed = used?.session.getEntity();
        if (replayed && !replayed.revokedAt) replayed.revokedAt = new Date();
        return { error: new InvalidTokenError('TOKEN_REVOKED') };
      }
      if (session.revokedAt || session.expiresAt <= new Date()) return { error: new InvalidTokenError('TOKEN_EXPIRED') };
      const user = (await session.user.load())!;
      if (!user.isActive) return { error: new AccountDisabledError() };
      const next = newOpaqueToken(REFRESH_TOKEN_PREFIX);
      em.create(UsedRefreshToken, { tokenHash: session.tokenHash, session });
      session.tokenHash = sha256(next);
      session.rotatedAt = new Date();
      session.expiresAt = new Date(Date.now() + this.settings.refreshTokenTtlSeconds * 1000);
      return { signedIn: this.issue(user, session, next) };
    });
    // The revocation above must commit even though the caller gets an error.
    if ('error' in outcome) throw outcome.error;
    return outcome.signedIn!;
  }

  /** Ends the viewer's session: its access and refresh tokens stop working at once. */
  /** Changes the viewer's own password after checking the current one; signs them out everywhere. */
  async changeOwnPassword(viewer: Viewer, currentPassword: string, newPassword: string): Promise<void> {
    const problem = passwordProblem(newPassword);
    if (problem) throw new WeakPasswordError(problem);
    await this.em.transactional(async (em) => {
      const user = await em.findOneOrFail(User, { id: viewer.id }, { populate: ['passwordHash'] });
      if (!(await verifyPassword(currentPassword, user.passwordHash))) throw new InvalidCredentialsError();
      user.passwordHash = await hashPassword(newPassword);
      await signOutEverywhere(em, user);
    });
  }

  async logout(viewer: Viewer): Promise<boolean> {
    if (viewer.kind !== 'user' || !viewer.sessionId) return false;
    return this.em.transactional(async (em) => {
      const session = await em.findOne(AuthSession, { id: viewer.sessionId! });
      if (!session || session.revokedAt) return false;
      session.revokedAt = new Date();
      return true;
    });
  }

  private issue(user: User, session: AuthSession, refreshToken: string): SignedIn {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + this.settings.accessTokenTtlSeconds;
    return {
      accessToken: signAccessToken({ sub: user.id, tv: user.tokenVersion, sid: session.id, iat: now, exp }, this.settings.secret),
      accessTokenExpiresAt: new Date(exp * 1000),
      refreshToken,
      refreshTokenExpiresAt: session.expiresAt,
      user,
    };
  }
}

/** The signing key: AUTH_SECRET, else one generated once and shared by all instances through the database. */
export async function resolveAuthSecret(em: EntityManager, configured: string | undefined): Promise<string> {
  return resolveServerSecret(em, 'auth', configured);
}

/** A configured secret, else one generated once and kept in the database (every instance reads the same). */
export async function resolveServerSecret(em: EntityManager, name: string, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  await em
    .getConnection()
    .execute(`insert into server_secret (name, value) values (?, ?) on conflict (name) do nothing`, [name, randomBytes(48).toString('base64url')]);
  const row = await em.findOneOrFail(ServerSecret, { name });
  return row.value;
}

/**
 * First start: creates user `admin` when no admin exists. Password from ADMIN_PASSWORD,
 * else generated and returned so that the caller prints it once.
 */
export async function bootstrapAdmin(em: EntityManager, adminPassword: string | undefined): Promise<{ generatedPassword: string | null } | null> {
  if (await em.count(User, { role: Role.ADMIN })) return null;
  const generated = adminPassword ? null : `${randomBytes(9).toString('base64url')}A1!`;
  em.create(User, {
    username: 'admin',
    displayName: '系统管理员',
    passwordHash: await hashPassword(adminPassword ?? generated!),
    role: Role.ADMIN,
    department: null,
  });
  await em.flush();
  return { generatedPassword: generated };
}

/**
 * Signs a user out everywhere (password change, deactivation): the token version moves on, so every
 * access token is refused, and every session ends, so no refresh token can mint new ones.
 */
export async function signOutEverywhere(em: EntityManager, user: User): Promise<void> {
  user.tokenVersion += 1;
  await em.nativeUpdate(AuthSession, { user: user.id, revokedAt: null }, { revokedAt: new Date() });
}

/** How a submitted username is compared and throttled: trimmed, lower case, at most 64 characters. */
export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase().slice(0, 64);
}
