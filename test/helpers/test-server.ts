import { MikroORM } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createApp, type App } from '../../server/src/app.js';
import { loadConfig, type Config } from '../../server/src/config.js';
import { createOrmConfig } from '../../server/src/db/orm.config.js';
import { TEST_ADMIN_PASSWORD } from './constants.js';

const DEMO_TEMPLATE = 'zwgk_template_demo';
const EMPTY_TEMPLATE = 'zwgk_template_empty';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface TestServer {
  /** The app in this process (its live hub, broker …). */
  app: App;
  url: string;
  graphqlUrl: string;
  orm: MikroORM;
  databaseUrl: string;
  config: Config;
  /** Access token of the bootstrap admin. */
  adminToken: string;
  /** POSTs a GraphQL operation as admin (token undefined), as another token, or anonymously (token null). */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<GraphQLResponse<T>>;
  /** Like gql, but fails on any error and returns data. */
  gqlOk<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<T>;
  /** Signs in and returns the access token (fails the test on error). */
  login(username: string, password: string): Promise<string>;
  /** Runs SQL directly (for assertions that nothing was written). */
  sql<R extends pg.QueryResultRow = any>(text: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

export interface RequestOptions {
  token?: string | null;
  headers?: Record<string, string>;
}

export interface TestServerOptions {
  /** Start from the seeded demo database (default) or an empty migrated one. */
  seed?: 'demo' | 'empty';
  onQuery?: (sql: string) => void;
  env?: Record<string, string>;
}

/** A fresh database copied from a template, for one test file. */
export async function createTestDatabase(seed: 'demo' | 'empty' = 'demo'): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  const name = `zwgk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${seed === 'demo' ? DEMO_TEMPLATE : EMPTY_TEMPLATE}"`);
  await admin.end();
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  return {
    url,
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The real app on a random port, on its own database. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const db = await createTestDatabase(options.seed ?? 'demo');
  // Reminders are planned on demand in tests (ReminderPlanner.plan with a given instant).
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    LOGIN_FAILURE_DELAY_MS: '5',
    REMINDER_SWEEP_SECONDS: '0',
    ...options.env,
  });
  const orm = await MikroORM.init(createOrmConfig({ clientUrl: db.url, onQuery: options.onQuery, quiet: true }));
  // TEST_LOG=1 shows the server's log (masked errors included) while debugging a test.
  const silent = process.env.TEST_LOG ? { info: console.log, error: console.error } : { info: () => undefined, error: () => undefined };
  const app: App = await createApp(config, orm, silent);
  const port = await app.listen();
  const url = `http://127.0.0.1:${port}`;
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });

  let adminToken = '';
  const gql = async <T>(query: string, variables?: Record<string, unknown>, request: RequestOptions = {}) => {
    const token = request.token === undefined ? adminToken : request.token;
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...request.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse<T>;
  };
  const login = async (username: string, password: string) => {
    const body = await gql<{ login: { accessToken: string } }>(
      `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }`,
      { u: username, p: password },
      { token: null },
    );
    if (!body.data?.login) throw new Error(`login ${username} failed: ${JSON.stringify(body.errors)}`);
    return body.data.login.accessToken;
  };
  adminToken = await login('admin', TEST_ADMIN_PASSWORD);

  return {
    app,
    url,
    graphqlUrl: `${url}/graphql`,
    orm,
    databaseUrl: db.url,
    config,
    adminToken,
    gql,
    login,
    async gqlOk<T>(query: string, variables?: Record<string, unknown>, request?: RequestOptions) {
      const body = await gql<T>(query, variables, request);
      if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors, null, 2)}`);
      return body.data as T;
    },
    async sql(text, params) {
      return (await pool.query(text, params as unknown[])).rows;
    },
    async close() {
      await app.stop();
      await orm.close(true);
      await pool.end();
      await db.drop();
    },
  };
}
