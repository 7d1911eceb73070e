/**
 * Hostile uploads against the real server process (issue 11, item 0): an oversized import in every
 * encoding — multipart with and without a declared length, raw with a declared length, raw chunked —
 * is answered 413 and the process stays up (before the fix a multipart upload over 10 MB ended the
 * process through an unhandled rejection). NUL bytes in a query string or a CSV cell are refused
 * with 400 CONTROL_CHARACTER instead of reaching PostgreSQL as a 500. A small .xlsx that inflates to
 * megabytes is refused before the spreadsheet library sees it.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../helpers/constants.js';
import { killAllServers, makeDataDir, spawnServer, type Ready, type ServerProcess } from '../helpers/spawn-server.js';
import { createTestDatabase } from '../helpers/test-server.js';

const MB = 1024 * 1024;
/** Above the import's 10 MB limit. */
const OVERSIZED = 11 * MB;
const RSS_LIMIT_MB = 500;

let server: ServerProcess;
let ready: Ready;
let token: string;
let drop: (() => Promise<void>) | undefined;
let dataDir: string;

beforeAll(async () => {
  const db = await createTestDatabase('demo');
  drop = db.drop;
  dataDir = makeDataDir('zwgk-upload-');
  server = spawnServer({ DATA_DIR: dataDir, PORT: '0', DATABASE_URL: db.url, DEADLINE_SWEEP_SECONDS: '0' });
  ready = await server.waitForReady();
  const res = await fetch(`${ready.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }',
      variables: { u: 'bgs.liaison', p: DEMO_PASSWORD },
    }),
  });
  token = ((await res.json()) as { data: { login: { accessToken: string } } }).data.login.accessToken;
}, 120_000);

afterAll(async () => {
  await killAllServers();
  await drop?.();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/**
 * A body of `size` bytes streamed in 64 KiB chunks: no content-length, sent chunked. With `pause`, the
 * stream stops once `pause.at` bytes are out, calls `pause.reached()`, and goes on when `pause.until` resolves.
 */
function chunked(size: number, prefix = '', suffix = '', pause?: { at: number; reached: () => void; until: Promise<void> }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let sent = 0;
  let head = prefix ? encoder.encode(prefix) : undefined;
  let tail = suffix ? encoder.encode(suffix) : undefined;
  return new ReadableStream({
    async pull(controller) {
      if (pause && sent >= pause.at) {
        pause.reached();
        await pause.until;
        pause = undefined;
      }
      if (head) {
        controller.enqueue(head);
        head = undefined;
      } else if (sent < size) {
        const n = Math.min(64 * 1024, size - sent);
        sent += n;
        controller.enqueue(new Uint8Array(n).fill(0x61));
      } else if (tail) {
        controller.enqueue(tail);
        tail = undefined;
      } else controller.close();
    },
  });
}

const BOUNDARY = '----zwgk-upload-test';
const multipartHead = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="ledger.csv"\r\nContent-Type: text/csv\r\n\r\n`;
const multipartTail = `\r\n--${BOUNDARY}--\r\n`;

/**
 * Generous on purpose: tells a server that does not answer from a slow machine. That the server goes on
 * answering while an upload is being received is checked as an order, not a time (see below).
 */
const HEALTH_TIMEOUT_MS = 30_000;

/** The process is up, answers /healthz, and its RSS stays under the limit. */
async function expectAlive(): Promise<void> {
  expect(server.exit(), server.output()).toBeUndefined();
  const res = await fetch(`${ready.baseUrl}/healthz`, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
  expect(res.status, server.output()).toBe(200);
  const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1]);
  expect(rssKb / 1024, 'RSS after the upload').toBeLessThan(RSS_LIMIT_MB);
}

/** Status and error reason (`extensions.reason`, e.g. PAYLOAD_TOO_LARGE) of an import; `onResponse` when its response begins. */
async function upload(body: RequestInit['body'], headers: Record<string, string>, onResponse?: () => void): Promise<{ status: number; reason?: string }> {
  const res = await fetch(`${ready.baseUrl}/api/publications/import?dryRun=true`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...headers },
    body,
    duplex: 'half',
  } as RequestInit);
  onResponse?.();
  const text = await res.text();
  let reason: string | undefined;
  try {
    reason = (JSON.parse(text) as { errors?: { extensions?: { reason?: string } }[] }).errors?.[0]?.extensions?.reason;
  } catch {
    /* not JSON */
  }
  return { status: res.status, reason };
}

describe('oversized uploads: 413 and the server stays up', () => {
  const big = new Uint8Array(OVERSIZED).fill(0x61);
  const cases: { name: string; send: () => Promise<{ status: number; reason?: string }> }[] = [
    {
      name: 'multipart with a declared length',
      send: () => {
        const form = new FormData();
        form.append('file', new Blob([big], { type: 'text/csv' }), 'ledger.csv');
        return upload(form, {});
      },
    },
    {
      name: 'multipart, chunked (no length)',
      send: () => upload(chunked(OVERSIZED, multipartHead, multipartTail), { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }),
    },
    { name: 'raw with a declared length', send: () => upload(big, { 'content-type': 'text/csv' }) },
    { name: 'raw, chunked (no length)', send: () => upload(chunked(OVERSIZED), { 'content-type': 'text/csv' }) },
  ];

  for (const c of cases) {
    it(c.name, { timeout: 60_000 }, async () => {
      const result = await c.send();
      expect(result, server.output()).toEqual({ status: 413, reason: 'PAYLOAD_TOO_LARGE' });
      await expectAlive();
    });
  }

  // The server serves others while an upload comes in. An order, not a time: /healthz is asked and
  // answered while the upload is held half-sent (the client sends the rest only after that answer), and
  // the upload is answered only then, with 413.
  for (const [name, prefix, suffix, contentType] of [
    ['multipart', multipartHead, multipartTail, `multipart/form-data; boundary=${BOUNDARY}`],
    ['raw', '', '', 'text/csv'],
  ] as const) {
    it(`/healthz answers while an oversized ${name} upload is still being received`, { timeout: 90_000 }, async () => {
      let release!: () => void;
      let reached!: () => void;
      const halfSent = new Promise<void>((r) => (reached = r));
      const body = chunked(OVERSIZED, prefix, suffix, { at: 5 * MB, reached, until: new Promise<void>((r) => (release = r)) });
      // Set when the upload is over: answered, or its connection gone.
      let uploadOver: string | undefined;
      const uploading = upload(body, { 'content-type': contentType }, () => (uploadOver ??= 'answered'));
      uploading.catch((e: unknown) => (uploadOver ??= `failed: ${String(e)}`)); // awaited below, unless /healthz fails first
      await halfSent;
      try {
        const health = await fetch(`${ready.baseUrl}/healthz`, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) }).catch((e: unknown) => {
          throw new Error(`/healthz not answered while the upload was held half-sent: ${String(e)}\n${server.output()}`);
        });
        expect(health.status, server.output()).toBe(200);
        expect(uploadOver, 'the upload was over before /healthz answered: it was not in progress').toBeUndefined();
      } finally {
        release();
      }
      expect(await uploading, server.output()).toEqual({ status: 413, reason: 'PAYLOAD_TOO_LARGE' });
      await expectAlive();
    });
  }

  it('a small upload still works afterwards', { timeout: 30_000 }, async () => {
    const form = new FormData();
    form.append('file', new Blob(['标题,发布单位\r\n'], { type: 'text/csv' }), 'ledger.csv');
    const result = await upload(form, {});
    expect(result.status, server.output()).not.toBe(500);
    expect(result.status, server.output()).not.toBe(413);
    await expectAlive();
  });
});

describe('hostile workbooks: refused before parsing, the server stays small', () => {
  it('a small .xlsx with one huge shared string', { timeout: 60_000 }, async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('信息发布台账').addRow(['标题', 'x'.repeat(20 * MB)]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(buffer.length).toBeLessThan(MB);
    const result = await upload(new Uint8Array(buffer), { 'content-type': 'application/octet-stream' });
    expect(result, server.output()).toEqual({ status: 400, reason: 'FILE_TOO_COMPLEX' });
    await expectAlive();
  });
});

describe('NUL bytes at the HTTP routes: 400 CONTROL_CHARACTER, not 500', () => {
  it('in a query string of the export', async () => {
    const res = await fetch(`${ready.baseUrl}/api/publications/export.csv?search=a%00b`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { errors: { extensions: { code: string; reason: string } }[] };
    expect(res.status).toBe(400);
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CONTROL_CHARACTER' });
  });

  it('in a cell of an imported CSV', async () => {
    const form = new FormData();
    form.append('file', new Blob(['标题,发布单位\r\n坏\u0000标题,局办公室\r\n'], { type: 'text/csv' }), 'ledger.csv');
    const result = await upload(form, {});
    expect(result, server.output()).toEqual({ status: 400, reason: 'CONTROL_CHARACTER' });
    await expectAlive();
  });
});
