/**
 * The audit trail (留痕): what a mutation records, what a refused one does not, logins,
 * secrets never written, and the auditLog query (pagination newest first, filters).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../helpers/constants.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let deptIds: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer();
  const { departments } = await server.gqlOk<any>(`{ departments { id code version } }`);
  deptIds = Object.fromEntries(departments.map((d: any) => [d.code, d.id]));
});
afterAll(() => server?.close());

const ENTRY = `id at actorType actorId actorName operation targetType targetId action changes requestId`;
const LOG = `query($f: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $f, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ${ENTRY} } }
}`;
const UPDATE = `mutation($i: UpdateTaskProgressInput!) { updateTaskProgress(input: $i) { id progress version } }`;
const auditCount = async () => (await server.sql(`select count(*)::int as n from audit_entry`))[0].n as number;
const log = (filter: Record<string, unknown>, first = 100, after?: string) => server.gqlOk<any>(LOG, { f: filter, first, after });

async function taskOf(code: string) {
  const [row] = await server.sql(
    `select t.id, t.version, t.progress from task t join department d on d.id = t.department_id where d.code = $1 order by t.id desc limit 1`,
    [code],
  );
  return { id: String(row.id), version: row.version as number, progress: row.progress as number };
}

function expectNow(iso: string) {
  expect(Math.abs(Date.parse(iso) - Date.now())).toBeLessThan(30_000);
}

describe('a mutation leaves a trace in the same transaction', () => {
  it('updateTaskProgress by bgs.liaison: the Task update with progress before/after and the TaskUpdate it created', async () => {
    const token = await server.login('bgs.liaison', DEMO_PASSWORD);
    const [{ id: liaisonId }] = await server.sql(`select id from app_user where username = 'bgs.liaison'`);
    const task = await taskOf('PDS-BGS');
    const next = task.progress === 67 ? 68 : 67;
    const requestId = `audit-test-${Date.now()}`;
    const res = await server.gql<any>(
      UPDATE,
      { i: { id: task.id, version: task.version, progress: next, note: '已完成专栏建设' } },
      { token, headers: { 'x-request-id': requestId } },
    );
    expect(res.errors).toBeUndefined();

    const { auditLog } = await log({ targetType: 'Task', targetId: task.id });
    expect(auditLog.totalCount).toBe(1);
    const entry = auditLog.nodes[0];
    expect(entry).toMatchObject({
      actorType: 'user',
      actorId: liaisonId,
      actorName: 'bgs.liaison',
      operation: 'updateTaskProgress',
      targetType: 'Task',
      targetId: task.id,
      action: 'update',
      requestId,
    });
    expect(entry.changes.progress).toEqual({ before: task.progress, after: next });
    expectNow(entry.at);

    const [update] = await server.sql(`select id from task_update where task_id = $1 order by id desc limit 1`, [task.id]);
    const created = await log({ targetType: 'TaskUpdate', targetId: String(update.id) });
    expect(created.auditLog.totalCount).toBe(1);
    expect(created.auditLog.nodes[0]).toMatchObject({ action: 'create', operation: 'updateTaskProgress', actorName: 'bgs.liaison', requestId });
    expect(created.auditLog.nodes[0].changes.note).toEqual({ before: null, after: '已完成专栏建设' });
    expect(created.auditLog.nodes[0].changes.progress).toEqual({ before: null, after: next });
    // Both rows are about 局办公室, so its head sees them.
    const rows = await server.sql(`select department_id from audit_entry where request_id = $1`, [requestId]);
    expect(rows.map((r) => String(r.department_id))).toEqual([deptIds['PDS-BGS'], deptIds['PDS-BGS']]);
  });

  it('a refused mutation leaves no entry (stale version, out of scope, validation)', async () => {
    const task = await taskOf('PDS-ZCFG');
    await server.gqlOk(UPDATE, { i: { id: task.id, version: task.version, progress: 10 } });
    const before = await auditCount();
    const stale = await server.gql<any>(UPDATE, { i: { id: task.id, version: task.version, progress: 90 } });
    expect(stale.errors?.[0]?.extensions?.code).toBe('STALE_VERSION');
    const liaison = await server.login('bgs.liaison', DEMO_PASSWORD);
    const afterLogin = await auditCount();
    expect(afterLogin).toBe(before + 1); // the login itself
    const scoped = await server.gql<any>(UPDATE, { i: { id: task.id, version: task.version + 1, progress: 90 } }, { token: liaison });
    expect(scoped.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const invalid = await server.gql<any>(UPDATE, { i: { id: task.id, version: task.version + 1, progress: 101 } });
    expect(invalid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const role = await server.gql<any>(
      `mutation { createDepartment(input: { name: "越权", code: "AUD-NOPE", kind: OFFICE, parentId: "${deptIds.PDS}" }) { id } }`,
      {},
      { token: liaison },
    );
    expect(role.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await auditCount()).toBe(afterLogin);
  });

  it('createDepartment and updateDepartment record the name before/after', async () => {
    const { createDepartment: d } = await server.gqlOk<any>(`mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { id version } }`, {
      i: { name: '审计测试科', code: 'AUD-1', kind: 'OFFICE', parentId: deptIds.PDS },
    });
    const created = await log({ targetType: 'Department', targetId: d.id, operation: 'createDepartment' });
    const create = created.auditLog.nodes.find((e: any) => e.action === 'create');
    expect(create).toMatchObject({ actorType: 'user', actorName: 'admin', targetType: 'Department', targetId: d.id });
    expect(create.changes.name).toEqual({ before: null, after: '审计测试科' });
    expect(create.changes.code).toEqual({ before: null, after: 'AUD-1' });

    await server.gqlOk(`mutation($i: UpdateDepartmentInput!) { updateDepartment(input: $i) { id } }`, {
      i: { id: d.id, version: d.version, name: '审计测试科（改）' },
    });
    const updated = await log({ targetType: 'Department', targetId: d.id, operation: 'updateDepartment' });
    expect(updated.auditLog.totalCount).toBe(1);
    expect(updated.auditLog.nodes[0]).toMatchObject({ action: 'update', actorName: 'admin' });
    expect(updated.auditLog.nodes[0].changes).toEqual({ name: { before: '审计测试科', after: '审计测试科（改）' } });
  });
});

describe('logins', () => {
  it('a successful login records lastLoginAt on the User, by an anonymous actor named as typed', async () => {
    const [{ id }] = await server.sql(`select id from app_user where username = 'zfzd.head'`);
    const before = await auditCount();
    await server.login('ZFZD.Head', DEMO_PASSWORD);
    expect(await auditCount()).toBe(before + 1);
    const { auditLog } = await log({ targetType: 'User', targetId: String(id), operation: 'login' }, 1);
    const entry = auditLog.nodes[0];
    expect(entry).toMatchObject({
      actorType: 'anonymous',
      actorId: null,
      actorName: 'ZFZD.Head',
      operation: 'login',
      targetType: 'User',
      targetId: String(id),
      action: 'update',
    });
    expect(Object.keys(entry.changes)).toContain('lastLoginAt');
    expectNow(entry.changes.lastLoginAt.after);
    expectNow(entry.at);
    // Nothing secret in it.
    expect(JSON.stringify(entry)).not.toMatch(/scrypt\$|zrt_|passwordHash|Demo@2026/);
  });

  it('a failed login records the failure count', async () => {
    const [{ id }] = await server.sql(`select id from app_user where username = 'zfzd1.liaison'`);
    const res = await server.gql<any>(`mutation { login(username: "zfzd1.liaison", password: "Wrong-pass-1") { accessToken } }`, {}, { token: null });
    expect(res.errors?.[0]?.extensions?.reason).toBe('INVALID_CREDENTIALS');
    const { auditLog } = await log({ targetType: 'User', targetId: String(id), operation: 'login' }, 1);
    expect(auditLog.nodes[0]).toMatchObject({ actorType: 'anonymous', actorName: 'zfzd1.liaison', action: 'update' });
    expect(auditLog.nodes[0].changes.failedLogins).toEqual({ before: 0, after: 1 });
    expect(auditLog.nodes[0].changes.lastLoginAt).toBeUndefined();
    expect(JSON.stringify(auditLog.nodes[0])).not.toContain('Wrong-pass-1');
  });
});

describe('secrets never reach the trail', () => {
  it('no password hash, password, refresh token or screen token in any audit entry', async () => {
    const password = 'Secr3t-Passw0rd!';
    const { createUser } = await server.gqlOk<any>(`mutation($i: CreateUserInput!) { createUser(input: $i) { id version } }`, {
      i: { username: 'audit.secret', displayName: '保密测试', password, role: 'LIAISON', departmentId: deptIds['PDS-BGS'] },
    });
    const login = await server.gqlOk<any>(
      `mutation { login(username: "audit.secret", password: "${password}") { accessToken refreshToken } }`,
      {},
      { token: null },
    );
    const refreshed = await server.gqlOk<any>(
      `mutation($r: String!) { refreshSession(refreshToken: $r) { refreshToken } }`,
      { r: login.login.refreshToken },
      { token: null },
    );
    const [{ version }] = await server.sql(`select version from app_user where id = $1`, [createUser.id]);
    await server.gqlOk(`mutation($i: UpdateUserInput!) { updateUser(input: $i) { id } }`, { i: { id: createUser.id, version, password: 'Adm1n-Set-pass!' } });
    const me = await server.gqlOk<any>(`mutation { login(username: "audit.secret", password: "Adm1n-Set-pass!") { accessToken } }`, {}, { token: null });
    await server.gqlOk(`mutation { changeMyPassword(currentPassword: "Adm1n-Set-pass!", newPassword: "Ch4nged-by-me!") }`, {}, { token: me.login.accessToken });
    const screen = await server.gqlOk<any>(`mutation { createScreenToken(label: "保密大屏") { token } }`);

    // The password changes were traced, redacted.
    const { auditLog } = await log({ targetType: 'User', targetId: createUser.id });
    const hashChanges = auditLog.nodes.filter((e: any) => e.changes.passwordHash);
    expect(hashChanges.map((e: any) => e.operation).sort()).toEqual(['changeMyPassword', 'createUser', 'updateUser']);
    for (const e of hashChanges) expect(e.changes.passwordHash.after).toBe('[已隐藏]');

    const all = (await server.sql(`select changes::text as c, actor_name from audit_entry`)).map((r) => `${r.c} ${r.actor_name}`).join('\n');
    expect(all).not.toContain('scrypt$');
    const [{ password_hash: hash }] = await server.sql(`select password_hash from app_user where id = $1`, [createUser.id]);
    expect(hash).toMatch(/^scrypt\$/);
    expect(all).not.toContain(hash.split('$').at(-1));
    for (const secret of [
      password,
      'Adm1n-Set-pass!',
      'Ch4nged-by-me!',
      login.login.refreshToken,
      refreshed.refreshSession.refreshToken,
      screen.createScreenToken.token,
    ]) {
      expect(all).not.toContain(secret);
    }
    const tokenHashes = (await server.sql(`select token_hash from screen_token union all select token_hash from auth_session`)).map((r) => r.token_hash);
    for (const h of tokenHashes) expect(all).not.toContain(h);
  });
});

describe('auditLog query', () => {
  beforeAll(async () => {
    // Enough entries of a known kind to page through.
    for (let i = 0; i < 5; i++) {
      await server.gqlOk(`mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }`, {
        i: { name: `分页科${i}`, code: `AUD-PAGE-${i}`, kind: 'OFFICE', parentId: deptIds.PDS },
      });
    }
  });

  it('pages newest first with first/after, without gaps or overlaps, over the whole log', async () => {
    const [{ n }] = await server.sql(`select count(*)::int as n from audit_entry`);
    const seen: number[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const { auditLog } = await log({}, 7, after);
      expect(auditLog.totalCount).toBe(n);
      expect(auditLog.nodes.length).toBeLessThanOrEqual(7);
      seen.push(...auditLog.nodes.map((e: any) => Number(e.id)));
      pages++;
      if (!auditLog.pageInfo.hasNextPage) break;
      expect(auditLog.nodes).toHaveLength(7);
      after = auditLog.pageInfo.endCursor;
    }
    expect(pages).toBeGreaterThan(1);
    const ids = (await server.sql(`select id from audit_entry order by id desc`)).map((r) => r.id);
    expect(seen).toEqual(ids);
    const ats = (await log({}, 20)).auditLog.nodes.map((e: any) => Date.parse(e.at));
    expect(ats).toEqual([...ats].sort((a, b) => b - a));
  });

  it('filters by operation and by targetType', async () => {
    const byOp = await log({ operation: 'createDepartment' });
    const [{ n }] = await server.sql(`select count(*)::int as n from audit_entry where operation = 'createDepartment'`);
    expect(n).toBeGreaterThanOrEqual(5);
    expect(byOp.auditLog.totalCount).toBe(n);
    expect(byOp.auditLog.nodes.every((e: any) => e.operation === 'createDepartment')).toBe(true);

    const byType = await log({ targetType: 'Department' });
    const [{ m }] = await server.sql(`select count(*)::int as m from audit_entry where target_type = 'Department'`);
    expect(byType.auditLog.totalCount).toBe(m);
    expect(byType.auditLog.nodes.every((e: any) => e.targetType === 'Department')).toBe(true);

    const both = await log({ operation: 'login', targetType: 'User' }, 3);
    const [{ k }] = await server.sql(`select count(*)::int as k from audit_entry where operation = 'login' and target_type = 'User'`);
    expect(both.auditLog.totalCount).toBe(k);
    expect(both.auditLog.nodes).toHaveLength(3);
    expect(both.auditLog.nodes.every((e: any) => e.operation === 'login' && e.targetType === 'User')).toBe(true);

    const paged = await log({ operation: 'createDepartment' }, 2);
    const rest = await log({ operation: 'createDepartment' }, 2, paged.auditLog.pageInfo.endCursor);
    const ids = [...paged.auditLog.nodes, ...rest.auditLog.nodes].map((e: any) => Number(e.id));
    const expected = (await server.sql(`select id from audit_entry where operation = 'createDepartment' order by id desc limit 4`)).map((r) => r.id);
    expect(ids).toEqual(expected);

    expect((await log({ operation: 'noSuchOperation' })).auditLog).toMatchObject({ totalCount: 0, nodes: [] });
  });

  it('refuses a forged cursor and a page size out of range', async () => {
    const bad = await server.gql<any>(LOG, { f: {}, first: 5, after: 'not-a-cursor' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
    const big = await server.gql<any>(LOG, { f: {}, first: 1000 });
    expect(big.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    expect(big.data ?? null).toBeNull();
  });
});
