import { reactive } from 'vue';

/** Tokens of a signed-in user, kept in localStorage so that a reload stays signed in. */
export interface UserTokens {
  accessToken: string;
  /** Epoch ms. */
  accessExpiresAt: number;
  refreshToken: string;
}

const USER_KEY = 'zwgk.session';
const SCREEN_KEY = 'zwgk.screenToken';
/** Refresh this long before the access token expires. */
const REFRESH_MARGIN_MS = 60_000;

export type RefreshFn = (refreshToken: string) => Promise<UserTokens>;

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

/** Reactive view of who is signed in on this browser (user tokens and/or a wall-screen token). */
export const session = reactive({
  user: read<UserTokens>(USER_KEY),
  screenToken: read<string>(SCREEN_KEY),
});

export function saveUserTokens(tokens: UserTokens | null): void {
  session.user = tokens;
  if (tokens) localStorage.setItem(USER_KEY, JSON.stringify(tokens));
  else localStorage.removeItem(USER_KEY);
}

export function saveScreenToken(token: string | null): void {
  session.screenToken = token;
  if (token) localStorage.setItem(SCREEN_KEY, JSON.stringify(token));
  else localStorage.removeItem(SCREEN_KEY);
}

/**
 * The server refused `token` as expired (a WebSocket closed with 4401 at the token's expiry): the
 * next `userAccessToken` refreshes, even if this browser's clock thinks the token is still good.
 * Returns whether there is a session to refresh.
 */
export function expireAccessToken(token: string): boolean {
  const current = session.user;
  if (!current) return false;
  if (current.accessToken === token && current.accessExpiresAt > 0) saveUserTokens({ ...current, accessExpiresAt: 0 });
  return true;
}

let refreshing: Promise<UserTokens | null> | null = null;

/**
 * A valid access token of the signed-in user, refreshed when it is about to expire; null when
 * signed out (or the refresh was refused: the session is then cleared).
 * Refresh tokens work once: tabs take turns under a Web Lock and re-read what another tab stored.
 */
export async function userAccessToken(refresh: RefreshFn): Promise<string | null> {
  const current = session.user;
  if (!current) return null;
  if (current.accessExpiresAt - REFRESH_MARGIN_MS > Date.now()) return current.accessToken;
  refreshing ??= withLock(async () => {
    const stored = read<UserTokens>(USER_KEY);
    if (!stored) return null;
    if (stored.accessExpiresAt - REFRESH_MARGIN_MS > Date.now()) return stored;
    try {
      return await refresh(stored.refreshToken);
    } catch (error) {
      // Refused (expired, revoked, reused): signed out. A network failure keeps the tokens for a retry.
      if ((error as { refused?: boolean }).refused) return null;
      throw error;
    }
  })
    .then((tokens) => {
      saveUserTokens(tokens);
      return tokens;
    })
    .finally(() => (refreshing = null));
  const tokens = await refreshing;
  return tokens?.accessToken ?? null;
}

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return fn();
  return locks.request('zwgk.refresh', fn) as Promise<T>;
}
