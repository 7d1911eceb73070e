/**
 * Logical backup and restore of the application database, written by our own code so that it
 * needs no pg_dump/pg_restore (the embedded package ships none, and Debian's pg_dump 15 refuses a
 * PostgreSQL 18 server).
 *
 * File format (`.backup.gz`): one gzip stream of UTF-8 lines.
 *
 *   line 1            header, one JSON object (`BackupHeader`): format, format version, app version,
 *                     created at, source, server version, executed migrations, and per table its
 *                     columns and row count
 *   `#table <name>`   starts a table's section (tables in header order)
 *   `{…}`             one row, `row_to_json` of the table's row (one line: JSON escapes newlines)
 *   `#end {…}`        last line: `{"rows": total, "sha256": hex}`, the SHA-256 of every byte
 *                     (uncompressed) before the `#end` line
 *
 * Backup: one REPEATABLE READ, READ ONLY transaction (one snapshot) reads the migration table, counts
 * every table, then streams each table's rows ordered by primary key through a cursor. Tables are
 * discovered from the catalog (every ordinary table of schema `public`), so new migrations need no
 * change here. The file is written to `<file>.partial` and renamed when complete.
 *
 * Restore: the whole file is read and verified first (gzip CRC, every section and count, the
 * checksum), before the database is touched. Then, in ONE transaction: (with --force) drop and
 * recreate schema `public`; run this code's migrations up to the backup's last one (refusing a
 * backup whose migrations this code does not know); drop the foreign keys; load every table
 * (`json_populate_recordset`); re-add the foreign keys (which re-validates them); set every
 * sequence to at least max(column); compare every table's row count with the header. Any failure
 * rolls everything back.
 */
import { MikroORM } from '@mikro-orm/postgresql';
import type { Migrator } from '@mikro-orm/migrations';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';
import type { Config } from '../config.js';
import { EMBEDDED_DATABASE, ensureDatabase } from './database.js';
import { EmbeddedPostgres } from './embedded-postgres.js';
import { migrationsList } from './migrations/index.js';
import { createOrmConfig } from './orm.config.js';

export const BACKUP_FORMAT = 'zwgk-backup';
export const BACKUP_FORMAT_VERSION = 1;
const SCHEMA = 'public';
const MIGRATIONS_TABLE = 'mikro_orm_migrations';
/** Rows per cursor fetch (backup) and the most JSON bytes per INSERT (restore). */
const FETCH_ROWS = 2000;
const INSERT_BATCH_BYTES = 4 * 1024 * 1024;

export interface BackupColumn {
  name: string;
  type: string;
}

export interface BackupTable {
  name: string;
  columns: BackupColumn[];
  rows: number;
}

export interface BackupSequence {
  name: string;
  lastValue: string;
  isCalled: boolean;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  app: { name: string; version: string };
  createdAt: string;
  /** Where the data came from (no password). */
  source: string;
  serverVersion: string;
  /** Names of the executed migrations, in order. */
  migrations: string[];
  tables: BackupTable[];
  sequences: BackupSequence[];
}

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
  header: BackupHeader;
}

export interface RestoreResult {
  ms: number;
  header: BackupHeader;
  /** Migrations this code has beyond the backup's: applied at the next start or `npm run db:migrate`. */
  newerMigrations: string[];
  replaced: boolean;
}

/** A refusal or a failure with a message meant for the operator. */
export class BackupError extends Error {
  override name = 'BackupError';
}

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;
const qt = (table: string) => `${q(SCHEMA)}.${q(table)}`;

// ───────────────────────────── backup ─────────────────────────────

/** Writes a backup of the database at `url` to `file` (refuses to overwrite an existing file). */
export async function backupDatabase(url: string, file: string, source: string): Promise<BackupResult> {
  const started = performance.now();
  if (fs.existsSync(file)) throw new BackupError(`${file} already exists: choose another file name.`);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const partial = `${file}.partial`;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const header = await readHeader(client, source);
    const hash = createHash('sha256');
    let total = 0;
    async function* lines(): AsyncGenerator<Buffer> {
      const emit = (text: string) => {
        const buf = Buffer.from(`${text}\n`, 'utf8');
        hash.update(buf);
        return buf;
      };
      yield emit(JSON.stringify(header));
      for (const table of header.tables) {
        yield emit(`#table ${table.name}`);
        const order = await primaryKey(client, table.name);
        await client.query(
          `DECLARE backup_rows NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${qt(table.name)} t${order.length ? ` ORDER BY ${order.map((c) => `t.${q(c)}`).join(', ')}` : ''}`,
        );
        let count = 0;
        for (;;) {
          const { rows } = await client.query<{ j: string }>(`FETCH ${FETCH_ROWS} FROM backup_rows`);
          if (!rows.length) break;
          count += rows.length;
          yield emit(rows.map((r) => r.j).join('\n'));
        }
        await client.query('CLOSE backup_rows');
        // Same snapshot: the count read first must match what we streamed.
        if (count !== table.rows) throw new Error(`table ${table.name}: counted ${table.rows} rows but read ${count}`);
        total += count;
      }
      yield Buffer.from(`#end ${JSON.stringify({ rows: total, sha256: hash.digest('hex') })}\n`, 'utf8');
    }
    await pipeline(Readable.from(lines()), createGzip({ level: 6 }), fs.createWriteStream(partial, { mode: 0o600, flags: 'wx' }));
    await client.query('COMMIT');
    fs.renameSync(partial, file);
    return { file, bytes: fs.statSync(file).size, ms: Math.round(performance.now() - started), header };
  } catch (e) {
    fs.rmSync(partial, { force: true });
    throw e;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function readHeader(client: pg.Client, source: string): Promise<BackupHeader> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY c.relname`,
    [SCHEMA],
  );
  if (!tables.some((t) => t.name === MIGRATIONS_TABLE)) {
    throw new BackupError(`The database (${source}) has no ${MIGRATIONS_TABLE} table: it is not a migrated 督办台 database, nothing to back up.`);
  }
  const { rows: migrations } = await client.query<{ name: string }>(`SELECT name FROM ${qt(MIGRATIONS_TABLE)} ORDER BY id`);
  const result: BackupTable[] = [];
  for (const { name } of tables) {
    const { rows: cnt } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${qt(name)}`);
    result.push({ name, columns: await tableColumns(client, name), rows: Number(cnt[0]!.n) });
  }
  const sequences: BackupSequence[] = [];
  for (const { name } of (
    await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'S' ORDER BY 1`,
      [SCHEMA],
    )
  ).rows) {
    const { rows } = await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${qt(name)}`);
    sequences.push({ name, lastValue: rows[0]!.last_value, isCalled: rows[0]!.is_called });
  }
  const { rows: version } = await client.query<{ server_version: string }>('SHOW server_version');
  return {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    app: appInfo(),
    createdAt: new Date().toISOString(),
    source,
    serverVersion: version[0]!.server_version,
    migrations: migrations.map((m) => m.name),
    tables: result,
    sequences,
  };
}

/** Columns that hold data (generated columns are recomputed on insert), in table order. */
async function tableColumns(client: pg.Client | Exec, table: string): Promise<BackupColumn[]> {
  const sql = `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
      FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY a.attnum`;
  const rows = typeof client === 'function' ? await client(sql.replace('$1', '?'), [qt(table)]) : (await client.query(sql, [qt(table)])).rows;
  return rows.map((r: { name: string; type: string }) => ({ name: r.name, type: r.type }));
}

async function primaryKey(client: pg.Client, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT a.attname AS name FROM pg_index i JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, ord) ON true
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY k.ord`,
    [qt(table)],
  );
  return rows.map((r) => r.name);
}

function appInfo(): { name: string; version: string } {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // server/src/db (tsx) or dist/server/src/db (tsc build)
  for (const candidate of [path.resolve(here, '../../../package.json'), path.resolve(here, '../../../../package.json')]) {
    try {
      const pkg = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name && pkg.version) return { name: pkg.name, version: pkg.version };
    } catch {
      /* next */
    }
  }
  return { name: 'zwgk-duban', version: 'unknown' };
}

// ───────────────────────────── reading a backup file ─────────────────────────────

type Line = { kind: 'header'; header: BackupHeader } | { kind: 'table'; name: string } | { kind: 'row'; json: string } | { kind: 'end' };

/** The lines of a backup file, checked as they come: structure, counts against the header, and at the end the checksum. */
async function* readBackup(file: string): AsyncGenerator<Line> {
  if (!fs.existsSync(file)) throw new BackupError(`${file}: no such file.`);
  const input = fs.createReadStream(file).pipe(createGunzip());
  const hash = createHash('sha256');
  let header: BackupHeader | undefined;
  let tableIndex = -1;
  let rowsInTable = 0;
  let total = 0;
  let ended = false;
  let pending = Buffer.alloc(0);
  let lineNo = 0;

  const finishTable = () => {
    if (header && tableIndex >= 0) {
      const t = header.tables[tableIndex]!;
      if (rowsInTable !== t.rows) throw new BackupError(`${file} is damaged: table ${t.name} has ${rowsInTable} rows, the header says ${t.rows}.`);
    }
  };

  function* handle(line: Buffer): Generator<Line> {
    lineNo++;
    if (ended) throw new BackupError(`${file} is damaged: data after the end marker.`);
    if (!header) {
      let parsed: BackupHeader;
      try {
        parsed = JSON.parse(line.toString('utf8')) as BackupHeader;
      } catch {
        throw new BackupError(`${file} is not a 督办台 backup (no header).`);
      }
      if (parsed?.format !== BACKUP_FORMAT) throw new BackupError(`${file} is not a 督办台 backup (format ${JSON.stringify(parsed?.format)}).`);
      if (parsed.formatVersion !== BACKUP_FORMAT_VERSION) {
        throw new BackupError(`${file} has backup format version ${parsed.formatVersion}; this version reads only version ${BACKUP_FORMAT_VERSION}.`);
      }
      hash.update(line).update('\n');
      header = parsed;
      yield { kind: 'header', header };
      return;
    }
    if (line[0] === 0x7b /* { */) {
      if (tableIndex < 0) throw new BackupError(`${file} is damaged: a row before the first table (line ${lineNo}).`);
      hash.update(line).update('\n');
      rowsInTable++;
      total++;
      yield { kind: 'row', json: line.toString('utf8') };
      return;
    }
    const text = line.toString('utf8');
    if (text.startsWith('#table ')) {
      finishTable();
      hash.update(line).update('\n');
      tableIndex++;
      rowsInTable = 0;
      const name = text.slice('#table '.length);
      const expected = header.tables[tableIndex]?.name;
      if (name !== expected) throw new BackupError(`${file} is damaged: found table ${name}, expected ${expected ?? 'the end'} (line ${lineNo}).`);
      yield { kind: 'table', name };
      return;
    }
    if (text.startsWith('#end ')) {
      finishTable();
      if (tableIndex !== header.tables.length - 1) throw new BackupError(`${file} is damaged: ${header.tables.length - tableIndex - 1} tables missing.`);
      let end: { rows: number; sha256: string };
      try {
        end = JSON.parse(text.slice('#end '.length)) as { rows: number; sha256: string };
      } catch {
        throw new BackupError(`${file} is damaged: unreadable end marker.`);
      }
      if (end.rows !== total) throw new BackupError(`${file} is damaged: ${total} rows read, the end marker says ${end.rows}.`);
      if (end.sha256 !== hash.digest('hex')) throw new BackupError(`${file} is damaged: checksum mismatch.`);
      ended = true;
      yield { kind: 'end' };
      return;
    }
    throw new BackupError(`${file} is damaged: unexpected line ${lineNo}.`);
  }

  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      let buf = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      let nl: number;
      while ((nl = buf.indexOf(0x0a)) >= 0) {
        yield* handle(buf.subarray(0, nl));
        buf = buf.subarray(nl + 1);
      }
      pending = Buffer.from(buf);
    }
  } catch (e) {
    if (e instanceof BackupError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'Z_BUF_ERROR') throw new BackupError(`${file} is truncated (the copy is incomplete): refusing to restore it.`);
    if (code === 'Z_DATA_ERROR') {
      throw new BackupError(
        header
          ? `${file} is corrupted (${(e as Error).message}): refusing to restore it.`
          : `${file} is not a 督办台 backup (not a gzip file: ${(e as Error).message}).`,
      );
    }
    throw e;
  } finally {
    input.destroy();
  }
  if (pending.length) throw new BackupError(`${file} is truncated (incomplete last line): refusing to restore it.`);
  if (!header) throw new BackupError(`${file} is empty: not a 督办台 backup.`);
  if (!ended) throw new BackupError(`${file} is truncated (no end marker): refusing to restore it.`);
}

/** Reads the whole file and checks it (gzip, structure, counts, checksum); returns its header. */
export async function verifyBackupFile(file: string): Promise<BackupHeader> {
  let header: BackupHeader | undefined;
  for await (const line of readBackup(file)) if (line.kind === 'header') header = line.header;
  return header!;
}

/** The migrations of this code beyond the backup's; refuses a backup made by a newer or different schema. */
export function checkMigrationState(header: BackupHeader, known: string[] = migrationsList.map((m) => m.name)): string[] {
  const unknown = header.migrations.filter((m) => !known.includes(m));
  if (unknown.length) {
    throw new BackupError(
      `The backup was made by a newer version of the application (app ${header.app.version}): its schema has ${unknown.length} migration(s) this version does not know (${unknown.join(', ')}). Restore it with that version or a later one.`,
    );
  }
  const prefix = known.slice(0, header.migrations.length);
  if (prefix.join('\n') !== header.migrations.join('\n')) {
    throw new BackupError(`The backup's migrations (${header.migrations.length}) are not in the order this version applies them; refusing to restore it.`);
  }
  return known.slice(header.migrations.length);
}

// ───────────────────────────── restore ─────────────────────────────

type Exec = (sql: string, params?: unknown[]) => Promise<any[]>;

export interface RestoreOptions {
  /** Replace a database that already has tables. */
  force?: boolean;
  /** Description of the target for messages. */
  target?: string;
  /** The header of a file already checked with `verifyBackupFile` (skips one read of the file). */
  header?: BackupHeader;
}

/** Restores a verified backup file into the database at `url` in one transaction. */
export async function restoreDatabase(url: string, file: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const started = performance.now();
  const header = options.header ?? (await verifyBackupFile(file));
  const newerMigrations = checkMigrationState(header);
  const target = options.target ?? redactUrl(url);

  // Preflight on a connection of our own: is the target empty, is anyone else connected?
  const probe = new pg.Client({ connectionString: url });
  await probe.connect();
  let existing: { name: string; rows: string }[];
  try {
    existing = (
      await probe.query<{ name: string; rows: string }>(
        `SELECT c.relname AS name, greatest(c.reltuples, 0)::bigint::text AS rows FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY c.reltuples DESC, c.relname`,
        [SCHEMA],
      )
    ).rows;
    if (existing.length && !options.force) {
      throw new BackupError(
        `The target database (${target}) is not empty: it has ${existing.length} tables (${existing
          .slice(0, 3)
          .map((t) => t.name)
          .join(
            ', ',
          )}, …). Restoring replaces everything in it; nothing was changed. To replace it, run again with --force (npm run db:restore -- ${file} --force).`,
      );
    }
    const { rows: others } = await probe.query<{ n: string; who: string | null }>(
      `SELECT count(*)::text AS n, string_agg(DISTINCT coalesce(nullif(application_name, ''), '?') || '@' || coalesce(host(client_addr), 'local'), ', ') AS who
         FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
    );
    if (Number(others[0]!.n) > 0) {
      throw new BackupError(
        `${others[0]!.n} other connection(s) are open on the target database (${target}; ${others[0]!.who}): stop every server using it before restoring. Nothing was changed.`,
      );
    }
  } finally {
    await probe.end().catch(() => undefined);
  }

  // ensureDatabase: false — otherwise the migrator's init() sees the database as "just ensured", rebuilds its
  // storage and creates its tracking table outside our transaction.
  const orm = await MikroORM.init({ ...createOrmConfig({ clientUrl: url, quiet: true, poolMax: 2 }), ensureDatabase: false });
  try {
    const connection = orm.em.getConnection();
    await connection.transactional(async (trx) => {
      const exec: Exec = (sql, params = []) => connection.execute(sql, params, 'all', trx) as Promise<any[]>;
      await exec(`SET LOCAL lock_timeout = '15s'`);
      if (options.force) {
        await exec(`DROP SCHEMA IF EXISTS ${q(SCHEMA)} CASCADE`);
        await exec(`CREATE SCHEMA ${q(SCHEMA)}`);
        // As PostgreSQL ≥ 15 creates it: owned by the database owner, usable by everyone.
        await exec(`ALTER SCHEMA ${q(SCHEMA)} OWNER TO pg_database_owner`);
        await exec(`GRANT USAGE ON SCHEMA ${q(SCHEMA)} TO PUBLIC`);
      }

      // The schema as of the backup: this code's migrations up to the backup's last one, in this transaction.
      if (header.migrations.length) {
        const migrator = orm.migrator as Migrator;
        // The migrator creates its tracking table in init(), before the transaction it is given: hand it ours now.
        migrator.getStorage().setMasterMigration(trx);
        try {
          await migrator.up({ to: header.migrations.at(-1)!, transaction: trx });
        } finally {
          migrator.getStorage().unsetMasterMigration();
        }
        const executed = (await exec(`SELECT name FROM ${qt(MIGRATIONS_TABLE)} ORDER BY id`)).map((r: { name: string }) => r.name);
        if (executed.join('\n') !== header.migrations.join('\n')) {
          throw new BackupError(`After migrating, the database has migrations ${executed.join(', ')}; the backup expects ${header.migrations.join(', ')}.`);
        }
      }

      // The schema must hold every table and column of the backup.
      const targetTables = new Set(
        (
          await exec(`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind = 'r'`, [SCHEMA])
        ).map((r: { name: string }) => r.name),
      );
      for (const table of header.tables) {
        if (!targetTables.has(table.name)) throw new BackupError(`The backup has table ${table.name}, which the migrated schema lacks.`);
        const have = (await tableColumns(exec, table.name)).map((c) => c.name).sort();
        const want = table.columns.map((c) => c.name).sort();
        if (have.join(',') !== want.join(',')) {
          throw new BackupError(`Table ${table.name}: the backup has columns (${want.join(', ')}), the migrated schema (${have.join(', ')}).`);
        }
      }

      // Skip user triggers while loading (superusers only); foreign keys are dropped and re-added below either way.
      const [{ rolsuper }] = await exec(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`);
      if (rolsuper) await exec(`SET LOCAL session_replication_role = replica`);
      const foreignKeys = (await exec(
        `SELECT c.conname AS name, r.relname AS "table", pg_get_constraintdef(c.oid) AS def
           FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace
          WHERE c.contype = 'f' AND n.nspname = ? ORDER BY r.relname, c.conname`,
        [SCHEMA],
      )) as { name: string; table: string; def: string }[];
      for (const fk of foreignKeys) await exec(`ALTER TABLE ${qt(fk.table)} DROP CONSTRAINT ${q(fk.name)}`);
      // Rows the migrations themselves inserted (and the migration log) give way to the backup's.
      if (header.tables.length) await exec(`TRUNCATE ${header.tables.map((t) => qt(t.name)).join(', ')} RESTART IDENTITY`);

      const columnsOf = new Map(header.tables.map((t) => [t.name, t.columns.map((c) => q(c.name)).join(', ')]));
      let current: string | undefined;
      let batch: string[] = [];
      let batchBytes = 0;
      const flush = async () => {
        if (!current || !batch.length) return;
        const cols = columnsOf.get(current)!;
        await exec(`INSERT INTO ${qt(current)} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM json_populate_recordset(NULL::${qt(current)}, ?::json)`, [
          `[${batch.join(',')}]`,
        ]);
        batch = [];
        batchBytes = 0;
      };
      // Read again (the file is checked again as it is loaded: a file changed in between fails the checksum).
      for await (const line of readBackup(file)) {
        if (line.kind === 'table') {
          await flush();
          current = line.name;
        } else if (line.kind === 'row') {
          batch.push(line.json);
          batchBytes += line.json.length;
          if (batchBytes >= INSERT_BATCH_BYTES) await flush();
        } else if (line.kind === 'end') {
          await flush();
        }
      }

      // Re-adding the foreign keys validates every reference.
      for (const fk of foreignKeys) {
        try {
          await exec(`ALTER TABLE ${qt(fk.table)} ADD CONSTRAINT ${q(fk.name)} ${fk.def}`);
        } catch (e) {
          throw new BackupError(`The restored data violates ${fk.table}.${fk.name}: ${(e as Error).message}`);
        }
      }

      // Every sequence owned by a column: at least max(column), and never below the source's value.
      const owned = (await exec(
        `SELECT s.relname AS seq, t.relname AS "table", a.attname AS col
           FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace
           JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
           JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
          WHERE s.relkind = 'S' AND n.nspname = ?`,
        [SCHEMA],
      )) as { seq: string; table: string; col: string }[];
      const fromBackup = new Map(header.sequences.map((s) => [s.name, s]));
      for (const { seq, table, col } of owned) {
        const [{ max }] = await exec(`SELECT max(${q(col)})::text AS max FROM ${qt(table)}`);
        const source = fromBackup.get(seq);
        const candidates = [max, source?.isCalled ? source.lastValue : null].filter((v): v is string => v !== null && v !== undefined).map(BigInt);
        if (candidates.length) {
          const value = candidates.reduce((a, b) => (a > b ? a : b));
          await exec(`SELECT setval(?::regclass, ?::bigint, true)`, [qt(seq), value.toString()]);
        } else {
          await exec(`SELECT setval(?::regclass, 1, false)`, [qt(seq)]);
        }
      }

      // Every table holds exactly the rows of the backup.
      for (const table of header.tables) {
        const [{ n }] = await exec(`SELECT count(*)::text AS n FROM ${qt(table.name)}`);
        if (Number(n) !== table.rows) throw new BackupError(`Table ${table.name}: ${n} rows after loading, the backup has ${table.rows}. Nothing was changed.`);
      }
    });
  } catch (e) {
    if (e instanceof BackupError) throw e;
    throw new BackupError(`Restore failed and was rolled back, nothing was changed: ${(e as Error).message}`);
  } finally {
    await orm.close(true);
  }
  return { ms: Math.round(performance.now() - started), header, newerMigrations, replaced: existing.length > 0 };
}

// ───────────────────────────── the CLI's view: embedded or DATABASE_URL ─────────────────────────────

/** `postgresql://user@host:port/db` without the password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString().replace(/:@/, '@');
  } catch {
    return 'DATABASE_URL';
  }
}

interface RunningPostmaster {
  pid: number;
  port: number;
}

/** The Postgres running on a cluster dir (`postmaster.pid` held by a live postgres process), if any. */
export function runningPostmaster(clusterDir: string): RunningPostmaster | undefined {
  const file = path.join(clusterDir, 'postmaster.pid');
  let lines: string[];
  try {
    lines = fs.readFileSync(file, 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return undefined;
    if (!fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith('postgres')) return undefined;
  } catch {
    /* no /proc: trust the pid file */
  }
  return { pid, port };
}

function embeddedCredentials(clusterDir: string): { user: string; password: string } {
  const file = `${clusterDir}.credentials.json`;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as { user: string; password: string };
}

/** Default backup file: `<DATA_DIR>/backups/zwgk-YYYYMMDD-HHMMSS.backup.gz`, Asia/Shanghai time. */
export function defaultBackupFile(dataDir: string, at = new Date()): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return path.join(dataDir, 'backups', `zwgk-${parts.year}${parts.month}${parts.day}-${parts.hour}${parts.minute}${parts.second}.backup.gz`);
}

export type Log = (line: string) => void;

/**
 * Runs `work` on the configured database (DATABASE_URL) or the embedded one under DATA_DIR: through
 * the running server's PostgreSQL when `npm start` holds the cluster, else on a PostgreSQL started
 * for the command and stopped after it. For commands that read while the server may run.
 */
export async function withConfiguredDatabase<T>(config: Config, log: Log, work: (url: string, source: string) => Promise<T>): Promise<T> {
  if (config.databaseUrl) return work(config.databaseUrl, redactUrl(config.databaseUrl));
  const clusterDir = path.join(config.dataDir, 'pg');
  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    throw new BackupError(`No embedded database under ${config.dataDir} (no ${clusterDir}). Set DATA_DIR, or DATABASE_URL for a PostgreSQL server.`);
  }
  const source = `embedded PostgreSQL ${clusterDir}, database ${EMBEDDED_DATABASE}`;
  const running = runningPostmaster(clusterDir);
  if (running) {
    const { user, password } = embeddedCredentials(clusterDir);
    const url = `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${running.port}/${EMBEDDED_DATABASE}`;
    log(`The server is running on ${config.dataDir}: working through its PostgreSQL (pid ${running.pid}).`);
    return work(url, source);
  }
  const embedded = new EmbeddedPostgres({ dir: clusterDir });
  await embedded.start();
  try {
    const probe = new pg.Client({ connectionString: embedded.url() });
    await probe.connect();
    const { rowCount } = await probe.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]).finally(() => probe.end());
    if (!rowCount) throw new BackupError(`The embedded cluster ${clusterDir} has no database ${EMBEDDED_DATABASE}.`);
    return await work(embedded.url(EMBEDDED_DATABASE), source);
  } finally {
    await embedded.stop();
  }
}

/** `npm run db:backup [-- FILE]`: the configured database, or the embedded one (running or not). */
export async function runBackupCommand(config: Config, args: string[], log: Log = console.log): Promise<BackupResult> {
  const file = path.resolve(args[0] ?? defaultBackupFile(config.dataDir));
  const result = await withConfiguredDatabase(config, log, (url, source) => backupDatabase(url, file, source));
  log(`Backup written: ${result.file}`);
  log(
    `  size ${formatBytes(result.bytes)}, ${result.ms} ms; from ${result.header.source} (PostgreSQL ${result.header.serverVersion}), app ${result.header.app.version}`,
  );
  log(`  schema: ${result.header.migrations.length} migrations (last ${result.header.migrations.at(-1) ?? '—'})`);
  logTables(result.header, log);
  return result;
}

/** `npm run db:restore -- FILE [--force]` into the configured database, or the embedded one (which must not be running). */
export async function runRestoreCommand(config: Config, args: string[], log: Log = console.log): Promise<RestoreResult> {
  const force = args.includes('--force');
  const unknown = args.filter((a) => a.startsWith('-') && a !== '--force');
  const files = args.filter((a) => !a.startsWith('-'));
  if (unknown.length || files.length !== 1) throw new BackupError('Usage: npm run db:restore -- <file.backup.gz> [--force]');
  const file = path.resolve(files[0]!);
  // Check the whole file before touching any database (or creating a cluster).
  const header = await verifyBackupFile(file);
  checkMigrationState(header);
  log(
    `Backup ${file}: made ${header.createdAt} from ${header.source}, app ${header.app.version}, ${header.tables.reduce((s, t) => s + t.rows, 0)} rows — file checked.`,
  );

  let result: RestoreResult;
  if (config.databaseUrl) {
    result = await restoreDatabase(config.databaseUrl, file, { force, header, target: redactUrl(config.databaseUrl) });
  } else {
    const clusterDir = path.join(config.dataDir, 'pg');
    const running = runningPostmaster(clusterDir);
    if (running) {
      throw new BackupError(
        `PostgreSQL is running on ${clusterDir} (pid ${running.pid}, port ${running.port}) — the server (npm start) is using this data dir. Stop the server first, then restore. Nothing was changed.`,
      );
    }
    const embedded = new EmbeddedPostgres({ dir: clusterDir });
    await embedded.start();
    try {
      await ensureDatabase(embedded.url(), EMBEDDED_DATABASE);
      result = await restoreDatabase(embedded.url(EMBEDDED_DATABASE), file, { force, header, target: `embedded ${clusterDir}, database ${EMBEDDED_DATABASE}` });
    } finally {
      await embedded.stop();
    }
  }
  log(`Restored ${result.replaced ? '(replacing the previous contents) ' : ''}in ${result.ms} ms:`);
  logTables(result.header, log);
  if (result.newerMigrations.length) {
    log(`This version has ${result.newerMigrations.length} newer migration(s); they are applied at the next start (or npm run db:migrate).`);
  }
  return result;
}

function logTables(header: BackupHeader, log: Log): void {
  const width = Math.max(5, ...header.tables.map((t) => t.name.length));
  for (const t of header.tables) log(`  ${t.name.padEnd(width)} ${String(t.rows).padStart(9)}`);
  log(`  ${'total'.padEnd(width)} ${String(header.tables.reduce((s, t) => s + t.rows, 0)).padStart(9)}  (${header.tables.length} tables)`);
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(2)} MiB`;
}
