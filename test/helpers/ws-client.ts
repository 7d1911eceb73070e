import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface WaitOptions {
  /**
   * Only messages at this index of `messages` or later count (default 0: the whole history, messages
   * received before the call included). Take it from `mark()` before the action whose effect you await.
   */
  since?: number;
  /** Fails after this many ms (default 10 s: long enough for a loaded machine, short enough to report a hang). */
  timeoutMs?: number;
}

export interface LiveSubscription<T> {
  /** Every payload received so far, in order. */
  readonly messages: readonly T[];
  /** The index the next message will get: pass it as `since` to wait only for what arrives from now on. */
  mark(): number;
  /**
   * Resolves with the first message at index `since` or later (already received or still to come)
   * that satisfies `predicate`. Rejects on timeout, or at once when the subscription fails or ends.
   * A number as second argument is the timeout (older call sites).
   */
  waitFor(predicate: (data: T, index: number) => boolean, options?: WaitOptions | number): Promise<T>;
  close(): Promise<void>;
}

/** A graphql-ws client as a browser would use it (connectionParams.authorization), over `ws`. */
export function connect(
  url: string,
  token: string | null,
  options: { retry?: boolean } = {},
): { client: Client; closed: Promise<{ code: number; reason: string }> } {
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

interface Waiter<T> {
  predicate: (d: T, index: number) => boolean;
  since: number;
  resolve: (d: T) => void;
  reject: (e: Error) => void;
}

export function subscribe<T = any>(client: Client, query: string, variables: Record<string, unknown> = {}): LiveSubscription<T> {
  const messages: T[] = [];
  const waiters = new Set<Waiter<T>>();
  let failure: unknown;
  let ended: string | undefined;
  const describe = () => `${messages.length} message(s), last ${JSON.stringify(messages.at(-1))?.slice(0, 500)}; error ${JSON.stringify(failure)}`;
  const endAll = (why: string) => {
    ended = why;
    for (const w of waiters) w.reject(new Error(`subscription ${why} before a matching message; ${describe()}`));
    waiters.clear();
  };
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) failure = value.errors.map((e) => ({ message: e.message, extensions: e.extensions }));
        const data = value.data as T;
        const index = messages.push(data) - 1;
        for (const w of waiters) {
          if (index >= w.since && w.predicate(data, index)) {
            waiters.delete(w);
            w.resolve(data);
          }
        }
      },
      error: (e) => {
        failure = e instanceof Error ? e.message : e;
        endAll('failed');
      },
      complete: () => endAll('completed'),
    },
  );
  return {
    messages,
    mark: () => messages.length,
    waitFor(predicate, options = {}) {
      const { since = 0, timeoutMs = 10_000 } = typeof options === 'number' ? { timeoutMs: options } : options;
      for (let i = since; i < messages.length; i++) if (predicate(messages[i]!, i)) return Promise.resolve(messages[i]!);
      if (ended) return Promise.reject(new Error(`subscription ${ended}; ${describe()}`));
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching message (from index ${since}) within ${timeoutMs} ms; ${describe()}`));
        }, timeoutMs);
        const waiter: Waiter<T> = {
          predicate,
          since,
          resolve: (d) => (clearTimeout(timer), resolve(d)),
          reject: (e) => (clearTimeout(timer), reject(e)),
        };
        waiters.add(waiter);
      });
    },
    async close() {
      dispose();
    },
  };
}
