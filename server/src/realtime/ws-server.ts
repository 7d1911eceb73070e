import type { MikroORM } from '@mikro-orm/postgresql';
import { GraphQLError, getOperationAST, parse, specifiedRules, validate, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import type { GraphQLContext } from '../graphql/context.js';
import { createFormatError } from '../graphql/format-error.js';
import { operationLimitsRule, QUERY_LIMITS } from '../graphql/hardening.js';
import { AuthService, type AuthSettings } from '../modules/auth/auth.service.js';
import { InvalidTokenError } from '../modules/auth/auth.errors.js';
import { verifyAccessToken } from '../modules/auth/tokens.js';
import type { Viewer } from '../modules/auth/viewer.js';
import type { LiveHub } from './live-hub.js';
import { LIVE_FIELD_TOPICS } from './live-fields.js';
import type { Revocation } from './topics.js';

export interface RealtimeServerOptions {
  httpServer: http.Server;
  schema: GraphQLSchema;
  orm: MikroORM;
  auth: AuthSettings;
  hub: LiveHub;
  isProduction: boolean;
  logError: (message: string, error?: unknown) => void;
  /** Invalidation after a mutation sent over the socket (same as over HTTP). */
  realtime: GraphQLContext['realtime'];
  notifications?: GraphQLContext['notifications'];
  /** Safety net behind the "credentials revoked" messages: how often open sockets' credentials are re-checked. */
  authRecheckMs?: number;
}

/** What an open socket was authenticated with, to find it when those credentials end. */
interface SocketCredentials {
  viewer: Viewer;
  /** Access token's user, session and token version (users only). */
  userId?: number;
  sessionId?: string;
  tokenVersion?: number;
  /** Access token expiry, ms since epoch (users only; screen tokens do not expire). */
  expiresAt?: number;
  expiryTimer?: NodeJS.Timeout;
}

/** Revocations received this recently are checked against sockets that finish authenticating later (race). */
const RECENT_REVOCATION_MS = 10_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** setTimeout's limit (about 24.8 days): longer expiries are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

type ConnectionExtra = {
  viewer?: Viewer;
};

type SocketExtra = ConnectionExtra & { socket: WebSocket; request: http.IncomingMessage };

/** Distinct operation texts kept parsed and validated. */
const MAX_CACHED_DOCUMENTS = 500;

/** Keep-alive: a socket that does not answer a ping within this time is dropped. */
const KEEP_ALIVE_MS = 12_000;

/**
 * graphql-ws's `useServer` for `ws`, with one difference: `send` goes through the hub, which
 * splices shared results in by name (see SharedJsonWire) instead of carrying a stringified copy per socket.
 */
function attachSocket(
  server: ReturnType<typeof makeServer<Record<string, unknown>, SocketExtra>>,
  hub: LiveHub,
  socket: WebSocket,
  request: http.IncomingMessage,
  logError: (m: string, e?: unknown) => void,
): void {
  socket.once('error', (err) => {
    logError('WebSocket error', err);
    socket.close(CloseCode.InternalServerError, 'Internal server error');
  });
  let pongWait: NodeJS.Timeout | undefined;
  const ping = setInterval(() => {
    if (socket.readyState !== socket.OPEN) return;
    pongWait = setTimeout(() => socket.terminate(), KEEP_ALIVE_MS);
    socket.once('pong', () => clearTimeout(pongWait));
    socket.ping();
  }, KEEP_ALIVE_MS);
  const closed = server.opened(
    {
      protocol: socket.protocol,
      send: (data) => hub.send(socket, data),
      close: (code, reason) => socket.close(code, reason),
      onMessage: (cb) =>
        socket.on('message', async (event) => {
          try {
            await cb(String(event));
          } catch (err) {
            logError('WebSocket message handling failed', err);
            socket.close(CloseCode.InternalServerError, 'Internal server error');
          }
        }),
    },
    { socket, request },
  );
  socket.once('close', (code, reason) => {
    clearTimeout(pongWait);
    clearInterval(ping);
    void closed(code, String(reason));
  });
}

/** Close codes of the graphql-transport-ws protocol. */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_FORBIDDEN = 4403;

/**
 * graphql-ws on the same HTTP server and path as /graphql. The connection is authenticated at
 * `connection_init` (`connectionParams.authorization`): no or unverifiable token → 4401,
 * a revoked token or disabled account → 4403. It stays authenticated only as long as its
 * credentials do: `revoke` (a "credentials revoked" message from the broker) closes the sockets of
 * a revoked screen token, a user or a session with 4403, a user's socket closes with 4401 when its
 * access token expires, and every `authRecheckMs` the credentials of all open sockets are checked
 * again in the database (in case a message was lost). Subscriptions are served by the live hub;
 * queries and mutations sent over the socket execute as over HTTP, through the same access rules.
 */
export function startRealtimeServer(options: RealtimeServerOptions): {
  close(): Promise<void>;
  revoke(revocation: Revocation): void;
  readonly openSockets: number;
} {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const onUpgrade = (request: http.IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/graphql') return socket.destroy();
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  };
  options.httpServer.on('upgrade', onUpgrade);
  const formatError = createFormatError((e, id) => options.logError(`WebSocket GraphQL error ${id}`, e), { exposeStack: !options.isProduction });

  // The entity manager is forked only if the operation runs here: live subscriptions execute in the
  // hub with contexts of their own, so 5,000 subscribers do not hold 5,000 forks.
  const context = (viewer: Viewer | null, requestId: string, socket?: WebSocket): GraphQLContext & { socket?: WebSocket } => {
    let em: GraphQLContext['em'] | undefined;
    return {
      get em() {
        return (em ??= options.orm.em.fork());
      },
      requestId,
      viewer,
      authError: null,
      auth: options.auth,
      realtime: options.realtime,
      notifications: options.notifications,
      socket,
    };
  };

  // Screens send the same few documents: parse and validate each text once.
  const documents = new Map<string, DocumentNode | readonly GraphQLError[]>();
  const prepare = (query: string): DocumentNode | readonly GraphQLError[] => {
    const cached = documents.get(query);
    if (cached) return cached;
    let prepared: DocumentNode | readonly GraphQLError[];
    try {
      const document = parse(query, { maxTokens: QUERY_LIMITS.maxTokens });
      const errors = validate(options.schema, document, [...specifiedRules, operationLimitsRule]);
      prepared = errors.length ? errors : document;
    } catch (e) {
      prepared = [e instanceof GraphQLError ? e : new GraphQLError('查询语法错误')];
    }
    if (documents.size >= MAX_CACHED_DOCUMENTS) documents.delete(documents.keys().next().value!);
    documents.set(query, prepared);
    return prepared;
  };

  // Open, authenticated sockets and their credentials.
  const authenticated = new Map<WebSocket, SocketCredentials>();
  const recentRevocations: { at: number; revocation: Revocation }[] = [];

  const matches = (c: SocketCredentials, r: Revocation): boolean =>
    c.viewer.kind === 'screen'
      ? !!r.screenTokenIds?.includes(c.viewer.id)
      : !!(r.userIds?.includes(c.userId ?? c.viewer.id) || (c.sessionId && r.sessionIds?.includes(c.sessionId)));
  /** The socket's scope is stale (role or department changed): it must authenticate again (4401). */
  const rescoped = (c: SocketCredentials, r: Revocation): boolean => c.viewer.kind === 'user' && !!r.rescopedUserIds?.includes(c.userId ?? c.viewer.id);

  const closeSocket = (socket: WebSocket, code: number, reason: string) => {
    forget(socket);
    if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(code, reason);
  };

  const forget = (socket: WebSocket) => {
    const c = authenticated.get(socket);
    if (!c) return;
    clearTimeout(c.expiryTimer);
    authenticated.delete(socket);
  };

  const armExpiry = (socket: WebSocket, c: SocketCredentials) => {
    if (c.expiresAt === undefined) return;
    const wait = c.expiresAt - Date.now();
    if (wait <= 0) return closeSocket(socket, CLOSE_UNAUTHORIZED, 'Token expired');
    c.expiryTimer = setTimeout(() => armExpiry(socket, c), Math.min(wait, MAX_TIMER_MS));
    c.expiryTimer.unref();
  };

  /** Remembers an authenticated socket; returns the close code if its credentials ended meanwhile. */
  const register = (socket: WebSocket, viewer: Viewer, bearer: string, startedAt: number): number | null => {
    const credentials: SocketCredentials = { viewer };
    if (viewer.kind === 'user') {
      const payload = verifyAccessToken(bearer.replace(/^Bearer\s+/i, '').trim(), options.auth.secret);
      // Expired in the meantime.
      if (!payload) return CLOSE_UNAUTHORIZED;
      Object.assign(credentials, { userId: payload.sub, sessionId: payload.sid, tokenVersion: payload.tv, expiresAt: payload.exp * 1000 });
    }
    // A revocation that arrived while this socket was being authenticated may have missed the database read.
    if (recentRevocations.some((r) => r.at >= startedAt && matches(credentials, r.revocation))) return CLOSE_FORBIDDEN;
    if (recentRevocations.some((r) => r.at >= startedAt && rescoped(credentials, r.revocation))) return CLOSE_UNAUTHORIZED;
    if (socket.readyState !== socket.OPEN) return null;
    authenticated.set(socket, credentials);
    socket.once('close', () => forget(socket));
    armExpiry(socket, credentials);
    return null;
  };

  const revoke = (revocation: Revocation) => {
    const now = Date.now();
    recentRevocations.push({ at: now, revocation });
    while (recentRevocations.length && (recentRevocations[0]!.at < now - RECENT_REVOCATION_MS || recentRevocations.length > 1000)) recentRevocations.shift();
    for (const [socket, c] of authenticated) {
      if (matches(c, revocation)) closeSocket(socket, CLOSE_FORBIDDEN, 'Forbidden');
      else if (rescoped(c, revocation)) closeSocket(socket, CLOSE_UNAUTHORIZED, 'Scope changed');
    }
  };

  // The safety net: two queries for all open sockets of this instance, whatever their number.
  let rechecking = false;
  const recheck = async () => {
    if (rechecking || !authenticated.size) return;
    rechecking = true;
    try {
      const entries = [...authenticated];
      const screenIds = [...new Set(entries.flatMap(([, c]) => (c.viewer.kind === 'screen' ? [c.viewer.id] : [])))];
      // Session ids come from signed tokens; only well-formed uuids go into the array literal.
      const sessionIds = [...new Set(entries.flatMap(([, c]) => (c.sessionId && UUID.test(c.sessionId) ? [c.sessionId] : [])))];
      const connection = options.orm.em.getConnection();
      const liveScreens = new Set(
        screenIds.length
          ? (
              await connection.execute<{ id: number }[]>(`select id from screen_token where id = any(?::int[]) and revoked_at is null`, [
                `{${screenIds.join(',')}}`,
              ])
            ).map((r) => Number(r.id))
          : [],
      );
      const liveSessions = new Map(
        sessionIds.length
          ? (
              await connection.execute<{ id: string; user_id: number; token_version: number }[]>(
                `select s.id, s.user_id, u.token_version from auth_session s join app_user u on u.id = s.user_id
                 where s.id = any(?::uuid[]) and s.revoked_at is null and u.is_active`,
                [`{${sessionIds.join(',')}}`],
              )
            ).map((r) => [String(r.id), r])
          : [],
      );
      const now = Date.now();
      for (const [socket, c] of entries) {
        if (!authenticated.has(socket)) continue;
        if (c.viewer.kind === 'screen') {
          if (!liveScreens.has(c.viewer.id)) closeSocket(socket, CLOSE_FORBIDDEN, 'Forbidden');
          continue;
        }
        const row = c.sessionId ? liveSessions.get(c.sessionId) : undefined;
        if (!row || Number(row.user_id) !== c.userId || Number(row.token_version) !== c.tokenVersion) closeSocket(socket, CLOSE_FORBIDDEN, 'Forbidden');
        else if (c.expiresAt !== undefined && c.expiresAt <= now) closeSocket(socket, CLOSE_UNAUTHORIZED, 'Token expired');
      }
    } catch (e) {
      options.logError('Re-checking WebSocket credentials failed', e);
    } finally {
      rechecking = false;
    }
  };
  const recheckTimer = setInterval(() => void recheck(), options.authRecheckMs ?? 30_000);
  recheckTimer.unref();

  const serverOptions: ServerOptions<Record<string, unknown>, SocketExtra> = {
    schema: options.schema,
    jsonMessageReplacer: options.hub.jsonMessageReplacer,
    onConnect: async (ctx) => {
      const authorization = typeof ctx.connectionParams?.authorization === 'string' ? ctx.connectionParams.authorization : undefined;
      const bearer = authorization && !/^Bearer\s/i.test(authorization) ? `Bearer ${authorization}` : authorization;
      if (!bearer) {
        ctx.extra.socket.close(CLOSE_UNAUTHORIZED, 'Unauthorized');
        return false;
      }
      const startedAt = Date.now();
      try {
        const viewer = await new AuthService(options.orm.em.fork(), options.auth).authenticate(bearer);
        const refused = viewer ? register(ctx.extra.socket, viewer, bearer, startedAt) : null;
        if (refused) {
          ctx.extra.socket.close(refused, refused === CLOSE_FORBIDDEN ? 'Forbidden' : 'Unauthorized');
          return false;
        }
        (ctx.extra as ConnectionExtra).viewer = viewer ?? undefined;
        return true;
      } catch (error) {
        const revoked = error instanceof InvalidTokenError && error.reason === 'TOKEN_REVOKED';
        ctx.extra.socket.close(revoked ? CLOSE_FORBIDDEN : CLOSE_UNAUTHORIZED, revoked ? 'Forbidden' : 'Unauthorized');
        return false;
      }
    },
    onSubscribe: async (ctx, _id, payload) => {
      const document = prepare(payload.query);
      if (Array.isArray(document)) return document as GraphQLError[];
      const viewer = (ctx.extra as ConnectionExtra).viewer ?? null;
      return {
        schema: options.schema,
        document: document as DocumentNode,
        operationName: payload.operationName,
        variableValues: payload.variables,
        contextValue: context(viewer, randomUUID(), ctx.extra.socket),
      } satisfies ExecutionArgs;
    },
    subscribe: (args) => {
      const operation = getOperationAST(args.document, args.operationName);
      const contextValue = args.contextValue as GraphQLContext & { socket: WebSocket };
      const fields = operation?.selectionSet.selections.flatMap((s) => (s.kind === 'Field' ? [s.name.value] : [])) ?? [];
      if (!operation || !contextValue.viewer || !fields.length || !fields.every((f) => f in LIVE_FIELD_TOPICS)) {
        return { errors: [new GraphQLError('不支持的订阅')] };
      }
      return options.hub.subscribe(args, operation, contextValue.viewer, contextValue.socket);
    },
    onNext: (_ctx, _id, _payload, _args, result) => {
      // Errors go through the same masking as over HTTP (no SQL, no stack in production).
      if (!result.errors?.length) return undefined;
      return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) } as never;
    },
    onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e)) as never,
  };
  const server = makeServer(serverOptions);
  wss.options.handleProtocols = handleProtocols;
  wss.on('connection', (socket, request) => attachSocket(server, options.hub, socket, request, options.logError));

  return {
    revoke,
    get openSockets() {
      return authenticated.size;
    },
    async close() {
      clearInterval(recheckTimer);
      for (const socket of [...authenticated.keys()]) forget(socket);
      options.httpServer.off('upgrade', onUpgrade);
      options.hub.closeAll();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** For building the hub's execution context outside a socket (the hub executes for a viewer). */
export function liveContextFactory(orm: MikroORM, auth: AuthSettings, realtime: GraphQLContext['realtime'], notifications?: GraphQLContext['notifications']) {
  return (viewer: Viewer): GraphQLContext => ({ em: orm.em.fork(), requestId: `live-${randomUUID()}`, viewer, authError: null, auth, realtime, notifications });
}
