/**
 * Runs `task` now and then every `intervalMs`, never two runs at once (a tick while one runs is
 * skipped). Errors go to `onError`; the timer does not keep the process alive. Returns a stop
 * function that waits for a run in progress.
 */
export function startPeriodic(task: () => Promise<unknown>, intervalMs: number, onError: (e: unknown) => void): () => Promise<void> {
  let running: Promise<unknown> | undefined;
  const tick = () => {
    running ??= task()
      .catch(onError)
      .finally(() => (running = undefined));
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
