import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startRedis } from './redis.js';
import { spawnServer, type ServerProcess } from './spawn-server.js';
import { createTestDatabase } from './test-server.js';

export interface TwoInstances {
  /** GraphQL URL of each instance (http://…/graphql). */
  readonly urlA: string;
  readonly urlB: string;
  /** The database both use (a copy of the demo template). */
  readonly databaseUrl: string;
  /** The redis-server, when the broker is Redis. */
  readonly redisUrl: string | undefined;
  /** POST a GraphQL operation to one instance; throws on errors. */
  gqlTo(url: string, query: string, variables?: Record<string, unknown>, token?: string): Promise<any>;
}

/**
 * Two real server processes on one database, their live changes carried by PostgreSQL NOTIFY or
 * by a throw-away redis-server. Registers its own beforeAll/afterAll: call it inside a describe.
 */
export function twoInstancesOnOneDatabase(broker: 'postgres' | 'redis', env: Record<string, string> = {}): TwoInstances {
  let db: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
  let a: ServerProcess | undefined;
  let b: ServerProcess | undefined;
  let urls: string[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-two-'));

  beforeAll(async () => {
    db = await createTestDatabase('demo');
    redis = broker === 'redis' ? await startRedis() : undefined;
    const merged = { DATABASE_URL: db.url, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DEADLINE_SWEEP_SECONDS: '0', REDIS_URL: redis?.url, ...env };
    a = spawnServer(merged);
    b = spawnServer(merged);
    urls = (await Promise.all([a.waitForReady(30_000), b.waitForReady(30_000)])).map((r) => `${r.baseUrl}/graphql`);
  }, 60_000);

  afterAll(async () => {
    for (const p of [a, b]) if (p && !p.exit()) p.child.kill('SIGTERM');
    await Promise.all([a?.waitForExit(10_000).catch(() => undefined), b?.waitForExit(10_000).catch(() => undefined)]);
    await redis?.stop();
    await db?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  return {
    get urlA() {
      return urls[0]!;
    },
    get urlB() {
      return urls[1]!;
    },
    get databaseUrl() {
      return db!.url;
    },
    get redisUrl() {
      return redis?.url;
    },
    async gqlTo(url, query, variables = {}, token) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as any;
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    },
  };
}
