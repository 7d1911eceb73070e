/**
 * One embedded PostgreSQL per test run. Migrates and seeds two template databases once;
 * each test file then gets its own copy (CREATE DATABASE … TEMPLATE), see helpers/test-database.ts.
 */
import { MikroORM } from '@mikro-orm/postgresql';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureDatabase, migrateAndSeed } from '../server/src/db/database.js';
import { EmbeddedPostgres } from '../server/src/db/embedded-postgres.js';
import { createOrmConfig } from '../server/src/db/orm.config.js';
import { seedDemoData } from '../server/src/db/seed/demo-seeder.js';
import { bootstrapAdmin } from '../server/src/modules/auth/auth.service.js';
import { TEST_ADMIN_PASSWORD } from './helpers/constants.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the cluster's `postgres` database (admin connection). */
    pgAdminUrl: string;
  }
}

export const DEMO_TEMPLATE = 'zwgk_template_demo';
export const EMPTY_TEMPLATE = 'zwgk_template_empty';

let pg: EmbeddedPostgres | undefined;
let dir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-test-'));
  // The cluster runs as OS user postgres when we are root: it must be able to enter our temp dir.
  fs.chmodSync(dir, 0o755);
  pg = new EmbeddedPostgres({ dir: path.join(dir, 'pg') });
  await pg.start();
  for (const [name, seed] of [
    [EMPTY_TEMPLATE, false],
    [DEMO_TEMPLATE, true],
  ] as const) {
    await ensureDatabase(pg.url(), name);
    const orm = await MikroORM.init(createOrmConfig({ clientUrl: pg.url(name), quiet: true }));
    await migrateAndSeed(orm, async (o) => {
      await bootstrapAdmin(o.em.fork(), TEST_ADMIN_PASSWORD);
      if (seed) await seedDemoData(o.em.fork());
    });
    await orm.close(true);
  }
  project.provide('pgAdminUrl', pg.url());
}

export async function teardown(): Promise<void> {
  await pg?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
