import { randomBytes } from 'node:crypto';
import { execute, print, type DocumentNode, type ExecutionArgs, type ExecutionResult, type OperationDefinitionNode } from 'graphql';
import type { Viewer } from '../modules/auth/viewer.js';
import { ALL_TOPICS, type Topic } from './topics.js';

/**
 * A result serialised once and shared by every subscriber of a group. graphql-ws stringifies each
 * message per socket; for a shared result it stringifies only a marker that names the result (see
 * SharedJsonWire), and the socket's send splices the one serialisation in place of the marker:
 * 5,000 sockets cost one JSON.stringify.
 */
export class SharedJson {
  private static lastId = 0;
  /** Names this result in a marker; never reused within the process. */
  readonly id = String(++SharedJson.lastId);

  constructor(readonly json: string) {}
}

/**
 * At most this many shared results held at once. Between pushes none is (but the last released);
 * during a push, at most one per group whose messages are stringified and not yet sent. More means
 * messages that were stringified and never sent (a leak): the oldest is dropped, and a message that
 * still names it fails closed.
 */
const MAX_HELD_RESULTS = 4096;

/** A message that could not be completed closes its socket 1013 ("try again later"): the client reconnects and starts with the current state. */
export const UNDELIVERABLE_CLOSE = 1013;
const UNDELIVERABLE_CLOSE_REASON = 'Message could not be delivered';

/** A shared result as the wire holds it. */
interface Held {
  shared: SharedJson;
  /** The marker that names it, built once. */
  marker: string;
  /** Messages stringified with the marker and not yet spliced. */
  messages: number;
}

/**
 * Hands shared results from graphql-ws's stringify (`jsonMessageReplacer`) to the socket's send
 * by name, never through a variable that the next message could overwrite. A shared result
 * becomes the marker `"\u0000zwgk-shared-json:<nonce>:<id>\u0000"`, and the wire holds the result
 * under its id while any message that carries the marker is stringified but not yet spliced; so
 * messages of different groups (department scopes) stringified in any order each get their own
 * result. graphql-ws 6 happens to stringify and send each message in one synchronous step; nothing
 * here depends on it.
 *
 * The nonce is random per process, so text that reaches a message from elsewhere (a title, a
 * subscription id chosen by the client) cannot name a result. A marker that names a result not
 * held is never sent: `splice` answers `undefined` (fail closed).
 *
 * Memory: besides the results of unsent messages, the wire keeps the one most recently released
 * (it is usually the next message's too: 5,000 sockets of a group do not add and remove it 5,000
 * times); it goes as soon as another result is stringified. At most MAX_HELD_RESULTS in all.
 */
export class SharedJsonWire {
  private readonly markerStart: string;
  /** The marker's start and end as they appear inside a stringified message. */
  private readonly markerStartJson: string;
  private static readonly markerEnd = '\u0000';
  private static readonly markerEndJson = JSON.stringify(SharedJsonWire.markerEnd).slice(1);
  /** By result id; insertion order = oldest first. */
  private readonly results = new Map<string, Held>();
  /** The result kept after its last message was spliced (no message names it now). */
  private idle: Held | undefined;
  /** The result last replaced: the next message's too, most of the time (saves a lookup per socket). */
  private recent: Held | undefined;

  constructor(
    private readonly onLost: (error: Error) => void,
    private readonly maxHeld = MAX_HELD_RESULTS,
  ) {
    this.markerStart = `\u0000zwgk-shared-json:${randomBytes(12).toString('base64url')}:`;
    this.markerStartJson = JSON.stringify(this.markerStart).slice(0, -1);
  }

  /** Results held for messages stringified and not yet sent (0 between pushes). */
  get held(): number {
    return this.results.size - (this.idle ? 1 : 0);
  }

  /** graphql-ws's `jsonMessageReplacer`: a shared result becomes the marker that names it. */
  readonly replacer = (_key: string, value: unknown): unknown => {
    if (!(value instanceof SharedJson)) return value;
    let held = this.recent?.shared === value ? this.recent : this.results.get(value.id);
    if (!held) {
      if (this.idle) this.forget(this.idle);
      this.idle = undefined;
      held = { shared: value, marker: this.markerStart + value.id + SharedJsonWire.markerEnd, messages: 0 };
      this.results.set(value.id, held);
      if (this.results.size > this.maxHeld) {
        const [oldest] = this.results.values();
        this.forget(oldest!);
        this.onLost(new Error(`More than ${this.maxHeld} shared results stringified and not sent: the oldest (${oldest!.shared.id}) was dropped`));
      }
    } else if (held === this.idle) this.idle = undefined;
    held.messages++;
    this.recent = held;
    return held.marker;
  };

  /**
   * Completes a message stringified with `replacer`: each marker replaced by the serialisation of
   * the result it names. Only the message's own text is searched (never the shared JSON), so the
   * cost per socket does not grow with the result. `undefined` when a marker names a result not
   * held: that message must not be sent.
   */
  splice(data: string): string | undefined {
    const start = this.markerStartJson;
    const end = SharedJsonWire.markerEndJson;
    let message = '';
    let from = 0;
    let named: Held[] | undefined;
    for (let at = data.indexOf(start); at >= 0; at = data.indexOf(start, from)) {
      const close = data.indexOf(end, at + start.length);
      const held = close < 0 ? undefined : this.results.get(data.slice(at + start.length, close));
      if (!held) {
        for (const other of named ?? []) if (--other.messages === 0) this.release(other);
        this.onLost(new Error('A message names a shared result that is not held (not stringified here, or released): not sent'));
        return undefined;
      }
      (named ??= []).push(held);
      message += data.slice(from, at) + held.shared.json;
      from = close + end.length;
    }
    if (!named) return data;
    for (const held of named) if (--held.messages === 0) this.release(held);
    return message + data.slice(from);
  }

  /** No message names this result any more: it becomes the one idle result, the previous one goes. */
  private release(held: Held): void {
    if (this.idle && this.idle !== held) this.forget(this.idle);
    this.idle = held;
  }

  private forget(held: Held): void {
    this.results.delete(held.shared.id);
    if (this.recent === held) this.recent = undefined;
  }
}

/** The socket a subscriber listens on, as far as the hub needs it. */
export interface SubscriberSocket {
  readonly bufferedAmount: number;
  close(code: number, reason: string): void;
}

/** The socket graphql-ws writes a connection's messages to (`ws`'s WebSocket is one). */
export interface MessageSocket extends SubscriberSocket {
  readonly readyState: number;
  readonly OPEN: number;
  send(data: string, cb: (err?: Error) => void): void;
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
  /** Fields whose result is the viewer's own (their notifications): such subscribers are grouped per person. */
  perViewer?: (fieldName: string) => boolean;
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
  private readonly wire = new SharedJsonWire((e) => this.options.onError(e));

  constructor(private readonly options: LiveHubOptions) {}

  /** graphql-ws's `jsonMessageReplacer` for the sockets this hub serves (see SharedJsonWire). */
  readonly jsonMessageReplacer = this.wire.replacer;

  get stats(): { groups: number; subscribers: number } {
    let subscribers = 0;
    for (const g of this.groups.values()) subscribers += g.sinks.size;
    return { groups: this.groups.size, subscribers };
  }

  /** Shared results held for messages stringified and not yet sent: 0 between pushes. */
  get heldResults(): number {
    return this.wire.held;
  }

  /**
   * graphql-ws's `send` for a socket: the message with its shared result spliced in. A message
   * whose marker names no result held is never sent (it could only carry another result by
   * mistake): the socket closes with 1013, the client reconnects and starts with the current state.
   */
  send(socket: MessageSocket, data: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const message = this.wire.splice(data);
      if (socket.readyState !== socket.OPEN) return resolve();
      if (message === undefined) {
        socket.close(UNDELIVERABLE_CLOSE, UNDELIVERABLE_CLOSE_REASON);
        return resolve();
      }
      socket.send(message, (err) => (err ? reject(err) : resolve()));
    });
  }

  /** Registers a subscriber; its first result is the current state. */
  subscribe(args: ExecutionArgs, operation: OperationDefinitionNode, viewer: Viewer, socket: SubscriberSocket): AsyncIterableIterator<ExecutionResult> {
    const fields = operation.selectionSet.selections.flatMap((s) => (s.kind === 'Field' ? [s.name.value] : []));
    const key = groupKey(
      args,
      operation,
      viewer,
      fields.some((f) => this.options.perViewer?.(f) ?? false),
    );
    let group = this.groups.get(key);
    if (!group) {
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

/** Same document, variables and department scope (same person, for a per-viewer field): same results. */
function groupKey(args: ExecutionArgs, operation: OperationDefinitionNode, viewer: Viewer, perViewer = false): string {
  const scopeKey = viewer.scope ? JSON.stringify([[...viewer.scope.subtreePaths].sort(), [...viewer.scope.exactIds].sort()]) : '*';
  const scope = perViewer ? `${viewer.kind}:${viewer.id}` : scopeKey;
  let text = printed.get(args.document);
  if (text === undefined) printed.set(args.document, (text = print(args.document)));
  return JSON.stringify([text, operation.name?.value ?? null, args.variableValues ?? {}, scope]);
}
