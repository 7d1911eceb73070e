import type { MikroORM } from '@mikro-orm/postgresql';
import { DeadlineService } from './deadline.service.js';

/**
 * Moves deadlines between states as days pass (due soon → overdue → long overdue). Runs on
 * every instance; the advisory lock in `sweep` lets one at a time do the work, and each move
 * is guarded by the state it leaves, so it happens exactly once.
 */
export function startDeadlineSweeper(
  orm: MikroORM,
  intervalMs: number,
  onError: (e: unknown) => void,
  onSwept: (moved: number) => void = () => undefined,
): () => Promise<void> {
  let running: Promise<unknown> | undefined;
  const tick = () => {
    running ??= new DeadlineService(orm.em.fork())
      .sweep()
      .then((r) => onSwept(r.moves.length))
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
