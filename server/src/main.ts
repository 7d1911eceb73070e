/**
 * `npm start`: validated config → database (embedded unless DATABASE_URL) → migrations
 * and demo seed under an advisory lock → HTTP. Ctrl+C/SIGTERM stops in order:
 * HTTP/GraphQL (drained) → ORM → Postgres.
 */
import { ConfigError, loadConfig, type Config } from './config.js';
import { createApp, type App } from './app.js';
import { openDatabase, type Database } from './db/database.js';
import { seedDemoDataIfEmpty } from './db/seed/demo-seeder.js';
import { bootstrapAdmin } from './modules/auth/auth.service.js';
import { startRetentionSchedule } from './modules/requests/retention.js';
import { startDeadlineSweeper } from './modules/deadlines/deadline.sweeper.js';
import { now, setClock } from './time/clock.js';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }

  const startedAt = performance.now();
  if (config.clockAt) {
    // Before the demo seed: it dates everything as of the simulated today.
    setClock(config.clockAt);
    console.log(`CLOCK_AT: running as of ${now().toISOString()} (simulated clock, advancing with real time)`);
  }
  // Still undefined while the database opens: a signal then finds nothing to close.
  let db: Database | undefined = undefined;
  let app: App | undefined;
  let stopSweeper: (() => Promise<void>) | undefined;
  let stopRetention: (() => Promise<void>) | undefined;
  let shuttingDown = false;

  const shutdown = async (signal: string) => {
    if (shuttingDown) {
      // A second Ctrl+C: stop waiting for live clients to drain, but never leave PostgreSQL behind.
      console.log(`\n${signal} again: stopping PostgreSQL and exiting now.`);
      await db?.embedded?.stop().catch(() => undefined);
      process.exit(130);
    }
    shuttingDown = true;
    console.log(`\n${signal} received: shutting down…`);
    const force = setTimeout(() => {
      console.error('Shutdown took too long; exiting.');
      process.exit(1);
    }, 20_000);
    force.unref();
    try {
      await app?.stop();
      await stopSweeper?.();
      await stopRetention?.();
      await db?.close();
      console.log('Stopped.');
      process.exit(0);
    } catch (e) {
      console.error('Error during shutdown:', e);
      process.exit(1);
    }
  };
  // A promise rejection nobody awaited is a bug to fix, not a reason to drop every user's connection.
  process.on('unhandledRejection', (reason) => console.error('Unhandled promise rejection (server keeps running):', reason));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  console.log(config.databaseUrl ? 'Connecting to PostgreSQL (DATABASE_URL)…' : `Starting embedded PostgreSQL (data in ${config.dataDir})…`);
  db = await openDatabase(config, {
    afterMigrate: async (orm) => {
      const admin = await bootstrapAdmin(orm.em.fork(), config.auth.adminPassword);
      if (admin?.generatedPassword) {
        console.log(`\nCreated user "admin" with the generated password: ${admin.generatedPassword}`);
        console.log('It is shown only this once: sign in and change it (or set ADMIN_PASSWORD before the first start).\n');
      } else if (admin) {
        console.log('Created user "admin" with the password from ADMIN_PASSWORD.');
      }
      if (config.seedDemoData) {
        const result = await seedDemoDataIfEmpty(orm.em.fork());
        if (result) console.log(result);
      }
    },
  });
  if (shuttingDown) return;
  let port: number;
  try {
    app = await createApp(config, db.orm);
    port = await app.listen();
  } catch (e) {
    await app?.stop().catch(() => undefined);
    await db.close();
    throw e;
  }
  if (config.deadlineSweepSeconds > 0) {
    const live = app;
    stopSweeper = startDeadlineSweeper(
      db.orm,
      config.deadlineSweepSeconds * 1000,
      (e) => console.error('Deadline sweep failed:', e),
      (moved) => moved && live.invalidate(['deadlines']),
    );
  }
  if (config.personalDataRetentionYears > 0) {
    // 个人信息保存期限: erase applicants past retention at start and every 6 hours (see requests/retention.ts).
    stopRetention = startRetentionSchedule(
      db.orm,
      config.personalDataRetentionYears,
      6 * 3600_000,
      (e) => console.error('Personal data retention failed:', e),
      (r) => console.log(`Personal data retention (${r.years} years): erased the applicants of ${r.erased} applications answered on or before ${r.cutoff}.`),
    );
  }
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(`Ready in ${Math.round(performance.now() - startedAt)} ms`);
  console.log(`GraphQL: http://${host}:${port}/graphql`);
  console.log(`Health:  http://${host}:${port}/healthz`);
}

main().catch((e: unknown) => {
  console.error('Failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
