import { Client, cacheExchange, fetchExchange, subscriptionExchange, type RequestPolicy } from '@urql/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { ref, type Ref } from 'vue';

export type LinkStatus = 'connecting' | 'connected' | 'disconnected';

/** State of the live link (graphql-ws), for the stale badge and the "as of" time. */
export interface LiveLink {
  status: Ref<LinkStatus>;
  /** Epoch ms of the last live message received. */
  lastMessageAt: Ref<number | null>;
  /** Live subscriptions running now (a page without any has no link to lose). */
  activeSubscriptions: Ref<number>;
  /** Close code of the last refused connection (4401/4403: bad or revoked token). */
  refusedCode: Ref<number | null>;
  /** Runs after every reconnection (not the first connection): re-run queries to catch up. */
  onReconnected(callback: () => void): () => void;
}

export interface ApiClient {
  urql: Client;
  ws: WsClient;
  link: LiveLink;
  dispose(): void;
}

export interface ApiClientOptions {
  /** The bearer token to send (refreshed by the caller), or null. */
  getToken(): Promise<string | null>;
  /**
   * The server closed a socket that carried `token` with 4401 (expired or unverifiable, e.g. an
   * access token reaching its expiry). Return true to reconnect — `getToken` must then give a fresh
   * token (mark this one expired so that it refreshes); false (or no handler) ends the link.
   */
  onUnauthorized?(token: string): boolean;
  /** The server closed the socket with 4403: the credentials were revoked (signed out, deactivated). */
  onForbidden?(): void;
  /** Base URL (default: this page's origin). */
  baseUrl?: string;
  requestPolicy?: RequestPolicy;
}

/** A close code graphql-ws retries (4401 is fatal to it): stands in for a 4401 that a token refresh cures. */
const RETRY_WITH_FRESH_TOKEN = 4498;

/**
 * The browser's WebSocket, with the close event graphql-ws sees passed through `remap` (graphql-ws
 * gives up for good on 4401; an expired access token only needs a refresh and a new connection).
 */
function remappingWebSocket(remap: (event: CloseEvent) => CloseEvent | { code: number; reason: string; wasClean: boolean }): typeof WebSocket {
  function RemappingWebSocket(url: string | URL, protocols?: string | string[]): WebSocket {
    const socket = new WebSocket(url, protocols);
    let handler: ((this: WebSocket, event: CloseEvent) => unknown) | null = null;
    socket.onclose = (event) => handler?.call(socket, remap(event) as CloseEvent);
    Object.defineProperty(socket, 'onclose', { configurable: true, get: () => handler, set: (h: typeof handler) => (handler = h) });
    return socket;
  }
  return Object.assign(RemappingWebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 }) as unknown as typeof WebSocket;
}

/** Longest wait between reconnection attempts. */
export const MAX_RETRY_WAIT_MS = 8_000;
/** A ping not answered within this time drops the socket (a dead link is noticed). */
const PONG_TIMEOUT_MS = 5_000;

export function retryDelay(retries: number, random = Math.random): number {
  const base = Math.min(MAX_RETRY_WAIT_MS, 500 * 2 ** retries);
  return Math.round(base * (0.75 + random() * 0.25));
}

/**
 * urql over HTTP POST for queries and mutations, graphql-ws for subscriptions. The socket
 * reconnects forever (capped backoff); graphql-ws re-subscribes on its own and the live
 * subscriptions start with the current state, so the board catches up by itself.
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const origin = options.baseUrl ?? window.location.origin;
  const status = ref<LinkStatus>('connecting');
  const lastMessageAt = ref<number | null>(null);
  const refusedCode = ref<number | null>(null);
  const activeSubscriptions = ref(0);
  const reconnectCallbacks = new Set<() => void>();
  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  let activeSocket: WebSocket | null = null;
  /** The token the current (or last) connection was made with. */
  let sentToken: string | null = null;

  // 4401 (e.g. the access token expired on an open socket): refresh and reconnect, if the owner can.
  // 4403 (revoked, deactivated, signed out): the owner signs out; the wall screen shows the refusal.
  const remap = (event: CloseEvent) => {
    if (event.code === 4401 || event.code === 4403) refusedCode.value = event.code;
    if (event.code === 4403) options.onForbidden?.();
    if (event.code === 4401 && sentToken && options.onUnauthorized?.(sentToken)) {
      return { code: RETRY_WITH_FRESH_TOKEN, reason: 'Token expired: reconnecting with a fresh one', wasClean: event.wasClean };
    }
    return event;
  };

  const ws = createWsClient({
    url: origin.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: remappingWebSocket(remap),
    connectionParams: async () => {
      const token = await options.getToken();
      sentToken = token;
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    lazy: true,
    lazyCloseTimeout: 3_000,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retryDelay(retries))),
    keepAlive: 10_000,
    on: {
      connecting: () => (status.value = 'connecting'),
      connected: (socket, _payload, wasRetry) => {
        activeSocket = socket as WebSocket;
        status.value = 'connected';
        refusedCode.value = null;
        if (wasRetry) for (const cb of reconnectCallbacks) cb();
      },
      ping: (received) => {
        if (received) return;
        clearTimeout(pongTimer);
        pongTimer = setTimeout(() => {
          if (activeSocket?.readyState === WebSocket.OPEN) activeSocket.close(4408, 'Pong timeout');
        }, PONG_TIMEOUT_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
      // refusedCode is set in remap (the event seen here may be a remapped 4401).
      closed: () => {
        clearTimeout(pongTimer);
        activeSocket = null;
        status.value = 'disconnected';
      },
    },
  });

  const urql = new Client({
    url: `${origin}/graphql`,
    preferGetMethod: false,
    requestPolicy: options.requestPolicy ?? 'cache-and-network',
    fetchOptions: () => ({ headers: { accept: 'application/graphql-response+json, application/json' } }),
    fetch: async (input, init) => {
      const token = await options.getToken();
      const headers = new Headers(init?.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    },
    exchanges: [
      cacheExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => {
            activeSubscriptions.value++;
            let ended = false;
            const end = () => {
              if (!ended) activeSubscriptions.value--;
              ended = true;
            };
            const unsubscribe = ws.subscribe(
              { query: request.query ?? '', variables: request.variables, operationName: request.operationName },
              {
                next: (value) => {
                  lastMessageAt.value = Date.now();
                  sink.next(value as never);
                },
                error: (error) => {
                  end();
                  sink.error(error);
                },
                complete: () => {
                  end();
                  sink.complete();
                },
              },
            );
            return {
              unsubscribe: () => {
                end();
                unsubscribe();
              },
            };
          },
        }),
      }),
      fetchExchange,
    ],
  });

  return {
    urql,
    ws,
    link: {
      status,
      lastMessageAt,
      activeSubscriptions,
      refusedCode,
      onReconnected(callback) {
        reconnectCallbacks.add(callback);
        return () => reconnectCallbacks.delete(callback);
      },
    },
    dispose: () => void ws.dispose(),
  };
}
