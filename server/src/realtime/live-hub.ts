import { execute, print, type DocumentNode, type ExecutionArgs, type ExecutionResult, type OperationDefinitionNode } from 'graphql';
import type { Viewer } from '../modules/auth/viewer.js';
import { ALL_TOPICS, type Topic } from './topics.js';

/**
 * A result serialised once and shared by every subscriber of a group. graphql-ws stringifies each
 * message per socket; for a shared result it stringifies only a marker (see sharedJsonReplacer),
 * and the socket adapter splices the one serialisation in: 5,000 sockets cost one JSON.stringify.
 */
export class SharedJson {
  constructor(readonly json: string) {}
}

const MARKER = '\u0000zwgk-shared-json\u0000';
const MARKER_JSON = JSON.stringify(MARKER);
let pendingShared: string | undefined;

/**
 * Replacer for graphql-ws messages: a shared result becomes a marker. graphql-ws stringifies a
 * message and hands it to `socket.send` in the same synchronous step, where `spliceSharedJson`
 * puts the shared serialisation in place of the marker.
 */
export function sharedJsonReplacer(_key: string, value: unknown): unknown {
  if (!(value instanceof SharedJson)) return value;
  pendingShared = value.json;
  return MARKER;
}

/** Completes a message stringified with sharedJsonReplacer. */
export function spliceSharedJson(data: string): string {
  if (pendingShared === undefined) return data;
  const json = pendingShared;
  pendingShared = undefined;
  return data.replace(MARKER_JSON, () => json);
}

/** The socket a subscriber listens on, as far as the hub needs it. */
export interface SubscriberSocket {
  readonly bufferedAmount: number;
  close(code: number, reason: string): void;
}

export interface LiveHubOptions {
  /** At most one push per group per this many ms (bursts coalesce; the latest state always follows). */
  coalesceMs: number;
  /** A subscriber whose socket holds more than this many unsent bytes is disconnected. */
  maxBufferedBytes: number;
  /** `shared`: execute once per group and serialise once; `per-subscriber`: what graphql-ws does by default (benchmark baseline). */
  mode: 'shared' | 'per-subscriber';
  /** Builds the context to execute a group's operation for a viewer (a fresh em fork each time). */
  contextFor: (viewer: Viewer) => object;
  /** Which topics a live root field depends on. */
  topicsOf: (fieldName: string) => readonly Topic[];
  onError: (error: unknown) => void;
}

/** Close code for a subscriber that cannot keep up (RFC 6455 1013: try again later). */
export const SLOW_CONSUMER_CLOSE = 1013;

/** A subscriber's end: holds at most the latest undelivered result (latest wins, memory bounded). */
class LiveSink implements AsyncIterableIterator<ExecutionResult> {
  private pending: ExecutionResult | undefined;
  private waiting: ((r: IteratorResult<ExecutionResult>) => void) | undefined;
  private done = false;

  constructor(
    readonly socket: SubscriberSocket,
    readonly viewer: Viewer,
    private readonly onClose: (sink: LiveSink) => void,
  ) {}

  push(result: ExecutionResult, maxBufferedBytes: number): void {
    if (this.done) return;
    if (this.socket.bufferedAmount > maxBufferedBytes) {
      this.socket.close(SLOW_CONSUMER_CLOSE, 'Subscriber too slow');
      void this.return();
      return;
    }
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: result, done: false });
    } else {
      this.pending = result;
    }
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    if (this.pending) {
      const value = this.pending;
      this.pending = undefined;
      return Promise.resolve({ value, done: false });
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<ExecutionResult>> {
    if (!this.done) {
      this.done = true;
      this.pending = undefined;
      this.waiting?.({ value: undefined, done: true });
      this.waiting = undefined;
      this.onClose(this);
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<ExecutionResult>> {
    void this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

interface Group {
  key: string;
  args: ExecutionArgs;
  /** All subscribers of a group share one scope: any of them can stand for the group. */
  viewer: Viewer;
  topics: readonly Topic[];
  sinks: Set<LiveSink>;
  last: ExecutionResult | undefined;
  running: boolean;
  dirty: boolean;
  timer: NodeJS.Timeout | undefined;
  lastRunAt: number;
}

/**
 * Live subscriptions that start with the current state and push each change. Subscribers with
 * the same operation, variables and department scope form a group: a change is executed once per
 * group and serialised once, then written to every socket of the group.
 */
export class LiveHub {
  private readonly groups = new Map<string, Group>();

  constructor(private readonly options: LiveHubOptions) {}

  get stats(): { groups: number; subscribers: number } {
    let subscribers = 0;
    for (const g of this.groups.values()) subscribers += g.sinks.size;
    return { groups: this.groups.size, subscribers };
  }

  /** Registers a subscriber; its first result is the current state. */
  subscribe(args: ExecutionArgs, operation: OperationDefinitionNode, viewer: Viewer, socket: SubscriberSocket): AsyncIterableIterator<ExecutionResult> {
    const key = groupKey(args, operation, viewer);
    let group = this.groups.get(key);
    if (!group) {
      const fields = operation.selectionSet.selections.flatMap((s) => (s.kind === 'Field' ? [s.name.value] : []));
      group = {
        key,
        args,
        viewer,
        topics: [...new Set(fields.flatMap((f) => this.options.topicsOf(f)))],
        sinks: new Set(),
        last: undefined,
        running: false,
        dirty: false,
        timer: undefined,
        lastRunAt: 0,
      };
      this.groups.set(key, group);
    }
    const g = group;
    const sink = new LiveSink(socket, viewer, (s) => {
      g.sinks.delete(s);
      if (!g.sinks.size) {
        clearTimeout(g.timer);
        this.groups.delete(g.key);
      }
    });
    g.sinks.add(sink);
    if (this.options.mode === 'per-subscriber' || !g.last) this.schedule(g, true);
    else sink.push(g.last, this.options.maxBufferedBytes);
    return sink;
  }

  /** A change touched these topics: recompute the groups that depend on them (coalesced). */
  invalidate(topics: readonly Topic[]): void {
    for (const g of this.groups.values()) if (g.topics.some((t) => topics.includes(t))) this.schedule(g, false);
  }

  /** After a lost broker connection: every group recomputes, so nobody keeps a stale state. */
  resyncAll(): void {
    this.invalidate(ALL_TOPICS);
  }

  closeAll(): void {
    for (const g of this.groups.values()) for (const s of [...g.sinks]) void s.return();
    this.groups.clear();
  }

  private schedule(g: Group, immediately: boolean): void {
    if (g.running) {
      g.dirty = true;
      return;
    }
    if (g.timer) return;
    const wait = immediately ? 0 : Math.max(0, g.lastRunAt + this.options.coalesceMs - Date.now());
    g.timer = setTimeout(() => {
      g.timer = undefined;
      void this.run(g);
    }, wait);
  }

  private async run(g: Group): Promise<void> {
    g.running = true;
    g.dirty = false;
    g.lastRunAt = Date.now();
    try {
      if (this.options.mode === 'per-subscriber') {
        // The baseline graphql-ws uses: each subscriber executes and serialises its own result.
        await Promise.all([...g.sinks].map(async (s) => s.push(await this.execute(g, s.viewer), this.options.maxBufferedBytes)));
      } else {
        const result = await this.execute(g, g.viewer);
        const shared: ExecutionResult = result.errors ? result : { data: new SharedJson(JSON.stringify(result.data)) as never };
        g.last = shared;
        for (const s of g.sinks) s.push(shared, this.options.maxBufferedBytes);
      }
    } catch (e) {
      this.options.onError(e);
    } finally {
      g.running = false;
      if (g.dirty && this.groups.get(g.key) === g) this.schedule(g, false);
    }
  }

  private execute(g: Group, viewer: Viewer): Promise<ExecutionResult> {
    return Promise.resolve(execute({ ...g.args, contextValue: this.options.contextFor(viewer) }));
  }
}

const printed = new WeakMap<DocumentNode, string>();

/** Same document, variables and department scope: same results. */
function groupKey(args: ExecutionArgs, operation: OperationDefinitionNode, viewer: Viewer): string {
  const scope = viewer.scope ? JSON.stringify([[...viewer.scope.subtreePaths].sort(), [...viewer.scope.exactIds].sort()]) : '*';
  let text = printed.get(args.document);
  if (text === undefined) printed.set(args.document, (text = print(args.document)));
  return JSON.stringify([text, operation.name?.value ?? null, args.variableValues ?? {}, scope]);
}
