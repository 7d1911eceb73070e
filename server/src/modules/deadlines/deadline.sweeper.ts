import type { MikroORM } from '@mikro-orm/postgresql';
import { startPeriodic } from '../../core/periodic.js';
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
  return startPeriodic(async () => onSwept((await new DeadlineService(orm.em.fork()).sweep()).moves.length), intervalMs, onError);
}
