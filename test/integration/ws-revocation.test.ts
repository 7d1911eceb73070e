/**
 * Revocation reaches open WebSockets: a revoked screen token, a deactivated user, a changed password
 * and a signed-out session close their sockets with 4403, on every instance (NOTIFY and Redis); a
 * user's socket closes with 4401 when its access token expires (not before); and a periodic re-check
 * catches a revocation whose message was lost.
 *
 * These tests check the close code, not the time it takes: "within 1 s" is the product's figure and a
 * figure is a benchmark's to report (tests check behaviour, benchmarks report figures: `npm run
 * bench:revocation`, bench/revocation/run.ts). A close is
 * awaited up to CLOSE_TIMEOUT_MS, which only tells a socket that never closes from one that closes.
 * The periodic re-check is set to once an hour wherever it must not be what closes the socket.
 */
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAccessToken } from '../../server/src/modules/auth/tokens.js';
import { DEMO_PASSWORD, DEMO_SCREEN_TOKEN, TEST_ADMIN_PASSWORD } from '../helpers/constants.js';
import { twoInstancesOnOneDatabase } from '../helpers/two-instances.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { connect, subscribe } from '../helpers/ws-client.js';

const OVERDUE = `subscription { overdueChanged { id } }`;
const PASSWORD = 'Ws-revoke-2026!';
const NEW_PASSWORD = 'Ws-revoke-2027!';

interface LiveSocket {
  client: Client;
  /** Resolves with the close code and the time it arrived. */
  closed: Promise<{ code: number; at: number }>;
  /** The close code if closed already, else null. */
  closedCode(): number | null;
}

/** A socket with a live subscription that has delivered its first state (the socket is authenticated). */
async function liveSocket(url: string, token: string): Promise<LiveSocket> {
  const c = connect(url, token);
  let code: number | null = null;
  const closed = c.closed.then((e) => {
    code = e.code;
    return { code: e.code, at: Date.now() };
  });
  const live = subscribe<any>(c.client, OVERDUE);
  await live.waitFor(() => true);
  return { client: c.client, closed, closedCode: () => code };
}

/** Generous on purpose: a hang, not a slow machine, makes a socket take this long to close. */
const CLOSE_TIMEOUT_MS = 10_000;

/** Resolves with the close; fails if the socket is still open after CLOSE_TIMEOUT_MS. */
function closeOf(s: LiveSocket, timeoutMs = CLOSE_TIMEOUT_MS): Promise<{ code: number; at: number }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`socket still open after ${timeoutMs} ms`)), timeoutMs)));
  return Promise.race([s.closed, timeout]).finally(() => clearTimeout(timer));
}

/** A query over the socket still answers (the socket is open and authenticated). */
function queryOver(client: Client): Promise<any> {
  return new Promise((resolve, reject) => client.subscribe({ query: `{ me { name } }` }, { next: resolve, error: reject, complete: () => undefined }));
}

describe('revocation closes open WebSockets (one instance)', () => {
  let server: TestServer;
  let bgs: string;
  let seq = 0;
  beforeAll(async () => {
    // No periodic re-check within a test's reach: every close here comes from the revocation message (or the expiry timer).
    server = await startTestServer({ env: { WS_AUTH_RECHECK_SECONDS: '3600' } });
    const { departments } = await server.gqlOk<any>(`{ departments { id code } }`);
    bgs = departments.find((d: any) => d.code === 'PDS-BGS').id;
  });
  afterAll(() => server?.close());

  async function newUser() {
    const username = `ws${process.pid}x${seq++}`;
    const { createUser } = await server.gqlOk<any>(`mutation($i: CreateUserInput!) { createUser(input: $i) { id version } }`, {
      i: { username, displayName: '实时测试', password: PASSWORD, role: 'LIAISON', departmentId: bgs },
    });
    return { id: createUser.id as string, username };
  }
  /** Signing in bumps the version (last login): read it just before updating. */
  const versionOf = async (id: string) => (await server.sql(`select version from app_user where id = $1`, [id]))[0].version as number;

  it('a revoked screen token: its socket closes with 4403, another screen stays connected', async () => {
    const { createScreenToken } = await server.gqlOk<any>(`mutation { createScreenToken(label: "将被吊销") { token screenToken { id } } }`);
    const doomed = await liveSocket(server.graphqlUrl, createScreenToken.token);
    const other = await liveSocket(server.graphqlUrl, DEMO_SCREEN_TOKEN);
    await server.gqlOk(`mutation($id: ID!) { revokeScreenToken(id: $id) { id } }`, { id: createScreenToken.screenToken.id });
    expect((await closeOf(doomed)).code).toBe(4403);
    // The revocation has been handled (one pass over the sockets closed `doomed`): `other` still answers.
    expect((await queryOver(other.client)).data.me.name).toBeTruthy();
    expect(other.closedCode()).toBeNull();
    await other.client.dispose();
  });

  it('deactivating a user closes their sockets with 4403', async () => {
    const user = await newUser();
    const sockets = [
      await liveSocket(server.graphqlUrl, await server.login(user.username, PASSWORD)),
      await liveSocket(server.graphqlUrl, await server.login(user.username, PASSWORD)),
    ];
    const bystander = await liveSocket(server.graphqlUrl, await server.login('bgs.liaison', DEMO_PASSWORD));
    await server.gqlOk(`mutation($i: UpdateUserInput!) { updateUser(input: $i) { id } }`, {
      i: { id: user.id, version: await versionOf(user.id), isActive: false },
    });
    for (const s of sockets) expect((await closeOf(s)).code).toBe(4403);
    expect((await queryOver(bystander.client)).data.me.name).toBeTruthy();
    expect(bystander.closedCode()).toBeNull();
    await bystander.client.dispose();
  });

  it('a new role or department closes the user’s sockets with 4401 (re-authenticate); the same token reconnects with the new scope', async () => {
    const user = await newUser();
    const token = await server.login(user.username, PASSWORD);
    const socket = await liveSocket(server.graphqlUrl, token);
    expect((await queryOver(socket.client)).data.me.name).toBe(user.username);
    const { departments } = await server.gqlOk<any>(`{ departments { id code } }`);
    const other = departments.find((d: any) => d.code === 'PDS-ZCFG').id;
    // A change that keeps role and department (display name) leaves the socket alone. Marker: a later
    // revocation (another user's new department) travels the same broker after it; once that one has
    // closed its socket, whatever the rename caused has happened too.
    await server.gqlOk(`mutation($i: UpdateUserInput!) { updateUser(input: $i) { id } }`, {
      i: { id: user.id, version: await versionOf(user.id), displayName: '改名不改权限' },
    });
    const markerUser = await newUser();
    const marker = await liveSocket(server.graphqlUrl, await server.login(markerUser.username, PASSWORD));
    await server.gqlOk(`mutation($i: UpdateUserInput!) { updateUser(input: $i) { id } }`, {
      i: { id: markerUser.id, version: await versionOf(markerUser.id), departmentId: other },
    });
    expect((await closeOf(marker)).code).toBe(4401);
    expect(socket.closedCode()).toBeNull();
    expect((await queryOver(socket.client)).data.me.name).toBe(user.username);

    await server.gqlOk(`mutation($i: UpdateUserInput!) { updateUser(input: $i) { id } }`, {
      i: { id: user.id, version: await versionOf(user.id), departmentId: other },
    });
    expect((await closeOf(socket)).code).toBe(4401);
    // Still signed in: the token works, and a new socket sees the new department.
    const again = await liveSocket(server.graphqlUrl, token);
    const me = await new Promise<any>((resolve, reject) =>
      again.client.subscribe({ query: `{ me { department { id } } }` }, { next: resolve, error: reject, complete: () => undefined }),
    );
    expect(me.data.me.department.id).toBe(other);
    await again.client.dispose();
  });

  it('an admin setting a new password closes the user’s sockets with 4403', async () => {
    const user = await newUser();
    const socket = await liveSocket(server.graphqlUrl, await server.login(user.username, PASSWORD));
    await server.gqlOk(`mutation($i: UpdateUserInput!) { updateUser(input: $i) { id } }`, {
      i: { id: user.id, version: await versionOf(user.id), password: NEW_PASSWORD },
    });
    expect((await closeOf(socket)).code).toBe(4403);
  });

  it('changeMyPassword signs out everywhere: every socket of the user closes with 4403', async () => {
    const user = await newUser();
    const a = await server.login(user.username, PASSWORD);
    const sockets = [await liveSocket(server.graphqlUrl, a), await liveSocket(server.graphqlUrl, await server.login(user.username, PASSWORD))];
    await server.gqlOk(
      `mutation($c: String!, $n: String!) { changeMyPassword(currentPassword: $c, newPassword: $n) }`,
      { c: PASSWORD, n: NEW_PASSWORD },
      { token: a },
    );
    for (const s of sockets) expect((await closeOf(s)).code).toBe(4403);
  });

  it('logout closes only that session’s sockets', async () => {
    const user = await newUser();
    const first = await server.login(user.username, PASSWORD);
    const second = await server.login(user.username, PASSWORD);
    const ended = [await liveSocket(server.graphqlUrl, first), await liveSocket(server.graphqlUrl, first)];
    const kept = await liveSocket(server.graphqlUrl, second);
    await server.gqlOk(`mutation { logout }`, {}, { token: first });
    for (const s of ended) expect((await closeOf(s)).code).toBe(4403);
    // The one revocation message closed `ended` in one pass over the sockets: `kept` was spared, and still answers.
    expect((await queryOver(kept.client)).data.me.name).toBe(user.username);
    expect(kept.closedCode()).toBeNull();
    await kept.client.dispose();
  });

  it('a socket closes with 4401 when its access token expires (not before)', async () => {
    const genuine = await server.login('bgs.liaison', DEMO_PASSWORD);
    const payload = JSON.parse(Buffer.from(genuine.split('.')[0]!, 'base64url').toString());
    const [{ value: secret }] = await server.sql(`select value from server_secret where name = 'auth'`);
    const now = Math.floor(Date.now() / 1000);
    const exp = now + 3;
    const shortLived = signAccessToken({ sub: payload.sub, tv: payload.tv, sid: payload.sid, iat: now, exp }, secret);
    const socket = await liveSocket(server.graphqlUrl, shortLived);
    const longLived = await liveSocket(server.graphqlUrl, genuine);
    // Not before the expiry (a 50 ms allowance for timer granularity); after it, any time short of a hang.
    const closed = await closeOf(socket, (exp - now) * 1000 + CLOSE_TIMEOUT_MS);
    expect(closed.code).toBe(4401);
    expect(closed.at).toBeGreaterThanOrEqual(exp * 1000 - 50);
    expect((await queryOver(longLived.client)).data.me.name).toBeTruthy();
    expect(longLived.closedCode()).toBeNull();
    await longLived.client.dispose();
  });
});

describe('the periodic re-check catches a revocation whose message was lost', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { WS_AUTH_RECHECK_SECONDS: '1' } });
  });
  afterAll(() => server?.close());

  it('a screen token and a session revoked directly in the database (no message) close with 4403', async () => {
    const { createScreenToken } = await server.gqlOk<any>(`mutation { createScreenToken(label: "静默吊销") { token screenToken { id } } }`);
    const screen = await liveSocket(server.graphqlUrl, createScreenToken.token);
    const token = await server.login('bgs.liaison', DEMO_PASSWORD);
    const user = await liveSocket(server.graphqlUrl, token);
    const kept = await liveSocket(server.graphqlUrl, DEMO_SCREEN_TOKEN);
    const sid = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).sid;
    await server.sql(`update screen_token set revoked_at = now() where id = $1`, [createScreenToken.screenToken.id]);
    await server.sql(`update auth_session set revoked_at = now() where id = $1`, [sid]);
    expect((await closeOf(screen)).code).toBe(4403);
    expect((await closeOf(user)).code).toBe(4403);
    expect((await queryOver(kept.client)).data.me.name).toBeTruthy();
    expect(kept.closedCode()).toBeNull();
    await kept.client.dispose();
  });
});

/** Two server processes on one database: the revocation on A closes the socket on B. */
describe.each([{ broker: 'postgres' as const }, { broker: 'redis' as const }])('revocation across two instances ($broker)', ({ broker }) => {
  // The re-check runs once an hour here: a close before the test's timeout came through the broker.
  const two = twoInstancesOnOneDatabase(broker, { WS_AUTH_RECHECK_SECONDS: '3600' });
  const gqlTo = two.gqlTo;
  const login = async (url: string, username: string, password: string) =>
    (await gqlTo(url, `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }`, { u: username, p: password })).login
      .accessToken as string;

  it('revokeScreenToken on A closes the screen’s socket on B with 4403', async () => {
    const admin = await login(two.urlA, 'admin', TEST_ADMIN_PASSWORD);
    const { createScreenToken } = await gqlTo(two.urlA, `mutation { createScreenToken(label: "跨实例吊销") { token screenToken { id } } }`, {}, admin);
    const screen = await liveSocket(two.urlB, createScreenToken.token);
    const other = await liveSocket(two.urlB, DEMO_SCREEN_TOKEN);
    await gqlTo(two.urlA, `mutation($id: ID!) { revokeScreenToken(id: $id) { id } }`, { id: createScreenToken.screenToken.id }, admin);
    expect((await closeOf(screen)).code).toBe(4403);
    expect((await queryOver(other.client)).data.me.name).toBeTruthy();
    expect(other.closedCode()).toBeNull();
    await other.client.dispose();
  });

  it('deactivating a user on A closes their socket on B with 4403', async () => {
    const admin = await login(two.urlA, 'admin', TEST_ADMIN_PASSWORD);
    const { departments } = await gqlTo(two.urlA, `{ departments { id code } }`, {}, admin);
    const bgs = departments.find((d: any) => d.code === 'PDS-BGS').id;
    const { createUser } = await gqlTo(
      two.urlA,
      `mutation($i: CreateUserInput!) { createUser(input: $i) { id version } }`,
      {
        i: { username: `wsx${broker}`, displayName: '跨实例', password: PASSWORD, role: 'LIAISON', departmentId: bgs },
      },
      admin,
    );
    const socket = await liveSocket(two.urlB, await login(two.urlB, `wsx${broker}`, PASSWORD));
    const { users } = await gqlTo(two.urlA, `{ users { id version } }`, {}, admin);
    const version = users.find((u: any) => u.id === createUser.id).version;
    await gqlTo(two.urlA, `mutation($i: UpdateUserInput!) { updateUser(input: $i) { id } }`, { i: { id: createUser.id, version, isActive: false } }, admin);
    expect((await closeOf(socket)).code).toBe(4403);
  });
});
