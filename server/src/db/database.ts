import { MikroORM } from '@mikro-orm/postgresql';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config.js';
import { EmbeddedPostgres } from './embedded-postgres.js';
import { createOrmConfig } from './orm.config.js';
import { seedCalendarIfEmpty } from '../modules/calendar/calendar.store.js';
import { seedDeadlineRules } from '../modules/deadlines/deadline-rules.seed.js';
import { seedReminderRules } from '../modules/notifications/reminder-rules.seed.js';
import { seedCategoriesIfEmpty } from '../modules/publications/catalogue.service.js';

export const EMBEDDED_DATABASE = 'zwgk';
/** Key of the advisory lock held while migrating and seeding, so that several instances can start at once. */
const MIGRATION_LOCK_KEY = 7_402_911;

export interface Database {
  orm: MikroORM;
  url: string;
  embedded?: EmbeddedPostgres;
  /** Closes the ORM, then stops the embedded Postgres (if any). */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  onLog?: (line: string) => void;
  /** Runs inside the migration lock after migrations, e.g. the demo seeder. */
  afterMigrate?: (orm: MikroORM) => Promise<void>;
  /** Seed reference data (the holiday calendar); off only to generate a migration. */
  referenceData?: boolean;
}

/** Starts the embedded Postgres unless DATABASE_URL is set, connects, migrates and runs `afterMigrate` under an advisory lock. */
export async function openDatabase(config: Config, options: OpenDatabaseOptions = {}): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = new EmbeddedPostgres({ dir: path.join(config.dataDir, 'pg') });
    await embedded.start();
    await ensureDatabase(embedded.url(), EMBEDDED_DATABASE);
    url = embedded.url(EMBEDDED_DATABASE);
  }
  let orm: MikroORM | undefined;
  try {
    orm = await MikroORM.init(createOrmConfig({ clientUrl: url, logSql: config.logSql }));
    await migrateAndSeed(orm, options.afterMigrate, options.referenceData ?? true);
  } catch (e) {
    await orm?.close(true);
    await embedded?.stop();
    throw e;
  }
  const opened = orm;
  return {
    orm: opened,
    url,
    embedded,
    async close() {
      await opened.close(true);
      await embedded?.stop();
    },
  };
}

export async function migrateAndSeed(orm: MikroORM, afterMigrate?: (orm: MikroORM) => Promise<void>, referenceData = true): Promise<void> {
  // A dedicated session: advisory locks belong to the connection that took them.
  const client = new pg.Client({ connectionString: orm.config.get('clientUrl') });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await orm.migrator.up();
    // Reference data every database needs (not demo data): the official holiday calendar, the deadline rules, the disclosure catalogue.
    if (referenceData) {
      await seedCalendarIfEmpty(orm.em.fork());
      await seedDeadlineRules(orm.em.fork());
      await seedReminderRules(orm.em.fork());
      await seedCategoriesIfEmpty(orm.em.fork());
    }
    await afterMigrate?.(orm);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

/** CREATE DATABASE if it does not exist (Postgres has no IF NOT EXISTS for it). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
