/**
 * `npm run db:backup` / `npm run db:restore` through the real CLI (child processes), on real
 * PostgreSQL: the demo database is backed up (DATABASE_URL), restored into a brand-new data dir (a
 * new embedded cluster), and compared table by table (md5 of every table's ordered rows).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedPostgres } from '../../server/src/db/embedded-postgres.js';
import { TEST_ADMIN_PASSWORD } from '../helpers/constants.js';
import { killAllServers, makeDataDir, REPO_ROOT, spawnServer, stopPostgresUnder, isRunning, postmasterPid } from '../helpers/spawn-server.js';
import { createTestDatabase } from '../helpers/test-server.js';

const TIMEOUT = 240_000;

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `node --import tsx server/src/db/cli.ts …` as a user runs it (no test or server variables from our env). */
function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  const merged: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(merged)) {
    if (key.startsWith('VITEST') || ['NODE_ENV', 'DATA_DIR', 'DATABASE_URL', 'NODE_OPTIONS', 'PORT'].includes(key)) delete merged[key];
  }
  Object.assign(merged, env);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/db/cli.ts', ...args], {
      cwd: REPO_ROOT,
      env: merged,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr, ms: Math.round(performance.now() - started) }));
  });
}

const show = (r: CliResult) => `exit ${r.code}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;

type Fingerprint = Record<string, { rows: number; md5: string }>;

/** Every table of schema public: row count and md5 of its rows in a fixed order. */
async function fingerprint(url: string): Promise<Fingerprint> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`SET TimeZone = 'UTC'`);
    const { rows: tables } = await c.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1`,
    );
    const result: Fingerprint = {};
    for (const { name } of tables) {
      const { rows } = await c.query<{ n: string; md5: string }>(
        `SELECT count(*) AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM public."${name}" t`,
      );
      result[name] = { rows: Number(rows[0]!.n), md5: rows[0]!.md5 };
    }
    return result;
  } finally {
    await c.end();
  }
}

/** Sequences owned by a column whose next value would collide with an existing row. */
async function collidingSequences(url: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ seq: string; tbl: string; col: string }>(
      `SELECT s.relname AS seq, t.relname AS tbl, a.attname AS col FROM pg_class s
         JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
         JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
        WHERE s.relkind = 'S'`,
    );
    const bad: string[] = [];
    for (const { seq, tbl, col } of rows) {
      const { rows: r } = await c.query<{ ok: boolean }>(
        `SELECT coalesce((SELECT max("${col}") FROM public."${tbl}") < (SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM public."${seq}"), true) AS ok`,
      );
      if (!r[0]!.ok) bad.push(`${seq} (${tbl}.${col})`);
    }
    if (!rows.length) bad.push('no sequences found at all');
    return bad;
  } finally {
    await c.end();
  }
}

/** Runs `fn` with the embedded cluster of a data dir started (as the server would), then stops it. */
async function withCluster<T>(dataDir: string, fn: (url: string) => Promise<T>): Promise<T> {
  const pgServer = new EmbeddedPostgres({ dir: path.join(dataDir, 'pg') });
  await pgServer.start();
  try {
    return await fn(pgServer.url('zwgk'));
  } finally {
    await pgServer.stop();
  }
}

/** Rewrites a backup (header and/or rows) and recomputes its checksum, as the format documents it. */
function rewriteBackup(source: string, target: string, edit: (lines: string[]) => void): void {
  const lines = gunzipSync(fs.readFileSync(source)).toString('utf8').split('\n');
  expect(lines.pop()).toBe('');
  expect(lines.pop()).toMatch(/^#end /);
  edit(lines);
  const body = lines.map((l) => `${l}\n`).join('');
  const rows = lines.filter((l) => l.startsWith('{')).length - 1; // minus the header
  const end = `#end ${JSON.stringify({ rows, sha256: createHash('sha256').update(body, 'utf8').digest('hex') })}\n`;
  fs.writeFileSync(target, gzipSync(body + end));
}

describe('backup and restore (npm run db:backup / db:restore)', () => {
  let source: Awaited<ReturnType<typeof createTestDatabase>>;
  let sourcePrint: Fingerprint;
  let work: string;
  let backupFile: string;
  let restoredDir: string;

  beforeAll(async () => {
    source = await createTestDatabase('demo');
    sourcePrint = await fingerprint(source.url);
    work = makeDataDir('zwgk-backup-');
    backupFile = path.join(work, 'demo.backup.gz');
    restoredDir = path.join(work, 'restored');
  });

  afterAll(async () => {
    await killAllServers();
    if (work) {
      for (const d of fs.readdirSync(work)) await stopPostgresUnder(path.join(work, d));
      fs.rmSync(work, { recursive: true, force: true });
    }
    await source?.drop();
  });

  it(
    'backs up the demo database and restores it into a brand-new data dir with every row of every table',
    async () => {
      // Not vacuous: the demo data fills many tables.
      expect(Object.keys(sourcePrint).length).toBeGreaterThan(20);
      expect(sourcePrint.publication!.rows).toBeGreaterThan(1000);
      expect(sourcePrint.mikro_orm_migrations!.rows).toBeGreaterThan(5);

      const backup = await runCli(['backup', backupFile], { DATABASE_URL: source.url });
      expect(backup.code, show(backup)).toBe(0);
      expect(backup.stdout).toContain(`Backup written: ${backupFile}`);
      expect(backup.stdout).toMatch(new RegExp(`publication +${sourcePrint.publication!.rows}\\n`));
      expect(backup.stdout).not.toContain(new URL(source.url).password);
      expect(fs.statSync(backupFile).mode & 0o077).toBe(0); // holds password hashes: owner only

      expect(fs.existsSync(restoredDir)).toBe(false);
      const restore = await runCli(['restore', backupFile], { DATA_DIR: restoredDir });
      expect(restore.code, show(restore)).toBe(0);
      expect(restore.stdout).toMatch(/Restored in \d+ ms/);
      console.log(
        `demo database: ${Object.values(sourcePrint).reduce((s, t) => s + t.rows, 0)} rows in ${Object.keys(sourcePrint).length} tables; ` +
          `backup file ${(fs.statSync(backupFile).size / 1024).toFixed(1)} KiB; CLI backup ${backup.ms} ms, restore into a new data dir ${restore.ms} ms (process wall time)\n` +
          `${backup.stdout.split('\n')[1]}\n${restore.stdout.split('\n').find((l) => l.startsWith('Restored'))}`,
      );

      await withCluster(restoredDir, async (url) => {
        expect(await fingerprint(url)).toEqual(sourcePrint);
        expect(await collidingSequences(url)).toEqual([]);
      });
    },
    TIMEOUT,
  );

  it(
    'the server runs on the restored data dir and inserts new rows; a restore while it runs is refused; a backup while it runs works',
    async () => {
      const server = spawnServer({ DATA_DIR: restoredDir, PORT: '0', HOST: '127.0.0.1' });
      const { baseUrl } = await server.waitForReady(120_000);
      const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
        const res = await fetch(`${baseUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query, variables }),
        });
        return (await res.json()) as { data?: any; errors?: unknown[] };
      };
      const login = await gql(`mutation($p: String!) { login(username: "admin", password: $p) { accessToken } }`, { p: TEST_ADMIN_PASSWORD });
      expect(login.errors).toBeUndefined();
      const token = login.data.login.accessToken as string;
      // New rows in department and audit_entry: their sequences must be past the restored ids.
      const created = await gql(
        `mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { id name } }`,
        { i: { code: 'restored-new', name: '恢复后新建科室', kind: 'OFFICE', parentId: '1' } },
        token,
      );
      expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
      expect(Number(created.data.createDepartment.id)).toBeGreaterThan(sourcePrint.department!.rows);

      const pgPid = postmasterPid(path.join(restoredDir, 'pg'));
      expect(pgPid).toBeDefined();
      const refused = await runCli(['restore', backupFile, '--force'], { DATA_DIR: restoredDir });
      expect(refused.code, show(refused)).not.toBe(0);
      expect(refused.stderr).toMatch(/the server \(npm start\) is using this data dir\. Stop the server first/);
      expect(isRunning(pgPid!)).toBe(true);
      expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);

      const live = path.join(work, 'live.backup.gz');
      const backup = await runCli(['backup', live], { DATA_DIR: restoredDir });
      expect(backup.code, show(backup)).toBe(0);
      expect(backup.stdout).toContain('working through its PostgreSQL');
      expect(backup.stdout).toMatch(new RegExp(`department +${sourcePrint.department!.rows + 1}\\n`));
      expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);

      server.child.kill('SIGINT');
      expect((await server.waitForExit(30_000)).code, server.output()).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'refuses to restore into a non-empty database without --force and changes nothing; --force replaces it',
    async () => {
      const before = await withCluster(restoredDir, fingerprint);
      expect(before).not.toEqual(sourcePrint); // the department created above

      const refused = await runCli(['restore', backupFile], { DATA_DIR: restoredDir });
      expect(refused.code, show(refused)).not.toBe(0);
      expect(refused.stderr).toMatch(/is not empty.*--force/s);
      expect(await withCluster(restoredDir, fingerprint)).toEqual(before);

      const forced = await runCli(['restore', backupFile, '--force'], { DATA_DIR: restoredDir });
      expect(forced.code, show(forced)).toBe(0);
      expect(forced.stdout).toContain('replacing the previous contents');
      await withCluster(restoredDir, async (url) => {
        expect(await fingerprint(url)).toEqual(sourcePrint);
        expect(await collidingSequences(url)).toEqual([]);
      });
    },
    TIMEOUT,
  );

  it(
    'refuses truncated, corrupted and foreign files with a clear message, before touching any database',
    async () => {
      const bytes = fs.readFileSync(backupFile);
      const truncated = path.join(work, 'truncated.backup.gz');
      fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      const corrupted = path.join(work, 'corrupted.backup.gz');
      const flipped = Buffer.from(bytes);
      flipped[Math.floor(bytes.length / 2)]! ^= 0xff;
      fs.writeFileSync(corrupted, flipped);
      const foreign = path.join(work, 'notes.txt');
      fs.writeFileSync(foreign, 'not a backup\n');

      const before = await withCluster(restoredDir, fingerprint);
      for (const [file, message] of [
        [truncated, /is truncated \(the copy is incomplete\)/],
        [corrupted, /is (corrupted|damaged)/],
        [foreign, /is not a 督办台 backup/],
      ] as const) {
        const r = await runCli(['restore', file, '--force'], { DATA_DIR: restoredDir });
        expect(r.code, show(r)).not.toBe(0);
        expect(r.stderr).toMatch(message);
      }
      expect(await withCluster(restoredDir, fingerprint)).toEqual(before);

      // Into a new data dir: refused before any cluster is created.
      const fresh = path.join(work, 'fresh-truncated');
      const r = await runCli(['restore', truncated], { DATA_DIR: fresh });
      expect(r.code, show(r)).not.toBe(0);
      expect(fs.existsSync(path.join(fresh, 'pg'))).toBe(false);
    },
    TIMEOUT,
  );

  it(
    'refuses a backup made by a newer schema than this code knows',
    async () => {
      const newer = path.join(work, 'newer.backup.gz');
      rewriteBackup(backupFile, newer, (lines) => {
        const header = JSON.parse(lines[0]!) as { migrations: string[] };
        header.migrations.push('Migration29991231000000_from_the_future');
        lines[0] = JSON.stringify(header);
      });
      const fresh = path.join(work, 'fresh-newer');
      const r = await runCli(['restore', newer], { DATA_DIR: fresh });
      expect(r.code, show(r)).not.toBe(0);
      expect(r.stderr).toMatch(/made by a newer version of the application.*Migration29991231000000_from_the_future/);
      expect(fs.existsSync(path.join(fresh, 'pg'))).toBe(false);
    },
    TIMEOUT,
  );

  it(
    'a failure while loading rolls everything back: not even the schema is left behind',
    async () => {
      // A well-formed file whose data cannot load: one department row twice (primary key violation).
      const duplicate = path.join(work, 'duplicate.backup.gz');
      rewriteBackup(backupFile, duplicate, (lines) => {
        const header = JSON.parse(lines[0]!) as { tables: { name: string; rows: number }[] };
        header.tables.find((t) => t.name === 'department')!.rows += 1;
        lines[0] = JSON.stringify(header);
        const at = lines.indexOf('#table department') + 1;
        lines.splice(at, 0, lines[at]!);
      });
      const fresh = path.join(work, 'fresh-duplicate');
      const r = await runCli(['restore', duplicate], { DATA_DIR: fresh });
      expect(r.code, show(r)).not.toBe(0);
      expect(r.stderr).toMatch(/rolled back, nothing was changed.*duplicate key/s);
      await withCluster(fresh, async (url) => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        const { rows } = await c.query(`SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'`);
        const { rows: types } = await c.query(`SELECT typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public'`);
        await c.end();
        expect(rows).toEqual([]);
        expect(types).toEqual([]);
      });
    },
    TIMEOUT,
  );
});
