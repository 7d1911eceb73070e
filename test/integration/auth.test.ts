/**
 * Sign-in, sessions and tokens against the real server: login, lockout and slow-down, refresh
 * rotation with reuse detection, logout, forged/tampered/expired tokens, revocation on
 * deactivation and password change, account validation, and read-only screen tokens.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAccessToken } from '../../server/src/modules/auth/tokens.js';
import { DEMO_PASSWORD, DEMO_SCREEN_TOKEN } from '../helpers/constants.js';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let deptIds: Record<string, string>;
let adminId: number;
beforeAll(async () => {
  server = await startTestServer();
  const { departments } = await server.gqlOk<any>(`{ departments { id code } }`);
  deptIds = Object.fromEntries(departments.map((d: any) => [d.code, d.id]));
  [{ id: adminId }] = await server.sql(`select id from app_user where username = 'admin'`);
});
afterAll(() => server?.close());

const PASSWORD = 'Passw0rd!test';
const LOGIN = `mutation($u: String!, $p: String!) {
  login(username: $u, password: $p) {
    accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt
    user { id username role version department { code } }
  }
}`;
const REFRESH = `mutation($r: String!) { refreshSession(refreshToken: $r) { accessToken refreshToken refreshTokenExpiresAt user { username } } }`;
const ME = `{ me { kind role name department { code } user { id username } scopeDepartmentIds } }`;
const UPDATE_USER = `mutation($i: UpdateUserInput!) { updateUser(input: $i) { id version isActive lockedUntil } }`;
const CHINESE = /[\u4e00-\u9fa5]/;

const signIn = (username: string, password: string) => server.gql<any>(LOGIN, { u: username, p: password }, { token: null });
async function signInOk(username: string, password: string) {
  const res = await signIn(username, password);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.login as { accessToken: string; refreshToken: string; accessTokenExpiresAt: string; refreshTokenExpiresAt: string; user: any };
}
const me = (token: string | null) => server.gql<any>(ME, {}, { token });

function expectUnauthenticated(res: GraphQLResponse<any>, reason?: string) {
  expect(res.errors, JSON.stringify(res)).toBeDefined();
  expect(res.errors!.length).toBeGreaterThan(0);
  for (const e of res.errors!) expect(e.extensions?.code, JSON.stringify(e)).toBe('UNAUTHENTICATED');
  if (reason) expect(res.errors![0]!.extensions?.reason).toBe(reason);
  expect(res.data ?? null).toBeNull();
}

/** Awaits two requests sent together; `order` says which answered first (0) and second (1). */
async function answeredInOrder<A, B>(a: Promise<A>, b: Promise<B>): Promise<[{ value: A; order: number }, { value: B; order: number }]> {
  let done = 0;
  const track = <T>(p: Promise<T>) => p.then((value) => ({ value, order: done++ }));
  return Promise.all([track(a), track(b)]);
}

let seq = 0;
async function newUser(role = 'LIAISON', dept: string | null = 'PDS-BGS') {
  const username = `u${process.pid}x${seq++}`;
  const { createUser } = await server.gqlOk<any>(`mutation($i: CreateUserInput!) { createUser(input: $i) { id version username } }`, {
    i: { username, displayName: '测试用户', password: PASSWORD, role, departmentId: dept ? deptIds[dept] : null },
  });
  return createUser as { id: string; version: number; username: string };
}
async function userVersion(id: string): Promise<number> {
  const [row] = await server.sql(`select version from app_user where id = $1`, [id]);
  return row.version;
}

describe('login', () => {
  it('returns tokens with their expiry and the user; `me` works with the access token', async () => {
    const before = Date.now();
    const login = await signInOk('bgs.liaison', DEMO_PASSWORD);
    expect(login.accessToken).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(login.refreshToken).toMatch(/^zrt_[A-Za-z0-9_-]{20,}$/);
    const accessTtl = server.config.auth.accessTokenTtlSeconds * 1000;
    const refreshTtl = server.config.auth.refreshTokenTtlSeconds * 1000;
    expect(Date.parse(login.accessTokenExpiresAt) - before).toBeGreaterThan(accessTtl - 60_000);
    expect(Date.parse(login.accessTokenExpiresAt) - before).toBeLessThan(accessTtl + 60_000);
    expect(Date.parse(login.refreshTokenExpiresAt) - before).toBeGreaterThan(refreshTtl - 60_000);
    expect(Date.parse(login.refreshTokenExpiresAt) - before).toBeLessThan(refreshTtl + 60_000);
    expect(login.user).toMatchObject({ username: 'bgs.liaison', role: 'LIAISON', department: { code: 'PDS-BGS' } });

    const res = await me(login.accessToken);
    expect(res.errors).toBeUndefined();
    expect(res.data!.me).toMatchObject({
      kind: 'user',
      role: 'LIAISON',
      name: 'bgs.liaison',
      department: { code: 'PDS-BGS' },
      user: { id: login.user.id, username: 'bgs.liaison' },
      scopeDepartmentIds: [deptIds['PDS-BGS']],
    });
    // The refresh token is stored only as a hash.
    const [{ n }] = await server.sql(`select count(*)::int as n from auth_session where token_hash = $1`, [login.refreshToken]);
    expect(n).toBe(0);
    const [{ h }] = await server.sql(`select count(*)::int as h from auth_session where token_hash = $1`, [
      createHash('sha256').update(login.refreshToken).digest('base64url'),
    ]);
    expect(h).toBe(1);
  });

  it('is case-insensitive in the username', async () => {
    const login = await signInOk('BGS.Head', DEMO_PASSWORD);
    expect(login.user.username).toBe('bgs.head');
    expect((await me(login.accessToken)).data!.me).toMatchObject({ role: 'DEPARTMENT_HEAD', department: { code: 'PDS-BGS' } });
  });

  it('refuses a wrong password and an unknown user with the same error (no enumeration)', async () => {
    const wrong = await signIn('bgs.head', 'Wrong-password-1');
    const unknown = await signIn('no.such.user', 'Wrong-password-1');
    for (const res of [wrong, unknown]) {
      expect(res.data ?? null).toBeNull();
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS' });
      expect(res.errors![0]!.message).toMatch(CHINESE);
    }
    expect(unknown.errors![0]!.message).toBe(wrong.errors![0]!.message);
    expect(unknown.errors![0]!.extensions).toEqual(wrong.errors![0]!.extensions);
    // The right password still works (one failure does not lock).
    await signInOk('bgs.head', DEMO_PASSWORD);
  });
});

describe('lockout', () => {
  it('locks after LOGIN_MAX_FAILURES wrong passwords, refuses even the right one, and an admin unlock lifts it', async () => {
    expect(server.config.auth.maxFailures).toBe(5);
    const user = await newUser();
    const reasons: string[] = [];
    const firstAttemptAt = Date.now();
    for (let i = 0; i < 5; i++) {
      const res = await signIn(user.username, `Wrong-${i}-pass`);
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      reasons.push(res.errors![0]!.extensions!.reason);
    }
    expect(reasons.slice(0, 4)).toEqual(Array(4).fill('INVALID_CREDENTIALS'));
    const sixth = await signIn(user.username, PASSWORD);
    // The 5th answer or at the latest the next one says the account is locked.
    expect([reasons[4], sixth.errors?.[0]?.extensions?.reason]).toContain('ACCOUNT_LOCKED');
    expect(sixth.data ?? null).toBeNull();
    expect(sixth.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ACCOUNT_LOCKED' });
    expect(sixth.errors![0]!.message).toMatch(CHINESE);
    const [row] = await server.sql(`select locked_until, failed_logins from app_user where id = $1`, [user.id]);
    const lockMs = server.config.auth.lockSeconds * 1000;
    expect(row.locked_until).toBeInstanceOf(Date);
    // Locked for lockMs from a moment between the first attempt and now (the server runs in this process: one clock).
    expect(row.locked_until.getTime() - lockMs).toBeGreaterThanOrEqual(firstAttemptAt);
    expect(row.locked_until.getTime() - lockMs).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(sixth.errors![0]!.extensions!.lockedUntil)).toBe(row.locked_until.getTime());
    // Still locked on another try with the right password; the admin sees the lock.
    expect((await signIn(user.username, PASSWORD)).errors?.[0]?.extensions?.reason).toBe('ACCOUNT_LOCKED');
    const { users } = await server.gqlOk<any>(`{ users { id lockedUntil } }`);
    expect(users.find((u: any) => u.id === user.id).lockedUntil).not.toBeNull();

    const { updateUser } = await server.gqlOk<any>(UPDATE_USER, { i: { id: user.id, version: await userVersion(user.id), unlock: true } });
    expect(updateUser.lockedUntil).toBeNull();
    const [after] = await server.sql(`select locked_until, failed_logins from app_user where id = $1`, [user.id]);
    expect(after).toEqual({ locked_until: null, failed_logins: 0 });
    const login = await signInOk(user.username, PASSWORD);
    expect((await me(login.accessToken)).data?.me?.name).toBe(user.username);
  });

  it('slows down each consecutive failure; a success starts the count again (separate server, LOGIN_FAILURE_DELAY_MS=100)', async () => {
    const slow = await startTestServer({ env: { LOGIN_FAILURE_DELAY_MS: '100' } });
    try {
      const timed = async (username: string, password: string) => {
        const t0 = performance.now();
        const res = await slow.gql<any>(LOGIN, { u: username, p: password }, { token: null });
        return { ms: performance.now() - t0, reason: res.errors?.[0]?.extensions?.reason };
      };
      const failures = async (username: string) =>
        (await slow.sql(`select failures from login_throttle where name = $1`, [username]))[0]?.failures as number | undefined;
      const results = [];
      for (let i = 1; i <= 3; i++) results.push(await timed('zfzd1.liaison', `Wrong-${i}-pass`));
      // The 4th failure of one name and the 1st of another, sent together: 100 ms × 2^(n-1) makes the
      // first wait 800 ms and the other 100 ms (both plus one scrypt), so the other answers first. An
      // order, not a time: a loaded machine slows both requests alike.
      const [fourth, fresh] = await answeredInOrder(timed('zfzd1.liaison', 'Wrong-4-pass'), timed('nobody.fresh', 'Wrong-1-pass'));
      results.push(fourth.value);
      expect(results.map((r) => r.reason)).toEqual(Array(4).fill('INVALID_CREDENTIALS'));
      expect(fresh.value.reason).toBe('INVALID_CREDENTIALS');
      expect(await failures('zfzd1.liaison')).toBe(4);
      expect(fresh.order, 'the 1st failure of another name answered after the 4th of this one').toBeLessThan(fourth.order);
      // The 4th waited its 800 ms whatever the load (a lower bound: load only adds to it).
      expect(fourth.value.ms).toBeGreaterThanOrEqual(780);
      // Success resets the count: the next failure is the first again.
      const ok = await slow.gql<any>(LOGIN, { u: 'zfzd1.liaison', p: DEMO_PASSWORD }, { token: null });
      expect(ok.errors).toBeUndefined();
      const [row] = await slow.sql(`select failed_logins from app_user where username = 'zfzd1.liaison'`);
      expect(row.failed_logins).toBe(0);
      expect(await failures('zfzd1.liaison')).toBeUndefined();
      // … so it answers before the 4th failure of another name sent with it (as above).
      for (const i of [2, 3]) expect((await timed('nobody.fresh', `Wrong-${i}-pass`)).reason).toBe('INVALID_CREDENTIALS');
      const [again, otherFourth] = await answeredInOrder(timed('zfzd1.liaison', 'Wrong-again-1'), timed('nobody.fresh', 'Wrong-4-pass'));
      expect([again.value.reason, otherFourth.value.reason]).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS']);
      expect(again.order, 'the failure after a success was not the first of a new count').toBeLessThan(otherFourth.order);
      expect(await failures('zfzd1.liaison')).toBe(1);
      expect(otherFourth.value.ms).toBeGreaterThanOrEqual(780);
    } finally {
      await slow.close();
    }
  });
});

describe('no username enumeration through delays or lockout', () => {
  it('an unknown name slows down and locks exactly like a real account (separate server, LOGIN_FAILURE_DELAY_MS=100)', async () => {
    const slow = await startTestServer({ env: { LOGIN_FAILURE_DELAY_MS: '100' } });
    try {
      let answers = 0;
      const attempt = async (username: string, i: number) => {
        const t0 = performance.now();
        const res = await slow.gql<any>(LOGIN, { u: username, p: `Wrong-${i}-pass` }, { token: null });
        const ms = performance.now() - t0;
        const answered = answers++;
        // The count the delay is computed from (100 ms × 2^(count-1)); reset to 0 when the name locks.
        const [throttle] = await slow.sql(`select failures, locked_until is not null as locked from login_throttle where name = $1`, [
          username.trim().toLowerCase(),
        ]);
        return { ms, answered, extensions: res.errors?.[0]?.extensions, message: res.errors?.[0]?.message, throttle };
      };
      const real: Awaited<ReturnType<typeof attempt>>[] = [];
      for (let i = 1; i <= 3; i++) real.push(await attempt('zfzd1.liaison', i));
      // The invented name's 1st failure, sent with the real name's 4th (800 ms against 100 ms, both plus one
      // scrypt), answers first, as a real name's does: its delay starts as small. An order, not a time.
      const [realFourth, inventedFirst] = await Promise.all([attempt('zfzd1.liaison', 4), attempt('nobody.here', 1)]);
      real.push(realFourth);
      for (let i = 5; i <= 6; i++) real.push(await attempt('zfzd1.liaison', i));
      const invented = [inventedFirst];
      for (let i = 2; i <= 6; i++) invented.push(await attempt('nobody.here', i));
      const reasons = (r: typeof real) => r.map((a) => a.extensions?.reason);
      // Same answers in the same order: four refusals, then the lock, for both.
      expect(reasons(invented)).toEqual(reasons(real));
      expect(reasons(real).slice(0, 4)).toEqual(Array(4).fill('INVALID_CREDENTIALS'));
      expect(reasons(real).slice(4)).toEqual(['ACCOUNT_LOCKED', 'ACCOUNT_LOCKED']);
      expect(invented[5]!.message).toMatch(CHINESE);
      expect(inventedFirst.answered, 'an invented name’s 1st failure answered after a real name’s 4th').toBeLessThan(realFourth.answered);
      // Same growth of the delay: the same count after each attempt, for both …
      const counts = (r: typeof real) => r.map((a) => a.throttle);
      expect(counts(real)).toEqual([
        { failures: 1, locked: false },
        { failures: 2, locked: false },
        { failures: 3, locked: false },
        { failures: 4, locked: false },
        { failures: 0, locked: true },
        { failures: 0, locked: true },
      ]);
      expect(counts(invented)).toEqual(counts(real));
      // … and the 4th waited its 800 ms for both (a lower bound: a loaded machine only adds to it).
      for (const s of [real, invented]) expect(s[3]!.ms).toBeGreaterThanOrEqual(780);
      // Case and surrounding spaces do not make a new name to try.
      expect((await attempt('  NOBODY.here ', 7)).extensions?.reason).toBe('ACCOUNT_LOCKED');
    } finally {
      await slow.close();
    }
  });
});

describe('failed sign-ins per client address', () => {
  const attempt = (srv: TestServer, u: string, p: string, headers: Record<string, string> = {}) => srv.gql<any>(LOGIN, { u, p }, { token: null, headers });

  it('refuses an address after LOGIN_FAILURES_PER_IP failures over any names; successes never count', async () => {
    const limited = await startTestServer({ env: { LOGIN_FAILURES_PER_IP: '3' } });
    try {
      // An office behind one address signing in many times is never slowed.
      for (let i = 0; i < 6; i++) expect((await attempt(limited, 'bgs.head', DEMO_PASSWORD)).errors).toBeUndefined();
      // Spraying: three failures over three names (none locked by itself) …
      for (const name of ['bgs.liaison', 'zfzd.head', 'no.such.user']) {
        expect((await attempt(limited, name, 'Wrong-pass-1')).errors?.[0]?.extensions?.reason).toBe('INVALID_CREDENTIALS');
      }
      // … and the address is refused, even with a right password, before any password is checked.
      const refused = await attempt(limited, 'bgs.head', DEMO_PASSWORD);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'TOO_MANY_FAILURES' });
      expect(refused.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
      expect(refused.errors![0]!.message).toMatch(CHINESE);
      const refresh = await limited.gql<any>(REFRESH, { r: 'zrt_not-a-token' }, { token: null });
      expect(refresh.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
    } finally {
      await limited.close();
    }
  });

  it('counts per client behind TRUST_PROXY proxies (X-Forwarded-For), and ignores that header otherwise', async () => {
    const proxied = await startTestServer({ env: { LOGIN_FAILURES_PER_IP: '2', TRUST_PROXY: '1' } });
    const direct = await startTestServer({ env: { LOGIN_FAILURES_PER_IP: '2' } });
    try {
      for (let i = 0; i < 2; i++) await attempt(proxied, 'bgs.liaison', 'Wrong-pass-1', { 'x-forwarded-for': '203.0.113.7' });
      expect((await attempt(proxied, 'bgs.head', DEMO_PASSWORD, { 'x-forwarded-for': '203.0.113.7' })).errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
      // Another client behind the same proxy is not affected.
      expect((await attempt(proxied, 'bgs.head', DEMO_PASSWORD, { 'x-forwarded-for': '203.0.113.8' })).errors).toBeUndefined();

      // Without TRUST_PROXY a forged header does not make a new address.
      for (let i = 0; i < 2; i++) await attempt(direct, 'bgs.liaison', 'Wrong-pass-1', { 'x-forwarded-for': `198.51.100.${i}` });
      expect((await attempt(direct, 'bgs.head', DEMO_PASSWORD, { 'x-forwarded-for': '198.51.100.99' })).errors?.[0]?.extensions?.code).toBe(
        'TOO_MANY_REQUESTS',
      );
    } finally {
      await proxied.close();
      await direct.close();
    }
  });
});

describe('refresh rotation', () => {
  it('gives new tokens; replaying the old refresh token is refused and ends the whole session', async () => {
    const first = await signInOk('bgs.liaison', DEMO_PASSWORD);
    const r1 = await server.gql<any>(REFRESH, { r: first.refreshToken }, { token: null });
    expect(r1.errors).toBeUndefined();
    const second = r1.data!.refreshSession;
    expect(second.refreshToken).toMatch(/^zrt_/);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.user.username).toBe('bgs.liaison');
    expect((await me(second.accessToken)).data?.me?.name).toBe('bgs.liaison');

    const replay = await server.gql<any>(REFRESH, { r: first.refreshToken }, { token: null });
    expectUnauthenticated(replay, 'TOKEN_REVOKED');
    expect(replay.errors![0]!.message).toMatch(CHINESE);

    // The session is over: its newest refresh token and every access token of it are refused.
    expectUnauthenticated(await server.gql<any>(REFRESH, { r: second.refreshToken }, { token: null }));
    expectUnauthenticated(await me(second.accessToken));
    expectUnauthenticated(await me(first.accessToken));
    const sid = JSON.parse(Buffer.from(first.accessToken.split('.')[0]!, 'base64url').toString()).sid;
    const [session] = await server.sql(`select revoked_at from auth_session where id = $1`, [sid]);
    expect(session.revoked_at).toBeInstanceOf(Date);
  });

  it('a refresh token from two rotations ago, replayed, also ends the session', async () => {
    const first = await signInOk('bgs.liaison', DEMO_PASSWORD);
    const second = (await server.gqlOk<any>(REFRESH, { r: first.refreshToken }, { token: null })).refreshSession;
    const third = (await server.gqlOk<any>(REFRESH, { r: second.refreshToken }, { token: null })).refreshSession;
    // A thief who rotated twice must not keep the session when the old token shows up again.
    expectUnauthenticated(await server.gql<any>(REFRESH, { r: first.refreshToken }, { token: null }));
    expectUnauthenticated(await server.gql<any>(REFRESH, { r: third.refreshToken }, { token: null }));
    expectUnauthenticated(await me(third.accessToken));
  });

  it('refuses an unknown or expired refresh token', async () => {
    expectUnauthenticated(await server.gql<any>(REFRESH, { r: 'zrt_not-a-real-token' }, { token: null }));
    const login = await signInOk('bgs.liaison', DEMO_PASSWORD);
    const sid = JSON.parse(Buffer.from(login.accessToken.split('.')[0]!, 'base64url').toString()).sid;
    await server.sql(`update auth_session set expires_at = now() - interval '1 minute' where id = $1`, [sid]);
    expectUnauthenticated(await server.gql<any>(REFRESH, { r: login.refreshToken }, { token: null }));
  });
});

describe('logout', () => {
  it('ends this session only: its access and refresh tokens are refused, other sessions keep working', async () => {
    const a = await signInOk('zfzd.head', DEMO_PASSWORD);
    const b = await signInOk('zfzd.head', DEMO_PASSWORD);
    const out = await server.gql<any>(`mutation { logout }`, {}, { token: a.accessToken });
    expect(out).toEqual({ data: { logout: true } });
    expectUnauthenticated(await me(a.accessToken));
    expectUnauthenticated(await server.gql<any>(REFRESH, { r: a.refreshToken }, { token: null }));
    const still = await me(b.accessToken);
    expect(still.errors).toBeUndefined();
    expect(still.data!.me.name).toBe('zfzd.head');
    expect((await server.gql<any>(REFRESH, { r: b.refreshToken }, { token: null })).errors).toBeUndefined();
    // Anonymous logout is refused.
    expectUnauthenticated(await server.gql<any>(`mutation { logout }`, {}, { token: null }));
  });
});

describe('bad tokens are refused, never data', () => {
  const QUERY = `{ me { name role } tasks(first: 1) { totalCount nodes { id } } }`;
  const UPDATE = `mutation($i: UpdateTaskProgressInput!) { updateTaskProgress(input: $i) { id progress } }`;

  async function refusedEverywhere(headers: Record<string, string>, reason?: string) {
    const res = await server.gql<any>(QUERY, {}, { token: null, headers });
    expectUnauthenticated(res, reason);
    const [task] = await server.sql(
      `select t.id, t.version, t.progress from task t join department d on d.id = t.department_id where d.code = 'PDS-BGS' order by t.id limit 1`,
    );
    const write = await server.gql<any>(
      UPDATE,
      { i: { id: String(task.id), version: task.version, progress: (task.progress + 7) % 100 } },
      { token: null, headers },
    );
    expectUnauthenticated(write, reason);
    const [after] = await server.sql(`select version, progress from task where id = $1`, [task.id]);
    expect(after).toEqual({ version: task.version, progress: task.progress });
  }

  let good: Awaited<ReturnType<typeof signInOk>>;
  let secret: string;
  let payload: { sub: number; tv: number; sid: string; iat: number; exp: number };
  beforeAll(async () => {
    good = await signInOk('bgs.liaison', DEMO_PASSWORD);
    [{ value: secret }] = await server.sql(`select value from server_secret where name = 'auth'`);
    payload = JSON.parse(Buffer.from(good.accessToken.split('.')[0]!, 'base64url').toString());
  });

  it('the genuine token works (control)', async () => {
    const res = await server.gql<any>(QUERY, {}, { token: good.accessToken });
    expect(res.errors).toBeUndefined();
    expect(res.data!.me.name).toBe('bgs.liaison');
    // Our copy of the signing scheme reproduces the server's token exactly.
    expect(signAccessToken({ sub: payload.sub, tv: payload.tv, sid: payload.sid, iat: payload.iat, exp: payload.exp }, secret)).toBe(good.accessToken);
  });

  it('a forged signature (one character flipped)', async () => {
    const [body, sig] = good.accessToken.split('.') as [string, string];
    const i = Math.floor(sig.length / 2);
    const flipped = sig.slice(0, i) + (sig[i] === 'A' ? 'B' : 'A') + sig.slice(i + 1);
    await refusedEverywhere({ authorization: `Bearer ${body}.${flipped}` });
  });

  it('a modified payload (sub → the admin) with the old signature', async () => {
    const [, sig] = good.accessToken.split('.') as [string, string];
    const body = Buffer.from(JSON.stringify({ ...payload, sub: adminId })).toString('base64url');
    await refusedEverywhere({ authorization: `Bearer ${body}.${sig}` });
  });

  it('a properly signed token whose session belongs to someone else', async () => {
    const forged = signAccessToken({ sub: adminId, tv: 0, sid: payload.sid, iat: payload.iat, exp: payload.exp }, secret);
    await refusedEverywhere({ authorization: `Bearer ${forged}` });
  });

  it('an expired token, signed with the real key', async () => {
    const now = Math.floor(Date.now() / 1000);
    const live = signAccessToken({ sub: payload.sub, tv: payload.tv, sid: payload.sid, iat: now - 60, exp: now + 600 }, secret);
    expect((await me(live)).data?.me?.name).toBe('bgs.liaison');
    const expired = signAccessToken({ sub: payload.sub, tv: payload.tv, sid: payload.sid, iat: now - 3600, exp: now - 60 }, secret);
    await refusedEverywhere({ authorization: `Bearer ${expired}` });
  });

  it('a token with an old token version', async () => {
    const stale = signAccessToken({ ...payload, tv: payload.tv - 1 }, secret);
    await refusedEverywhere({ authorization: `Bearer ${stale}` });
  });

  it('garbage, an empty signature, a non-Bearer scheme, a bare token and trailing junk', async () => {
    const body = good.accessToken.split('.')[0];
    for (const authorization of [
      'Bearer x',
      `Bearer ${body}.`,
      `Bearer ${body}`,
      'Basic YWRtaW46QWRtaW5AdGVzdC0yMDI2',
      good.accessToken,
      `Token ${good.accessToken}`,
      `Bearer ${good.accessToken} extra`,
      'Bearer zst_not-a-screen-token',
    ]) {
      await refusedEverywhere({ authorization });
    }
  });
});

describe('revocation', () => {
  it('deactivating a user kills their live token at once and blocks sign-in and refresh', async () => {
    const user = await newUser();
    const login = await signInOk(user.username, PASSWORD);
    expect((await me(login.accessToken)).data?.me?.name).toBe(user.username);
    const { updateUser } = await server.gqlOk<any>(UPDATE_USER, { i: { id: user.id, version: await userVersion(user.id), isActive: false } });
    expect(updateUser.isActive).toBe(false);
    expectUnauthenticated(await me(login.accessToken), 'TOKEN_REVOKED');
    expectUnauthenticated(await server.gql<any>(REFRESH, { r: login.refreshToken }, { token: null }));
    const again = await signIn(user.username, PASSWORD);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ACCOUNT_DISABLED' });
    expect(again.data ?? null).toBeNull();
  });

  it('a deactivated and later reactivated user’s old refresh token stays dead', async () => {
    const user = await newUser();
    const login = await signInOk(user.username, PASSWORD);
    await server.gqlOk(UPDATE_USER, { i: { id: user.id, version: await userVersion(user.id), isActive: false } });
    await server.gqlOk(UPDATE_USER, { i: { id: user.id, version: await userVersion(user.id), isActive: true } });
    expectUnauthenticated(await me(login.accessToken));
    expectUnauthenticated(await server.gql<any>(REFRESH, { r: login.refreshToken }, { token: null }));
  });

  it('an admin changing the password revokes the access tokens; only the new password works', async () => {
    const user = await newUser();
    const login = await signInOk(user.username, PASSWORD);
    await server.gqlOk(UPDATE_USER, { i: { id: user.id, version: await userVersion(user.id), password: 'N3w-Passw0rd!' } });
    expectUnauthenticated(await me(login.accessToken), 'TOKEN_REVOKED');
    expect((await signIn(user.username, PASSWORD)).errors?.[0]?.extensions?.reason).toBe('INVALID_CREDENTIALS');
    await signInOk(user.username, 'N3w-Passw0rd!');
  });

  it('an admin changing the password also revokes the refresh tokens (signs out everywhere)', async () => {
    const user = await newUser();
    const login = await signInOk(user.username, PASSWORD);
    await server.gqlOk(UPDATE_USER, { i: { id: user.id, version: await userVersion(user.id), password: 'N3w-Passw0rd!' } });
    const refreshed = await server.gql<any>(REFRESH, { r: login.refreshToken }, { token: null });
    expectUnauthenticated(refreshed);
  });

  it('changeMyPassword works and every old token stops working', async () => {
    const user = await newUser('DEPARTMENT_HEAD', 'PDS-ZCFG');
    const a = await signInOk(user.username, PASSWORD);
    const b = await signInOk(user.username, PASSWORD);
    const CHANGE = `mutation($c: String!, $n: String!) { changeMyPassword(currentPassword: $c, newPassword: $n) }`;
    const wrong = await server.gql<any>(CHANGE, { c: 'not-my-Passw0rd', n: 'An0ther-pass!' }, { token: a.accessToken });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS' });
    const weak = await server.gql<any>(CHANGE, { c: PASSWORD, n: 'short' }, { token: a.accessToken });
    expect(weak.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WEAK_PASSWORD' });
    expect((await me(a.accessToken)).data?.me?.name).toBe(user.username);

    const ok = await server.gql<any>(CHANGE, { c: PASSWORD, n: 'An0ther-pass!' }, { token: a.accessToken });
    expect(ok).toEqual({ data: { changeMyPassword: true } });
    expectUnauthenticated(await me(a.accessToken));
    expectUnauthenticated(await me(b.accessToken));
    expect((await signIn(user.username, PASSWORD)).errors?.[0]?.extensions?.reason).toBe('INVALID_CREDENTIALS');
    await signInOk(user.username, 'An0ther-pass!');
  });

  it('changeMyPassword also revokes the refresh tokens of the other sessions', async () => {
    const user = await newUser();
    const a = await signInOk(user.username, PASSWORD);
    const b = await signInOk(user.username, PASSWORD);
    await server.gqlOk(
      `mutation($c: String!, $n: String!) { changeMyPassword(currentPassword: $c, newPassword: $n) }`,
      { c: PASSWORD, n: 'An0ther-pass!' },
      { token: a.accessToken },
    );
    expectUnauthenticated(await server.gql<any>(REFRESH, { r: b.refreshToken }, { token: null }));
  });
});

describe('createUser validation', () => {
  const CREATE = `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`;
  const cases: [string, Record<string, unknown>, string][] = [
    ['a weak password', { username: 'weak.pw.user', displayName: '甲', password: 'abcdefgh', role: 'LIAISON', dept: 'PDS-BGS' }, 'WEAK_PASSWORD'],
    ['a too short password', { username: 'short.pw.user', displayName: '甲', password: 'Ab1!', role: 'LIAISON', dept: 'PDS-BGS' }, 'WEAK_PASSWORD'],
    ['a taken username (other case)', { username: 'BGS.Head', displayName: '甲', password: PASSWORD, role: 'LIAISON', dept: 'PDS-BGS' }, 'USERNAME_TAKEN'],
    [
      'a department head without department',
      { username: 'no.dept.head', displayName: '甲', password: PASSWORD, role: 'DEPARTMENT_HEAD', dept: null },
      'DEPARTMENT_REQUIRED',
    ],
    [
      'a liaison without department',
      { username: 'no.dept.liaison', displayName: '甲', password: PASSWORD, role: 'LIAISON', dept: null },
      'DEPARTMENT_REQUIRED',
    ],
  ];
  for (const [name, { dept, ...input }, reason] of cases) {
    it(`refuses ${name} with BAD_USER_INPUT ${reason} and writes nothing`, async () => {
      const [{ n: before }] = await server.sql(`select count(*)::int as n from app_user`);
      const res = await server.gql<any>(CREATE, { i: { ...input, departmentId: dept ? deptIds[dept as string] : null } });
      expect(res.errors, JSON.stringify(res)).toHaveLength(1);
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason });
      expect(res.errors![0]!.message).toMatch(CHINESE);
      expect(res.data ?? null).toBeNull();
      const [{ n: after }] = await server.sql(`select count(*)::int as n from app_user`);
      expect(after).toBe(before);
      const [{ m }] = await server.sql(`select count(*)::int as m from app_user where username = $1`, [String(input.username).toLowerCase()]);
      expect(m).toBe(reason === 'USERNAME_TAKEN' ? 1 : 0);
    });
  }
  it('two concurrent createUser calls with one username: one wins, the other gets USERNAME_TAKEN (not an internal error)', async () => {
    const CREATE_ONE = `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`;
    const input = (displayName: string) => ({
      i: { username: 'race.user', displayName, password: PASSWORD, role: 'LIAISON', departmentId: deptIds['PDS-BGS'] },
    });
    const results = await Promise.all([server.gql<any>(CREATE_ONE, input('甲')), server.gql<any>(CREATE_ONE, input('乙'))]);
    const [{ n }] = await server.sql(`select count(*)::int as n from app_user where username = 'race.user'`);
    expect(n).toBe(1);
    expect(results.filter((r) => r.data?.createUser?.id)).toHaveLength(1);
    const loser = results.find((r) => r.errors?.length);
    expect(loser?.errors?.[0]?.extensions, JSON.stringify(loser)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'USERNAME_TAKEN' });
  });

  it('stores a valid user lower-case (control)', async () => {
    const { createUser } = await server.gqlOk<any>(`mutation($i: CreateUserInput!) { createUser(input: $i) { username role department { code } } }`, {
      i: { username: 'Valid.User', displayName: '乙', password: PASSWORD, role: 'LIAISON', departmentId: deptIds['PDS-BGS'] },
    });
    expect(createUser).toEqual({ username: 'valid.user', role: 'LIAISON', department: { code: 'PDS-BGS' } });
  });
});

describe('screen tokens', () => {
  const CREATE = `mutation($l: String!, $d: [ID!]) { createScreenToken(label: $l, departmentIds: $d) { token screenToken { id label revokedAt departments { code } } } }`;

  async function snapshot() {
    const [row] = await server.sql(
      `select (select count(*) from department)::int as departments, (select count(*) from plan)::int as plans,
              (select count(*) from work_point)::int as points, (select count(*) from task)::int as tasks,
              (select count(*) from task_update)::int as updates, (select coalesce(sum(version), 0) from task)::int as task_versions,
              (select count(*) from app_user)::int as users, (select coalesce(sum(version), 0) from app_user)::int as user_versions,
              (select count(*) from screen_token)::int as screens, (select count(*) from audit_entry)::int as audit,
              (select count(*) from auth_session)::int as sessions`,
    );
    return row;
  }

  it('is shown once, stored only as a hash, reads, but may not write anything', async () => {
    const { createScreenToken } = await server.gqlOk<any>(CREATE, { l: '测试大屏', d: null });
    const token: string = createScreenToken.token;
    expect(token).toMatch(/^zst_[A-Za-z0-9_-]{20,}$/);
    expect(createScreenToken.screenToken).toMatchObject({ label: '测试大屏', revokedAt: null, departments: [] });
    const rows = await server.sql(`select * from screen_token`);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.stringify(rows)).not.toContain(token.slice(4));
    const [row] = await server.sql(`select token_hash from screen_token where id = $1`, [createScreenToken.screenToken.id]);
    expect(row.token_hash).toBe(createHash('sha256').update(token).digest('base64url'));
    const audit = await server.sql(`select changes::text as c from audit_entry`);
    expect(audit.map((r) => r.c).join('\n')).not.toContain(token.slice(4));
    // The list never shows the secret either.
    const list = await server.gql<any>(`{ screenTokens { id label } }`);
    expect(JSON.stringify(list)).not.toContain(token.slice(4));

    const who = await me(token);
    expect(who.errors).toBeUndefined();
    expect(who.data!.me).toMatchObject({ kind: 'screen', role: 'SCREEN', name: '测试大屏', user: null, department: null, scopeDepartmentIds: null });
    const tasks = await server.gql<any>(`{ tasks(first: 5) { totalCount nodes { id } } }`, {}, { token });
    expect(tasks.errors).toBeUndefined();
    const [{ n }] = await server.sql(`select count(*)::int as n from task`);
    expect(tasks.data!.tasks.totalCount).toBe(n);

    const [task] = await server.sql(`select id, version from task order by id limit 1`);
    const before = await snapshot();
    const mutations: [string, Record<string, unknown>][] = [
      [`mutation($i: UpdateTaskProgressInput!) { updateTaskProgress(input: $i) { id } }`, { i: { id: String(task.id), version: task.version, progress: 55 } }],
      [
        `mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }`,
        { i: { name: '大屏建的科', code: 'SCREEN-MADE', kind: 'OFFICE', parentId: deptIds.PDS } },
      ],
      [`mutation($l: String!) { createScreenToken(label: $l) { token } }`, { l: '大屏造的令牌' }],
      [`mutation($id: ID!) { revokeScreenToken(id: $id) { id } }`, { id: createScreenToken.screenToken.id }],
      [`mutation($i: UpdateUserInput!) { updateUser(input: $i) { id } }`, { i: { id: String(adminId), version: 1, isActive: false } }],
      [`mutation { logout }`, {}],
      [`mutation { changeMyPassword(currentPassword: "x", newPassword: "Passw0rd!new") }`, {}],
      [`mutation($id: ID!) { breakDownWorkPoint(id: $id) { createdCount } }`, { id: '1' }],
    ];
    for (const [query, variables] of mutations) {
      const res = await server.gql<any>(query, variables, { token });
      expect(res.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
      expect(res.data ?? null, query).toBeNull();
    }
    expect(await snapshot()).toEqual(before);
    // Admin-only reads are refused too.
    expect((await server.gql<any>(`{ screenTokens { id } }`, {}, { token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await server.gql<any>(`{ auditLog { totalCount } }`, {}, { token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await server.gql<any>(`{ users { id } }`, {}, { token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('is refused at once after revokeScreenToken', async () => {
    const { createScreenToken } = await server.gqlOk<any>(CREATE, { l: '将被吊销的大屏', d: null });
    expect((await me(createScreenToken.token)).data?.me?.role).toBe('SCREEN');
    const { revokeScreenToken } = await server.gqlOk<any>(`mutation($id: ID!) { revokeScreenToken(id: $id) { id revokedAt } }`, {
      id: createScreenToken.screenToken.id,
    });
    expect(revokeScreenToken.revokedAt).not.toBeNull();
    expectUnauthenticated(await me(createScreenToken.token));
    expectUnauthenticated(await server.gql<any>(`{ tasks { totalCount } }`, {}, { token: createScreenToken.token }));
  });

  it('the demo screen token works and is unrestricted', async () => {
    const res = await server.gql<any>(`{ me { role scopeDepartmentIds } tasks { totalCount } }`, {}, { token: DEMO_SCREEN_TOKEN });
    expect(res.errors).toBeUndefined();
    const [{ n }] = await server.sql(`select count(*)::int as n from task`);
    expect(res.data).toEqual({ me: { role: 'SCREEN', scopeDepartmentIds: null }, tasks: { totalCount: n } });
  });

  it('a token limited to PDS-ZFZD sees only the tasks of PDS-ZFZD and its sub-units', async () => {
    const { createScreenToken } = await server.gqlOk<any>(CREATE, { l: '执法支队大屏', d: [deptIds['PDS-ZFZD']] });
    expect(createScreenToken.screenToken.departments).toEqual([{ code: 'PDS-ZFZD' }]);
    const token = createScreenToken.token;
    const res = await server.gql<any>(`{ me { scopeDepartmentIds } tasks(first: 100) { totalCount nodes { id department { code } } } }`, {}, { token });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const [{ n }] = await server.sql(
      `select count(*)::int as n from task t join department d on d.id = t.department_id
        where d.path like (select path from department where code = 'PDS-ZFZD') || '%'`,
    );
    expect(n).toBeGreaterThan(0);
    expect(res.data!.me.scopeDepartmentIds).toEqual([deptIds['PDS-ZFZD']]);
    expect(res.data!.tasks.totalCount).toBe(n);
    const codes = new Set(res.data!.tasks.nodes.map((t: any) => t.department.code));
    expect([...codes].sort()).toEqual(['PDS-ZFZD', 'PDS-ZFZD-1', 'PDS-ZFZD-2']);
    const [other] = await server.sql(`select t.id from task t join department d on d.id = t.department_id where d.code = 'PDS-BGS' limit 1`);
    const single = await server.gql<any>(`query($id: ID!) { task(id: $id) { id progress } }`, { id: String(other.id) }, { token });
    expect(single).toEqual({ data: { task: null } });
  });

  it('has no expiry: neither a field of ScreenToken nor a column', async () => {
    const res = await server.gqlOk<any>(`{ __type(name: "ScreenToken") { fields { name } } }`);
    const fields = res.__type.fields.map((f: any) => f.name);
    expect(fields).toEqual(expect.arrayContaining(['id', 'label', 'createdAt', 'lastUsedAt', 'revokedAt']));
    expect(fields.filter((f: string) => /expir/i.test(f))).toEqual([]);
    const columns = await server.sql(`select column_name from information_schema.columns where table_name = 'screen_token'`);
    expect(columns.length).toBeGreaterThan(3);
    expect(columns.filter((c) => /expir/i.test(c.column_name))).toEqual([]);
  });
});
