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
  /** Base URL (default: this page's origin). */
  baseUrl?: string;
  requestPolicy?: RequestPolicy;
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

  const ws = createWsClient({
    url: origin.replace(/^http/, 'ws') + '/graphql',
    connectionParams: async () => {
      const token = await options.getToken();
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
      closed: (event) => {
        clearTimeout(pongTimer);
        activeSocket = null;
        status.value = 'disconnected';
        const code = (event as CloseEvent | undefined)?.code;
        if (code === 4401 || code === 4403) refusedCode.value = code;
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
