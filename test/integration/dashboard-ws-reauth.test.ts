/**
 * The dashboard's API client (dashboard/src/graphql/client.ts) against the real server, over the
 * real WebSocket of Node 24 (the browser's API): a socket closed with 4401 at the access token's
 * expiry reconnects with a fresh token and the live data keeps coming; a 4403 (signed out) is
 * reported to the owner, who signs out.
 */
import type { Client as WsClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAccessToken } from '../../server/src/modules/auth/tokens.js';
import { DEMO_PASSWORD } from '../helpers/constants.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const OVERDUE = `subscription { overdueChanged { id } }`;

/** What this test uses of dashboard/src/graphql/client.ts (loaded at run time: it is typed against the DOM, this project is not). */
interface DashboardApiClient {
  ws: WsClient;
  link: { status: { value: string }; refusedCode: { value: number | null } };
  dispose(): void;
}
let createApiClient: (options: {
  baseUrl: string;
  getToken(): Promise<string | null>;
  onUnauthorized?(token: string): boolean;
  onForbidden?(): void;
}) => DashboardApiClient;

let server: TestServer;
beforeAll(async () => {
  const clientModule = '../../dashboard/src/graphql/client.js';
  ({ createApiClient } = await import(/* @vite-ignore */ clientModule));
  server = await startTestServer();
});
afterAll(() => server?.close());

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('dashboard API client: live link and token lifetime', () => {
  it('a socket closed with 4401 at token expiry reconnects with a fresh token; the subscription keeps delivering', async () => {
    const genuine = await server.login('bgs.liaison', DEMO_PASSWORD);
    const payload = JSON.parse(Buffer.from(genuine.split('.')[0]!, 'base64url').toString());
    const [{ value: secret }] = await server.sql(`select value from server_secret where name = 'auth'`);
    const now = Math.floor(Date.now() / 1000);
    const shortLived = signAccessToken({ sub: payload.sub, tv: payload.tv, sid: payload.sid, iat: now, exp: now + 2 }, secret);
    let current = shortLived;
    const refused: string[] = [];
    let forbidden = 0;
    const api = createApiClient({
      baseUrl: server.url,
      getToken: async () => current,
      // What the user client does: mark the token expired, so that the next getToken refreshes.
      onUnauthorized: (token) => {
        refused.push(token);
        current = genuine;
        return true;
      },
      onForbidden: () => forbidden++,
    });
    const messages: number[] = [];
    const errors: unknown[] = [];
    const dispose = api.ws.subscribe({ query: OVERDUE }, { next: () => messages.push(Date.now()), error: (e) => errors.push(e), complete: () => undefined });
    await until(() => messages.length >= 1 && api.link.status.value === 'connected', 5_000, 'the first state');
    const connectedAt = Date.now();
    // The server closes at expiry (4401); the client reconnects with the fresh token and re-subscribes.
    await until(() => refused.length === 1, 5_000, 'the 4401 at expiry');
    expect(refused).toEqual([shortLived]);
    await until(() => messages.some((t) => t > connectedAt) && api.link.status.value === 'connected', 5_000, 'the state after reconnecting');
    expect(errors).toEqual([]);
    expect(forbidden).toBe(0);
    // Not left marked as refused.
    expect(api.link.refusedCode.value).toBeNull();
    dispose();
    api.dispose();
  });

  it('a 4403 (this session signed out elsewhere) is reported as forbidden, not retried as an expiry', async () => {
    const token = await server.login('bgs.liaison', DEMO_PASSWORD);
    let forbidden = 0;
    let unauthorized = 0;
    const api = createApiClient({
      baseUrl: server.url,
      getToken: async () => (forbidden ? null : token),
      onUnauthorized: () => (unauthorized++, false),
      onForbidden: () => forbidden++,
    });
    let received = 0;
    let ended: unknown;
    const dispose = api.ws.subscribe({ query: OVERDUE }, { next: () => received++, error: (e) => (ended = e), complete: () => undefined });
    await until(() => received >= 1, 5_000, 'the first state');
    await server.gqlOk(`mutation { logout }`, {}, { token });
    // The close code is what is checked; how soon it comes is bench/revocation's figure (npm run bench:revocation).
    await until(() => forbidden === 1, 10_000, 'the 4403 after logout');
    // Signed out (no token any more): the next attempt is refused with 4401 and the link ends for good.
    await until(() => ended !== undefined, 5_000, 'the link to end');
    expect((ended as { code: number }).code).toBe(4401);
    expect(unauthorized).toBe(0);
    dispose();
    api.dispose();
  });
});
