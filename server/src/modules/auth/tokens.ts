import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Compact signed access tokens: base64url(JSON payload) + "." + base64url(HMAC-SHA256).
 * The same idea as a JWT with a fixed algorithm, so there is no `alg` to confuse.
 */
export interface AccessTokenPayload {
  /** user id */
  sub: number;
  /** the user's tokenVersion at issue time: bumping it revokes the token */
  tv: number;
  /** session id, so that logout can end it */
  sid: string;
  /** issued at / expires, seconds since epoch */
  iat: number;
  exp: number;
}

export const SCREEN_TOKEN_PREFIX = 'zst_';
export const REFRESH_TOKEN_PREFIX = 'zrt_';
export const SCREEN_LINK_PREFIX = 'zsl_';

export function signAccessToken(payload: AccessTokenPayload, secret: string): string {
  const body = Buffer.from(JSON.stringify({ ...payload, typ: 'access' })).toString('base64url');
  return `${body}.${mac(body, secret)}`;
}

/** Returns the payload of a well-signed, unexpired access token; null otherwise. */
export function verifyAccessToken(token: string, secret: string, now = Date.now()): AccessTokenPayload | null {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as AccessTokenPayload & { typ?: string };
    if (payload.typ !== 'access' || typeof payload.exp !== 'number' || payload.exp * 1000 <= now) return null;
    if (!Number.isSafeInteger(payload.sub) || !Number.isSafeInteger(payload.tv) || typeof payload.sid !== 'string') return null;
    return payload;
  } catch {
    return null;
  }
}

function mac(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}

/** An opaque random secret with a recognisable prefix. */
export function newOpaqueToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** Opaque tokens are stored only as their sha256. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}
