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
import type { Viewer } from '../modules/auth/viewer.js';
import { LiveHub, sharedJsonReplacer, spliceSharedJson } from './live-hub.js';
import { LIVE_FIELD_TOPICS } from './live-fields.js';

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
}

type ConnectionExtra = {
  viewer?: Viewer;
};

type SocketExtra = ConnectionExtra & { socket: WebSocket; request: http.IncomingMessage };

/** Distinct operation texts kept parsed and validated. */
const MAX_CACHED_DOCUMENTS = 500;

/** Keep-alive: a socket that does not answer a ping within this time is dropped. */
const KEEP_ALIVE_MS = 12_000;

/**
 * graphql-ws's `useServer` for `ws`, with one difference: `send` splices shared results in
 * (see LiveHub) instead of carrying a stringified copy per socket.
 */
function attachSocket(server: ReturnType<typeof makeServer<Record<string, unknown>, SocketExtra>>, socket: WebSocket, request: http.IncomingMessage, logError: (m: string, e?: unknown) => void): void {
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
      send: (data) =>
        new Promise<void>((resolve, reject) => {
          const message = spliceSharedJson(data);
          if (socket.readyState !== socket.OPEN) return resolve();
          socket.send(message, (err) => (err ? reject(err) : resolve()));
        }),
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
 * graphql-ws on the same HTTP server and path as /graphql. The connection is authenticated once,
 * at `connection_init` (`connectionParams.authorization`): no or unverifiable token → 4401,
 * a revoked token or disabled account → 4403. Subscriptions are served by the live hub; queries
 * and mutations sent over the socket execute as over HTTP, through the same access rules.
 */
export function startRealtimeServer(options: RealtimeServerOptions): { close(): Promise<void> } {
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

  const serverOptions: ServerOptions<Record<string, unknown>, SocketExtra> = {
    schema: options.schema,
      jsonMessageReplacer: sharedJsonReplacer,
    onConnect: async (ctx) => {
      const authorization = typeof ctx.connectionParams?.authorization === 'string' ? ctx.connectionParams.authorization : undefined;
      const bearer = authorization && !/^Bearer\s/i.test(authorization) ? `Bearer ${authorization}` : authorization;
      if (!bearer) {
        ctx.extra.socket.close(CLOSE_UNAUTHORIZED, 'Unauthorized');
        return false;
      }
      try {
        const viewer = await new AuthService(options.orm.em.fork(), options.auth).authenticate(bearer);
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
  wss.on('connection', (socket, request) => attachSocket(server, socket, request, options.logError));

  return {
    async close() {
      options.httpServer.off('upgrade', onUpgrade);
      options.hub.closeAll();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** For building the hub's execution context outside a socket (the hub executes for a viewer). */
export function liveContextFactory(orm: MikroORM, auth: AuthSettings, realtime: GraphQLContext['realtime']) {
  return (viewer: Viewer): GraphQLContext => ({ em: orm.em.fork(), requestId: `live-${randomUUID()}`, viewer, authError: null, auth, realtime });
}
