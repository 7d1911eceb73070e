import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Config } from './config.js';
import type { GraphQLContext } from './graphql/context.js';
import { createFormatError } from './graphql/format-error.js';
import { getSchema } from './graphql/schema.js';
import { operationLimitsRule, QUERY_LIMITS } from './graphql/hardening.js';
import { AuthService, resolveAuthSecret, type AuthSettings } from './modules/auth/auth.service.js';

export interface App {
  httpServer: http.Server;
  /** Listens on the configured host/port; resolves with the bound port. */
  listen(): Promise<number>;
  /** Stops accepting requests and drains the in-flight ones. Safe to call twice. */
  stop(): Promise<void>;
}

export interface AppLogger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

export const consoleLogger: AppLogger = {
  info: (m) => console.log(m),
  error: (m, e) => console.error(m, e ?? ''),
};

const BODY_LIMIT = '1mb';

/** Wires HTTP, GraphQL and the database together. Knows nothing of how the database was started. */
export async function createApp(config: Config, orm: MikroORM, logger: AppLogger = consoleLogger): Promise<App> {
  const schema = await getSchema();
  const { secret: configuredSecret, adminPassword: _adminPassword, ...authRest } = config.auth;
  const auth: AuthSettings = { ...authRest, secret: await resolveAuthSecret(orm.em.fork(), configuredSecret) };
  const expressApp = express();
  expressApp.disable('x-powered-by');
  const httpServer = http.createServer(expressApp);

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection: !config.isProduction,
    includeStacktraceInErrorResponses: !config.isProduction,
    // We stop Apollo ourselves, once, in order (HTTP → ORM → Postgres).
    stopOnTerminationSignals: false,
    // Browsers must send a header a simple form cannot (content-type JSON, or a custom one).
    csrfPrevention: true,
    validationRules: [operationLimitsRule],
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    formatError: createFormatError((error, errorId) => logger.error(`GraphQL error ${errorId}`, error), { exposeStack: !config.isProduction }),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();

  expressApp.get('/healthz', async (_req, res) => {
    try {
      await orm.em.getConnection().execute('select 1');
      res.status(200).json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'database' });
    }
  });

  expressApp.use(
    '/graphql',
    express.json({ limit: BODY_LIMIT }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const em = orm.em.fork();
        const requestId = (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) ?? randomUUID();
        try {
          const viewer = await new AuthService(em, auth).authenticate(req.headers.authorization);
          return { em, requestId, viewer, authError: null, auth };
        } catch (error) {
          return { em, requestId, viewer: null, authError: error as Error, auth };
        }
      },
    }),
  );

  expressApp.get('/', (_req, res) => {
    res.type('html').send(
      '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>政务公开督办台</title>' +
        '<body style="font-family:sans-serif;margin:3rem"><h1>政务公开督办台</h1>' +
        '<p>GraphQL 接口：<a href="/graphql">/graphql</a>　健康检查：<a href="/healthz">/healthz</a></p>' +
        '<p>大屏与管理界面正在建设中。</p></body></html>',
    );
  });

  // Body too large, malformed JSON …: a plain JSON error, never a stack.
  expressApp.use((error: Error & { status?: number; type?: string }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error('HTTP error', error);
    const message =
      error.type === 'entity.too.large' ? `请求体过大（上限 ${BODY_LIMIT}）` : status === 400 ? '请求格式有误（JSON 无法解析）' : status === 500 ? '服务器内部错误' : error.message;
    res.status(status).json({ errors: [{ message, extensions: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' } }] });
  });

  let stopping: Promise<void> | undefined;
  return {
    httpServer,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => resolve((httpServer.address() as { port: number }).port));
      }),
    stop: () => (stopping ??= apollo.stop()),
  };
}
