/**
 * The live hub on fake sockets, behind graphql-ws's real server (`makeServer`), as ws-server.ts
 * wires it: grouping, coalescing, scope isolation of the shared serialisation, the slow-consumer
 * close. No database, no sleeps: time is vitest's fake clock, and `settle` only lets pending
 * promises run.
 */
import {
  getOperationAST,
  GraphQLBoolean,
  GraphQLInt,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  parse,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import { GRAPHQL_TRANSPORT_WS_PROTOCOL, makeServer } from 'graphql-ws';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Role } from '../modules/auth/role.js';
import type { DepartmentScopeSet, Viewer } from '../modules/auth/viewer.js';
import { LiveHub, SharedJson, SharedJsonWire, SLOW_CONSUMER_CLOSE, UNDELIVERABLE_CLOSE, type LiveHubOptions, type MessageSocket } from './live-hub.js';

const COALESCE_MS = 100;
const MAX_BUFFERED = 10_000;
const BOARD = `subscription($period: String) { board(period: $period) { scope period version stamp } }`;

/** What the fake data source holds, and what the tests count. */
interface World {
  /** The "database" state: each execution reads it when it starts. */
  version: number;
  executions: number;
  /** JSON.stringify calls that serialised a board (each board carries a stamp that counts them). */
  stringifications: number;
  /** When set, executions wait until the test releases them (a slow query). */
  slow: boolean;
  waiting: (() => void)[];
}

interface Board {
  scope: string;
  period: string;
  version: number;
  stamp: number;
}

const scopeLabel = (viewer: Viewer): string => (viewer.scope ? [...viewer.scope.subtreePaths].sort().join(',') : '*');

function schemaFor(world: World): GraphQLSchema {
  // A board's stamp serialises through toJSON: every JSON.stringify of a board calls it once.
  const Stamp = new GraphQLScalarType({
    name: 'Stamp',
    serialize: (value) => ({
      toJSON: () => {
        world.stringifications++;
        return value;
      },
    }),
  });
  const Board = new GraphQLObjectType({
    name: 'Board',
    fields: { scope: { type: GraphQLString }, period: { type: GraphQLString }, version: { type: GraphQLInt }, stamp: { type: Stamp } },
  });
  return new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLBoolean, resolve: () => true } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        board: {
          type: Board,
          args: { period: { type: GraphQLString } },
          resolve: (_root, args: { period: string }, ctx: { viewer: Viewer }) => {
            world.executions++;
            // The department scope of the data is the scope of the viewer it was executed for.
            const board = { scope: scopeLabel(ctx.viewer), period: args.period, version: world.version, stamp: world.executions };
            if (!world.slow) return board;
            return new Promise((resolve) => world.waiting.push(() => resolve(board)));
          },
        },
      },
    }),
  });
}

/** A socket as graphql-ws and the hub use it; records what was written to it. */
class FakeSocket implements MessageSocket {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  readonly written: string[] = [];
  closed: { code: number; reason: string } | undefined;
  onClosed: ((code: number, reason: string) => void) | undefined;

  send(data: string, cb: (err?: Error) => void): void {
    this.written.push(data);
    cb();
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = { code, reason };
    this.readyState = 3;
    this.onClosed?.(code, reason);
  }

  /** The boards received, in order. */
  get boards(): Board[] {
    return this.written.map((m) => JSON.parse(m)).flatMap((m) => (m.type === 'next' ? [m.payload.data.board as Board] : []));
  }

  get last(): Board | undefined {
    return this.boards.at(-1);
  }
}

const viewer = (name: string, scope: DepartmentScopeSet | null): Viewer => ({ kind: 'screen', id: 1, name, role: Role.SCREEN, scope, departmentId: null });
/** Two viewers of the same department scope, written in different orders; another department. */
const A = viewer('screen A', { subtreePaths: ['/1/', '/1/4/'], exactIds: [7, 3] });
const A2 = viewer('screen A again', { subtreePaths: ['/1/4/', '/1/'], exactIds: [3, 7] });
const B = viewer('screen B', { subtreePaths: ['/2/'], exactIds: [] });
const SCOPE_A = '/1/,/1/4/';
const SCOPE_B = '/2/';

/** Lets every pending promise run (not time: timers move only with vi.advanceTimersByTimeAsync). */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Moves the fake clock and lets what it started finish. */
async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  await settle();
}

/**
 * A hub behind graphql-ws's server, wired like ws-server.ts: graphql-ws stringifies with the
 * hub's replacer, and the socket's `send` is `hub.send`. With `postpone`, a message stringified by
 * graphql-ws is handed to `hub.send` only when the test releases it — as if graphql-ws built a
 * message in one step and sent it in another.
 */
function harness(options: Partial<LiveHubOptions> = {}) {
  const world: World = { version: 0, executions: 0, stringifications: 0, slow: false, waiting: [] };
  const schema = schemaFor(world);
  const errors: unknown[] = [];
  const hub = new LiveHub({
    coalesceMs: COALESCE_MS,
    maxBufferedBytes: MAX_BUFFERED,
    mode: 'shared',
    contextFor: (v) => ({ viewer: v }),
    topicsOf: () => ['quotas'],
    onError: (e) => errors.push(e),
    ...options,
  });
  type Extra = { viewer: Viewer; socket: FakeSocket };
  const server = makeServer<Record<string, unknown>, Extra>({
    schema,
    jsonMessageReplacer: hub.jsonMessageReplacer,
    onSubscribe: (ctx, _id, payload) =>
      ({ schema, document: parse(payload.query), variableValues: payload.variables, contextValue: ctx.extra }) satisfies ExecutionArgs,
    subscribe: (args) => {
      const { viewer: v, socket } = args.contextValue as Extra;
      return hub.subscribe(args, getOperationAST(args.document, args.operationName)!, v, socket);
    },
  });
  const postponed: { socket: FakeSocket; data: string; release: () => Promise<void> }[] = [];
  const wire = { postpone: false };

  async function connect(v: Viewer, variables: Record<string, unknown> = { period: '2026-Q4' }, bufferedAmount = 0): Promise<FakeSocket> {
    const socket = new FakeSocket();
    socket.bufferedAmount = bufferedAmount;
    let receive: ((data: string) => Promise<void>) | undefined;
    const closed = server.opened(
      {
        protocol: GRAPHQL_TRANSPORT_WS_PROTOCOL,
        send: (data) => {
          if (!wire.postpone) return hub.send(socket, data);
          return new Promise<void>((resolve, reject) => postponed.push({ socket, data, release: () => hub.send(socket, data).then(resolve, reject) }));
        },
        close: (code, reason) => socket.close(code ?? 1000, reason ?? ''),
        onMessage: (cb) => (receive = cb),
      },
      { viewer: v, socket },
    );
    socket.onClosed = (code, reason) => void closed(code, reason);
    await receive!(JSON.stringify({ type: 'connection_init' }));
    expect(JSON.parse(socket.written[0]!).type).toBe('connection_ack');
    // Not awaited: graphql-ws's handler returns only when the subscription ends.
    void receive!(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: BOARD, variables } }));
    return socket;
  }

  /** Connects each viewer, then lets the initial executions run and their results arrive. */
  async function connectAll(viewers: Viewer[], variables?: Record<string, unknown>): Promise<FakeSocket[]> {
    const sockets: FakeSocket[] = [];
    for (const v of viewers) sockets.push(await connect(v, variables));
    await advance(0);
    return sockets;
  }

  /** A change: the state moves on and the hub is told. */
  function change(): void {
    world.version++;
    hub.invalidate(['quotas']);
  }

  /** Lets the slow executions waiting so far finish. */
  async function finishExecutions(): Promise<void> {
    const waiting = world.waiting.splice(0);
    for (const finish of waiting) finish();
    await settle();
  }

  return { world, schema, hub, errors, wire, postponed, connect, connectAll, change, finishExecutions };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(new Date('2026-11-23T09:00:00+08:00'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('grouping', () => {
  it('subscribers with the same operation, variables and scope share one execution and one serialisation', async () => {
    const h = harness();
    const sameScope = await h.connectAll([A, A2, A, A2, A]);
    const otherScope = await h.connectAll([B, B, B]);
    const otherPeriod = await h.connectAll([A, A], { period: '2026-Q3' });

    expect(h.hub.stats).toEqual({ groups: 3, subscribers: 10 });
    expect(h.world.executions).toBe(3);
    expect(h.world.stringifications).toBe(3);
    for (const s of sameScope) expect(s.boards).toEqual([{ scope: SCOPE_A, period: '2026-Q4', version: 0, stamp: 1 }]);
    for (const s of otherScope) expect(s.boards).toEqual([{ scope: SCOPE_B, period: '2026-Q4', version: 0, stamp: 2 }]);
    for (const s of otherPeriod) expect(s.boards).toEqual([{ scope: SCOPE_A, period: '2026-Q3', version: 0, stamp: 3 }]);

    // A change: again one execution and one serialisation per group, whatever the subscribers.
    await advance(COALESCE_MS);
    h.change();
    await advance(0);
    expect(h.world.executions).toBe(6);
    expect(h.world.stringifications).toBe(6);
    for (const s of [...sameScope, ...otherScope, ...otherPeriod]) expect(s.boards.map((b) => b.version)).toEqual([0, 1]);
    // Every socket of a group received the same bytes.
    expect(new Set(sameScope.map((s) => s.written.at(-1))).size).toBe(1);
    expect(h.hub.heldResults).toBe(0);
    expect(h.errors).toEqual([]);
  });

  it('a subscriber joining a group that has a result gets it at once, without a new execution', async () => {
    const h = harness();
    const [first] = await h.connectAll([A]);
    const [late] = await h.connectAll([A2]);
    expect(h.world.executions).toBe(1);
    expect(h.world.stringifications).toBe(1);
    expect(late!.boards).toEqual(first!.boards);
    expect(h.hub.stats).toEqual({ groups: 1, subscribers: 2 });
  });

  it('the per-subscriber baseline executes and serialises once per subscriber (the counters see the difference)', async () => {
    const h = harness({ mode: 'per-subscriber' });
    const sockets = await h.connectAll([A, A2, A, A2, A]);
    expect(h.world.executions).toBe(5);
    expect(h.world.stringifications).toBe(5);
    for (const s of sockets) expect(s.boards).toHaveLength(1);
  });

  it('a group ends with its last subscriber', async () => {
    const h = harness();
    const [a] = await h.connectAll([A]);
    await h.connectAll([B]);
    a!.close(1000, 'bye');
    await settle();
    expect(h.hub.stats).toEqual({ groups: 1, subscribers: 1 });
    h.change();
    await advance(COALESCE_MS);
    expect(h.world.executions).toBe(3);
  });
});

describe('coalescing', () => {
  it('a burst of changes makes one push, and a burst within the window one more, carrying the latest state', async () => {
    const h = harness();
    const [socket] = await h.connectAll([A]);
    await advance(10 * COALESCE_MS);

    // Ten changes at once, after a quiet period: pushed at once, one execution.
    for (let i = 0; i < 10; i++) h.change();
    await advance(0);
    expect(socket!.boards.map((b) => b.version)).toEqual([0, 10]);

    // Ten more within the next window: nothing before the window ends, then one push.
    for (let i = 0; i < 10; i++) {
      h.change();
      await advance(COALESCE_MS / 20);
    }
    expect(socket!.boards.map((b) => b.version)).toEqual([0, 10]);
    await advance(COALESCE_MS);
    expect(socket!.boards.map((b) => b.version)).toEqual([0, 10, 20]);
    expect(h.world.executions).toBe(3);

    // And nothing more without a change.
    await advance(10 * COALESCE_MS);
    expect(socket!.boards).toHaveLength(3);
  });

  it('a change during a slow execution: that result is pushed, then the latest state, last', async () => {
    const h = harness();
    h.world.slow = true;
    const [socket] = await h.connectAll([A]);
    await h.finishExecutions();
    expect(socket!.boards.map((b) => b.version)).toEqual([0]);

    await advance(COALESCE_MS);
    h.change(); // version 1: an execution starts and reads it
    await advance(0);
    expect(h.world.waiting).toHaveLength(1);
    h.change(); // version 2 while that execution runs
    h.change(); // version 3
    await advance(10 * COALESCE_MS);
    // No second execution while the first runs.
    expect(h.world.waiting).toHaveLength(1);
    expect(h.world.executions).toBe(2);

    await h.finishExecutions(); // the slow execution ends with version 1
    expect(socket!.boards.map((b) => b.version)).toEqual([0, 1]);
    await advance(COALESCE_MS); // the rerun it owed starts and reads version 3
    await h.finishExecutions();
    expect(socket!.boards.map((b) => b.version)).toEqual([0, 1, 3]);
    expect(h.world.executions).toBe(3);
    await advance(10 * COALESCE_MS);
    expect(h.world.waiting).toHaveLength(0);
    expect(socket!.last!.version).toBe(3);
  });

  it('a socket that is slow to take messages skips to the latest state (at most one result waits per subscriber)', async () => {
    const h = harness();
    const [slow, fast] = await h.connectAll([A, A]);
    // graphql-ws hands the next result to a socket only after the previous write completed.
    const writes: (() => void)[] = [];
    slow!.send = (data, cb) => {
      slow!.written.push(data);
      writes.push(() => cb());
    };
    for (let v = 1; v <= 4; v++) {
      await advance(COALESCE_MS);
      h.change();
      await advance(0);
    }
    expect(fast!.boards.map((b) => b.version)).toEqual([0, 1, 2, 3, 4]);
    // The write of version 1 is still under way; 2 and 3 were superseded while it was.
    expect(slow!.boards.map((b) => b.version)).toEqual([0, 1]);
    writes.shift()!();
    await settle();
    expect(slow!.boards.map((b) => b.version)).toEqual([0, 1, 4]);
    writes.shift()!();
    await settle();
    expect(slow!.boards.map((b) => b.version)).toEqual([0, 1, 4]);
  });
});

describe('scope isolation of the shared serialisation', () => {
  it('results of two scopes stringified before either is sent: each socket receives only its own scope', async () => {
    const h = harness();
    const [a1, b1, a2, b2] = [await h.connect(A), await h.connect(B), await h.connect(A2), await h.connect(B)];
    h.wire.postpone = true;
    await advance(0);
    // graphql-ws has stringified the first result for all four sockets, and sent none yet.
    expect(h.postponed.map((p) => [a1, b1, a2, b2].indexOf(p.socket))).toEqual([0, 2, 1, 3]);
    expect(a1.written).toHaveLength(1); // connection_ack only
    // Sent in another order than stringified: scope A's first after scope B's was stringified.
    for (const i of [0, 3, 1, 2]) await h.postponed[i]!.release();
    h.postponed.length = 0;

    // Then a change, and again stringified for both scopes before any is sent.
    await advance(COALESCE_MS);
    h.change();
    await advance(0);
    expect(h.postponed).toHaveLength(4);
    for (const i of [3, 0, 2, 1]) await h.postponed[i]!.release();

    // What each socket received after the acknowledgement, whatever it is.
    const received = (s: FakeSocket) => s.written.slice(1).map((m) => JSON.parse(m).payload.data);
    const boards = (scope: string) => [0, 1].map((version) => ({ board: expect.objectContaining({ scope, version }) }));
    for (const s of [a1, a2]) expect(received(s)).toEqual(boards(SCOPE_A));
    for (const s of [b1, b2]) expect(received(s)).toEqual(boards(SCOPE_B));
    for (const s of [a1, a2, b1, b2]) expect(s.closed).toBeUndefined();
    // Nothing held once everything is sent.
    expect(h.hub.heldResults).toBe(0);
    expect(h.errors).toEqual([]);
  });

  it('the replacer and the splice: two results replaced before either is spliced each go to their own message', () => {
    const lost: Error[] = [];
    const wire = new SharedJsonWire((e) => lost.push(e));
    const a = new SharedJson(JSON.stringify({ scope: 'A', secret: 'a$&' }));
    const b = new SharedJson(JSON.stringify({ scope: 'B', secret: 'b$1' }));
    const message = (id: string, shared: SharedJson) => JSON.stringify({ id, type: 'next', payload: { data: shared } }, wire.replacer);
    const toA1 = message('1', a);
    const toB = message('2', b);
    const toA2 = message('3', a);
    expect(toA1).not.toContain('secret');
    const held = [wire.held];
    expect(JSON.parse(wire.splice(toA1)!)).toEqual({ id: '1', type: 'next', payload: { data: { scope: 'A', secret: 'a$&' } } });
    held.push(wire.held);
    expect(JSON.parse(wire.splice(toA2)!)).toEqual({ id: '3', type: 'next', payload: { data: { scope: 'A', secret: 'a$&' } } });
    held.push(wire.held);
    expect(JSON.parse(wire.splice(toB)!)).toEqual({ id: '2', type: 'next', payload: { data: { scope: 'B', secret: 'b$1' } } });
    held.push(wire.held);
    // Each result held from its first replacement to its last splice, then freed.
    expect(held).toEqual([2, 2, 1, 0]);
    // A message stringified later for a result already released holds it again.
    const late = message('4', a);
    expect(wire.held).toBe(1);
    expect(JSON.parse(wire.splice(late)!)).toEqual({ id: '4', type: 'next', payload: { data: { scope: 'A', secret: 'a$&' } } });
    expect(wire.held).toBe(0);
    // Messages without a marker pass unchanged.
    const plain = JSON.stringify({ id: '4', type: 'complete' });
    expect(wire.splice(plain)).toBe(plain);
    expect(lost).toEqual([]);
  });

  it('fails closed: a marker naming a result not held is never sent; the socket closes 1013 and the error is logged', async () => {
    const h = harness();
    const shared = new SharedJson(JSON.stringify({ board: { scope: SCOPE_A } }));
    const data = JSON.stringify({ id: '1', type: 'next', payload: { data: shared } }, h.hub.jsonMessageReplacer);
    const first = new FakeSocket();
    await h.hub.send(first, data);
    expect(first.boards).toEqual([{ scope: SCOPE_A }]);
    expect(h.errors).toEqual([]);

    // Another result is stringified and sent; then the first message again (its result released): not sent.
    const next = new SharedJson(JSON.stringify({ board: { scope: SCOPE_B } }));
    const other = new FakeSocket();
    await h.hub.send(other, JSON.stringify({ id: '1', type: 'next', payload: { data: next } }, h.hub.jsonMessageReplacer));
    expect(other.boards).toEqual([{ scope: SCOPE_B }]);
    const second = new FakeSocket();
    await h.hub.send(second, data);
    expect(second.written).toEqual([]);
    expect(second.closed).toEqual({ code: UNDELIVERABLE_CLOSE, reason: 'Message could not be delivered' });
    expect(h.errors).toHaveLength(1);
    expect(String(h.errors[0])).toMatch(/not held/);

    // A marker of another hub (another process's nonce) is not this hub's to fill in; nor is text that looks like one.
    const otherHub = new LiveHub({ coalesceMs: 1, maxBufferedBytes: 1, mode: 'shared', contextFor: () => ({}), topicsOf: () => [], onError: () => undefined });
    const foreign = JSON.stringify({ id: '1', type: 'next', payload: { data: shared } }, otherHub.jsonMessageReplacer);
    const forged = JSON.stringify({ id: '\u0000zwgk-shared-json:x:1\u0000', type: 'complete' });
    const third = new FakeSocket();
    await h.hub.send(third, foreign);
    await h.hub.send(third, forged);
    expect(third.written).toEqual([foreign, forged]);
    expect(third.written.join()).not.toContain(SCOPE_A);
  });

  it('holds nothing between pushes, also with 10,000 groups; a leak of unsent messages is bounded', async () => {
    const h = harness();
    const sinks: AsyncIterableIterator<ExecutionResult>[] = [];
    const document = parse(BOARD);
    const operation = getOperationAST(document)!;
    for (let i = 0; i < 10_000; i++) {
      const args = { schema: h.schema, document, variableValues: { period: `P${i}` } };
      sinks.push(h.hub.subscribe(args, operation, A, new FakeSocket()));
    }
    await advance(0);
    expect(h.hub.stats.groups).toBe(10_000);
    // Stringify every group's result for a socket, and send them after: all held, then none.
    const messages = await Promise.all(
      sinks.map(async (s) => JSON.stringify({ id: '1', type: 'next', payload: (await s.next()).value }, h.hub.jsonMessageReplacer)),
    );
    expect(h.hub.heldResults).toBe(4096);
    // The oldest beyond the bound were dropped (logged); their messages fail closed, the others are sent.
    const sockets = messages.map(() => new FakeSocket());
    for (const [i, m] of messages.entries()) await h.hub.send(sockets[i]!, m);
    expect(h.hub.heldResults).toBe(0);
    expect(sockets.filter((s) => s.closed?.code === UNDELIVERABLE_CLOSE)).toHaveLength(10_000 - 4096);
    expect(sockets.slice(10_000 - 4096).every((s, i) => s.boards[0]!.period === `P${10_000 - 4096 + i}`)).toBe(true);
    expect(h.errors.length).toBeGreaterThanOrEqual(10_000 - 4096);

    // A hundred groups go on; sent as graphql-ws sends (stringified, then sent): nothing is held.
    for (const s of [...sinks.slice(0, 100), ...sinks.slice(200)]) await s.return!();
    expect(h.hub.stats.groups).toBe(100);
    h.change();
    await advance(COALESCE_MS);
    const more = await Promise.all(
      sinks.slice(100, 200).map(async (s) => {
        const socket = new FakeSocket();
        await h.hub.send(socket, JSON.stringify({ id: '1', type: 'next', payload: (await s.next()).value }, h.hub.jsonMessageReplacer));
        return socket;
      }),
    );
    expect(more.every((s) => s.boards[0]!.version === 1)).toBe(true);
    expect(h.hub.heldResults).toBe(0);
    h.hub.closeAll();
    expect(h.hub.stats).toEqual({ groups: 0, subscribers: 0 });
  });
});

describe('slow consumers', () => {
  it('a socket with more unsent bytes than the limit is closed 1013; the others of its group carry on', async () => {
    const h = harness();
    const [first, slow, atLimit, other] = await h.connectAll([A, A, A, B]);
    expect(h.hub.stats).toEqual({ groups: 2, subscribers: 4 });
    slow!.bufferedAmount = MAX_BUFFERED + 1;
    atLimit!.bufferedAmount = MAX_BUFFERED;

    await advance(COALESCE_MS);
    h.change();
    await advance(0);
    expect(slow!.closed).toEqual({ code: SLOW_CONSUMER_CLOSE, reason: 'Subscriber too slow' });
    expect(slow!.boards.map((b) => b.version)).toEqual([0]);
    for (const s of [first, atLimit, other]) {
      expect(s!.closed).toBeUndefined();
      expect(s!.boards.map((b) => b.version)).toEqual([0, 1]);
    }
    expect(h.hub.stats).toEqual({ groups: 2, subscribers: 3 });

    // The group goes on without it.
    await advance(COALESCE_MS);
    h.change();
    await advance(0);
    expect(slow!.boards.map((b) => b.version)).toEqual([0]);
    for (const s of [first, atLimit, other]) expect(s!.last!.version).toBe(2);
    expect(h.world.executions).toBe(6);
  });

  it('a subscriber joining with a full socket is closed 1013 at once', async () => {
    const h = harness();
    await h.connectAll([A]);
    const late = await h.connect(A, undefined, MAX_BUFFERED + 1);
    await settle();
    expect(late.closed?.code).toBe(SLOW_CONSUMER_CLOSE);
    expect(late.boards).toEqual([]);
    expect(h.hub.stats).toEqual({ groups: 1, subscribers: 1 });
  });
});
