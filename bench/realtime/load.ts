/**
 * Load generator for the realtime benchmark, run in its own process by bench/realtime/run.ts.
 * Opens N raw graphql-transport-ws connections subscribed to quotaBoardChanged, records
 * publications at a fixed rate over HTTP, and reports, per mutation, the time until the LAST
 * subscriber saw its effect. Prints one JSON line per phase on stdout.
 */
import WebSocket from 'ws';

interface Args {
  subUrl: string;
  mutUrl: string;
  token: string;
  subscribers: number;
  rate: number;
  seconds: number;
  period: string;
  departmentId: string;
  categoryId: string;
  channelId: string;
  today: string;
  mode: 'latency' | 'throughput' | 'hold';
  concurrency: number;
}

const args = JSON.parse(process.argv[2]!) as Args;
const SUBSCRIPTION = `subscription($p: String!) { quotaBoardChanged(period: $p) { rows { department { id } category { id } published } } }`;
const RECORD = `mutation($i: RecordPublicationInput!) { recordPublication(input: $i) { id } }`;

const say = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Per subscriber: the time it first saw each count of the watched department. */
const seenAt: Map<number, number>[] = [];
let messages = 0;

function countIn(payload: any): number | undefined {
  const row = payload?.data?.quotaBoardChanged?.rows?.find((r: any) => r.department.id === args.departmentId && !r.category);
  return row?.published;
}

function openSubscriber(index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const seen = new Map<number, number>();
    seenAt[index] = seen;
    const ws = new WebSocket(args.subUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
    let settled = false;
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${args.token}` } })));
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw));
      if (msg.type === 'connection_ack') {
        ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: SUBSCRIPTION, variables: { p: args.period } } }));
      } else if (msg.type === 'next') {
        messages++;
        const count = countIn(msg.payload);
        if (count !== undefined && !seen.has(count)) seen.set(count, performance.now());
        if (!settled) {
          settled = true;
          resolve();
        }
      } else if (msg.type === 'ping') {
        ws.send(JSON.stringify({ type: 'pong' }));
      } else if (msg.type === 'error') {
        reject(new Error(JSON.stringify(msg.payload)));
      }
    });
    ws.on('error', (e) => !settled && reject(e));
    ws.on('close', (code) => !settled && reject(new Error(`closed ${code}`)));
  });
}

let urlSeq = 0;
async function record(): Promise<void> {
  const res = await fetch(args.mutUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${args.token}` },
    body: JSON.stringify({
      query: RECORD,
      variables: {
        i: {
          departmentId: args.departmentId,
          categoryId: args.categoryId,
          channelId: args.channelId,
          publishedOn: args.today,
          title: `基准测试信息 ${process.pid}-${++urlSeq}`,
          url: `https://bench.example/${process.pid}/${Date.now()}-${urlSeq}`,
        },
      },
    }),
  });
  const body = (await res.json()) as { errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  // Connect in batches, like screens coming online.
  const t0 = performance.now();
  for (let i = 0; i < args.subscribers; i += 250) {
    await Promise.all(Array.from({ length: Math.min(250, args.subscribers - i) }, (_, j) => openSubscriber(i + j)));
  }
  say({ phase: 'subscribed', subscribers: args.subscribers, ms: Math.round(performance.now() - t0) });
  await sleep(1_000);

  if (args.mode === 'hold') {
    // Stay connected (and keep receiving every push) while another process measures.
    await sleep(args.seconds * 1000);
    say({ phase: 'held', messages });
    process.exit(0);
  }

  if (args.mode === 'throughput') {
    let done = 0;
    const until = performance.now() + args.seconds * 1000;
    await Promise.all(
      Array.from({ length: args.concurrency }, async () => {
        while (performance.now() < until) {
          await record();
          done++;
        }
      }),
    );
    say({ phase: 'throughput', perSecond: done / args.seconds, recorded: done });
    process.exit(0);
  }

  const base = args.subscribers ? Math.max(...seenAt.map((s) => Math.max(...s.keys()))) : 0;
  const sentAt: number[] = [];
  say({ phase: 'mutating', base });
  const interval = 1000 / args.rate;
  const start = performance.now();
  const total = Math.round(args.rate * args.seconds);
  const inflight: Promise<void>[] = [];
  for (let k = 1; k <= total; k++) {
    const due = start + (k - 1) * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    sentAt[k] = performance.now();
    inflight.push(record());
  }
  await Promise.all(inflight);
  say({ phase: 'mutated', total });
  // Let the last pushes arrive (or show that they do not).
  const deadline = performance.now() + 30_000;
  while (performance.now() < deadline && seenAt.some((s) => !s.has(base + total))) await sleep(100);

  const latencies: number[] = [];
  let delivered = 0;
  for (let k = 1; k <= total; k++) {
    let last = 0;
    let all = true;
    for (const s of seenAt) {
      // Coalesced pushes may skip a count: the first state at or beyond base + k delivers mutation k.
      let first = Infinity;
      for (const [count, at] of s) if (count >= base + k && at < first) first = at;
      if (first === Infinity) all = false;
      else last = Math.max(last, first);
    }
    if (all) {
      delivered++;
      latencies.push(last - sentAt[k]!);
    }
  }
  latencies.sort((a, b) => a - b);
  say({
    phase: 'result',
    mutations: total,
    deliveredToAll: delivered,
    deliveredPct: (100 * delivered) / total,
    messages,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
  });
  process.exit(0);
}

main().catch((e) => {
  say({ phase: 'error', message: String(e instanceof Error ? e.message : e) });
  process.exit(1);
});
