import { createApiClient, type ApiClient } from '../graphql/client';
import type { ApiProblem } from '../graphql/errors';
import { LoginDocument, LogoutDocument, RefreshSessionDocument } from '../graphql/generated/graphql';
import { postGraphQL } from '../graphql/http';
import { expireAccessToken, saveUserTokens, session, userAccessToken, type UserTokens } from './session';

interface TokenPayload {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
}

function toTokens(p: TokenPayload): UserTokens {
  return { accessToken: p.accessToken, accessExpiresAt: Date.parse(p.accessTokenExpiresAt), refreshToken: p.refreshToken };
}

/** Trades the refresh token for new tokens; a refusal is marked `refused` (the session ends). */
export async function refreshTokens(refreshToken: string): Promise<UserTokens> {
  const body = await postGraphQL(RefreshSessionDocument, { refreshToken });
  if (body.data?.refreshSession) return toTokens(body.data.refreshSession);
  // Refused (expired, revoked, replayed): the session is over. Anything else: keep it and retry later.
  const code = body.errors?.[0]?.extensions?.code;
  throw Object.assign(new Error(body.errors?.[0]?.message ?? '会话已失效'), {
    refused: code === 'UNAUTHENTICATED' || code === 'BAD_USER_INPUT' || code === 'FORBIDDEN',
  });
}

/** Signs in; returns the problems to show, or null on success. */
export async function signIn(username: string, password: string): Promise<ApiProblem[] | null> {
  try {
    const body = await postGraphQL(LoginDocument, { username, password });
    if (body.data?.login) {
      saveUserTokens(toTokens(body.data.login));
      return null;
    }
    return (body.errors ?? []).map((e) => ({
      message: e.message,
      code: e.extensions?.code as string | undefined,
      field: typeof e.extensions?.field === 'string' ? e.extensions.field : undefined,
    }));
  } catch {
    return [{ message: '无法连接服务器，请检查网络后重试', code: 'NETWORK' }];
  }
}

export async function signOut(): Promise<void> {
  const token = session.user?.accessToken;
  saveUserTokens(null);
  if (token) await postGraphQL(LogoutDocument, {}, token).catch(() => undefined);
}

/**
 * The API client of the signed-in user (tokens refreshed as needed). A live socket closed with 4401
 * (its access token expired) reconnects with a refreshed token; 4403 (revoked, deactivated, signed
 * out elsewhere) signs this browser out, and the shell goes to the sign-in page.
 */
export function createUserClient(): ApiClient {
  return createApiClient({
    getToken: () => userAccessToken(refreshTokens),
    onUnauthorized: (token) => expireAccessToken(token),
    onForbidden: () => saveUserTokens(null),
  });
}
