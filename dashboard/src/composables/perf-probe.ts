/**
 * Timing hooks for benchmarks and load tests (bounded: a fixed ring of samples, no growth).
 *   window.__dashboardPerf.setOptionSamples()  → the last ≤ 4096 setOption durations (ms)
 *   window.__lastBoardUpdate                   → { at: epoch ms, published } after the quota board was drawn
 *   event 'zwgk:board-update' on window         → the same, as it happens
 */
const RING = 4096;
const samples = new Float64Array(RING);
let count = 0;

export function recordSetOption(ms: number): void {
  samples[count % RING] = ms;
  count++;
}

export interface BoardUpdateMark {
  /** Epoch ms when the frame with the new board was about to be painted. */
  at: number;
  published: number;
}

declare global {
  interface Window {
    __dashboardPerf?: { setOptionSamples(): number[]; reset(): void; count(): number };
    __lastBoardUpdate?: BoardUpdateMark;
  }
}

export function installPerfProbe(): void {
  window.__dashboardPerf ??= {
    setOptionSamples: () => Array.from(samples.subarray(0, Math.min(count, RING))),
    reset: () => void (count = 0),
    count: () => count,
  };
}

/** Marks the quota board as drawn (after the DOM patch, at the next animation frame). */
export function markBoardUpdate(published: number): void {
  requestAnimationFrame(() => {
    const mark = { at: performance.timeOrigin + performance.now(), published };
    window.__lastBoardUpdate = mark;
    window.dispatchEvent(new CustomEvent('zwgk:board-update', { detail: mark }));
  });
}
