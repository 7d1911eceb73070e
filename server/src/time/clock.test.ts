import { afterEach, describe, expect, it } from 'vitest';
import { shanghaiDate } from './calendar-date.js';
import { isClockSimulated, now, setClock } from './clock.js';

describe('clock', () => {
  afterEach(() => setClock(null));

  it('is the real time by default', () => {
    expect(isClockSimulated()).toBe(false);
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(50);
  });

  it('runs as of the set instant and advances with real time', () => {
    const real = Date.now();
    setClock(new Date('2027-01-01T09:30:00+08:00'), real - 5_000);
    expect(isClockSimulated()).toBe(true);
    const simulated = now().getTime() - Date.parse('2027-01-01T09:30:00+08:00');
    // Set 5 s "ago": now is 5 s past the instant.
    expect(simulated).toBeGreaterThanOrEqual(5_000);
    expect(simulated).toBeLessThan(6_000);
  });

  it('gives "today" in Shanghai on the simulated clock, whatever the process zone', () => {
    setClock(new Date('2026-12-31T23:59:00+08:00'));
    expect(shanghaiDate()).toBe('2026-12-31');
    setClock(new Date('2026-12-31T16:30:00Z'));
    expect(shanghaiDate()).toBe('2027-01-01');
  });
});
