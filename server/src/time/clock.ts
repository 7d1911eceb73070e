/**
 * The server's notion of "now". Normally the real time; with `CLOCK_AT` (development and tests
 * only) the instant given, advancing with real time, so that the demo, the deadline engine and
 * every "today" can be shown as of another date (screenshots, demos of 1 January …).
 * Everything that computes today or overdue reads the time here, never `new Date()` directly.
 */
let offsetMs = 0;

/** Makes `now()` the given instant from this moment on (null: the real time again). */
export function setClock(at: Date | null, realNowMs = Date.now()): void {
  offsetMs = at ? at.getTime() - realNowMs : 0;
}

/** True while the clock is simulated. */
export function isClockSimulated(): boolean {
  return offsetMs !== 0;
}

/** The current instant on the server's clock, in epoch milliseconds. */
export function nowMs(): number {
  return Date.now() + offsetMs;
}

/** The current instant on the server's clock. */
export function now(): Date {
  return new Date(nowMs());
}
