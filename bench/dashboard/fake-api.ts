/**
 * A stand-in for the API, for the dashboard benchmark: serves dashboard/dist and speaks the
 * graphql-transport-ws protocol itself, so the benchmark decides exactly which live updates the
 * page receives (10,000 of them, as fast as it likes) and measures the page, not the server.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html; charset=utf-8', '.svg': 'image/svg+xml' };

export interface FakeApi {
  url: string;
  /** Sends a `next` to every subscription of that operation (e.g. QuotaBoardLive). */
  push(operationName: string, data: unknown): number;
  /** Resolves once a subscription of that operation is live. */
  waitForSubscription(operationName: string): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeApi(dist: string, initial: (operationName: string) => unknown): Promise<FakeApi> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/graphql' && req.method === 'POST') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const { operationName } = JSON.parse(body) as { operationName: string };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: initial(operationName) }));
      });
      return;
    }
    const file = url.pathname.startsWith('/assets/') ? path.join(dist, url.pathname) : path.join(dist, 'index.html');
    if (!file.startsWith(dist) || !fs.existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(fs.readFileSync(file));
  });
  const wss = new WebSocketServer({ server, path: '/graphql', handleProtocols: () => 'graphql-transport-ws' });
  const subscriptions = new Map<string, Set<{ socket: WebSocket; id: string }>>();
  const waiters = new Map<string, (() => void)[]>();
  wss.on('connection', (socket) => {
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as { type: string; id?: string; payload?: { operationName?: string } };
      if (message.type === 'connection_init') socket.send(JSON.stringify({ type: 'connection_ack' }));
      else if (message.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
      else if (message.type === 'subscribe') {
        const name = message.payload?.operationName ?? '';
        const entry = { socket, id: message.id! };
        if (!subscriptions.has(name)) subscriptions.set(name, new Set());
        subscriptions.get(name)!.add(entry);
        socket.send(JSON.stringify({ type: 'next', id: message.id, payload: { data: initial(name) } }));
        for (const w of waiters.get(name) ?? []) w();
        waiters.delete(name);
      } else if (message.type === 'complete') {
        for (const set of subscriptions.values()) for (const e of set) if (e.socket === socket && e.id === message.id) set.delete(e);
      }
    });
    socket.on('close', () => {
      for (const set of subscriptions.values()) for (const e of set) if (e.socket === socket) set.delete(e);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    push(operationName, data) {
      const targets = subscriptions.get(operationName) ?? new Set();
      for (const { socket, id } of targets) socket.send(JSON.stringify({ type: 'next', id, payload: { data } }));
      return targets.size;
    },
    waitForSubscription(operationName) {
      if (subscriptions.get(operationName)?.size) return Promise.resolve();
      return new Promise((resolve) => waiters.set(operationName, [...(waiters.get(operationName) ?? []), resolve]));
    },
    async close() {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
