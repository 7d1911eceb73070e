import { onScopeDispose, ref, type Ref } from 'vue';

const DATE_PARTS = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const SHORT_TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });
const DATE_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** Today in Asia/Shanghai as YYYY-MM-DD (the server's calendar), whatever the browser's zone. */
export function shanghaiDate(at: number | Date = Date.now()): string {
  return DATE_PARTS.format(at);
}

/** The quarter containing the day, as the API writes it: 2026-Q4. */
export function quarterKey(date: string): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

export function formatTime(at: number | string | Date): string {
  return TIME.format(new Date(at));
}
export function formatShortTime(at: number | string | Date): string {
  return SHORT_TIME.format(new Date(at));
}
export function formatDateTime(at: number | string | Date | null | undefined): string {
  return at ? DATE_TIME.format(new Date(at)) : '—';
}

/** A clock that ticks every `intervalMs` while the component lives. */
export function useNow(intervalMs = 1000): Ref<number> {
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), intervalMs);
  onScopeDispose(() => clearInterval(timer));
  return now;
}
