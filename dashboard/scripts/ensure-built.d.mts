/** Why the dashboard needs a build, or null when dashboard/dist is up to date. */
export function staleReason(): string | null;
/** Builds dashboard/dist with vite when stale; true when it built. */
export function ensureDashboardBuilt(options?: { quiet?: boolean }): boolean;
