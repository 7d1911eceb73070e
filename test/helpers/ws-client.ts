import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface LiveSubscription<T> {
  /** Every payload received so far, in order. */
  readonly messages: T[];
  /** Resolves with the first message (from now on, or already received if `includeReceived`) that satisfies `predicate`. */
  waitFor(predicate: (data: T) => boolean, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

/** A graphql-ws client as a browser would use it (connectionParams.authorization), over `ws`. */
export function connect(url: string, token: string | null, options: { retry?: boolean } = {}): { client: Client; closed: Promise<{ code: number; reason: string }> } {
  let resolveClosed!: (v: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((r) => (resolveClosed = r));
  const client = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    lazy: false,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: options.retry ? Infinity : 0,
    shouldRetry: () => options.retry ?? false,
    retryWait: async () => new Promise((r) => setTimeout(r, 200)),
    on: { closed: (e) => resolveClosed({ code: (e as { code: number }).code, reason: (e as { reason: string }).reason }) },
    onNonLazyError: () => undefined,
  });
  return { client, closed };
}

export function subscribe<T = any>(client: Client, query: string, variables: Record<string, unknown> = {}): LiveSubscription<T> {
  const messages: T[] = [];
  const waiters: { predicate: (d: T) => boolean; resolve: (d: T) => void }[] = [];
  let failure: unknown;
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) failure = value.errors.map((e) => ({ message: e.message, extensions: e.extensions }));
        const data = value.data as T;
        messages.push(data);
        for (const w of [...waiters]) {
          if (w.predicate(data)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(data);
          }
        }
      },
      error: (e) => (failure = e),
      complete: () => undefined,
    },
  );
  return {
    messages,
    waitFor(predicate, timeoutMs = 10_000) {
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(messages.at(-1))?.slice(0, 500)}; error ${JSON.stringify(failure)}`)), timeoutMs);
        waiters.push({ predicate, resolve: (d) => (clearTimeout(timer), resolve(d)) });
      });
    },
    async close() {
      dispose();
    },
  };
}
