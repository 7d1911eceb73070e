/**
 * One-time wall-screen links (issue 11, item 2): an admin makes a short-lived link, the screen
 * trades its code once for a credential of its own; a used, expired or unknown code is refused
 * with a reason; the credential reads as its screen token (same scope, never the register's
 * personal data) and dies with it, open sockets included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../server/src/modules/auth/tokens.js';
import { DEMO_PASSWORD } from '../helpers/constants.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { connect, subscribe } from '../helpers/ws-client.js';

let server: TestServer;
let officeId: string;
let screenTokenId: string;

const LINK = `mutation($id: ID!, $m: Int) { createScreenLink(screenTokenId: $id, validMinutes: $m) { url expiresAt screenToken { id label } } }`;
const REDEEM = `mutation($c: String!) { redeemScreenLink(code: $c) { token label } }`;

async function makeLink(id = screenTokenId, minutes?: number): Promise<{ code: string; expiresAt: string; url: string }> {
  const { createScreenLink: made } = await server.gqlOk<any>(LINK, { id, m: minutes });
  return { code: made.url.split('#code=')[1], expiresAt: made.expiresAt, url: made.url };
}
const redeem = (code: string) => server.gql<any>(REDEEM, { c: code }, { token: null });

beforeAll(async () => {
  server = await startTestServer({ env: { WS_AUTH_RECHECK_SECONDS: '3600' } });
  const { departments } = await server.gqlOk<any>(`{ departments { id code } }`);
  officeId = departments.find((d: any) => d.code === 'PDS-BGS').id;
  const made = await server.gqlOk<any>(`mutation($ids: [ID!]) { createScreenToken(label: "三楼大屏", departmentIds: $ids) { screenToken { id } } }`, {
    ids: [officeId],
  });
  screenTokenId = made.createScreenToken.screenToken.id;
});
afterAll(() => server?.close());

describe('one-time screen links', () => {
  it('puts the code in the fragment, valid 30 minutes by default; the code is stored only as a hash', async () => {
    const before = Date.now();
    const link = await makeLink();
    const after = Date.now();
    expect(link.url).toMatch(/^\/screen#code=zsl_[A-Za-z0-9_-]{43}$/);
    // 30 minutes from the moment the server made it, which lies between our two readings of the
    // clock (the server runs in this process): however long the request took.
    const issuedAt = new Date(link.expiresAt).getTime() - 30 * 60_000;
    expect(issuedAt).toBeGreaterThanOrEqual(before);
    expect(issuedAt).toBeLessThanOrEqual(after);
    const stored = JSON.stringify(await server.sql(`select * from screen_link`));
    expect(stored).not.toContain(link.code);
    // The audit trail records the link without its hash.
    const [entry] = await server.sql(`select changes from audit_entry where target_type = 'ScreenLink' order by id desc limit 1`);
    expect(entry, 'the link is in the audit trail').toBeDefined();
    expect(JSON.stringify(entry.changes)).not.toMatch(/[0-9a-f]{64}/);
  });

  it('is redeemed once for a credential that reads as its screen token; a second use is refused (SCREEN_LINK_USED)', async () => {
    const { code } = await makeLink();
    const first = await redeem(code);
    expect(first.errors).toBeUndefined();
    const { token, label } = first.data.redeemScreenLink;
    expect(label).toBe('三楼大屏');
    expect(token).toMatch(/^zst_/);
    const me = await server.gqlOk<any>(`{ me { kind name role scopeDepartmentIds } }`, {}, { token });
    expect(me.me).toEqual({ kind: 'screen', name: '三楼大屏', role: 'SCREEN', scopeDepartmentIds: [officeId] });
    // A screen reads boards, never the register's personal data.
    const board = await server.gql<any>(`{ overdueItems { id } }`, {}, { token });
    expect(board.errors).toBeUndefined();
    const register = await server.gql<any>(`{ informationRequests(first: 1) { totalCount } }`, {}, { token });
    expect(register.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const again = await redeem(code);
    expect(again.data).toBeNull();
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SCREEN_LINK_USED' });
    expect(again.errors?.[0]?.message).toMatch(/已被使用过/);
    // Only the hash of the credential is stored.
    expect(JSON.stringify(await server.sql(`select * from screen_credential`))).not.toContain(token);
  });

  it('two screens opening the same link at once: exactly one gets a credential', async () => {
    const { code } = await makeLink();
    const results = await Promise.all(Array.from({ length: 6 }, () => redeem(code)));
    const won = results.filter((r) => r.data?.redeemScreenLink?.token);
    expect(won).toHaveLength(1);
    for (const r of results.filter((x) => !x.data?.redeemScreenLink)) expect(r.errors?.[0]?.extensions?.reason).toBe('SCREEN_LINK_USED');
    const [{ n }] = await server.sql(`select count(*)::int as n from screen_credential c join screen_link l on l.id = c.link_id where l.code_hash = $1`, [
      sha256(code),
    ]);
    expect(n).toBe(1);
  });

  it('an expired link is refused (SCREEN_LINK_EXPIRED) and an unknown code too (SCREEN_LINK_INVALID); nothing is issued', async () => {
    const { code } = await makeLink(screenTokenId, 1);
    await server.sql(`update screen_link set expires_at = now() - interval '1 second' where code_hash = $1`, [sha256(code)]);
    const before = (await server.sql(`select count(*)::int as n from screen_credential`))[0].n;
    const expired = await redeem(code);
    expect(expired.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SCREEN_LINK_EXPIRED' });
    for (const bad of ['zsl_' + 'A'.repeat(43), 'zst_not-a-link', '', 'x'.repeat(10_000)]) {
      const res = await redeem(bad);
      expect(res.errors?.[0]?.extensions, bad.slice(0, 20)).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SCREEN_LINK_INVALID' });
    }
    expect((await server.sql(`select count(*)::int as n from screen_credential`))[0].n).toBe(before);
    // A refused attempt spends nothing.
    expect((await server.sql(`select count(*)::int as n from screen_link where used_at is not null and code_hash = $1`, [sha256(code)]))[0].n).toBe(0);
  });

  it('validity is checked: 1 … 10080 minutes; only admins make links; no link for a revoked token', async () => {
    for (const m of [0, -5, 10_081]) {
      const res = await server.gql<any>(LINK, { id: screenTokenId, m });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_VALIDITY', field: 'validMinutes' });
    }
    const liaison = await server.login('bgs.liaison', DEMO_PASSWORD);
    const denied = await server.gql<any>(LINK, { id: screenTokenId }, { token: liaison });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const missing = await server.gql<any>(LINK, { id: '999999' });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const other = await server.gqlOk<any>(`mutation { createScreenToken(label: "待撤销大屏") { screenToken { id } } }`);
    await server.gqlOk(`mutation($id: ID!) { revokeScreenToken(id: $id) { id } }`, { id: other.createScreenToken.screenToken.id });
    const res = await server.gql<any>(LINK, { id: other.createScreenToken.screenToken.id });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SCREEN_TOKEN_REVOKED' });
  });

  it('revoking the screen token ends every credential issued through its links, open sockets included (4403), and spends unused links', async () => {
    const made = await server.gqlOk<any>(`mutation { createScreenToken(label: "会议室大屏") { screenToken { id } } }`);
    const id = made.createScreenToken.screenToken.id;
    const unused = await makeLink(id);
    const { data } = await redeem((await makeLink(id)).code);
    const token = data.redeemScreenLink.token as string;
    const socket = connect(server.graphqlUrl, token);
    const live = subscribe<any>(socket.client, `subscription { overdueChanged { id } }`);
    await live.waitFor(() => true);

    await server.gqlOk(`mutation($id: ID!) { revokeScreenToken(id: $id) { id } }`, { id });
    // The close code is the behaviour checked; 10 s only tells a socket that never closes from a slow
    // machine (the server re-checks open sockets only once an hour: the close comes from the revocation).
    const closed = await Promise.race([socket.closed, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
    expect(closed?.code).toBe(4403);
    const after = await server.gql<any>(`{ me { name } }`, {}, { token });
    expect(after.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' });
    const late = await redeem(unused.code);
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' });
    await socket.client.dispose();
  });
});
