/**
 * `npm run bench:dashboard`: the wall screen in Debian's Chromium.
 *   1. initial JS of /screen (gzip), from the scripts the page actually loads;
 *   2. 10,000 live quota-board updates into one page: ECharts setOption p95 and JS heap growth
 *      (after a forced GC, CDP Runtime.getHeapUsage).
 * The API is a stand-in (bench/dashboard/fake-api.ts) so that the figures are the page's own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { ensureDashboardBuilt } from '../../dashboard/scripts/ensure-built.mjs';
import { startFakeApi } from './fake-api.js';

// Page-side code below runs in the browser (the server tsconfig has no DOM types).
declare const window: any, document: any, navigator: any;

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIST = path.join(ROOT, 'dashboard', 'dist');
const UPDATES = Number(process.env.BENCH_UPDATES ?? 10_000);
const DEPARTMENTS = 30;
const OVERDUE_ITEMS = 200;

ensureDashboardBuilt();

const seq = 0;
/** A row's status for `published` of a target of 50, about 26.6 expected by today. */
function paceStatus(published: number): 'MET' | 'ON_PACE' | 'AT_RISK' | 'BEHIND' {
  if (published >= 50) return 'MET';
  if (published >= 24) return 'ON_PACE';
  if (published >= 16) return 'AT_RISK';
  return 'BEHIND';
}
function board(step: number) {
  const rows = Array.from({ length: DEPARTMENTS }, (_, i) => {
    const published = (step * (i + 3) + i * 7) % 60;
    const status = paceStatus(published);
    return {
      department: { id: String(i + 2), name: `测试单位${i + 1}` },
      category: null,
      depth: 1,
      parentId: '1',
      target: 50,
      published,
      expectedByToday: 26.6,
      completion: published / 50,
      status,
    };
  });
  const published = rows.reduce((s, r) => s + r.published, 0);
  return {
    quotaBoardChanged: {
      period: { key: '2026-Q4', label: '2026年第四季度', asOf: '2026-11-22', workingDays: 62, workingDaysElapsed: 33 },
      totals: { published, target: 50 * DEPARTMENTS, expectedByToday: 26.6 * DEPARTMENTS, completion: published / (50 * DEPARTMENTS), status: 'ON_PACE' },
      rows,
    },
  };
}
function overdue(step: number) {
  const kinds = ['TASK', 'APPLICATION', 'MESSAGE', 'PENALTY', 'PROPOSAL', 'NEW_MEDIA'];
  return {
    overdueChanged: Array.from({ length: OVERDUE_ITEMS }, (_, i) => ({
      kind: kinds[i % kinds.length],
      id: String(i + 1),
      deadlineId: String(step * 1000 + i),
      title: `事项 ${i + 1}（第 ${step} 次更新）`,
      department: { id: String((i % DEPARTMENTS) + 2), name: `测试单位${(i % DEPARTMENTS) + 1}` },
      dueDate: '2026-11-10',
      workingDaysOverdue: (i * 3 + step) % 25,
      state: i % 4 === 0 ? 'DUE_SOON' : 'OVERDUE',
      rule: '规则',
      policyBasis: '依据',
    })),
  };
}
function activity(step: number) {
  return {
    activityChanged: Array.from({ length: 20 }, (_, i) => ({
      id: String(step * 20 + i),
      at: new Date().toISOString(),
      action: '发布信息',
      targetType: 'Publication',
      department: { id: '2', name: '测试单位1' },
    })),
  };
}
const tasks = {
  taskChanged: Array.from({ length: 300 }, (_, i) => ({
    id: String(i),
    status: ['DONE', 'IN_PROGRESS', 'NOT_STARTED', 'NOT_APPLICABLE'][i % 4],
    progress: (i * 7) % 100,
    workPoint: { id: String(i % 16), number: `二(${(i % 16) + 1})`, title: `要点${i % 16}`, plan: { id: '1', year: 2026, title: '2026年政务公开工作要点' } },
  })),
};
const initial = (name: string): unknown => {
  switch (name) {
    case 'QuotaBoardLive':
      return board(seq);
    case 'OverdueLive':
      return overdue(0);
    case 'ActivityLive':
      return activity(0);
    case 'TasksLive':
      return tasks;
    case 'NewMediaAccounts':
      return { channels: [{ id: '3', name: '微信公众号“测试”', department: null }] };
    default:
      return null;
  }
};

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const api = await startFakeApi(DIST, initial);
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-bench-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1920, height: 1080 },
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--js-flags=--expose-gc',
  ],
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  const scripts = new Set<string>();
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') scripts.add(new URL(r.url()).pathname);
  });
  await page.goto(`${api.url}/screen?token=bench`);
  await Promise.all(['QuotaBoardLive', 'OverdueLive', 'ActivityLive', 'TasksLive'].map((n) => api.waitForSubscription(n)));
  await page.waitForSelector('[data-testid=quota-table] tr[data-department-id]');
  await page.waitForLoadState('networkidle');

  // 1. Initial JS of the wall screen.
  const files = [...scripts].map((p) => {
    const buf = fs.readFileSync(path.join(DIST, p));
    return { file: p, raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length };
  });
  const initialGzip = files.reduce((s, f) => s + f.gzip, 0);
  const initialRaw = files.reduce((s, f) => s + f.raw, 0);

  // 2. Live updates.
  const cdp = await context.newCDPSession(page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  const drain = async () =>
    (await page.evaluate(() => {
      const probe = (window as unknown as { __dashboardPerf: { setOptionSamples(): number[]; reset(): void } }).__dashboardPerf;
      const s = probe.setOptionSamples();
      probe.reset();
      return s;
    })) as number[];
  // Flow control: the page acknowledges each drawn board (its 'zwgk:board-update' event); at most
  // IN_FLIGHT updates are unacknowledged, so the page is driven as fast as it can draw, never buried.
  const IN_FLIGHT = 4;
  let acked = 0;
  let onAck: (() => void) | null = null;
  await page.exposeFunction('__benchAck', (n: number) => {
    acked = Math.max(acked, n);
    onAck?.();
  });
  await page.evaluate(() => window.addEventListener('zwgk:board-update', (e: any) => window.__benchAck(e.detail.published)));
  const waitAck = (n: number) =>
    new Promise<void>((resolve, reject) => {
      if (acked >= n) return resolve();
      const timer = setTimeout(() => reject(new Error(`update ${n} not drawn within 30 s (last ${acked})`)), 30_000);
      onAck = () => {
        if (acked >= n) {
          clearTimeout(timer);
          onAck = null;
          resolve();
        }
      };
    });
  const send = async (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const update = board(i);
      update.quotaBoardChanged.totals.published = i;
      api.push('QuotaBoardLive', update);
      if (i % 10 === 0) api.push('OverdueLive', overdue(i));
      if (i % 10 === 5) api.push('ActivityLive', activity(i));
      if (i - IN_FLIGHT >= from) await waitAck(i - IN_FLIGHT);
    }
    await waitAck(to - 1);
  };

  await send(1, 500); // warm-up: JIT, caches, first layouts
  await drain();
  const heapBefore = await heap();
  const samples: number[] = [];
  const started = Date.now();
  for (let done = 0; done < UPDATES; done += 2000) {
    await send(500 + done, 500 + Math.min(UPDATES, done + 2000));
    samples.push(...(await drain()));
  }
  const seconds = (Date.now() - started) / 1000;
  const heapAfter = await heap();
  const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);

  const result = {
    date: new Date().toISOString().slice(0, 10),
    chromium: context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent)),
    loadAverage: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
    initialJs: { files: files.length, rawKB: +(initialRaw / 1024).toFixed(1), gzipKB: +(initialGzip / 1024).toFixed(1), goalKB: 300 },
    updates: UPDATES,
    updatesPerSecond: +(UPDATES / seconds).toFixed(0),
    seconds: +seconds.toFixed(1),
    setOption: {
      calls: samples.length,
      p50: +percentile(samples, 50).toFixed(2),
      p95: +percentile(samples, 95).toFixed(2),
      p99: +percentile(samples, 99).toFixed(2),
      max: +Math.max(...samples).toFixed(2),
      goalP95: 16,
    },
    heap: {
      beforeMB: +(heapBefore / 2 ** 20).toFixed(2),
      afterMB: +(heapAfter / 2 ** 20).toFixed(2),
      growthMB: +((heapAfter - heapBefore) / 2 ** 20).toFixed(2),
      goalMB: 10,
    },
    domNodes,
  };
  console.log(JSON.stringify(result, null, 2));
  fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'test-results', 'bench-dashboard.json'), JSON.stringify({ ...result, files }, null, 2));
} finally {
  await context.close();
  await api.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
