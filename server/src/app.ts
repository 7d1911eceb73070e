import { consoleLogger, type AppLogger } from './core/logger.js';
import { topicsOf } from './graphql/operations.js';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import type { Config } from './config.js';
import type { GraphQLContext } from './graphql/context.js';
import { createFormatError } from './graphql/format-error.js';
import { getSchema } from './graphql/schema.js';
import { operationLimitsRule, QUERY_LIMITS } from './graphql/hardening.js';
import { AuthService, resolveAuthSecret, resolveServerSecret, type AuthSettings } from './modules/auth/auth.service.js';
import { startNotifications } from './modules/notifications/notification-runtime.js';
import type { NotificationSettings } from './modules/notifications/notification-settings.js';
import { deriveSecretKey } from './modules/notifications/secret-box.js';
import { IpFailureLimiter } from './modules/auth/ip-failure-limit.js';
import { securityHeaders } from './http/security-headers.js';
import { annualReportRouter } from './modules/annual-report/annual-report.http.js';
import { assessmentRouter } from './modules/assessment/assessment.http.js';
import { planImportRouter } from './modules/plans/plan-import.http.js';
import { publicationRouter } from './modules/publications/publication.http.js';
import { QuotaBoardCache } from './modules/quotas/quota-board-cache.js';
import type { BoardSnapshot } from './modules/quotas/quota.service.js';
import { PostgresBroker, RedisBroker, type Broker } from './realtime/broker.js';
import { LiveHub } from './realtime/live-hub.js';
import { PER_VIEWER_LIVE_FIELDS, topicsOfLiveField } from './realtime/live-fields.js';
import { isRevocation, type Revocation, type Topic } from './realtime/topics.js';
import { liveContextFactory, startRealtimeServer } from './realtime/ws-server.js';
import { setClock } from './time/clock.js';

export interface App {
  httpServer: http.Server;
  hub: LiveHub;
  broker: Broker;
  /** Announces a committed change (outside a GraphQL mutation, e.g. the deadline sweep). */
  invalidate(topics: readonly Topic[]): void;
  /** Listens on the configured host/port; resolves with the bound port. */
  listen(): Promise<number>;
  /** Stops accepting requests and drains the in-flight ones. Safe to call twice. */
  stop(): Promise<void>;
}

export type { AppLogger } from './core/logger.js';

const BODY_LIMIT = '1mb';

/** Wires HTTP, GraphQL and the database together. Knows nothing of how the database was started. */
export async function createApp(config: Config, orm: MikroORM, logger: AppLogger = consoleLogger): Promise<App> {
  // main.ts sets it earlier (before the demo seed); an app made in a test process sets it here.
  if (config.clockAt) setClock(config.clockAt);
  const schema = await getSchema();
  const { secret: configuredSecret, adminPassword: _adminPassword, ...authRest } = config.auth;
  const auth: AuthSettings = { ...authRest, secret: await resolveAuthSecret(orm.em.fork(), configuredSecret) };
  const notifications: NotificationSettings = {
    publicUrl: config.notifications.publicUrl ?? null,
    secretKey: deriveSecretKey(await resolveServerSecret(orm.em.fork(), 'notify', config.notifications.secretKey)),
    production: config.isProduction,
  };
  const expressApp = express();
  expressApp.disable('x-powered-by');
  if (config.trustProxy) expressApp.set('trust proxy', config.trustProxy);
  const ipLimiter = new IpFailureLimiter(config.auth.failuresPerIp, 15 * 60_000);
  expressApp.use(securityHeaders({ isProduction: config.isProduction, frameAncestors: config.frameAncestors }));
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

  // Realtime: changes travel through the broker to every instance (this one included), then the
  // hub recomputes the live subscriptions that depend on them.
  const instanceId = randomUUID();
  const broker: Broker = config.realtime.redisUrl
    ? new RedisBroker(config.realtime.redisUrl, logger)
    : new PostgresBroker(orm.config.get('clientUrl')!, logger);
  // Quota boards kept between changes: cleared by the same invalidations as the live subscriptions.
  const quotaBoards = new QuotaBoardCache<BoardSnapshot>();
  const realtime = {
    invalidate(topics: readonly Topic[]) {
      // This instance's next query sees the change at once (the broker's echo comes later).
      quotaBoards.invalidate(topics);
      broker.publish({ topics: [...topics], origin: instanceId, sentAt: Date.now() }).catch((e) => logger.error('Publishing an invalidation failed', e));
    },
    /** After the commit: every instance closes the sockets of these credentials (4403). */
    revoke(revocation: Revocation) {
      broker
        .publish({ topics: [], revoked: revocation, origin: instanceId, sentAt: Date.now() })
        .catch((e) => logger.error('Publishing a revocation failed', e));
    },
  };
  const hub = new LiveHub({
    coalesceMs: config.realtime.coalesceMs,
    maxBufferedBytes: 4 * 1024 * 1024,
    mode: config.realtime.fanout,
    contextFor: liveContextFactory(orm, auth, realtime, notifications),
    topicsOf: topicsOfLiveField,
    perViewer: (field) => PER_VIEWER_LIVE_FIELDS.has(field),
    onError: (e) => logger.error('Live subscription failed', e),
  });
  // Still undefined while the broker starts: a revocation arriving then has no socket to close yet.
  let ws: ReturnType<typeof startRealtimeServer> | undefined = undefined;
  broker.onMessage((m) => {
    if (isRevocation(m)) return ws?.revoke(m.revoked);
    quotaBoards.invalidate(m.topics);
    hub.invalidate(m.topics);
  });
  broker.onResync(() => {
    quotaBoards.clear();
    hub.resyncAll();
  });
  await broker.start();
  ws = startRealtimeServer({
    httpServer,
    schema,
    orm,
    auth,
    hub,
    isProduction: config.isProduction,
    logError: logger.error,
    realtime,
    notifications,
    authRecheckMs: config.realtime.authRecheckSeconds * 1000,
  });
  const wsServer = ws;

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
          return {
            em,
            requestId,
            viewer,
            authError: null,
            auth,
            realtime,
            quotaBoards,
            clientIp: req.ip,
            ipLimiter,
            personalDataRetentionYears: config.personalDataRetentionYears,
            notifications,
          };
        } catch (error) {
          return {
            em,
            requestId,
            viewer: null,
            authError: error as Error,
            auth,
            realtime,
            quotaBoards,
            clientIp: req.ip,
            ipLimiter,
            personalDataRetentionYears: config.personalDataRetentionYears,
            notifications,
          };
        }
      },
    }),
  );

  // Excel/CSV import and export of the ledger and the quota board: same tokens and access rules as the API.
  expressApp.use('/api', publicationRouter({ orm, auth, logger, afterImport: () => realtime.invalidate(topicsOf('importPublications')) }));
  // The annual report's .docx and .xlsx.
  expressApp.use('/api', annualReportRouter({ orm, auth, logger }));
  expressApp.use('/api', assessmentRouter({ orm, auth, logger, publicUrl: config.notifications.publicUrl ?? null }));
  // A plan document as a file (.docx, .xlsx …) → the text the plan import reads.
  expressApp.use('/api', planImportRouter({ orm, auth, logger }));

  // The built dashboard (dashboard/dist): its assets, and index.html for the app's own routes.
  serveDashboard(expressApp);

  // Body too large, malformed JSON …: a plain JSON error, never a stack.
  expressApp.use((error: Error & { status?: number; type?: string }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error('HTTP error', error);
    res.status(status).json({ errors: [{ message: httpErrorMessage(error, status), extensions: { code: httpErrorCode(status) } }] });
  });

  // The outbox worker and the reminder planner (each instance runs both; keys and claims keep it exactly once).
  const stopNotifications = startNotifications(orm, config.notifications, notifications, {
    onError: (what, e) => logger.error(what, e),
    // Reminders also count in 考核 (政务新媒体: 被督促、提醒更新).
    onPlanned: () => realtime.invalidate(['notifications', 'assessment']),
  });

  let stopping: Promise<void> | undefined;
  return {
    httpServer,
    hub,
    broker,
    invalidate: realtime.invalidate,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => resolve((httpServer.address() as { port: number }).port));
      }),
    // Sockets first (they would keep the HTTP server open), then drain HTTP, then the broker.
    stop: () =>
      (stopping ??= stopNotifications()
        .then(() => wsServer.close())
        .then(() => apollo.stop())
        .then(() => broker.stop())),
  };
}

/** What a client is told of an error outside GraphQL (never a stack): body too large, unparsable JSON, internal error, else its own message. */
function httpErrorMessage(error: Error & { type?: string }, status: number): string {
  if (error.type === 'entity.too.large') return `请求体过大（上限 ${BODY_LIMIT}）`;
  if (status === 400) return '请求格式有误（JSON 无法解析）';
  if (status === 500) return '服务器内部错误';
  return error.message;
}

function httpErrorCode(status: number): string {
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 500) return 'INTERNAL_SERVER_ERROR';
  return 'BAD_REQUEST';
}

/** Routes of the dashboard (a single-page app): each gets index.html. */
const DASHBOARD_ROUTES = /^\/(?:login|screen|department(?:\/.*)?|admin(?:\/.*)?)?\/?$/;

/** dashboard/dist of the package this file belongs to (from server/src or the compiled dist/server/src). */
function dashboardDist(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'dashboard', 'dist');
}

function serveDashboard(expressApp: express.Express): void {
  const dist = dashboardDist();
  // Hashed file names: cache for good. index.html: always revalidate (it names the current assets).
  expressApp.use('/assets', express.static(path.join(dist, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  expressApp.get(DASHBOARD_ROUTES, (_req, res) => {
    const index = path.join(dist, 'index.html');
    if (!fs.existsSync(index)) {
      res
        .status(503)
        .type('html')
        .send(
          '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>政务公开督办台</title>' +
            '<body style="font-family:sans-serif;margin:3rem"><h1>政务公开督办台</h1>' +
            '<p>管理界面尚未构建：请运行 <code>npm run build:dashboard</code>（<code>npm start</code> 会自动构建）。</p>' +
            '<p>GraphQL 接口：<a href="/graphql">/graphql</a>　健康检查：<a href="/healthz">/healthz</a></p></body></html>',
        );
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
}
