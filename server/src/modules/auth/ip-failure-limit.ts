import { DomainError } from '../../errors.js';

/** Too many failed sign-ins from one address: wait, then try again. */
export class TooManyFailuresError extends DomainError {
  readonly code = 'TOO_MANY_REQUESTS' as const;
  constructor(retryAfterSeconds: number) {
    super(`此网络地址登录失败次数过多，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试`, 'TOO_MANY_FAILURES', undefined, { retryAfterSeconds });
  }
}

/**
 * Failed `login`/`refreshSession` calls per client address in a sliding window (in this instance's
 * memory). Only failures count: an office behind one NAT address signing in at 9:00 is never slowed;
 * someone spraying passwords over many usernames from one address is (the per-name lockout alone
 * lets them try 4 passwords on every name). Bounded: at most `maxAddresses` addresses are tracked.
 */
export class IpFailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxAddresses = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws TooManyFailuresError while `address` is over the limit. */
  assertAllowed(address: string | undefined): void {
    if (!address || this.limit <= 0) return;
    const recent = this.recent(address);
    if (recent.length >= this.limit) throw new TooManyFailuresError((recent[0]! + this.windowMs - this.now()) / 1000);
  }

  recordFailure(address: string | undefined): void {
    if (!address || this.limit <= 0) return;
    const recent = this.recent(address);
    recent.push(this.now());
    // Re-inserted last: the Map's order is least recently failed first, which is what we evict.
    this.failures.delete(address);
    this.failures.set(address, recent.slice(-this.limit));
    if (this.failures.size > this.maxAddresses) this.failures.delete(this.failures.keys().next().value!);
  }

  private recent(address: string): number[] {
    const since = this.now() - this.windowMs;
    const kept = (this.failures.get(address) ?? []).filter((t) => t > since);
    if (kept.length) this.failures.set(address, kept);
    else this.failures.delete(address);
    return kept;
  }
}
