/**
 * 留痕 as evidence (issue 11, item 3): the audit trail is append-only in the database and hash-chained;
 * an edit or deletion made behind the application's back (triggers bypassed, as a superuser could)
 * is found by the admin query `auditIntegrity` and by `npm run audit:verify`, which name the first
 * broken entry.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/spawn-server.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(() => server?.close());

const INTEGRITY = `{ auditIntegrity { ok firstBrokenId checked } }`;
const integrity = async () =>
  (await server.gqlOk<{ auditIntegrity: { ok: boolean; firstBrokenId: string | null; checked: number } }>(INTEGRITY)).auditIntegrity;

/** A few audited changes: department renames (each one entry), some of them concurrent. */
async function makeEntries(n: number, on: TestServer = server): Promise<void> {
  const { departments } = await on.gqlOk<any>(`{ departments { id version name code } }`);
  const office = departments.find((d: any) => d.code === 'PDS-BGS');
  let version = office.version;
  for (let i = 0; i < n; i++) {
    const { updateDepartment } = await on.gqlOk<any>(`mutation($i: UpdateDepartmentInput!) { updateDepartment(input: $i) { version } }`, {
      i: { id: office.id, version, name: `局办公室${i % 2 ? '' : '（留痕测试）'}` },
    });
    version = updateDepartment.version;
  }
}

/** Runs `npm run audit:verify`'s program against the test database. */
function auditVerify(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/db/cli.ts', 'audit-verify'], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: server.databaseUrl, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs statements with triggers off (session_replication_role = replica, superuser), as a tamperer would. */
async function behindTheAppsBack(...statements: string[]): Promise<void> {
  await server.sql(`begin; set local session_replication_role = replica; ${statements.join('; ')}; commit;`);
}

describe('the audit hash chain', () => {
  it('holds after ordinary and concurrent changes; every entry has a hash linked to the previous one', async () => {
    await makeEntries(3);
    const { departments } = await server.gqlOk<any>(`{ departments { id version code } }`);
    // Concurrent audited writes on different records: the chain stays linear in id order.
    await Promise.all(
      departments.slice(0, 6).map((d: any) =>
        server.gql(`mutation($i: UpdateDepartmentInput!) { updateDepartment(input: $i) { id } }`, {
          i: { id: d.id, version: d.version, name: `并发${d.code}` },
        }),
      ),
    );
    const result = await integrity();
    const [{ n }] = await server.sql(`select count(*)::int as n from audit_entry`);
    expect(result).toEqual({ ok: true, firstBrokenId: null, checked: n });
    expect(n).toBeGreaterThan(3);
    const rows = await server.sql(`select id, prev_hash, hash from audit_entry order by id`);
    expect(rows.every((r: any) => /^[0-9a-f]{64}$/.test(r.hash))).toBe(true);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
  });

  it('refuses UPDATE and DELETE of an entry in the database', async () => {
    const [{ id }] = await server.sql(`select max(id) as id from audit_entry`);
    await expect(server.sql(`update audit_entry set actor_name = 'x' where id = $1`, [id])).rejects.toThrow(/append-only|不可修改/);
    await expect(server.sql(`delete from audit_entry where id = $1`, [id])).rejects.toThrow(/append-only|不可修改/);
    expect((await integrity()).ok).toBe(true);
  });

  it('finds an entry edited behind the app’s back: the query and npm run audit:verify name it', { timeout: 60_000 }, async () => {
    const clean = await auditVerify();
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(/Audit trail intact: \d+ entries/);

    const [victim] = await server.sql(`select id from audit_entry order by id desc offset 2 limit 1`);
    await behindTheAppsBack(`update audit_entry set changes = '{"name": {"before": "篡改", "after": "篡改"}}' where id = ${victim.id}`);
    expect(await integrity()).toMatchObject({ ok: false, firstBrokenId: String(victim.id) });
    const broken = await auditVerify();
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`BROKEN at entry ${victim.id}`);

    // Recomputing that entry's own hash does not hide it: the next link no longer matches.
    await behindTheAppsBack(`update audit_entry set hash = audit_entry_digest(prev_hash, audit_entry) where id = ${victim.id}`);
    const [next] = await server.sql(`select min(id) as id from audit_entry where id > $1`, [victim.id]);
    expect(await integrity()).toMatchObject({ ok: false, firstBrokenId: String(next.id) });
  });

  it('finds the newest entries deleted', async () => {
    const other = await startTestServer();
    try {
      await makeEntries(2, other);
      const [{ id }] = await other.sql(`select max(id) as id from audit_entry`);
      expect(id).not.toBeNull();
      expect((await other.gqlOk<any>(INTEGRITY)).auditIntegrity.ok).toBe(true);
      await other.sql(`begin; set local session_replication_role = replica; delete from audit_entry where id = ${id}; commit;`);
      expect((await other.gqlOk<any>(INTEGRITY)).auditIntegrity).toMatchObject({ ok: false, firstBrokenId: String(id) });
    } finally {
      await other.close();
    }
  });
});
