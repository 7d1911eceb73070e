import { DataloaderType } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { entities } from './entities.js';
import { AuditSubscriber } from '../modules/audit/audit.subscriber.js';
import { migrationsList } from './migrations/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface OrmConfigOptions {
  clientUrl: string;
  logSql?: boolean;
  /** Connection pool size. */
  poolMax?: number;
  /** Called with every SQL statement (tests count queries with it). */
  onQuery?: (sql: string) => void;
  /** No migrator output. */
  quiet?: boolean;
}

export function createOrmConfig(options: OrmConfigOptions): Options {
  return defineConfig({
    clientUrl: options.clientUrl,
    entities,
    extensions: [Migrator],
    subscribers: [new AuditSubscriber()],
    // Batches Reference/Collection loads issued in one tick: no N+1 in field resolvers.
    dataloader: DataloaderType.ALL,
    // Dates are calendar dates; keep timestamps in UTC on the wire to Postgres.
    timezone: '+00:00',
    forceUtcTimezone: true,
    debug: options.onQuery ? ['query'] : (options.logSql ?? false),
    ...(options.onQuery ? { logger: options.onQuery, colors: false } : {}),
    pool: { max: options.poolMax ?? 10 },
    allowGlobalContext: false,
    migrations: {
      path: path.join(here, 'migrations'),
      pathTs: path.join(here, 'migrations'),
      migrationsList,
      tableName: 'mikro_orm_migrations',
      silent: options.quiet ?? false,
      transactional: true,
      allOrNothing: true,
      snapshot: true,
      snapshotName: '.snapshot',
      // The snapshot belongs to `migration:create`; running migrations must not rewrite the committed file.
      snapshotOnMigrate: false,
      fileName: (timestamp, name) => `Migration${timestamp}_${name ?? 'unnamed'}`,
    },
  });
}
