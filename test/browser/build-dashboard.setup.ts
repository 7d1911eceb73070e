/**
 * Global setup of the browser tests: the server serves dashboard/dist, so build it when it is
 * missing or older than its sources (a no-op on a warm tree, ≈ 3 s otherwise).
 */
import { ensureDashboardBuilt } from '../../dashboard/scripts/ensure-built.mjs';

export function setup(): void {
  ensureDashboardBuilt({ quiet: true });
}
