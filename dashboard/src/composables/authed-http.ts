import { refreshTokens } from './user-session';
import { userAccessToken } from './session';

/** fetch() with the signed-in user's Bearer token (the Excel endpoints under /api). */
export async function authedFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const token = await userAccessToken(refreshTokens);
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  return fetch(path, { ...init, headers });
}

/** The server's error message of a failed /api call (JSON in the GraphQL shape), in Chinese. */
export async function apiErrorMessage(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { errors?: { message: string }[] };
    return body.errors?.[0]?.message ?? `请求失败（HTTP ${res.status}）`;
  } catch {
    return `请求失败（HTTP ${res.status}）`;
  }
}

/** Downloads a file from an authenticated endpoint (a plain link cannot carry the token). */
export async function downloadFile(path: string, fallbackName: string): Promise<string | null> {
  const res = await authedFetch(path);
  if (!res.ok) return apiErrorMessage(res);
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const name = match ? decodeURIComponent(match[1]!) : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return null;
}
